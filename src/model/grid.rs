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
//! `Vec<Vec<String>>` would be. A row's cells are read by [`GridCells`]
//! (`grid_cells.rs`).

use super::grid_cells::GridCells;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Rows of cells (text as printed). Rows may differ in length.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Grid {
    /// Every cell's text, one after the other.
    text: Arc<str>,
    /// Where each cell ends, counted from the start of its row's text (two
    /// bytes a cell, not four: most rows are a few dozen bytes). A wide row
    /// (64 KiB of text or more) takes two entries a cell: the low, then the
    /// high 16 bits.
    ends: Box<[u16]>,
    /// Each row: where its text starts, where its entries in `ends` end.
    rows: Box<[RowAt]>,
}

/// Where a row of a [`Grid`] is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct RowAt {
    /// Where the row's text starts in the grid's text.
    start: u32,
    /// Where its entries in `ends` end, with [`WIDE`] set for a wide row.
    ends: u32,
}

/// [`RowAt::ends`]: the row is wide (two entries a cell).
const WIDE: u32 = 1 << 31;

/// `n` as an offset of a grid. Files are read up to 1 GiB
/// ([`crate::load::MAX_FILE_BYTES`]), so one table's text never comes near
/// 2 GiB; past it the offset saturates and the cells read empty rather than
/// wrong.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).min(WIDE - 1)
}

/// A [`Grid`] being made, row by row.
#[derive(Debug, Default)]
pub struct GridBuilder {
    text: String,
    ends: Vec<u16>,
    rows: Vec<RowAt>,
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
        let start = self.text.len();
        let first = self.ends.len();
        let mut wide = false;
        for cell in cells {
            self.text.push_str(cell.as_ref());
            self.push_end(first, &mut wide, self.text.len() - start);
        }
        self.close_row(offset(start), wide);
    }

    /// Add a row of `width` cells: `cells`, cut to `width` or padded with
    /// empty cells (a table's rows all as wide as the table).
    pub fn push_row_of_width<S: AsRef<str>>(&mut self, cells: &[S], width: usize) {
        let start = self.text.len();
        let first = self.ends.len();
        self.ends.reserve(width);
        let mut wide = false;
        let cells = cells.get(..width).unwrap_or(cells);
        for cell in cells {
            self.text.push_str(cell.as_ref());
            let end = self.text.len() - start;
            // a narrow row's end pushed here, the rest by `push_end`
            match u16::try_from(end) {
                Ok(end) if !wide => self.ends.push(end),
                _ => self.push_end(first, &mut wide, end),
            }
        }
        // the empty cells all end where the row's text ends
        let end = self.text.len() - start;
        let padding = width - cells.len();
        match u16::try_from(end) {
            Ok(end) if !wide => self.ends.resize(self.ends.len() + padding, end),
            _ => (0..padding).for_each(|_| self.push_end(first, &mut wide, end)),
        }
        self.close_row(offset(start), wide);
    }

    /// Add the end of a cell of the row whose entries start at `first` in
    /// `ends`, `end` bytes from the row's start; a row whose ends no longer
    /// fit 2 bytes becomes `wide`, its ends so far rewritten in two halves.
    #[inline]
    fn push_end(&mut self, first: usize, wide: &mut bool, end: usize) {
        if !*wide {
            if let Ok(end) = u16::try_from(end) {
                self.ends.push(end);
                return;
            }
            let narrow: Vec<u16> = self.ends.drain(first..).collect();
            self.ends.extend(narrow.into_iter().flat_map(|e| [e, 0]));
            *wide = true;
        }
        let end = offset(end);
        self.ends.push(end as u16);
        self.ends.push((end >> 16) as u16);
    }

    /// End the row whose text starts at `start`.
    fn close_row(&mut self, start: u32, wide: bool) {
        let ends = offset(self.ends.len());
        self.rows.push(RowAt {
            start,
            ends: if wide { ends | WIDE } else { ends },
        });
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
        let at = *self.rows.get(r)?;
        let from = match r {
            0 => 0,
            _ => (self.rows[r - 1].ends & !WIDE) as usize,
        };
        let to = (at.ends & !WIDE) as usize;
        Some(GridRow {
            text: &self.text,
            start: at.start as usize,
            ends: self.ends.get(from..to).unwrap_or_default(),
            wide: at.ends & WIDE != 0,
        })
    }

    #[inline]
    /// Row `r`; an empty row past the last.
    pub fn row(&self, r: usize) -> GridRow<'_> {
        self.get(r).unwrap_or(GridRow {
            text: "",
            start: 0,
            ends: &[],
            wide: false,
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
        self.iter().map(|r| r.len()).sum()
    }

    /// Number of cells of the widest row (0 without rows): the longest
    /// [`GridRow::len`], read from where the rows end, no row made.
    pub fn widest(&self) -> usize {
        let mut from = 0;
        let mut widest = 0;
        for at in &self.rows {
            let to = (at.ends & !WIDE) as usize;
            let entries = self.ends.get(from..to).map_or(0, <[u16]>::len);
            let cells = if at.ends & WIDE != 0 {
                entries / 2
            } else {
                entries
            };
            widest = widest.max(cells);
            from = to;
        }
        widest
    }

    /// A grid of `text` whose cells end at `ends` in it and whose rows end
    /// at `rows` in `ends` (a binary encoding's form: see
    /// [`crate::cache`]); `None` when they do not fit together (ends going
    /// back, past the text or inside a character).
    pub fn from_parts(text: impl Into<Arc<str>>, ends: Vec<u32>, rows: Vec<u32>) -> Option<Grid> {
        let text: Arc<str> = text.into();
        if text.len() >= WIDE as usize {
            return None;
        }
        let mut last = 0;
        for &end in &ends {
            if end < last || !text.is_char_boundary(end as usize) {
                return None;
            }
            last = end;
        }
        let mut grid = GridBuilder {
            ends: Vec::with_capacity(ends.len()),
            rows: Vec::with_capacity(rows.len()),
            ..GridBuilder::default()
        };
        let mut first = 0;
        for &end in &rows {
            let end = end as usize;
            let cells = ends.get(first..end)?;
            // a row starts where the cell before it ends
            let start = first.checked_sub(1).map_or(0, |c| ends[c]);
            let (row_first, mut wide) = (grid.ends.len(), false);
            for &e in cells {
                grid.push_end(row_first, &mut wide, (e - start) as usize);
            }
            grid.close_row(start, wide);
            first = end;
        }
        Some(Grid {
            text,
            ends: grid.ends.into_boxed_slice(),
            rows: grid.rows.into_boxed_slice(),
        })
    }
}

