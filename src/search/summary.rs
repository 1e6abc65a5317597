//! What the index keeps of a document besides its items: enough to list it,
//! label its results and name their tables without the model.

use crate::cache::codec::{Out, Reader, Wire};
use crate::model::{DocKind, Document, Total};

/// A document in brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The path as given (set when loaded; not stored in the cache).
    pub path: String,
    pub title: String,
    pub department: Option<String>,
    pub year: Option<u16>,
    pub kind: DocKind,
    pub total: Option<Total>,
    /// Number of warnings.
    pub warnings: usize,
    /// Title of every table (trimmed), by table index.
    pub tables: Vec<String>,
    /// The budget checks' errors, rounding differences and warnings, when
    /// they were run (by whoever made the items: `load::items_of`).
    pub checks: Option<(usize, usize, usize)>,
}

impl Summary {
    pub fn of(doc: &Document) -> Summary {
        Summary {
            path: doc.path.clone(),
            title: doc.title.clone(),
            department: doc.department.clone(),
            year: doc.year,
            kind: doc.kind,
            total: doc.total.clone(),
            warnings: doc.warnings.len(),
            tables: doc
                .tables
                .iter()
                .map(|t| t.title.trim().to_string())
                .collect(),
            checks: None,
        }
    }

    /// [`Summary::of`] without the table titles (what a list needs).
    pub fn brief_of(doc: &Document) -> Summary {
        Summary {
            path: doc.path.clone(),
            title: String::new(),
            department: doc.department.clone(),
            year: doc.year,
            kind: doc.kind,
            total: doc.total.clone(),
            warnings: doc.warnings.len(),
            tables: Vec::new(),
            checks: None,
        }
    }

    /// `2024 秦皇岛开发区` (see [`super::label`]).
    pub fn label(&self) -> String {
        super::label::label_of(self.department.as_deref(), self.year, &self.path)
    }

    /// Title of table `t`, when it has one.
    pub fn table_title(&self, t: usize) -> Option<&str> {
        self.tables
            .get(t)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }
}

impl Wire for Summary {
    fn put(&self, w: &mut Out<'_>) {
        let Summary {
            path: _,
            title,
            department,
            year,
            kind,
            total,
            warnings,
            tables,
            checks,
        } = self;
        title.put(w);
        department.put(w);
        year.put(w);
        kind.put(w);
        total.put(w);
        warnings.put(w);
        tables.put(w);
        checks.put(w);
    }

    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Summary {
            path: String::new(),
            title: Wire::get(r)?,
            department: Wire::get(r)?,
            year: Wire::get(r)?,
            kind: Wire::get(r)?,
            total: Wire::get(r)?,
            warnings: Wire::get(r)?,
            tables: Wire::get(r)?,
            checks: Wire::get(r)?,
        })
    }
}
