//! How one table is viewed, beyond the cursor: its sort and filter (and
//! the rows they leave, in order), the marked cells, column widths set by
//! hand, and what was derived from the table to sort it (kept while the
//! explorer runs).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::super::document::row_order::ColumnKeys;
use super::super::document::table_layout::TableLayout;

/// Which way a column is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDir {
    /// Largest first (text: reverse order).
    Desc,
    Asc,
}

/// A sort on one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub col: usize,
    pub dir: SortDir,
}

/// A filter on one column: the query as typed (search's query language:
/// `>=1000`, `100..500`, `智慧`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub col: usize,
    pub query: String,
}

/// What was derived from a table to sort and filter it, the first time a
/// column was sorted or filtered (what every sort needs — the columns, the
/// row hierarchy, the totals — is in the table's layout).
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Sort and filter keys per column.
    pub keys: BTreeMap<usize, Arc<ColumnKeys>>,
    /// Each row's label, folded (for text filters on columns of figures).
    pub labels: Option<Arc<Vec<String>>>,
}

/// How one table is viewed.
#[derive(Debug, Clone, Default)]
pub struct GridState {
    pub sort: Option<Sort>,
    pub filter: Option<Filter>,
    /// The body rows shown, in order (indices into `Table::rows`); `None`:
    /// every row in document order.
    pub order: Option<Arc<Vec<usize>>>,
    /// Marked cells: (body row, column) of the table.
    pub marks: BTreeSet<(usize, usize)>,
    /// Column widths set with `<` / `>`; `None`: the layout's.
    pub widths: Option<Vec<u16>>,
    /// The rows have no hierarchy (a board's list): a sort is flat.
    pub flat: bool,
    pub derived: Derived,
}

impl GridState {
    /// Nothing sorted, filtered, marked or widened.
    pub const PLAIN: GridState = GridState {
        sort: None,
        filter: None,
        order: None,
        marks: BTreeSet::new(),
        widths: None,
        flat: false,
        derived: Derived {
            keys: BTreeMap::new(),
            labels: None,
        },
    };

    /// Number of rows shown, of a table of `n` rows.
    pub fn shown(&self, n: usize) -> usize {
        self.order.as_ref().map_or(n, |o| o.len())
    }

    /// The table row shown at position `i`.
    pub fn row_at(&self, i: usize, n: usize) -> Option<usize> {
        match &self.order {
            Some(o) => o.get(i).copied(),
            None => (i < n).then_some(i),
        }
    }

    /// Where table row `row` is shown, if it is.
    pub fn position_of(&self, row: usize) -> Option<usize> {
        match &self.order {
            Some(o) => o.iter().position(|&r| r == row),
            None => Some(row),
        }
    }

    /// The column widths to draw with.
    pub fn widths<'a>(&'a self, layout: &'a TableLayout) -> &'a [u16] {
        self.widths.as_deref().unwrap_or(&layout.widths)
    }

    /// Anything set that Esc clears (sort, filter).
    pub fn is_arranged(&self) -> bool {
        self.sort.is_some() || self.filter.is_some()
    }
}
