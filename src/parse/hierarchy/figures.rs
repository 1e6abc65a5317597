//! The figures of a grid's body cells, read once per table: the column
//! kinds and every side's rows share them (a cell is parsed once, not once
//! per question asked of it).

use rust_decimal::Decimal;

use super::super::amount::{is_null_amount, parse_amount};
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

/// `cell.trim()`, the common case (a cell already trimmed) told from its end
/// bytes without decoding a character: whitespace never starts with an ASCII
/// letter, digit or sign, nor with a lead byte above E3 (CJK, full-width
/// forms); it never ends a cell whose last byte is such an ASCII character or
/// whose last three bytes are such a character.
pub(super) fn trim_cell(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return cell;
    };
    let plain_start = first.is_ascii_graphic() || first >= 0xE4;
    let plain_end = last.is_ascii_graphic() || (bytes.len() >= 3 && bytes[bytes.len() - 3] >= 0xE4);
    match (plain_start, plain_end) {
        (true, true) => cell,
        (true, false) => cell.trim_end(),
        (false, true) => cell.trim_start(),
        (false, false) => cell.trim(),
    }
}

/// A subject code as printed in a code column: 2 to 7 digits.
fn is_code(s: &str) -> bool {
    (2..=7).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::trim_cell;

    #[test]
    fn cells_trim_as_str_trim_does() {
        let spaces = [
            "", " ", "\t", "\n", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{2028}",
            "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let texts = [
            "",
            "12.5",
            "合计",
            "（一）",
            "a",
            "©",
            "𠀀",
            "—",
            "x\u{3000}y",
        ];
        for before in spaces {
            for text in texts {
                for after in spaces {
                    let cell = format!("{before}{text}{after}");
                    assert_eq!(trim_cell(&cell), cell.trim(), "{cell:?}");
                }
            }
        }
    }
}
