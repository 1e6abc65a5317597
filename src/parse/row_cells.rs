//! A raw table row's cells read from its text for assembly ([`super::tables`]):
//! the tabs between cells and the spaces inside them found together, eight
//! bytes at a time, and only a cell holding a space repaired (every repair
//! rule concerns whitespace; cells arrive trimmed).

use super::blocks::RawRow;
use super::cell_repair::repaired;
use super::chars::marks_below;
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
    for_each_tab_or_space(text.as_bytes(), |at, tab| {
        if tab {
            cells.push(cell(&text[start..at], spaced));
            (start, spaced) = (at + 1, false);
        } else {
            spaced = true;
        }
    });
    cells.push(cell(&text[start..], spaced));
    cells
}

/// Call `f(at, is_tab)` at each tab and each space of `b`, in order: the
/// bytes up to the space are found eight at a time, then told apart.
fn for_each_tab_or_space(b: &[u8], mut f: impl FnMut(usize, bool)) {
    let mut at_byte = |at: usize, c: u8| match c {
        b'\t' => f(at, true),
        b' ' => f(at, false),
        _ => {}
    };
    let (words, rest) = b.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let mut marks = marks_below(u64::from_le_bytes(*word), b' ' + 1);
        while marks != 0 {
            let j = marks.trailing_zeros() as usize / 8;
            marks &= marks - 1;
            at_byte(k * 8 + j, word[j]);
        }
    }
    let base = words.len() * 8;
    for (j, &c) in rest.iter().enumerate() {
        at_byte(base + j, c);
    }
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
