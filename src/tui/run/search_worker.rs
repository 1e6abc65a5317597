//! The search behind the explorer's prompt, off the UI thread: the
//! [`Engine`] ([`crate::search`]'s index over the loaded documents,
//! answering with [`Found`] results) lives on a thread of its own, the
//! [`Worker`], extended as documents finish loading. It searches one query
//! at a time, the newest; a newer query cancels the running one.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::time::Instant;

use crate::model::Document;
use crate::search::{self, DocItems, Index, Kind};

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
        self.add_items(id, search::document_items(doc));
    }

    /// Index one more document's items (made by the loader or read from
    /// the cache).
    pub fn add_items(&mut self, id: usize, items: DocItems) {
        self.labels.insert(id, items.summary.label());
        self.index.append(id, items);
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

#[derive(Debug)]
enum Job {
    Add(usize, Arc<Document>),
    /// Items wait in the items channel.
    Wake,
    Expect(u64),
    Query(SearchRequest, Arc<AtomicBool>),
}

/// Where the loader hands documents' search items to the search thread
/// directly (not through the event loop, which may be busy drawing).
#[derive(Debug, Clone)]
pub struct ItemsSink {
    /// Bounded: a loader faster than the search thread waits instead of
    /// piling documents' items up in memory.
    items: SyncSender<(usize, Box<DocItems>)>,
    jobs: Sender<Job>,
}

/// Documents' items waiting for the search thread, at most.
const ITEMS_IN_FLIGHT: usize = 16;

impl ItemsSink {
    /// Index `items` as document `id` (waits while the search thread is
    /// [`ITEMS_IN_FLIGHT`] documents behind).
    pub fn send(&self, id: usize, items: DocItems) {
        if self.items.send((id, Box::new(items))).is_ok() {
            let _ = self.jobs.send(Job::Wake);
        }
    }

    /// Documents of about `bytes` bytes are coming (room is made at once).
    pub fn expect(&self, bytes: u64) {
        let _ = self.jobs.send(Job::Expect(bytes));
    }
}

/// How far indexing has come: documents indexed, and when the last one was.
#[derive(Debug, Default)]
pub struct Indexing {
    count: AtomicUsize,
    last: Mutex<Option<Instant>>,
}

impl Indexing {
    fn done_one(&self) {
        self.count.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut last) = self.last.lock() {
            *last = Some(Instant::now());
        }
    }

    /// Documents indexed so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// When the last document was indexed.
    pub fn last(&self) -> Option<Instant> {
        self.last.lock().ok().and_then(|l| *l)
    }
}

/// The search thread: owns the index; searches one query at a time, the
/// newest; a newer query cancels the running one.
pub struct Worker {
    jobs: Sender<Job>,
    items: SyncSender<(usize, Box<DocItems>)>,
    pub answers: Receiver<SearchDone>,
    running: Option<Arc<AtomicBool>>,
    /// Documents handed over (by [`App::docs`] index).
    indexed: Vec<bool>,
    /// Documents the search thread has indexed.
    pub indexing: Arc<Indexing>,
}

impl Worker {
    pub fn start() -> std::io::Result<Worker> {
        let (jobs, jobs_rx) = mpsc::channel::<Job>();
        let (items, items_rx) = mpsc::sync_channel(ITEMS_IN_FLIGHT);
        let (answers_tx, answers) = mpsc::channel();
        let indexing = Arc::new(Indexing::default());
        let shared = Arc::clone(&indexing);
        std::thread::Builder::new()
            .name("budgettui-search".into())
            .spawn(move || worker_loop(&jobs_rx, &items_rx, &answers_tx, &shared))?;
        Ok(Worker {
            jobs,
            items,
            answers,
            running: None,
            indexed: Vec::new(),
            indexing,
        })
    }

    /// Where the loader hands over search items.
    pub fn items_sink(&self) -> ItemsSink {
        ItemsSink {
            items: self.items.clone(),
            jobs: self.jobs.clone(),
        }
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

fn worker_loop(
    jobs: &Receiver<Job>,
    items: &Receiver<(usize, Box<DocItems>)>,
    answers: &Sender<SearchDone>,
    indexing: &Indexing,
) {
    let mut engine = Engine::default();
    // Documents indexed: each once, whoever hands it over first.
    let mut have: Vec<bool> = Vec::new();
    let mut is_new = |id: usize| {
        if have.len() <= id {
            have.resize(id + 1, false);
        }
        !std::mem::replace(&mut have[id], true)
    };
    let mut last: Option<(SearchRequest, Arc<AtomicBool>)> = None;
    while let Ok(first) = jobs.recv() {
        let mut added = false;
        let mut query = None;
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Add(id, doc) if is_new(id) => {
                    engine.add(id, &doc);
                    indexing.done_one();
                    added = true;
                }
                Job::Wake => {
                    while let Ok((id, part)) = items.try_recv() {
                        if is_new(id) {
                            engine.add_items(id, *part);
                            indexing.done_one();
                            added = true;
                        }
                    }
                }
                Job::Add(..) => {}
                Job::Expect(bytes) => engine.index.reserve_for(bytes),
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
