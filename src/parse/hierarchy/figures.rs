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
        let mut cells = Vec::with_capacity(width * t.rows.len());
        let mut marks = Vec::with_capacity(width * t.rows.len());
        for row in &t.rows {
            let padding = width.saturating_sub(row.len());
            // (no row is wider than the table)
            for c in row.iter().map(trim_cell) {
                cells.push(Figure::of(c));
                // a code starts with a digit
                let digit = c.as_bytes().first().is_some_and(u8::is_ascii_digit);
                marks.push(match digit {
                    true if is_code(c) => DIGIT | CODE,
                    true => DIGIT,
                    false => 0,
                });
            }
            cells.extend(std::iter::repeat_n(Figure::Blank, padding));
            marks.extend(std::iter::repeat_n(0, padding));
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
