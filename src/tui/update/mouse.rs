//! The mouse: what is under the pointer in the last frame drawn gets the
//! wheel or the click.

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::super::state::{App, Mode};
use super::scroll::fix_scroll;
use super::{help, list, main_view, prompt, tree};

/// Lines a mouse wheel notch scrolls.
const WHEEL: isize = 3;

fn contains(r: Rect, x: u16, y: u16) -> bool {
    r.contains(Position { x, y })
}

pub(super) fn mouse(app: &mut App, ev: &MouseEvent) {
    let p = app.drawn.panes;
    if p.too_small {
        return;
    }
    match app.mode {
        Mode::Search(_) => return prompt::mouse(app, ev),
        Mode::Help { .. } => return help::mouse(app, ev),
        Mode::Line(_) | Mode::Chart { .. } => return,
        Mode::Browse => {}
    }
    let (x, y) = (ev.column, ev.row);
    let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    let wheel: Option<(isize, bool)> = match ev.kind {
        MouseEventKind::ScrollDown => Some((WHEEL, shift)),
        MouseEventKind::ScrollUp => Some((-WHEEL, shift)),
        MouseEventKind::ScrollRight => Some((1, true)),
        MouseEventKind::ScrollLeft => Some((-1, true)),
        _ => None,
    };
    if let Some((delta, sideways)) = wheel {
        if contains(p.list, x, y) {
            list::wheel(app, p.list, delta);
        } else if contains(p.tree, x, y) {
            tree::wheel(app, p.tree, delta);
        } else if contains(p.main, x, y) {
            main_view::wheel(app, delta, sideways);
        }
        return;
    }
    if !matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
        return;
    }
    if contains(p.list, x, y) {
        list::click(app, p.list, y);
    } else if contains(p.tree, x, y) {
        tree::click(app, p.tree, y);
    } else if contains(p.main, x, y) {
        main_view::click(app, x, y);
    }
    fix_scroll(app);
}
