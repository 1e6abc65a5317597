//! The terminal explorer: document list, section tree, table and indicator views.
//!
//! Event → [`action::Action`] (via the one [`keymap`] table) → [`update`] →
//! pure drawing in [`views`]. Reading and parsing run on worker threads
//! ([`loader`]); the terminal is restored on quit, error, panic and
//! SIGTERM / SIGHUP ([`TerminalGuard`]).

pub mod app;
pub mod base;
#[doc(hidden)]
pub mod demo;
pub mod document;
pub mod engine;
pub mod find;
pub mod loader;
pub mod update;
pub mod views;
pub mod yank;

pub use base::panes as layout;
pub use base::screen_text as text;
pub use base::{action, keymap, theme};
pub use document::doc_tree as outline;

use std::io::{self, Stdout, Write, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::clipboard;
use crate::config::Config;
use app::App;
use base::theme::Theme;
use update::{Msg, update};

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
}

/// Run the explorer until the user quits. The terminal is always restored.
pub fn run(opts: TuiOptions) -> io::Result<()> {
    let source = if opts.paths.is_empty() {
        loader::Source::Default
    } else {
        loader::Source::Paths(opts.paths)
    };
    run_configured(source, &opts.settings, |_| {})
}

/// Run the explorer over a given source of documents.
pub fn run_source(source: loader::Source) -> io::Result<()> {
    run_with(source, |_| {})
}

/// Run the explorer, calling `after_draw` with the state after every frame
/// (for automation and tests).
pub fn run_with(source: loader::Source, after_draw: impl FnMut(&App)) -> io::Result<()> {
    run_configured(source, &Config::default(), after_draw)
}

/// [`run_with`] with a configuration.
pub fn run_configured(
    source: loader::Source,
    cfg: &Config,
    mut after_draw: impl FnMut(&App),
) -> io::Result<()> {
    base::screen_text::set_ambiguous_width(cfg.ambiguous_width);
    let signals = Signals::register();
    let rx = loader::start(source);
    let mut guard = TerminalGuard::enter()?;
    let result = event_loop(&mut guard.terminal, &rx, &signals, &mut after_draw, cfg);
    drop(guard);
    if let Some(sig) = signals.received() {
        signals.die(sig);
    }
    result
}

/// Apply a configuration to the explorer's state.
pub fn configure(app: &mut App, cfg: &Config) {
    app.keymap = keymap::Keymap::from_keys(&cfg.keys);
    app.theme = Theme::configured(&cfg.theme);
    app.sort = cfg.sort;
    app.yank = cfg.yank;
    app.resort();
}

