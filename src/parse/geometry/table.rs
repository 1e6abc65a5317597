//! The table type both builders produce (ruled grids and aligned columns), and helpers to read it.
//!
//! Words: span = how many grid rows / columns a merged cell covers (1 for a plain cell).

use serde::{Deserialize, Serialize};

use super::lines::TextLine;
use super::page::Rect;

/// One cell of a table. A merged cell appears once, at its top-left slot, with its spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub rect: Rect,
    /// The cell's text: wrapped lines joined in reading order (empty for a blank cell).
    pub text: String,
    /// The lines the text came from, top to bottom (font size and boldness kept).
    pub lines: Vec<TextLine>,
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the cell covers slot (row, col).
    pub fn covers(&self, row: usize, col: usize) -> bool {
        row >= self.row
            && row < self.row + self.row_span
            && col >= self.col
            && col < self.col + self.col_span
    }
}

/// A table found on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub rect: Rect,
    pub rows: usize,
    pub cols: usize,
    /// Cells in reading order (by first row, then first column); every slot is covered by
    /// exactly one cell.
    pub cells: Vec<Cell>,
    /// Column edges left to right (`cols + 1`), row edges top to bottom (`rows + 1`).
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    /// Drawn with ruling lines (false: columns found from aligned text).
    pub ruled: bool,
}

impl Table {
    /// The cell covering slot (row, col).
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.covers(row, col))
    }

    /// The text of the cell covering slot (row, col) ("" outside the table).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col).map_or("", |c| c.text.as_str())
    }

    /// The cells starting on a row, left to right.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// One row as text, a merged cell's text in every slot it covers.
    pub fn row_texts(&self, row: usize) -> Vec<String> {
        (0..self.cols)
            .map(|c| self.text(row, c).to_string())
            .collect()
    }

    /// The row whose cells hold the given text (compared without whitespace), if any.
    pub fn find_row(&self, needle: &str) -> Option<usize> {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        self.cells
            .iter()
            .find(|c| {
                c.text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    == needle
            })
            .map(|c| c.row)
    }
}
