//! The help overlay: the keys and the wheel scroll it, anything else closes it.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::super::base::action::Action;
use super::super::content::help_text;
use super::super::state::{App, Mode};

/// Lines a mouse wheel notch scrolls.
const WHEEL: usize = 3;

/// A key while the help is open: any key closes it, except the ones that
/// scroll it (a page is what the overlay shows).
pub(super) fn key(app: &mut App, action: Option<Action>) {
    let page = help_text::page(app);
    let Mode::Help { scroll } = &mut app.mode else {
        return;
    };
    match action {
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Down) => *scroll += 1,
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
        Some(Action::PageDown) => *scroll += page,
        Some(Action::First) => *scroll = 0,
        Some(Action::Last) => *scroll = usize::MAX,
        _ => app.mode = Mode::Browse,
    }
    clamp(app);
}

/// The wheel scrolls the help; a click closes it.
pub(super) fn mouse(app: &mut App, ev: &MouseEvent) {
    let Mode::Help { scroll } = &mut app.mode else {
        return;
    };
    match ev.kind {
        MouseEventKind::ScrollDown => *scroll += WHEEL,
        MouseEventKind::ScrollUp => *scroll = scroll.saturating_sub(WHEEL),
        MouseEventKind::Down(_) => app.mode = Mode::Browse,
        _ => {}
    }
    clamp(app);
}

fn clamp(app: &mut App) {
    let max = help_text::max_scroll(app);
    if let Mode::Help { scroll } = &mut app.mode {
        *scroll = (*scroll).min(max);
    }
}
