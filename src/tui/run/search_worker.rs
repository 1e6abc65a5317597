//! The search behind the explorer's prompt, off the UI thread: the
//! [`Engine`] ([`crate::search`]'s index over the loaded documents,
//! answering with [`Found`] results) lives on a thread of its own, the
//! [`Worker`], extended as documents finish loading. It searches one query
//! at a time, the newest; a newer query cancels the running one.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::model::Document;
use crate::search::{self, Index, Kind};

use super::super::state::{App, Found, FoundKind, LIMIT, SearchDone, SearchRequest};

/// The index of every document handed over, by [`App::docs`] index.
#[derive(Debug, Default)]
pub struct Engine {
    index: Index,
    labels: HashMap<usize, String>,
}

impl Engine {
    /// An engine over documents known by their [`App::docs`] indices.
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
                    Kind::Table => FoundKind::Table,
                    Kind::Text => FoundKind::Text,
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

enum Job {
    Add(usize, Arc<Document>),
    Query(SearchRequest, Arc<AtomicBool>),
}

/// The search thread: owns the index; searches one query at a time, the
/// newest; a newer query cancels the running one.
pub struct Worker {
    jobs: Sender<Job>,
    pub answers: Receiver<SearchDone>,
    running: Option<Arc<AtomicBool>>,
    /// Documents handed over (by [`App::docs`] index).
    indexed: Vec<bool>,
}

impl Worker {
    pub fn start() -> std::io::Result<Worker> {
        let (jobs, jobs_rx) = mpsc::channel::<Job>();
        let (answers_tx, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("budgettui-search".into())
            .spawn(move || worker_loop(&jobs_rx, &answers_tx))?;
        Ok(Worker {
            jobs,
            answers,
            running: None,
            indexed: Vec::new(),
        })
    }

    /// Hand over the documents that finished loading since the last call.
    pub fn index_new(&mut self, app: &App) {
        let docs = app.docs();
        if self.indexed.len() < docs.len() {
            self.indexed.resize(docs.len(), false);
        }
        for (i, d) in docs.iter().enumerate() {
            if self.indexed[i] {
                continue;
            }
            if let Some(r) = d.ready() {
                self.indexed[i] = true;
                let _ = self.jobs.send(Job::Add(i, Arc::clone(&r.doc)));
            }
        }
    }

    /// Start a search, cancelling the one running.
    pub fn request(&mut self, req: SearchRequest) {
        self.cancel();
        let flag = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&flag));
        let _ = self.jobs.send(Job::Query(req, flag));
    }

    pub fn cancel(&mut self) {
        if let Some(f) = self.running.take() {
            f.store(true, Ordering::Relaxed);
        }
    }
}

fn worker_loop(jobs: &Receiver<Job>, answers: &Sender<SearchDone>) {
    let mut engine = Engine::default();
    let mut last: Option<(SearchRequest, Arc<AtomicBool>)> = None;
    while let Ok(first) = jobs.recv() {
        let mut added = false;
        let mut query = None;
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Add(id, doc) => {
                    engine.add(id, &doc);
                    added = true;
                }
                Job::Query(q, flag) => query = Some((q, flag)),
            }
            next = jobs.try_recv().ok();
        }
        let run = match query {
            Some(q) => {
                last = Some(q.clone());
                Some(q)
            }
            // New documents: the last search again, unless it was cancelled.
            None if added => last
                .clone()
                .filter(|(_, flag)| !flag.load(Ordering::Relaxed)),
            None => None,
        };
        let Some((req, flag)) = run else {
            continue;
        };
        let results = engine.search(&req.query, LIMIT, Some(&flag));
        if flag.load(Ordering::Relaxed) {
            continue;
        }
        let sent = answers.send(SearchDone {
            generation: req.generation,
            query: req.query,
            results,
        });
        if sent.is_err() {
            return;
        }
    }
}
