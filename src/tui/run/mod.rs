//! The event loop, the explorer's top layer: it owns the terminal and the
//! threads (the loader, the search worker, copies), feeds every event to
//! [`update`] as a message, carries out the [`Effect`]s it returns, and
//! draws with [`views::draw`] after each batch of events.

mod copier;
pub mod loader;
pub mod search_worker;
mod terminal;
mod trace;

use std::collections::HashSet;
use std::io::{self, Stdout, Write, stdout};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::cache::Cache;
use crate::config::Config;

use super::base::screen_text;
use super::state::{App, Measured, Settings};
use super::update::{Effect, LoadEvent, Msg, update};
use super::views;
use copier::{Copier, CopyEvent};
use search_worker::Worker;
use terminal::{Signals, TerminalGuard, spawn_input_reader, terminal_gone};
use trace::Trace;

/// What the command line passes to the explorer.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Files or folders to open; empty = the current folder if it holds any
    /// supported document, else the bundled samples.
    pub paths: Vec<PathBuf>,
    /// `--config FILE` (already read into `settings`).
    pub config: Option<PathBuf>,
    /// The configuration (keys, theme, clipboard, yank unit, sort, widths).
    pub settings: Config,
    /// The cache of parsed documents (`None`: parse every file, `--no-cache`).
    pub cache: Option<Cache>,
}

/// Run the explorer until the user quits. The terminal is always restored.
pub fn run(opts: TuiOptions) -> io::Result<()> {
    let source = if opts.paths.is_empty() {
        loader::Source::Default
    } else {
        loader::Source::Paths(opts.paths)
    };
    run_configured(source, &opts.settings, opts.cache, |_| {})
}

/// Run the explorer over a given source of documents.
pub fn run_source(source: loader::Source) -> io::Result<()> {
    run_with(source, |_| {})
}

/// Run the explorer, calling `after_draw` with the state after every frame
/// (for automation and tests).
pub fn run_with(source: loader::Source, after_draw: impl FnMut(&App)) -> io::Result<()> {
    run_configured(source, &Config::default(), None, after_draw)
}

/// [`run_with`] with a configuration, resolved here once.
fn run_configured(
    source: loader::Source,
    cfg: &Config,
    cache: Option<Cache>,
    mut after_draw: impl FnMut(&App),
) -> io::Result<()> {
    let settings = Settings::resolve(cfg);
    screen_text::set_ambiguous_width(settings.ambiguous_width);
    let signals = Signals::register();
    let trace = Trace::from_env();
    let worker = Worker::start().ok();
    let sink = worker.as_ref().map(Worker::items_sink);
    let (loads, load_tx) = loader::start_indexing(source, cache.clone(), sink);
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut session = Session {
        copier: Copier::new(settings.clipboard.clone()),
        app: App::new((size.width, size.height), settings),
        loads,
        load_tx,
        cache,
        opening: HashSet::new(),
        input: spawn_input_reader(),
        worker,
        trace,
    };
    let result = session.run(&mut guard.terminal, &signals, &mut after_draw);
    drop(guard);
    if let Some(sig) = signals.received() {
        signals.die(sig);
    }
    result
}

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// The state and everything that feeds it.
struct Session {
    app: App,
    loads: Receiver<LoadEvent>,
    /// Into `loads`: documents read again to be shown come this way.
    load_tx: Sender<LoadEvent>,
    cache: Option<Cache>,
    /// Listed documents being read to be shown.
    opening: HashSet<usize>,
    input: Receiver<io::Result<Event>>,
    worker: Option<Worker>,
    copier: Copier,
    /// Timings asked for by `BUDGETTUI_TRACE`.
    trace: Option<Trace>,
}

