//! The column layouts of one document's tables ([`TableLayout`]), each made
//! when it is first asked for: a large document has thousands of tables, most
//! never shown, and a layout costs about a kilobyte even for a small table.
//! Tables of [`EAGER_ROWS`] rows or more are laid out at once, on the loader
//! thread, so that showing one never waits on a scan of its rows; a smaller
//! table takes well under a millisecond the first time it is shown.

use std::cell::OnceCell;

use crate::model::Document;

use super::table_layout::TableLayout;

/// Tables of at least this many body rows are laid out when the document
/// arrives.
pub const EAGER_ROWS: usize = 2_000;

/// One layout per table of a document, made on first use.
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    made: Vec<OnceCell<Box<TableLayout>>>,
}

impl Layouts {
    /// Room for a layout of each of `doc`'s tables, those of large tables
    /// made now (call on a worker thread).
    pub fn new(doc: &Document) -> Layouts {
        let made = doc
            .tables
            .iter()
            .enumerate()
            .map(|(t, table)| {
                let cell = OnceCell::new();
                if table.rows.len() >= EAGER_ROWS {
                    let _ = cell.set(Box::new(TableLayout::compute_with(
                        table,
                        doc.table_details.get(t),
                    )));
                }
                cell
            })
            .collect();
        Layouts { made }
    }

    /// The layout of table `t` of `doc` (the document these layouts were made
    /// for), made now if it was not yet; `None` for a table it does not have.
    pub fn get(&self, doc: &Document, t: usize) -> Option<&TableLayout> {
        let cell = self.made.get(t)?;
        let table = doc.tables.get(t)?;
        Some(
            cell.get_or_init(|| {
                Box::new(TableLayout::compute_with(table, doc.table_details.get(t)))
            }),
        )
    }

    /// How many layouts are made (for tests and measurements).
    pub fn made(&self) -> usize {
        self.made.iter().filter(|c| c.get().is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_made_when_asked_for_and_equal_those_made_at_once() {
        for doc in crate::load::sample_documents() {
            let layouts = Layouts::new(&doc);
            // the samples' tables are small: none is laid out in advance
            assert_eq!(layouts.made(), 0, "{}", doc.path);
            for (t, table) in doc.tables.iter().enumerate() {
                let want = TableLayout::compute_with(table, doc.table_details.get(t));
                assert_eq!(layouts.get(&doc, t), Some(&want), "{} table {t}", doc.path);
            }
            assert_eq!(layouts.made(), doc.tables.len());
            assert_eq!(layouts.get(&doc, doc.tables.len()), None);
        }
    }

    #[test]
    fn large_tables_are_laid_out_when_the_document_arrives() {
        let doc = crate::tui::demo::document(EAGER_ROWS);
        let large = doc
            .tables
            .iter()
            .filter(|t| t.rows.len() >= EAGER_ROWS)
            .count();
        assert!(large > 0);
        assert_eq!(Layouts::new(&doc).made(), large);
    }
}