/// What a copy running on its own thread reports.
enum CopyEvent {
    /// Escape sequences for the terminal (written between frames).
    Bytes(Vec<u8>),
    Done {
        label: String,
        report: clipboard::CopyReport,
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

/// Copy on a thread of its own: an external command (bounded by the
/// configured timeout) never blocks the UI; escape sequences come back to
/// the loop, which writes them to the terminal between frames.
fn start_copy(
    req: yank::CopyRequest,
    cfg: &clipboard::ClipboardConfig,
    env: &clipboard::Env,
    tx: &Sender<CopyEvent>,
) -> bool {
    let (cfg, env, tx) = (cfg.clone(), env.clone(), tx.clone());
    std::thread::Builder::new()
        .name("budgettui-copy".into())
        .spawn(move || {
            let mut term = ToLoop(tx.clone());
            let report = clipboard::copy(&req.text, &cfg, &env, &mut term);
            let _ = tx.send(CopyEvent::Done {
                label: req.label,
                report,
            });
        })
        .is_ok()
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    rx: &std::sync::mpsc::Receiver<update::LoadEvent>,
    signals: &Signals,
    after_draw: &mut dyn FnMut(&App),
    cfg: &Config,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new((size.width, size.height), Theme::from_env());
    configure(&mut app, cfg);
    app.progress.scanning = true;
    let input = spawn_input_reader();
    let mut worker = find::Worker::start().ok();
    let env = clipboard::Env::detect();
    let (copy_tx, copy_rx) = mpsc::channel::<CopyEvent>();
    let mut copies = 0usize;
    loop {
        terminal.draw(|f| views::draw(f, &app))?;
        after_draw(&app);
        // Wait for something to change: input, a loaded document, a search
        // result, a copy, a signal.
        loop {
            let mut dirty = false;
            let started = Instant::now();
            let mut loaded = false;
            while let Ok(ev) = rx.try_recv() {
                update(&mut app, Msg::Load(ev));
                dirty = true;
                loaded = true;
                if started.elapsed() > Duration::from_millis(30) {
                    break;
                }
            }
            if loaded && let Some(w) = worker.as_mut() {
                w.index_new(&app);
            }
            if let Some(w) = worker.as_ref() {
                while let Ok(done) = w.answers.try_recv() {
                    update(&mut app, Msg::Search(done));
                    dirty = true;
                }
            }
            while let Ok(ev) = copy_rx.try_recv() {
                match ev {
                    CopyEvent::Bytes(b) => {
                        let mut out = stdout().lock();
                        // A failed write shows up in the report as well.
                        let _ = out.write_all(&b).and_then(|()| out.flush());
                    }
                    CopyEvent::Done { label, report } => {
                        copies = copies.saturating_sub(1);
                        update(&mut app, Msg::Copied { label, report });
                        dirty = true;
                    }
                }
            }
            if signals.received().is_some() {
                return Ok(());
            }
            let searching = app.prompt.as_ref().is_some_and(|p| p.pending);
            let timeout = if dirty {
                Duration::ZERO
            } else if copies > 0 || searching {
                Duration::from_millis(5)
            } else if !app.progress.finished() {
                Duration::from_millis(25)
            } else {
                Duration::from_millis(200)
            };
            match input.recv_timeout(timeout) {
                Ok(first) => {
                    // handle everything that is queued before drawing again
                    let mut next = Some(first);
                    while let Some(ev) = next.take() {
                        match ev? {
                            Event::Key(k) => update(&mut app, Msg::Key(k)),
                            Event::Mouse(m) => update(&mut app, Msg::Mouse(m)),
                            Event::Resize(w, h) => {
                                terminal.autoresize()?;
                                update(&mut app, Msg::Resize(w, h));
                            }
                            _ => {}
                        }
                        if !app.quit {
                            next = input.try_recv().ok();
                        }
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
            if app.quit {
                return Ok(());
            }
            // Hand the searches and copies the keys asked for to their threads.
            if std::mem::take(&mut app.search_cancel)
                && let Some(w) = worker.as_mut()
            {
                w.cancel();
            }
            if let Some(req) = app.search_request.take() {
                match worker.as_mut() {
                    Some(w) => w.request(req),
                    None => app.message = Some("search is unavailable".to_string()),
                }
            }
            if let Some(req) = app.pending_copy.take() {
                if start_copy(req, &cfg.clipboard, &env, &copy_tx) {
                    copies += 1;
                } else {
                    app.message = Some("could not copy: no thread for the clipboard".into());
                }
                dirty = true;
            }
            if dirty {
                break;
            }
        }
    }
}

/// Terminal input is read on its own thread and handed over by message, so
/// the event loop keeps checking signals and the terminal even when reading
/// blocks or spins (a hung-up terminal reads as endless end-of-file).
fn spawn_input_reader() -> Receiver<io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("budgettui-input".into())
        .spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(Err(e));
        return rx;
    }
    rx
}

/// True when the controlling terminal has hung up.
#[cfg(unix)]
fn terminal_gone() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_err()
}

#[cfg(not(unix))]
fn terminal_gone() -> bool {
    false
}

/// Set while the terminal is in raw mode / alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: std::sync::Once = std::sync::Once::new();

/// Leave raw mode and the alternate screen, stop mouse reporting, show the
/// cursor. Safe to call more than once and from the panic hook.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
    }
}

/// Owns the terminal while the explorer runs; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        HOOK.call_once(|| {
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // A worker's panic is caught and shown as that file's error.
                if loader::in_worker() {
                    return;
                }
                restore_terminal();
                prev(info);
            }));
        });
        ACTIVE.store(true, Ordering::SeqCst);
        let setup = (|| {
            enable_raw_mode()?;
            execute!(
                stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                cursor::Hide
            )?;
            Terminal::new(CrosstermBackend::new(stdout()))
        })();
        match setup {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// SIGTERM / SIGHUP / SIGINT / SIGQUIT: end the loop, restore, then die by the signal.
struct Signals {
    got: Arc<AtomicUsize>,
}

impl Signals {
    fn register() -> Signals {
        let got = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        {
            use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
            for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
                let _ = signal_hook::flag::register_usize(sig, Arc::clone(&got), sig as usize);
            }
        }
        Signals { got }
    }

    fn received(&self) -> Option<i32> {
        match self.got.load(Ordering::SeqCst) {
            0 => None,
            s => i32::try_from(s).ok(),
        }
    }

    #[cfg(unix)]
    fn die(&self, sig: i32) {
        let _ = signal_hook::low_level::emulate_default_handler(sig);
    }

    #[cfg(not(unix))]
    fn die(&self, _sig: i32) {}
}
