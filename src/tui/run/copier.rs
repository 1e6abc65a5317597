//! Copies to the clipboard on a thread of their own: an external command
//! (bounded by the configured timeout) never blocks the UI; the escape
//! sequences a copy writes come back to the event loop, which writes them
//! to the terminal between frames.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::clipboard::{self, ClipboardConfig, CopyReport, Env};

use super::super::content::copy::CopyRequest;

/// What a copy running on its own thread reports.
pub(super) enum CopyEvent {
    /// Escape sequences for the terminal (written between frames).
    Bytes(Vec<u8>),
    Done {
        label: String,
        report: CopyReport,
    },
}

/// Hands the bytes `clipboard::copy` writes to the event loop.
struct ToLoop(Sender<CopyEvent>);

impl io::Write for ToLoop {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .send(CopyEvent::Bytes(buf.to_vec()))
            .map_err(|_| io::Error::other("the explorer has stopped"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The copies in flight and their reports.
pub(super) struct Copier {
    config: ClipboardConfig,
    env: Env,
    tx: Sender<CopyEvent>,
    pub(super) events: Receiver<CopyEvent>,
    /// Copies started and not done yet.
    pub(super) running: usize,
}

impl Copier {
    pub(super) fn new(config: ClipboardConfig) -> Copier {
        let (tx, events) = mpsc::channel();
        Copier {
            config,
            env: Env::detect(),
            tx,
            events,
            running: 0,
        }
    }

    /// Start a copy; false when no thread could be started.
    pub(super) fn start(&mut self, req: CopyRequest) -> bool {
        let (cfg, env, tx) = (self.config.clone(), self.env.clone(), self.tx.clone());
        let spawned = std::thread::Builder::new()
            .name("budgettui-copy".into())
            .spawn(move || {
                let mut term = ToLoop(tx.clone());
                let report = clipboard::copy(&req.text, &cfg, &env, &mut term);
                let _ = tx.send(CopyEvent::Done {
                    label: req.label,
                    report,
                });
            });
        if spawned.is_ok() {
            self.running += 1;
        }
        spawned.is_ok()
    }
}
