//! The tree pane: its keys, the wheel and clicks over it.

use ratatui::layout::Rect;

use super::super::base::action::Action;
use super::super::base::panes::inner;
use super::super::state::{App, Focus};

/// A key while the tree has the focus.
pub(super) fn act(app: &mut App, action: Action) {
    let page = page(app) as isize;
    match action {
        Action::Left => app.set_focus(Focus::List),
        Action::Right => app.set_focus(Focus::Main),
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -page),
        Action::PageDown => step(app, page),
        Action::First => step(app, isize::MIN / 2),
        Action::Last => step(app, isize::MAX / 2),
        Action::Toggle => toggle(app),
        _ => {}
    }
}

/// Rows a page key moves.
fn page(app: &App) -> usize {
    usize::from(inner(app.panes().tree).height)
        .saturating_sub(1)
        .max(1)
}

fn step(app: &mut App, delta: isize) {
    let Some(r) = app.current_ready_mut() else {
        return;
    };
    let visible = r.visible();
    let p = visible
        .iter()
        .position(|&i| i == r.tree.selected)
        .unwrap_or(0);
    let p = p
        .saturating_add_signed(delta)
        .min(visible.len().saturating_sub(1));
    if let Some(&i) = visible.get(p) {
        r.tree.selected = i;
    }
}

/// Enter: open or close a node with children; open a leaf in the main view.
fn toggle(app: &mut App) {
    let opened = app.current_ready_mut().map(|r| {
        let i = r.tree.selected;
        match r.nodes.get(i) {
            Some(n) if n.has_children(i) => {
                if let Some(e) = r.tree.expanded.get_mut(i) {
                    *e = !*e;
                }
                false
            }
            Some(_) => true,
            None => false,
        }
    });
    if opened == Some(true) {
        app.set_focus(Focus::Main);
    }
}

/// The wheel over the tree (drawn at `area`) scrolls it.
pub(super) fn wheel(app: &mut App, area: Rect, delta: isize) {
    let rows = usize::from(inner(area).height);
    if let Some(r) = app.current_ready_mut() {
        let max = r.visible().len().saturating_sub(rows);
        r.tree.offset = r.tree.offset.saturating_add_signed(delta).min(max);
    }
}

/// A click on the tree (drawn at `area`) focuses it and selects the node;
/// a click on the selected node opens or closes it.
pub(super) fn click(app: &mut App, area: Rect, y: u16) {
    app.set_focus(Focus::Tree);
    let inside = inner(area);
    if y < inside.y || y >= inside.bottom() {
        return;
    }
    let Some(r) = app.current_ready_mut() else {
        return;
    };
    let visible = r.visible();
    if let Some(&i) = visible.get(r.tree.offset + usize::from(y - inside.y)) {
        if i == r.tree.selected {
            if r.nodes.get(i).is_some_and(|n| n.has_children(i))
                && let Some(e) = r.tree.expanded.get_mut(i)
            {
                *e = !*e;
            }
        } else {
            r.tree.selected = i;
        }
    }
}
