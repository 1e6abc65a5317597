//! Placeholder until the search engine lands (see /tmp/engine_real.rs).

use std::sync::atomic::AtomicBool;

use crate::model::Document;

use super::find::Found;

#[derive(Debug, Default)]
pub struct Engine {
    docs: usize,
}

impl Engine {
    pub fn build<'a>(docs: impl IntoIterator<Item = (usize, &'a Document)>) -> Engine {
        let mut e = Engine::default();
        for (i, d) in docs {
            e.add(i, d);
        }
        e
    }

    pub fn add(&mut self, _id: usize, _doc: &Document) {
        self.docs += 1;
    }

    pub fn search(&self, _query: &str, _limit: usize, _cancel: Option<&AtomicBool>) -> Vec<Found> {
        Vec::new()
    }
}
