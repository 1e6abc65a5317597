//! The document list pane: its keys, the wheel and clicks over it, its sort.

use ratatui::layout::Rect;

use super::super::base::action::Action;
use super::super::base::panes::{self, inner};
use super::super::state::{App, Focus};

/// A key while the list has the focus.
pub(super) fn act(app: &mut App, action: Action) {
    let page = page(app) as isize;
    match action {
        Action::Right | Action::Toggle => app.set_focus(Focus::Tree),
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -page),
        Action::PageDown => step(app, page),
        Action::First => step(app, isize::MIN / 2),
        Action::Last => step(app, isize::MAX / 2),
        _ => {}
    }
}

/// Rows a page key moves.
fn page(app: &App) -> usize {
    panes::list_rows(app.panes().list).saturating_sub(1).max(1)
}

fn step(app: &mut App, delta: isize) {
    let list = &mut app.list;
    let n = list.order.len();
    if n > 0 {
        list.selected = list.selected.saturating_add_signed(delta).min(n - 1);
        list.touched = true;
    }
}

/// `s`: the next order.
pub(super) fn cycle_sort(app: &mut App) {
    app.list.sort = app.list.sort.next();
    app.list.touched = true;
    app.resort();
    app.status.message = Some(format!("sorted {}", app.list.sort.label()));
}

/// The wheel over the list (drawn at `area`) scrolls it.
pub(super) fn wheel(app: &mut App, area: Rect, delta: isize) {
    let rows = panes::list_rows(area);
    let list = &mut app.list;
    let max = list.order.len().saturating_sub(rows);
    list.offset = list.offset.saturating_add_signed(delta).min(max);
}

/// A click on the list (drawn at `area`) focuses it and selects the row.
pub(super) fn click(app: &mut App, area: Rect, y: u16) {
    app.set_focus(Focus::List);
    let inside = inner(area);
    if y > inside.y && y < inside.bottom() {
        let list = &mut app.list;
        let k = list.offset + usize::from(y - inside.y - 1);
        if k < list.order.len() {
            list.selected = k;
            list.touched = true;
        }
    }
}
