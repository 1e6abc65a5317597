//! A table row as read from the text, before its cells are repaired: all its
//! cells in one string, so that a document's raw rows (held together until
//! its tables are assembled) cost one allocation each, not one per cell.
//! (`pub(crate)`: the module `blocks` is private to the parser, so no further.)

use super::super::chars::find_byte;
use crate::model::LineNo;

/// One row of a table as it appears in the text (cells not yet repaired).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRow {
    pub(crate) line: LineNo,
    /// The row's last line (a row encoded one cell per line spans several).
    pub(crate) last: LineNo,
    pub(crate) cells: RawCells,
}

/// A row's cells, in order, in one string separated by tabs (a cell holds
/// none: a tab in a cell's text is stored as a space).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RawCells {
    text: Box<str>,
    /// How many cells (0: none, the text empty).
    count: u32,
}

impl RawCells {
    /// The cells of `cells`, in order.
    pub(crate) fn new<'a>(cells: impl IntoIterator<Item = &'a str>) -> RawCells {
        let mut text = String::new();
        let mut count = 0u32;
        for cell in cells {
            if count > 0 {
                text.push('\t');
            }
            count = count.saturating_add(1);
            push_cell(&mut text, cell);
        }
        RawCells {
            text: text.into_boxed_str(),
            count,
        }
    }

    /// The cells of a line holding `tabs` tabs split at them, each trimmed
    /// of spaces (a normalized line's only ASCII whitespace but its tabs: see
    /// [`padded`]); `None` when there are more than `max`.
    #[inline]
    pub(crate) fn from_tab_line(line: &str, tabs: u32, max: usize) -> Option<RawCells> {
        let count = tabs.saturating_add(1);
        if count as usize > max {
            return None;
        }
        let padded = padded(line.as_bytes());
        if !padded {
            return Some(RawCells {
                text: line.into(),
                count,
            });
        }
        let mut text = String::with_capacity(line.len());
        for (k, cell) in line.split('\t').enumerate() {
            if k > 0 {
                text.push('\t');
            }
            text.push_str(cell.trim_ascii());
        }
        Some(RawCells {
            text: text.into_boxed_str(),
            count,
        })
    }

    /// The cells in order.
    pub(crate) fn iter(&self) -> Cells<'_> {
        RawCells::iter_parts(&self.text, self.count)
    }

    /// Its text and cell count, to be kept apart ([`RawCells::from_parts`]).
    pub(crate) fn into_parts(self) -> (Box<str>, u32) {
        (self.text, self.count)
    }

    /// The cells [`RawCells::into_parts`] gave.
    pub(crate) fn from_parts(text: Box<str>, count: u32) -> RawCells {
        RawCells { text, count }
    }

    /// The cells of the parts of a [`RawCells`], in order.
    pub(crate) fn iter_parts(text: &str, count: u32) -> Cells<'_> {
        Cells {
            rest: (count > 0).then_some(text),
            left: count as usize,
        }
    }
}

/// True when a cell of the tab-separated line `b` has ASCII whitespace
/// other than a tab at either end (mostly none has: the line is the text).
/// A line holds no control character but the tab (normalizing removed
/// them, and split the lines at their ends), so that whitespace is a space.
fn padded(b: &[u8]) -> bool {
    let next_to_tab =
        |i: usize| i.checked_sub(1).is_some_and(|p| b[p] == b'\t') || b.get(i + 1) == Some(&b'\t');
    b.first() == Some(&b' ')
        || b.last() == Some(&b' ')
        || memchr::memchr_iter(b' ', b).any(next_to_tab)
}

/// Append one cell's text, a tab in it as a space.
fn push_cell(text: &mut String, cell: &str) {
    if find_byte(b'\t', cell.as_bytes()).is_none() {
        text.push_str(cell);
    } else {
        text.extend(cell.chars().map(|c| if c == '\t' { ' ' } else { c }));
    }
}

/// The cells of a [`RawCells`], in order.
pub(crate) struct Cells<'a> {
    rest: Option<&'a str>,
    left: usize,
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        self.left = self.left.saturating_sub(1);
        match find_byte(b'\t', rest.as_bytes()) {
            Some(tab) => {
                self.rest = Some(&rest[tab + 1..]);
                Some(&rest[..tab])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Cells<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(c: &RawCells) -> Vec<&str> {
        c.iter().collect()
    }

    #[test]
    fn cells_round_trip() {
        let c = RawCells::new(["a", "", "b c", ""]);
        assert_eq!(c.iter().len(), 4);
        assert_eq!(cells(&c), ["a", "", "b c", ""]);
        assert_eq!(RawCells::new([]).iter().len(), 0);
        assert_eq!(cells(&RawCells::new([])), Vec::<&str>::new());
        assert_eq!(cells(&RawCells::new([""])), [""]);
    }

    #[test]
    fn a_tab_in_a_cell_is_a_space() {
        assert_eq!(cells(&RawCells::new(["a\tb", "c"])), ["a b", "c"]);
    }

    #[test]
    fn tab_lines_are_split_and_trimmed() {
        for (line, want) in [
            (" 合计 \t\t1,234.5 ", &["合计", "", "1,234.5"][..]),
            ("合计\t\t1,234.5", &["合计", "", "1,234.5"]),
            ("\t\t", &["", "", ""]),
            ("a \tb", &["a", "b"]),
            ("a\t b", &["a", "b"]),
            ("a\t \tb", &["a", "", "b"]),
            ("\u{3000}a\t b\u{3000}", &["\u{3000}a", "b\u{3000}"]),
            ("a b\tc d", &["a b", "c d"]),
        ] {
            let tabs = line.matches('\t').count() as u32;
            let c = RawCells::from_tab_line(line, tabs, usize::MAX).expect("under the limit");
            assert_eq!(cells(&c), want, "{line:?}");
            assert_eq!(c.iter().len(), want.len(), "{line:?}");
        }
        assert!(RawCells::from_tab_line("a\tb\tc", 2, 2).is_none());
        assert!(RawCells::from_tab_line("a\tb\tc", 2, 3).is_some());
    }
}
