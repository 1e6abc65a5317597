//! A raw table row's cells read from its text for assembly ([`super::tables`]):
//! the tabs between cells and the spaces inside them found together, eight
//! bytes at a time, and only a cell holding a space repaired (every repair
//! rule concerns whitespace; cells arrive trimmed).

use super::blocks::RawRow;
use super::cell_repair::repaired;
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

/// Call `f(at, is_tab)` at each tab and each space of `b`, in order.
fn for_each_tab_or_space(b: &[u8], mut f: impl FnMut(usize, bool)) {
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let tabs = bytes_equal(word, b'\t');
        let mut marks = tabs | bytes_equal(word, b' ');
        while marks != 0 {
            let bit = marks & marks.wrapping_neg();
            f(base + bit.trailing_zeros() as usize / 8, tabs & bit != 0);
            marks ^= bit;
        }
        base += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if c == b'\t' || c == b' ' {
            f(base + k, c == b'\t');
        }
    }
}

/// The high bit of each byte of `word` equal to `byte`, every byte tested
/// on its own (no borrow from one byte into the next).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    let x = word ^ u64::from_ne_bytes([byte; 8]);
    !(((x & LOW7) + LOW7) | x | LOW7)
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

    #[test]
    fn each_byte_is_tested_on_its_own() {
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let word = [x, y, y, x, 0, y, x, 0xFF];
                for byte in [b'\t', b' '] {
                    let want = word
                        .iter()
                        .enumerate()
                        .fold(0u64, |m, (k, &c)| m | u64::from(c == byte) << (8 * k + 7));
                    assert_eq!(bytes_equal(u64::from_le_bytes(word), byte), want);
                }
            }
        }
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
