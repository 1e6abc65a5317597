//! The figures of a grid's body cells, read once per table: the column
//! kinds and every side's rows share them (a cell is parsed once, not once
//! per question asked of it).

use rust_decimal::Decimal;

use super::super::amount::{is_null_amount, parse_amount};
use super::super::chars::trim_cell;
use crate::model::Table;

/// What a body cell holds, as far as figures go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figure {
    /// Nothing (blank after trimming).
    Blank,
    /// An amount.
    Amount(Decimal),
    /// A null marker (`-`, `—`, `/` …): a figure column's way to say nothing.
    Null,
    /// Anything else.
    Other,
}

impl Figure {
    fn of(cell: &str) -> Self {
        if cell.is_empty() {
            Figure::Blank
        } else if let Some(v) = parse_amount(cell) {
            Figure::Amount(v)
        } else if is_null_amount(cell) {
            Figure::Null
        } else {
            Figure::Other
        }
    }
}

/// Every body cell of a table, classified: row by row, `width` a row.
pub(super) struct Figures {
    cells: Vec<Figure>,
    /// Per cell (as `cells`): [`CODE`] and [`DIGIT`].
    marks: Vec<u8>,
    width: usize,
}

/// [`Figures::marks`]: the cell reads as a subject code ([`is_code`]).
const CODE: u8 = 1;
/// [`Figures::marks`]: the cell (trimmed) starts with an ASCII digit.
const DIGIT: u8 = 2;

impl Figures {
    pub(super) fn of(t: &Table) -> Self {
        let width = t.width();
        // every cell blank and unmarked first (a short row's padding too),
        // then the cells holding something written in
        let mut cells = vec![Figure::Blank; width * t.rows.len()];
        let mut marks = vec![0u8; width * t.rows.len()];
        let rows = cells
            .chunks_exact_mut(width.max(1))
            .zip(marks.chunks_exact_mut(width.max(1)));
        // (no row is wider than the table)
        for (row, (figures, row_marks)) in t.rows.iter().zip(rows) {
            let slots = figures.iter_mut().zip(row_marks);
            for (c, (figure, mark)) in row.iter().map(trim_cell).zip(slots) {
                let Some(first) = c.as_bytes().first() else {
                    continue;
                };
                *figure = Figure::of(c);
                // a code starts with a digit
                if first.is_ascii_digit() {
                    *mark = if is_code(c) { DIGIT | CODE } else { DIGIT };
                }
            }
        }
        Figures {
            cells,
            marks,
            width,
        }
    }

    /// The cell of row `r`, column `j` (blank outside the table).
    pub(super) fn get(&self, r: usize, j: usize) -> Figure {
        if j >= self.width {
            return Figure::Blank;
        }
        self.cells
            .get(r * self.width + j)
            .copied()
            .unwrap_or(Figure::Blank)
    }

    /// The cells of column `j`, row by row, each with whether it reads as a
    /// subject code (none outside the table).
    pub(super) fn column(&self, j: usize) -> impl Iterator<Item = (Figure, bool)> + '_ {
        let width = self.width.max(1);
        let cells = if j < self.width { &self.cells[..] } else { &[] };
        cells
            .chunks_exact(width)
            .zip(self.marks.chunks_exact(width))
            .map(move |(figures, marks)| (figures[j], marks[j] & CODE != 0))
    }

    /// The rows whose cell in column `j` (trimmed) starts with an ASCII digit.
    pub(super) fn digit_rows(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        let width = self.width.max(1);
        let marks = if j < self.width { &self.marks[..] } else { &[] };
        marks
            .chunks_exact(width)
            .enumerate()
            .filter(move |(_, marks)| marks[j] & DIGIT != 0)
            .map(|(r, _)| r)
    }

    /// The amount in row `r`, column `j`, if any.
    pub(super) fn amount(&self, r: usize, j: usize) -> Option<Decimal> {
        match self.get(r, j) {
            Figure::Amount(v) => Some(v),
            _ => None,
        }
    }
}

/// A subject code as printed in a code column: 2 to 7 digits.
fn is_code(s: &str) -> bool {
    (2..=7).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}
