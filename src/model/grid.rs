//! [`Grid`]: the rows of cells of a table, their text stored once.
//!
//! A table of a thousand rows has tens of thousands of cells, most of them a
//! few bytes (`397.10`, `2010301`). One `String` per cell costs 24 bytes plus
//! an allocation for each; a grid keeps all the cells' text in one string and
//! a 4-byte end per cell (an arena), about a third of the memory, and its
//! rows are read without an allocation.
//!
//! A grid is made once ([`GridBuilder`]) and not changed after: its text is
//! shared ([`Grid::shared_text`]) with what is read from its cells, such as
//! the performance indicators of a table, which then hold no copy.
//!
//! Serialized as an array of rows, each an array of strings, as a
//! `Vec<Vec<String>>` would be.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Rows of cells (text as printed). Rows may differ in length.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Grid {
    /// Every cell's text, one after the other.
    text: Arc<str>,
    /// Where each cell ends in `text`; it starts where the one before ends.
    ends: Box<[u32]>,
    /// Where each row ends in `ends`.
    rows: Box<[u32]>,
}

/// `n` as an offset of a grid. Files are read up to 1 GiB
/// ([`crate::load::MAX_FILE_BYTES`]), so one table's text never comes near
/// 4 GiB; past it the offset saturates and the cells read empty rather than
/// wrong.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A [`Grid`] being made, row by row.
#[derive(Debug, Default)]
pub struct GridBuilder {
    text: String,
    ends: Vec<u32>,
    rows: Vec<u32>,
}

impl GridBuilder {
    /// A grid to make with room for `text` bytes of cell text, `cells`
    /// cells and `rows` rows.
    pub fn with_capacity(text: usize, cells: usize, rows: usize) -> GridBuilder {
        GridBuilder {
            text: String::with_capacity(text),
            ends: Vec::with_capacity(cells),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Add a row at the end.
    pub fn push_row<C, S>(&mut self, cells: C)
    where
        C: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.text.push_str(cell.as_ref());
            self.ends.push(offset(self.text.len()));
        }
        self.rows.push(offset(self.ends.len()));
    }

    /// The grid made, without room beyond what its cells take.
    pub fn finish(self) -> Grid {
        Grid {
            text: Arc::from(self.text),
            ends: self.ends.into_boxed_slice(),
            rows: self.rows.into_boxed_slice(),
        }
    }
}

impl Grid {
    /// An empty grid.
    pub fn new() -> Grid {
        Grid::default()
    }

    /// A grid of these rows.
    pub fn from_rows<R, C, S>(rows: R) -> Grid
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut grid = GridBuilder::default();
        for row in rows {
            grid.push_row(row);
        }
        grid.finish()
    }

    /// Every cell's text, one after the other, shared: a text read from the
    /// cells can be kept as a place in it instead of a copy (see
    /// [`crate::model::Indicator::in_cells`]).
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    #[inline]
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    #[inline]
    /// Row `r`, if there is one.
    pub fn get(&self, r: usize) -> Option<GridRow<'_>> {
        let end = *self.rows.get(r)? as usize;
        let first = match r {
            0 => 0,
            _ => self.rows[r - 1] as usize,
        };
        let start = match first {
            0 => 0,
            _ => self.ends.get(first - 1).copied().unwrap_or(0),
        };
        Some(GridRow {
            text: &self.text,
            ends: self.ends.get(first..end).unwrap_or_default(),
            start,
        })
    }

    #[inline]
    /// Row `r`; an empty row past the last.
    pub fn row(&self, r: usize) -> GridRow<'_> {
        self.get(r).unwrap_or(GridRow {
            text: "",
            ends: &[],
            start: 0,
        })
    }

    #[inline]
    /// The text of cell `c` of row `r`, if there is one.
    pub fn cell(&self, r: usize, c: usize) -> Option<&str> {
        self.get(r)?.get(c)
    }

    #[inline]
    pub fn first(&self) -> Option<GridRow<'_>> {
        self.get(0)
    }

    #[inline]
    pub fn last(&self) -> Option<GridRow<'_>> {
        self.get(self.len().checked_sub(1)?)
    }

    #[inline]
    /// The rows in order.
    pub fn iter(&self) -> GridRows<'_> {
        GridRows {
            grid: self,
            next: 0,
            end: self.len(),
        }
    }

    /// The rows as owned strings.
    pub fn to_vecs(&self) -> Vec<Vec<String>> {
        self.iter().map(|row| row.to_vec()).collect()
    }

    /// Bytes of cell text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of cells in all rows.
    pub fn cell_count(&self) -> usize {
        self.ends.len()
    }

    /// The grid's parts, for a binary encoding: the text, each cell's end,
    /// each row's end.
    pub fn parts(&self) -> (&str, &[u32], &[u32]) {
        (&self.text, &self.ends, &self.rows)
    }

    /// A grid from [`Grid::parts`]; `None` when they do not fit together
    /// (ends going back, past the text or inside a character).
    pub fn from_parts(text: impl Into<Arc<str>>, ends: Vec<u32>, rows: Vec<u32>) -> Option<Grid> {
        let text: Arc<str> = text.into();
        let mut last = 0;
        for &end in &ends {
            if end < last || !text.is_char_boundary(end as usize) {
                return None;
            }
            last = end;
        }
        let mut last = 0;
        for &end in &rows {
            if end < last || end as usize > ends.len() {
                return None;
            }
            last = end;
        }
        Some(Grid {
            text,
            ends: ends.into_boxed_slice(),
            rows: rows.into_boxed_slice(),
        })
    }
}

