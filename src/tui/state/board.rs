//! A board: a table made from every loaded document, shown over the whole
//! screen in place of a document's view — all the projects (`P`), or one
//! kind of table compared across documents (`C`). It is sorted, filtered,
//! marked and charted like any table.

use crate::compare::Comparison;
use crate::model::Table;

use super::super::document::table_layout::TableLayout;
use super::docs::ViewPos;
use super::grid::GridState;

/// What a board shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardKind {
    /// Every project; `all`: group projects too (else leaf projects only).
    Projects { all: bool },
    /// One kind of table across documents.
    Compare { kind: String },
}

/// A board's table with its view.
#[derive(Debug, Clone)]
pub struct Board {
    pub kind: BoardKind,
    /// The pane's title (without sort and filter).
    pub title: String,
    pub table: Table,
    pub layout: TableLayout,
    pub pos: ViewPos,
    pub grid: GridState,
    /// Projects: each row's document (index into the explorer's documents)
    /// and project.
    pub projects: Vec<(usize, usize)>,
    /// Compare: the comparison shown, with its documents' indices.
    pub comparison: Option<Comparison>,
    /// A line about what is left out (group projects).
    pub note: String,
}
