//! Reading and parsing off the UI thread: one background thread finds the
//! files, then rayon parses them across the cores; every result (and the
//! tree / column layout derived from it) comes back as a [`LoadEvent`].

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use rayon::prelude::*;

use super::super::state::Ready;
use super::super::update::LoadEvent;
use crate::cache::Cache;
use crate::load;

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
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("budgettui-loader".into())
        .spawn(move || {
            // Even a bug outside the parser must not reach the terminal.
            IN_WORKER.with(|w| w.set(true));
            let report = tx.clone();
            if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run(source, cache.as_ref(), tx);
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
        return rx2;
    }
    rx
}

fn run(source: Source, cache: Option<&Cache>, tx: Sender<LoadEvent>) {
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
                    let result = guarded(|| Ok(Box::new(Ready::new(doc))));
                    let _ = tx.send(LoadEvent::Loaded { id, result });
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
                let result = guarded(|| {
                    load::parse_document(name, bytes).map(|doc| Box::new(Ready::new(doc)))
                });
                let _ = tx.send(LoadEvent::Loaded { id, result });
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
    found
        .files
        .par_iter()
        .enumerate()
        .for_each_with(tx, |tx, (id, path)| {
            let result = guarded(|| {
                load::read_document_cached(path, cache)
                    .map(|d| Box::new(Ready::new(d)))
                    .map_err(|e| e.message)
            });
            let _ = tx.send(LoadEvent::Loaded { id, result });
        });
}
