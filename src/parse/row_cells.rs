//! A raw table row's cells read from its text for assembly ([`super::tables`]):
//! the tabs between cells and the spaces inside them found together, eight
//! bytes at a time, and only a cell holding a space repaired (every repair
//! rule concerns whitespace; cells arrive trimmed).

use super::blocks::RawRow;
use super::cell_repair::repaired;
use super::chars::for_each_byte_below;
use crate::model::LineNo;
use std::borrow::Cow;

/// A raw row's text and cell count ([`RawRow`]'s cells taken apart).
pub(super) struct RawText {
    pub(super) line: LineNo,
    /// The cells, separated by tabs (a cell holds none).
    text: Box<str>,
    /// How many cells (0: none, the text empty).
    count: u32,
}

/// The rows, their cells taken apart.
pub(super) fn raw_texts(rows: Vec<RawRow>) -> Vec<RawText> {
    rows.into_iter()
        .map(|r| {
            let (text, count) = r.cells.into_parts();
            RawText {
                line: r.line,
                text,
                count,
            }
        })
        .collect()
}

/// The row's cells in order, each repaired when it holds a space
/// ([`repaired`]), borrowed otherwise.
pub(super) fn repaired_cells(raw: &RawText) -> Vec<Cow<'_, str>> {
    let mut cells = Vec::with_capacity(raw.count as usize);
    if raw.count == 0 {
        return cells;
    }
    let text = &*raw.text;
    let cell = |c, spaced| {
        if spaced {
            repaired(c)
        } else {
            Cow::Borrowed(c)
        }
    };
    let (mut start, mut spaced) = (0, false);
    // the tabs between cells and the spaces inside them, found together
    for_each_byte_below(text.as_bytes(), b' ' + 1, |at, c| match c {
        b'\t' => {
            cells.push(cell(&text[start..at], spaced));
            (start, spaced) = (at + 1, false);
        }
        b' ' => spaced = true,
        _ => {}
    });
    cells.push(cell(&text[start..], spaced));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::RawCells;

    fn row(cells: &[&str]) -> RawText {
        let mut rows = raw_texts(vec![RawRow {
            line: 7,
            last: 7,
            cells: RawCells::new(cells.iter().copied()),
        }]);
        rows.remove(0)
    }

    proptest::proptest! {
        /// The cells read in one pass are the row's cells, those with a
        /// space repaired as [`repaired`] repairs them one by one.
        #[test]
        fn cells_are_the_rows_cells_repaired(
            cells in proptest::collection::vec("[ a中\u{3000}1.\u{89}]{0,12}", 0..6)
        ) {
            let cells: Vec<String> = cells.iter().map(|c| c.trim_ascii().to_string()).collect();
            let raw = row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
            let want: Vec<String> = cells
                .iter()
                .map(|c| match c.contains(' ') {
                    true => repaired(c).into_owned(),
                    false => c.clone(),
                })
                .collect();
            let got: Vec<String> = repaired_cells(&raw).into_iter().map(Cow::into_owned).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