/// One row of a [`Grid`]: its cells' text, borrowed.
#[derive(Clone, Copy)]
pub struct GridRow<'a> {
    /// The grid's text.
    text: &'a str,
    /// Where each of the row's cells ends in `text`.
    ends: &'a [u32],
    /// Where the row's first cell starts.
    start: u32,
}

impl<'a> GridRow<'a> {
    #[inline]
    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    #[inline]
    /// The text of cell `c`, if there is one.
    pub fn get(&self, c: usize) -> Option<&'a str> {
        let to = *self.ends.get(c)?;
        let from = match c {
            0 => self.start,
            _ => self.ends[c - 1],
        };
        Some(self.text.get(from as usize..to as usize).unwrap_or(""))
    }

    #[inline]
    pub fn first(&self) -> Option<&'a str> {
        self.get(0)
    }

    #[inline]
    pub fn last(&self) -> Option<&'a str> {
        self.get(self.len().checked_sub(1)?)
    }

    #[inline]
    /// The cells in order.
    pub fn iter(&self) -> GridCells<'a> {
        GridCells {
            text: self.text,
            ends: self.ends.iter(),
            pos: self.start,
        }
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl std::ops::Index<usize> for GridRow<'_> {
    type Output = str;
    #[inline]
    /// Cell `c`; panics past the row's end, as a slice does.
    fn index(&self, c: usize) -> &str {
        match self.get(c) {
            Some(text) => text,
            None => panic!("cell {c} of a row of {}", self.len()),
        }
    }
}

impl std::fmt::Debug for GridRow<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for GridRow<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for GridRow<'_> {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for GridRow<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for GridRow<'_> {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

/// The rows of a [`Grid`], in order.
#[derive(Clone)]
pub struct GridRows<'a> {
    grid: &'a Grid,
    next: usize,
    end: usize,
}

impl<'a> Iterator for GridRows<'a> {
    type Item = GridRow<'a>;
    #[inline]
    fn next(&mut self) -> Option<GridRow<'a>> {
        if self.next >= self.end {
            return None;
        }
        self.next += 1;
        self.grid.get(self.next - 1)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<GridRow<'a>> {
        self.next = self.next.saturating_add(n).min(self.end);
        self.next()
    }
}

impl DoubleEndedIterator for GridRows<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        self.end -= 1;
        self.grid.get(self.end)
    }
}

impl ExactSizeIterator for GridRows<'_> {}

/// The cells of a [`GridRow`], in order.
#[derive(Clone)]
pub struct GridCells<'a> {
    text: &'a str,
    /// The ends of the cells not yet read.
    ends: std::slice::Iter<'a, u32>,
    /// Where the next cell starts.
    pos: u32,
}

