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
    /// Per cell (as `cells`): it reads as a subject code ([`is_code`]).
    codes: Vec<bool>,
    width: usize,
}

impl Figures {
    pub(super) fn of(t: &Table) -> Self {
        let width = t.width();
        let mut cells = Vec::with_capacity(width * t.rows.len());
        let mut codes = Vec::with_capacity(width * t.rows.len());
        for row in &t.rows {
            let padding = width.saturating_sub(row.len());
            for c in row.iter().map(trim_cell).take(width) {
                cells.push(Figure::of(c));
                codes.push(is_code(c));
            }
            cells.extend(std::iter::repeat_n(Figure::Blank, padding));
            codes.extend(std::iter::repeat_n(false, padding));
        }
        Figures {
            cells,
            codes,
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
            .zip(self.codes.chunks_exact(width))
            .map(move |(figures, codes)| (figures[j], codes[j]))
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
