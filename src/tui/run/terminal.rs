//! The terminal while the explorer runs: raw mode and the alternate screen,
//! restored on quit, error, panic and SIGTERM / SIGHUP ([`TerminalGuard`],
//! [`Signals`]); terminal input read on a thread of its own.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::loader;

/// Terminal input is read on its own thread and handed over by message, so
/// the event loop keeps checking signals and the terminal even when reading
/// blocks or spins (a hung-up terminal reads as endless end-of-file).
pub(super) fn spawn_input_reader() -> Receiver<io::Result<Event>> {
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
pub(super) fn terminal_gone() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_err()
}

#[cfg(not(unix))]
pub(super) fn terminal_gone() -> bool {
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
pub(super) struct Signals {
    got: Arc<AtomicUsize>,
}

impl Signals {
    pub(super) fn register() -> Signals {
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

    pub(super) fn received(&self) -> Option<i32> {
        match self.got.load(Ordering::SeqCst) {
            0 => None,
            s => i32::try_from(s).ok(),
        }
    }

    #[cfg(unix)]
    pub(super) fn die(&self, sig: i32) {
        let _ = signal_hook::low_level::emulate_default_handler(sig);
    }

    #[cfg(not(unix))]
    pub(super) fn die(&self, _sig: i32) {}
}