impl<'a> Iterator for GridCells<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let end = *self.ends.next()?;
        let cell = self.text.get(self.pos as usize..end as usize).unwrap_or("");
        self.pos = end;
        Some(cell)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<&'a str> {
        if n > 0 {
            self.pos = *self.ends.nth(n - 1)?;
        }
        self.next()
    }
}

impl DoubleEndedIterator for GridCells<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let end = *self.ends.next_back()?;
        let from = self.ends.as_slice().last().copied().unwrap_or(self.pos);
        Some(self.text.get(from as usize..end as usize).unwrap_or(""))
    }
}

impl ExactSizeIterator for GridCells<'_> {}

impl<'a> IntoIterator for &'a Grid {
    type Item = GridRow<'a>;
    type IntoIter = GridRows<'a>;
    #[inline]
    fn into_iter(self) -> GridRows<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for GridRow<'a> {
    type Item = &'a str;
    type IntoIter = GridCells<'a>;
    #[inline]
    fn into_iter(self) -> GridCells<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &GridRow<'a> {
    type Item = &'a str;
    type IntoIter = GridCells<'a>;
    #[inline]
    fn into_iter(self) -> GridCells<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<Vec<S>> for Grid {
    fn from_iter<I: IntoIterator<Item = Vec<S>>>(rows: I) -> Grid {
        Grid::from_rows(rows)
    }
}

impl<S: AsRef<str>> From<Vec<Vec<S>>> for Grid {
    fn from(rows: Vec<Vec<S>>) -> Grid {
        Grid::from_rows(rows)
    }
}

impl Serialize for Grid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl Serialize for GridRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Grid {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Grid, D::Error> {
        let rows = Vec::<Vec<String>>::deserialize(d)?;
        Ok(Grid::from_rows(rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Grid {
        Grid::from_rows([vec!["科目", "金额"], vec![], vec!["", "397.10", "注"]])
    }

    #[test]
    fn rows_and_cells_read_back_as_pushed() {
        let g = sample();
        assert_eq!(g.len(), 3);
        assert_eq!(g.row(0), ["科目", "金额"]);
        assert!(g.row(1).is_empty());
        assert_eq!(g.row(2).to_vec(), vec!["", "397.10", "注"]);
        assert_eq!(g.cell(2, 1), Some("397.10"));
        assert_eq!(g.cell(2, 3), None);
        assert_eq!(g.cell(3, 0), None);
        assert!(g.row(9).is_empty());
        assert_eq!(&g.row(0)[1], "金额");
        assert_eq!(g.last().map(|r| r.len()), Some(3));
        assert_eq!(
            g.iter().rev().map(|r| r.len()).collect::<Vec<_>>(),
            [3, 0, 2]
        );
        assert_eq!(g.row(2).iter().next_back(), Some("注"));
        assert_eq!(g.cell_count(), 5);
    }

    #[test]
    fn a_grid_is_its_shared_text_and_two_lists() {
        // a document may hold tens of thousands of grids (two per table)
        assert_eq!(std::mem::size_of::<Grid>(), 48);
        let g = sample();
        let shared = std::sync::Arc::clone(g.shared_text());
        assert_eq!(&*shared, "科目金额397.10注");
        assert!(std::ptr::eq(g.cell(2, 1).unwrap(), &shared[12..18]));
    }

    #[test]
    fn serializes_as_arrays_of_strings() {
        let g = sample();
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(json, r#"[["科目","金额"],[],["","397.10","注"]]"#);
        let back: Grid = serde_json::from_str(&json).unwrap();
        assert_eq!(back, g);
    }

    #[test]
    fn parts_that_do_not_fit_are_refused() {
        let g = sample();
        let (text, ends, rows) = g.parts();
        let back = Grid::from_parts(text, ends.to_vec(), rows.to_vec());
        assert_eq!(back.as_ref(), Some(&g));
        // an end inside 科 (3 bytes)
        assert!(Grid::from_parts("科目", vec![1], vec![1]).is_none());
        assert!(Grid::from_parts("ab", vec![2, 1], vec![2]).is_none());
        assert!(Grid::from_parts("ab", vec![3], vec![1]).is_none());
        assert!(Grid::from_parts("ab", vec![1, 2], vec![3]).is_none());
    }
}
