//! The main view: its keys (the table's cell cursor, the selected item of a
//! project, indicator or findings view — Enter on a finding goes to it —,
//! scrolling text), the wheel and clicks over it,
//! wrapping long cells.

use super::super::base::action::Action;
use super::super::base::panes::inner;
use super::super::content::main_content::{current_table, main_lines};
use super::super::state::{App, Focus, Rendered, ViewPos};
use super::findings;
use super::scroll::fix_main;

/// A key while the main view has the focus.
pub(super) fn act(app: &mut App, action: Action) {
    let page = page(app) as isize;
    match action {
        Action::Left => {
            // At the first column (or the first figure of a text, or
            // outside both), ← leaves for the tree.
            let moved = grid_move(app, 0, -1) || figure_step(app, false);
            if !moved {
                app.set_focus(Focus::Tree);
            }
        }
        Action::Right => {
            let _ = grid_move(app, 0, 1) || figure_step(app, true);
        }
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -page),
        Action::PageDown => step(app, page),
        Action::First => step(app, isize::MIN / 2),
        Action::Last => step(app, isize::MAX / 2),
        Action::Toggle => {
            findings::open(app);
        }
        _ => {}
    }
}

/// Rows a page key moves: the table's body rows, or the pane's lines.
fn page(app: &App) -> usize {
    let area = inner(app.panes().main);
    let h = match current_table(app) {
        Some((t, _)) => usize::from(area.height).saturating_sub(t.header.len() + 1),
        None => usize::from(area.height),
    };
    h.saturating_sub(1).max(1)
}

/// Move the cell cursor; false when the view is not a table or the move
/// would leave it (so `h` at the first column can move focus instead).
fn grid_move(app: &mut App, drow: isize, dcol: isize) -> bool {
    let board = app.board.is_some();
    let Some(g) = app.grid_mut() else {
        return false;
    };
    let (nrows, ncols) = (g.grid.shown(g.table.rows.len()), g.table.width());
    let pos = g.pos;
    if dcol < 0 && pos.col == 0 {
        // On a board there is no pane to the left.
        return board;
    }
    pos.col = pos
        .col
        .saturating_add_signed(dcol)
        .min(ncols.saturating_sub(1));
    pos.row = pos
        .row
        .saturating_add_signed(drow)
        .min(nrows.saturating_sub(1));
    true
}

fn step(app: &mut App, delta: isize) {
    if current_table(app).is_some() {
        grid_move(app, delta, 0);
        return;
    }
    let area = inner(app.panes().main);
    if let Some(rendered) = main_lines(app, area.width).filter(|r| !r.items.is_empty()) {
        let h = usize::from(area.height).max(1);
        if let Some(r) = app.current_ready_mut() {
            move_item(r.pos_mut(), &rendered, delta, h);
        }
    } else if let Some(r) = app.current_ready_mut() {
        let pos = r.pos_mut();
        pos.scroll = pos.scroll.saturating_add_signed(delta);
    }
}

/// Move the item cursor of a view of lines: by one for ±1, else by a page
/// of `h` lines (the first item starting on the new page is selected).
fn move_item(pos: &mut ViewPos, rendered: &Rendered, delta: isize, h: usize) {
    let n = rendered.items.len();
    if n == 0 {
        return;
    }
    let last = n - 1;
    if delta.abs() <= 1 {
        pos.item = pos.item.saturating_add_signed(delta).min(last);
        return;
    }
    if delta <= isize::MIN / 4 {
        pos.item = 0;
        pos.scroll = 0;
        return;
    }
    if delta >= isize::MAX / 4 {
        pos.item = last;
        return;
    }
    let max_scroll = rendered.lines.len().saturating_sub(h);
    let scroll = pos.scroll.saturating_add_signed(delta).min(max_scroll);
    let start = |i: usize| rendered.items.get(i).map(|(_, r)| r.start).unwrap_or(0);
    let target = if delta > 0 {
        (0..n).find(|&i| start(i) >= scroll + h / 2).unwrap_or(last)
    } else {
        (0..n)
            .rev()
            .find(|&i| start(i) <= scroll + h / 2)
            .unwrap_or(0)
    };
    pos.scroll = scroll;
    pos.item = if delta > 0 {
        target.max(pos.item.min(last))
    } else {
        target.min(pos.item.min(last))
    };
}

/// `l` / `h` in a section's text: select the next / previous figure
/// (scrolling to it); false when there is none that way.
fn figure_step(app: &mut App, forward: bool) -> bool {
    if app.board.is_some() {
        return false;
    }
    let area = inner(app.panes().main);
    let Some(rendered) = main_lines(app, area.width).filter(|r| !r.figures.is_empty()) else {
        return false;
    };
    let Some(r) = app.current_ready_mut() else {
        return false;
    };
    let pos = r.pos_mut();
    let figures = &rendered.figures;
    let next = match (pos.figure, forward) {
        (None, true) => figures
            .iter()
            .position(|f| f.line >= pos.scroll)
            .or(Some(figures.len() - 1)),
        (None, false) | (Some(0), false) => None,
        (Some(k), true) => Some((k + 1).min(figures.len() - 1)),
        (Some(k), false) => Some(k - 1),
    };
    let Some(k) = next else {
        return false;
    };
    pos.figure = Some(k);
    let line = figures[k].line;
    let h = usize::from(area.height).max(1);
    if line < pos.scroll {
        pos.scroll = line;
    } else if line >= pos.scroll + h {
        pos.scroll = line + 1 - h;
    }
    true
}

/// `w`: wrap long table cells, or cut them.
pub(super) fn toggle_wrap(app: &mut App) {
    app.wrap = !app.wrap;
    app.status.message = Some(
        if app.wrap {
            "wrapping long cells"
        } else {
            "cutting long cells"
        }
        .into(),
    );
}

/// The wheel over the main view scrolls it without moving the cursor:
/// rows (or, `sideways`, columns) of a table, lines of text.
pub(super) fn wheel(app: &mut App, delta: isize, sideways: bool) {
    if let Some(g) = app.grid_mut() {
        let ncols = g.layout.widths.len();
        let nrows = g.grid.shown(g.table.rows.len());
        let frozen = g.layout.frozen;
        let pos = g.pos;
        if sideways {
            pos.col_off = pos
                .col_off
                .max(frozen)
                .saturating_add_signed(delta.signum())
                .min(ncols.saturating_sub(1));
        } else {
            pos.row_off = pos
                .row_off
                .saturating_add_signed(delta)
                .min(nrows.saturating_sub(1));
        }
    } else if let Some(r) = app.current_ready_mut() {
        let pos = r.pos_mut();
        pos.scroll = pos.scroll.saturating_add_signed(delta);
    }
    let main = app.panes().main;
    fix_main(app, main, false);
}

/// A click on the main view focuses it; on a table cell (as the last frame
/// drew it), the cursor goes there.
pub(super) fn click(app: &mut App, x: u16, y: u16) {
    app.set_focus(Focus::Main);
    let hit = app.drawn.table.as_ref().and_then(|t| t.cell_at(x, y));
    if let Some((row, col)) = hit
        && let Some(g) = app.grid_mut()
    {
        g.pos.row = row;
        g.pos.col = col;
    }
}
