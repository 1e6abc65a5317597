//! Reading and parsing off the UI thread: one background thread finds the
//! files, then rayon parses them across the cores; every result (and the
//! tree / column layout derived from it) comes back as a [`LoadEvent`].

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use rayon::prelude::*;

use super::super::state::{Brief, Ready};
use super::super::update::LoadEvent;
use super::search_worker::ItemsSink;
use crate::cache::Cache;
use crate::load;
use crate::model::Document;
use crate::search::document_items;

/// Folders larger than this (bytes of files) keep only the documents shown
/// in memory: the others are listed and searchable, and read again when
/// shown (from the cache, which makes that quick).
pub const RESIDENT_BYTES: u64 = 16 << 20;

thread_local! {
    /// Set while a worker parses: a panic there is caught and reported as
    /// that file's error, and the panic hook must leave the terminal alone.
    static IN_WORKER: Cell<bool> = const { Cell::new(false) };
}

/// True on a loader worker thread while it parses.
pub fn in_worker() -> bool {
    IN_WORKER.with(Cell::get)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let before = IN_WORKER.with(|w| w.replace(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_WORKER.with(|w| w.set(before));
    match out {
        Ok(r) => r,
        Err(payload) => Err(format!("parser crashed: {}", panic_message(&*payload))),
    }
}

/// Where the documents come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files and folders from the command line.
    Paths(Vec<PathBuf>),
    /// No paths: the current folder if it holds documents, else the bundled samples.
    Default,
    /// The bundled samples.
    Samples,
    /// Documents already in memory (demos, tests); only the views' derived
    /// data is computed on the workers.
    Documents(Vec<crate::model::Document>),
}

/// Start loading; results arrive on the returned channel.
pub fn start(source: Source) -> Receiver<LoadEvent> {
    start_cached(source, None)
}

/// [`start`], taking parsed documents from `cache` when it holds them and
/// storing what is parsed anew.
pub fn start_cached(source: Source, cache: Option<Cache>) -> Receiver<LoadEvent> {
    start_indexing(source, cache, None).0
}

/// [`start_cached`], handing every document's search items to `sink`, and
/// also giving a sender into the events' channel (for [`open`]).
pub fn start_indexing(
    source: Source,
    cache: Option<Cache>,
    sink: Option<ItemsSink>,
) -> (Receiver<LoadEvent>, Sender<LoadEvent>) {
    let (tx, rx) = channel();
    let sender = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("budgettui-loader".into())
        .spawn(move || {
            // Even a bug outside the parser must not reach the terminal.
            IN_WORKER.with(|w| w.set(true));
            let report = tx.clone();
            if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run(source, cache.as_ref(), sink.as_ref(), tx);
                if let Some(cache) = &cache {
                    cache.evict();
                }
            })) {
                let _ = report.send(LoadEvent::Discovered {
                    paths: Vec::new(),
                    errors: vec![(
                        "(loader)".into(),
                        format!("crashed: {}", panic_message(&*payload)),
                    )],
                    skipped: 0,
                    note: None,
                });
            }
        });
    if let Err(e) = spawned {
        // No thread: report it as an error entry, the UI still works.
        let (tx, rx2) = channel();
        let _ = tx.send(LoadEvent::Discovered {
            paths: Vec::new(),
            errors: vec![("(loader)".into(), e.to_string())],
            skipped: 0,
            note: None,
        });
        return (rx2, tx);
    }
    (rx, sender)
}

