//! The search engine behind the explorer's prompt: [`crate::search`]'s index
//! over the loaded documents, answering with [`Found`] results.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use crate::model::Document;
use crate::search::{self, Index, Kind};

use super::find::{Found, FoundKind};

/// The index of every document handed over, by `App::docs` index.
#[derive(Debug, Default)]
pub struct Engine {
    index: Index,
    labels: HashMap<usize, String>,
}

impl Engine {
    /// An engine over documents known by their `App::docs` indices.
    pub fn build<'a>(docs: impl IntoIterator<Item = (usize, &'a Document)>) -> Engine {
        let mut e = Engine::default();
        for (i, d) in docs {
            e.add(i, d);
        }
        e
    }

    /// Index one more document.
    pub fn add(&mut self, id: usize, doc: &Document) {
        self.index.push_document(id, doc);
        self.labels.insert(id, search::doc_label(doc));
    }

    /// Number of indexed items.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Search; an empty list when `cancel` is set meanwhile.
    pub fn search(&self, query: &str, limit: usize, cancel: Option<&AtomicBool>) -> Vec<Found> {
        search::search(&self.index, query, limit, cancel)
            .into_iter()
            .map(|h| Found {
                doc: h.doc,
                kind: match h.kind {
                    Kind::Project => FoundKind::Project,
                    Kind::Row => FoundKind::Row,
                    Kind::Indicator => FoundKind::Indicator,
                    Kind::Section => FoundKind::Section,
                    Kind::Amount => FoundKind::Amount,
                },
                label: self.labels.get(&h.doc).cloned().unwrap_or_default(),
                target: h.location,
                text: h.text,
                matched: h.matched,
                amount: h.amount,
                line: h.line,
                context: h.context,
            })
            .collect()
    }
}
