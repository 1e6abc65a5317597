//! Text → normalized lines, each keeping its original 1-based line number.

use crate::model::LineNo;

/// One line of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the original file.
    pub no: LineNo,
    pub text: String,
}

/// Split text into normalized lines (TODO: real normalization).
pub fn split_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: (i + 1) as LineNo,
            text: l.to_string(),
        })
        .collect()
}