/// One row of a [`Grid`]: its cells' text, borrowed.
#[derive(Clone, Copy)]
pub struct GridRow<'a> {
    /// The grid's text.
    text: &'a str,
    /// Where the row starts in `text`.
    start: usize,
    /// Where each cell ends, from `start` (two entries a cell when `wide`).
    ends: &'a [u16],
    wide: bool,
}

impl<'a> GridRow<'a> {
    #[inline]
    /// Number of cells.
    pub fn len(&self) -> usize {
        if self.wide {
            self.ends.len() / 2
        } else {
            self.ends.len()
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Where cell `c` ends in `text`.
    #[inline]
    fn end(&self, c: usize) -> Option<usize> {
        let from_start = if self.wide {
            let lo = *self.ends.get(2 * c)?;
            let hi = *self.ends.get(2 * c + 1)?;
            usize::from(lo) | usize::from(hi) << 16
        } else {
            usize::from(*self.ends.get(c)?)
        };
        Some(self.start + from_start)
    }

    #[inline]
    /// The text of cell `c`, if there is one.
    pub fn get(&self, c: usize) -> Option<&'a str> {
        let to = self.end(c)?;
        let from = match c {
            0 => self.start,
            _ => self.end(c - 1).unwrap_or(self.start),
        };
        Some(self.text.get(from..to).unwrap_or(""))
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
        GridCells::new(self.text, self.start, self.ends, self.wide)
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
        assert_eq!(g.widest(), 3);
        assert_eq!(Grid::new().widest(), 0);
    }

    #[test]
    fn the_widest_row_is_the_longest_read() {
        // a wide row (two entries a cell) among narrow ones
        let long = "x".repeat(70_000);
        let g = Grid::from_rows([
            vec!["a", "b"],
            vec![long.as_str(), "c", "d", "e"],
            vec!["f"],
        ]);
        let longest = g.iter().map(|r| r.len()).max().unwrap_or(0);
        assert_eq!(g.widest(), longest);
        assert_eq!(g.widest(), 4);
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

    /// Rows of cells of these lengths (in `x` and `科`), as plain vectors.
    fn rows_of(lengths: &[&[usize]]) -> Vec<Vec<String>> {
        let cell = |i: usize, n: usize| match i % 2 {
            0 => "x".repeat(n),
            _ => "科".repeat(n),
        };
        let rows = lengths.iter().enumerate();
        rows.map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, &n)| cell(r + c, n))
                .collect()
        })
        .collect()
    }

    #[test]
    fn cells_read_back_in_rows_narrow_and_wide() {
        // a row of 64 KiB of text or more keeps its ends in two halves
        let shapes: [&[&[usize]]; 4] = [
            &[&[3, 0, 5], &[], &[70_000, 1, 0], &[2]],
            &[&[0, 0], &[65_535], &[21_846, 1], &[65_536, 65_536]],
            &[&[100_000]],
            &[&[], &[], &[1]],
        ];
        for shape in shapes {
            let plain = rows_of(shape);
            let g = Grid::from_rows(&plain);
            assert_eq!(g.len(), plain.len());
            assert_eq!(g.to_vecs(), plain);
            assert_eq!(g.cell_count(), plain.iter().map(Vec::len).sum::<usize>());
            for (r, row) in plain.iter().enumerate() {
                let got = g.row(r);
                assert_eq!(got.len(), row.len());
                for (c, cell) in row.iter().enumerate() {
                    assert_eq!(got.get(c), Some(cell.as_str()));
                    assert_eq!(got.iter().nth(c), Some(cell.as_str()));
                    // reading on after a skip
                    let on: Vec<&str> = got.iter().skip(c).collect();
                    assert_eq!(on, row[c..].iter().map(String::as_str).collect::<Vec<_>>());
                }
                assert_eq!(got.get(row.len()), None);
                let back: Vec<&str> = got.iter().rev().collect();
                let want: Vec<&str> = row.iter().rev().map(String::as_str).collect();
                assert_eq!(back, want);
                // from both ends at once
                let mut both = got.iter();
                if row.len() >= 2 {
                    assert_eq!(both.next(), Some(row[0].as_str()));
                    assert_eq!(both.next_back(), row.last().map(String::as_str));
                    assert_eq!(both.len(), row.len() - 2);
                }
            }
            // the binary encoding's parts give the same grid
            let text: String = plain.iter().flatten().map(String::as_str).collect();
            let mut ends = Vec::new();
            let mut rows = Vec::new();
            let mut at = 0;
            for row in &plain {
                for cell in row {
                    at += cell.len() as u32;
                    ends.push(at);
                }
                rows.push(ends.len() as u32);
            }
            assert_eq!(Grid::from_parts(text, ends, rows), Some(g));
        }
    }

    #[test]
    fn rows_of_a_width_are_cut_or_padded() {
        let mut grid = GridBuilder::default();
        grid.push_row_of_width(&["a", "", "b"], 2);
        grid.push_row_of_width(&["科"], 3);
        grid.push_row_of_width::<&str>(&[], 2);
        let wide = "x".repeat(70_000);
        grid.push_row_of_width(&[wide.as_str(), "y"], 3);
        let want = [
            vec!["a", ""],
            vec!["科", "", ""],
            vec!["", ""],
            vec![wide.as_str(), "y", ""],
        ];
        assert_eq!(grid.finish(), Grid::from_rows(want));
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
        let back = Grid::from_parts("科目金额397.10注", vec![6, 12, 12, 18, 21], vec![2, 2, 5]);
        assert_eq!(back.as_ref(), Some(&g));
        // an end inside 科 (3 bytes)
        assert!(Grid::from_parts("科目", vec![1], vec![1]).is_none());
        assert!(Grid::from_parts("ab", vec![2, 1], vec![2]).is_none());
        assert!(Grid::from_parts("ab", vec![3], vec![1]).is_none());
        assert!(Grid::from_parts("ab", vec![1, 2], vec![3]).is_none());
    }
}
