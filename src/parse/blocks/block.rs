//! The blocks a document is split into ([`Block`]) and a table's block
//! before assembly ([`RawTable`]).

use super::raw_row::RawRow;
use crate::model::{LineNo, Unit};

/// A table before assembly.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RawTable {
    pub(crate) title: String,
    pub(crate) title_line: Option<LineNo>,
    pub(crate) label: String,
    pub(crate) unit: Option<Unit>,
    /// Rows, split where a page break (blank lines or furniture) interrupted them.
    pub(crate) segments: Vec<Vec<RawRow>>,
    /// `注：…` lines printed under the table.
    pub(crate) notes: Vec<String>,
    /// True when the rows were encoded one cell per line.
    pub(crate) cell_per_line: bool,
    /// Short lines between segments taken for page furniture by guess alone
    /// (not a known furniture shape): checked against the department later.
    pub(crate) guessed: Vec<(LineNo, String)>,
    /// Furniture lines taken above the table and between its pages
    /// (department, year lines; repeated titles), as printed.
    pub(crate) furniture: Vec<(LineNo, String)>,
    pub(crate) first_line: LineNo,
    pub(crate) last_line: LineNo,
    /// Header rows known from the page geometry (PDF input); `None` when the
    /// header is to be found from the rows (text input).
    pub(crate) header: Option<Vec<RawRow>>,
    /// How many pages the table was printed on, when known from the page geometry (its
    /// pages are then joined into one segment); `None`: one per segment.
    pub(crate) pages: Option<u32>,
}

/// The document as a sequence of blocks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A non-blank prose line.
    Text { line: LineNo, text: String },
    /// The table of contents: its heading line and entries.
    Contents {
        line: LineNo,
        title: String,
        entries: Vec<(LineNo, String)>,
    },
    /// Boxed: a table's fields are many, and most blocks are text lines.
    Table(Box<RawTable>),
}