fn run(source: Source, cache: Option<&Cache>, sink: Option<&ItemsSink>, tx: Sender<LoadEvent>) {
    let (paths, use_samples) = match source {
        Source::Documents(docs) => {
            let _ = tx.send(LoadEvent::Discovered {
                paths: docs.iter().map(|d| d.path.clone()).collect(),
                errors: Vec::new(),
                skipped: 0,
                note: None,
            });
            docs.into_par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (id, doc)| {
                    let _ = tx.send(loaded(id, guarded(|| Ok(doc)), sink));
                });
            return;
        }
        Source::Paths(p) => (p, false),
        Source::Samples => (Vec::new(), true),
        Source::Default => match std::env::current_dir() {
            Ok(cwd) => (vec![cwd], false),
            Err(_) => (Vec::new(), true),
        },
    };
    let default =
        paths.len() == 1 && !use_samples && std::env::current_dir().ok().as_ref() == paths.first();
    let found = if use_samples {
        load::Discovery::default()
    } else {
        load::discover(&paths)
    };
    if use_samples || (default && found.files.is_empty()) {
        let names: Vec<String> = load::SAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        let _ = tx.send(LoadEvent::Discovered {
            paths: names,
            errors: Vec::new(),
            skipped: 0,
            note: Some("bundled samples".into()),
        });
        load::SAMPLES
            .par_iter()
            .enumerate()
            .for_each_with(tx, |tx, (id, (name, bytes))| {
                let doc = guarded(|| load::parse_document(name, bytes));
                let _ = tx.send(loaded(id, doc, sink));
            });
        return;
    }
    let display = |p: &PathBuf| {
        // Show paths under the current folder relative to it.
        match std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(cwd).ok().map(|r| r.to_path_buf()))
        {
            Some(r) if default => r.display().to_string(),
            _ => p.display().to_string(),
        }
    };
    let _ = tx.send(LoadEvent::Discovered {
        paths: found.files.iter().map(display).collect(),
        errors: found
            .errors
            .iter()
            .map(|e| (e.path.display().to_string(), e.message.clone()))
            .collect(),
        skipped: found.skipped.len(),
        note: None,
    });
    read_files(&found.files, cache, sink, tx);
}

/// Read `files` across the cores, document `id` being `files[id]`: parsed
/// (or taken from the cache) and kept, or, past [`RESIDENT_BYTES`], only
/// listed and indexed.
fn read_files(
    files: &[PathBuf],
    cache: Option<&Cache>,
    sink: Option<&ItemsSink>,
    tx: Sender<LoadEvent>,
) {
    let bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let listed_only = bytes > RESIDENT_BYTES;
    // Room for many documents' items, so that the index does not move as
    // they come; one document's items are taken as they are (see
    // `Index::append`), not copied into room made for them.
    if let Some(sink) = sink.filter(|_| files.len() > 1) {
        sink.expect(bytes);
    }
    files
        .par_iter()
        .enumerate()
        .for_each_with(tx, |tx, (id, path)| {
            let event = if listed_only {
                let items = guarded(|| load::read_items(path, cache, true).map_err(|e| e.message));
                listed(id, items, sink)
            } else {
                let doc =
                    guarded(|| load::read_document_cached(path, cache).map_err(|e| e.message));
                loaded(id, doc, sink)
            };
            let _ = tx.send(event);
        });
}

/// A document read: ready for the views; its search items go to `sink`.
fn loaded(id: usize, doc: Result<Document, String>, sink: Option<&ItemsSink>) -> LoadEvent {
    let result = doc.and_then(|doc| {
        guarded(|| {
            let ready = Ready::new(doc);
            if let Some(sink) = sink {
                let mut items = document_items(&ready.doc);
                items.summary.checks = ready.checks.checked.then_some(ready.checks.counts);
                sink.send(id, items);
            }
            Ok(Box::new(ready))
        })
    });
    LoadEvent::Loaded { id, result }
}

/// A document indexed only: its items go to `sink`, and it is listed by its
/// summary.
fn listed(
    id: usize,
    items: Result<crate::search::DocItems, String>,
    sink: Option<&ItemsSink>,
) -> LoadEvent {
    match items {
        Ok(items) => {
            let brief = Box::new(Brief::of(&items.summary));
            if let Some(sink) = sink {
                sink.send(id, items);
            }
            LoadEvent::Listed { id, brief }
        }
        Err(e) => LoadEvent::Loaded { id, result: Err(e) },
    }
}

/// Read a listed document again to show it, on a worker thread; the result
/// comes as [`LoadEvent::Opened`] on `tx`.
pub fn open(tx: &Sender<LoadEvent>, cache: Option<&Cache>, id: usize, path: PathBuf) {
    let report = tx.clone();
    let (tx, cache) = (tx.clone(), cache.cloned());
    // A thread of its own: the one document shown does not wait behind a
    // folder still loading on the pool.
    let read = move || {
        let result = guarded(|| {
            load::read_document_cached(&path, cache.as_ref())
                .map(|d| Box::new(Ready::new(d)))
                .map_err(|e| e.message)
        });
        let _ = tx.send(LoadEvent::Opened { id, result });
    };
    if let Err(e) = std::thread::Builder::new()
        .name("budgettui-open".into())
        .spawn(read)
    {
        let _ = report.send(LoadEvent::Opened {
            id,
            result: Err(format!("cannot read it now: {e}")),
        });
    }
}