impl Session {
    fn run(
        &mut self,
        terminal: &mut Term,
        signals: &Signals,
        after_draw: &mut dyn FnMut(&App),
    ) -> io::Result<()> {
        loop {
            self.open_selected();
            let mut drawn = Measured::default();
            terminal.draw(|f| drawn = views::draw(f, &self.app))?;
            self.send(Msg::Drawn(drawn));
            if let Some(t) = self.trace.as_mut() {
                t.frame(&self.app, self.worker.as_ref().map(|w| &*w.indexing));
            }
            after_draw(&self.app);
            // Wait for something to change: input, a loaded document, a
            // search result, a copy, a signal.
            loop {
                let mut dirty = self.background();
                if signals.received().is_some() {
                    return Ok(());
                }
                match self.input.recv_timeout(self.timeout(dirty)) {
                    Ok(first) => {
                        if self.input_batch(first, terminal)? == Flow::Quit {
                            return Ok(());
                        }
                        dirty = true;
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        // Idle: make sure the terminal is still there. A closed
                        // pty (tmux killed, ssh dropped) reads as endless EOF.
                        if !dirty && terminal_gone() {
                            return Ok(());
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
                if dirty {
                    break;
                }
            }
        }
    }

    /// Hand a message to `update` and carry out what it asks for.
    fn send(&mut self, msg: Msg) -> Flow {
        let effects = update(&mut self.app, msg);
        for effect in effects {
            match effect {
                Effect::Quit => return Flow::Quit,
                Effect::Search(req) => match self.worker.as_mut() {
                    Some(w) => w.request(req),
                    None => self.notice("search is unavailable"),
                },
                Effect::CancelSearch => {
                    if let Some(w) = self.worker.as_mut() {
                        w.cancel();
                    }
                }
                Effect::Copy(req) => {
                    if !self.copier.start(req) {
                        self.notice("could not copy: no thread for the clipboard");
                    }
                }
            }
        }
        Flow::Continue
    }

    /// Have the selected document read when it is only listed.
    fn open_selected(&mut self) {
        let Some(id) = self.app.wants_open() else {
            return;
        };
        if !self.opening.insert(id) {
            return;
        }
        if let Some(entry) = self.app.docs().get(id) {
            let path = PathBuf::from(&entry.path);
            loader::open(&self.load_tx, self.cache.as_ref(), id, path);
        }
    }

    fn notice(&mut self, text: &str) {
        update(&mut self.app, Msg::Notice(text.to_string()));
    }

    /// What the threads reported since the last look; true when the state
    /// changed.
    fn background(&mut self) -> bool {
        let mut dirty = false;
        let started = Instant::now();
        let mut loaded = false;
        while let Ok(ev) = self.loads.try_recv() {
            if let LoadEvent::Opened { id, .. } = ev {
                self.opening.remove(&id);
            }
            self.send(Msg::Load(ev));
            dirty = true;
            loaded = true;
            if started.elapsed() > Duration::from_millis(30) {
                break;
            }
        }
        if loaded && let Some(w) = self.worker.as_mut() {
            w.index_new(&self.app);
        }
        if let (Some(t), Some(w)) = (self.trace.as_mut(), self.worker.as_ref()) {
            t.searchable(&self.app, &w.indexing);
        }
        let answers: Vec<_> = match self.worker.as_ref() {
            Some(w) => w.answers.try_iter().collect(),
            None => Vec::new(),
        };
        for done in answers {
            self.send(Msg::Search(done));
            dirty = true;
        }
        while let Ok(ev) = self.copier.events.try_recv() {
            match ev {
                CopyEvent::Bytes(b) => {
                    let mut out = stdout().lock();
                    // A failed write shows up in the report as well.
                    let _ = out.write_all(&b).and_then(|()| out.flush());
                }
                CopyEvent::Done { label, report } => {
                    self.copier.running = self.copier.running.saturating_sub(1);
                    self.send(Msg::Copied { label, report });
                    dirty = true;
                }
            }
        }
        dirty
    }

    /// How long to wait for input: not at all when there is something to
    /// draw, briefly while a search or a copy runs or documents load.
    fn timeout(&self, dirty: bool) -> Duration {
        let searching = self.app.prompt().is_some_and(|p| p.pending);
        if dirty {
            Duration::ZERO
        } else if self.copier.running > 0 || searching {
            Duration::from_millis(5)
        } else if !self.app.status().progress.finished() {
            Duration::from_millis(25)
        } else {
            Duration::from_millis(200)
        }
    }

    /// Handle every input event that is queued before drawing again.
    fn input_batch(&mut self, first: io::Result<Event>, terminal: &mut Term) -> io::Result<Flow> {
        let mut next = Some(first);
        while let Some(ev) = next.take() {
            let flow = match ev? {
                Event::Key(k) => self.send(Msg::Key(k)),
                Event::Mouse(m) => self.send(Msg::Mouse(m)),
                Event::Resize(w, h) => {
                    terminal.autoresize()?;
                    self.send(Msg::Resize(w, h))
                }
                _ => Flow::Continue,
            };
            if flow == Flow::Quit {
                return Ok(Flow::Quit);
            }
            next = self.input.try_recv().ok();
        }
        Ok(Flow::Continue)
    }
}
