//! The terminal explorer: document list, section tree, table and indicator views.
//!
//! Event → [`action::Action`] (via the one [`keymap`] table) → [`update`] →
//! pure drawing in [`views`]. Reading and parsing run on worker threads
//! ([`loader`]); the terminal is restored on quit, error, panic and
//! SIGTERM / SIGHUP ([`TerminalGuard`]).

pub mod action;
pub mod app;
#[doc(hidden)]
pub mod demo;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod outline;
pub mod text;
pub mod theme;
pub mod update;
pub mod views;

use std::io::{self, Stdout, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use app::App;
use theme::Theme;
use update::{Msg, update};

/// What the command line passes to the explorer.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Files or folders to open; empty = the current folder if it holds any
    /// supported document, else the bundled samples.
    pub paths: Vec<PathBuf>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
}

/// Run the explorer until the user quits. The terminal is always restored.
pub fn run(opts: TuiOptions) -> io::Result<()> {
    let source = if opts.paths.is_empty() {
        loader::Source::Default
    } else {
        loader::Source::Paths(opts.paths)
    };
    run_source(source)
}

/// Run the explorer over a given source of documents.
pub fn run_source(source: loader::Source) -> io::Result<()> {
    run_with(source, |_| {})
}

/// Run the explorer, calling `after_draw` with the state after every frame
/// (for automation and tests).
pub fn run_with(source: loader::Source, mut after_draw: impl FnMut(&App)) -> io::Result<()> {
    let signals = Signals::register();
    let rx = loader::start(source);
    let mut guard = TerminalGuard::enter()?;
    let result = event_loop(&mut guard.terminal, &rx, &signals, &mut after_draw);
    drop(guard);
    if let Some(sig) = signals.received() {
        signals.die(sig);
    }
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    rx: &std::sync::mpsc::Receiver<update::LoadEvent>,
    signals: &Signals,
    after_draw: &mut dyn FnMut(&App),
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new((size.width, size.height), Theme::from_env());
    app.progress.scanning = true;
    let input = spawn_input_reader();
    loop {
        terminal.draw(|f| views::draw(f, &app))?;
        after_draw(&app);
        // Wait for something to change: input, a loaded document, a signal.
        loop {
            let mut dirty = false;
            let started = Instant::now();
            while let Ok(ev) = rx.try_recv() {
                update(&mut app, Msg::Load(ev));
                dirty = true;
                if started.elapsed() > Duration::from_millis(30) {
                    break;
                }
            }
            if signals.received().is_some() {
                return Ok(());
            }
            let timeout = if dirty {
                Duration::ZERO
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
                    if terminal_gone() {
                        return Ok(());
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
            if app.quit {
                return Ok(());
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
