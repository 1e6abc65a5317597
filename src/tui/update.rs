//! State transitions: event → [`Action`] → new state. No I/O here; the
//! caller draws after each update.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, DocEntry, DocState, Focus, Progress, Ready, ViewPos};
use super::base::action::Action;
use super::base::panes::{self as layout, Panes, inner};
use super::document::doc_tree::NodeKind;
use super::find;
use super::views::{self, MainContent, grid};

/// What the loader reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// The files that will be read (in order; their ids are their positions,
    /// counted after any documents already listed) and the paths that failed
    /// before reading.
    Discovered {
        paths: Vec<String>,
        errors: Vec<(String, String)>,
        skipped: usize,
        note: Option<String>,
    },
    /// One file is read and parsed (or failed).
    Loaded {
        id: usize,
        result: Result<Box<Ready>, String>,
    },
}

/// Everything that can change the state.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Load(LoadEvent),
    /// A search finished.
    Search(find::SearchDone),
    /// A copy to the clipboard finished.
    Copied {
        label: String,
        report: crate::clipboard::CopyReport,
    },
}

/// Lines a mouse wheel notch scrolls.
const WHEEL: usize = 3;

pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Key(ev) => key(app, &ev),
        Msg::Mouse(ev) => mouse(app, &ev),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            fix_scroll(app);
            fix_prompt(app);
        }
        Msg::Load(ev) => load(app, ev),
        Msg::Search(done) => {
            find::done(app, done);
            fix_prompt(app);
        }
        Msg::Copied { label, report } => app.message = Some(report.status_line(&label)),
    }
}

/// Keep the highlighted search result on screen.
fn fix_prompt(app: &mut App) {
    let rows = views::search::result_rows(app);
    if let Some(p) = app.prompt.as_mut() {
        find::fix_offset(p, rows);
    }
}

/// A key while the search prompt is open: characters type into the query;
/// other keys go through the keymap (↑↓ PgUp PgDn choose, Enter jumps, Esc
/// goes back, Ctrl-y copies the highlighted result's amount).
fn prompt_key(app: &mut App, ev: &KeyEvent, action: Option<Action>) {
    let typed = match ev.code {
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    if let Some(c) = typed {
        if let Some(p) = app.prompt.as_mut() {
            p.query.push(c);
        }
        app.message = None;
        find::query_changed(app);
        return;
    }
    if ev.code == KeyCode::Backspace {
        if let Some(p) = app.prompt.as_mut() {
            p.query.pop();
        }
        find::query_changed(app);
        return;
    }
    let page = views::search::result_rows(app).saturating_sub(1).max(1) as isize;
    match action {
        Some(Action::Up) => find::select(app, -1),
        Some(Action::Down) => find::select(app, 1),
        Some(Action::PageUp) => find::select(app, -page),
        Some(Action::PageDown) => find::select(app, page),
        Some(Action::First) => find::select(app, isize::MIN / 2),
        Some(Action::Last) => find::select(app, isize::MAX / 2),
        Some(Action::Toggle) => {
            app.message = None;
            find::accept(app);
            fix_scroll(app);
            return;
        }
        Some(Action::Close) => {
            app.message = None;
            find::cancel(app);
            fix_scroll(app);
            return;
        }
        Some(Action::Quit) => app.quit = true,
        Some(Action::Yank) => find::yank_selected(app),
        _ => {}
    }
    fix_prompt(app);
}

fn request_copy(app: &mut App, r: Result<super::yank::CopyRequest, String>) {
    match r {
        Ok(req) => app.pending_copy = Some(req),
        Err(why) => app.message = Some(why),
    }
}

fn panes(app: &App) -> Panes {
    layout::panes(
        Rect::new(0, 0, app.size.0, app.size.1),
        app.zoom,
        app.docs.len(),
    )
}

fn load(app: &mut App, ev: LoadEvent) {
    match ev {
        LoadEvent::Discovered {
            paths,
            errors,
            skipped,
            note,
        } => {
            let base = app.docs.len();
            for p in paths {
                app.docs.push(DocEntry {
                    path: p,
                    state: DocState::Loading,
                });
            }
            let total = app.docs.len() - base;
            for (p, e) in errors {
                app.docs.push(DocEntry {
                    path: p,
                    state: DocState::Failed(e),
                });
            }
            app.skipped += skipped;
            if skipped > 0 {
                app.message = Some(format!("skipped {skipped} hidden or unsupported entries"));
            }
            app.progress = Progress {
                scanning: false,
                done: app.progress.done,
                total: app.progress.total + total,
            };
            if note.is_some() {
                app.source_note = note;
            }
        }
        LoadEvent::Loaded { id, result } => {
            if let Some(d) = app.docs.get_mut(id) {
                d.state = match result {
                    Ok(r) => DocState::Ready(r),
                    Err(e) => DocState::Failed(e),
                };
            }
            app.progress.done += 1;
        }
    }
    let touched = app.list_touched;
    app.resort();
    if !touched {
        app.list_selected = 0;
    }
    fix_scroll(app);
}

fn key(app: &mut App, ev: &KeyEvent) {
    if ev.kind == crossterm::event::KeyEventKind::Release {
        return;
    }
    let action = app.keymap.action_for(ev);
    if app.prompt.is_some() {
        prompt_key(app, ev, action);
        return;
    }
    if app.help {
        // Any key closes the help, except the ones that scroll it.
        let Some(action) = action else {
            app.help = false;
            return;
        };
        match action {
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::Down => app.help_scroll += 1,
            Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            Action::PageDown => app.help_scroll += 10,
            _ => app.help = false,
        }
        clamp_help(app);
        return;
    }
    if let Some(action) = action {
        apply(app, action);
    }
}

fn clamp_help(app: &mut App) {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let w = area.width.saturating_sub(6).min(74);
    let n = views::help::lines(app, w).len();
    let r = views::help::rect(area, n);
    let h = usize::from(r.height.saturating_sub(2));
    app.help_scroll = app.help_scroll.min(n.saturating_sub(h));
}

/// Apply one action to the state.
pub fn apply(app: &mut App, action: Action) {
    app.message = None;
    // A figure pinned by a jump lasts until the next move.
    if !matches!(action, Action::Yank | Action::YankRow | Action::Help) {
        app.pinned = None;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Close => {
            if app.zoom {
                app.zoom = false;
            } else if let Some(o) = app.jump_back.take() {
                find::restore(app, o);
                app.message = Some("back to where you were before the search".to_string());
            }
        }
        Action::Search => find::open(app),
        Action::NextResult => find::step_result(app, 1),
        Action::PrevResult => find::step_result(app, -1),
        Action::Yank => request_copy(app, super::yank::figure(app)),
        Action::YankRow => request_copy(app, super::yank::row(app)),
        Action::FocusNext => set_focus(app, app.focus.next()),
        Action::FocusPrev => set_focus(app, app.focus.prev()),
        Action::Left => match app.focus {
            Focus::List => {}
            Focus::Tree => set_focus(app, Focus::List),
            Focus::Main => {
                if !grid_move(app, 0, -1) {
                    set_focus(app, Focus::Tree);
                }
            }
        },
        Action::Right => match app.focus {
            Focus::List => set_focus(app, Focus::Tree),
            Focus::Tree => set_focus(app, Focus::Main),
            Focus::Main => {
                grid_move(app, 0, 1);
            }
        },
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -(page(app) as isize)),
        Action::PageDown => step(app, page(app) as isize),
        Action::First => step(app, isize::MIN / 2),
        Action::Last => step(app, isize::MAX / 2),
        Action::Toggle => match app.focus {
            Focus::List => set_focus(app, Focus::Tree),
            Focus::Tree => {
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
                    set_focus(app, Focus::Main);
                }
            }
            Focus::Main => {}
        },
        Action::CycleSort => {
            app.sort = app.sort.next();
            app.list_touched = true;
            app.resort();
            app.message = Some(format!("sorted {}", app.sort.label()));
        }
        Action::ToggleWrap => {
            app.wrap = !app.wrap;
            app.message = Some(
                if app.wrap {
                    "wrapping long cells"
                } else {
                    "cutting long cells"
                }
                .into(),
            );
        }
        Action::Zoom => {
            app.zoom = !app.zoom;
            if app.zoom {
                app.focus = Focus::Main;
            }
        }
    }
    fix_scroll(app);
}

fn set_focus(app: &mut App, f: Focus) {
    app.focus = f;
    if f != Focus::Main {
        app.zoom = false;
    }
}

/// Rows a page key moves in the focused pane.
fn page(app: &App) -> usize {
    let p = panes(app);
    let h = match app.focus {
        Focus::List => views::doc_list::visible_rows(p.list),
        Focus::Tree => usize::from(inner(p.tree).height),
        Focus::Main => {
            let area = inner(p.main);
            match current_table(app) {
                Some((t, _)) => usize::from(area.height).saturating_sub(t.header.len() + 1),
                None => usize::from(area.height),
            }
        }
    };
    h.saturating_sub(1).max(1)
}

fn current_table(app: &App) -> Option<(&crate::model::Table, &grid::TableLayout)> {
    let r = app.current_ready()?;
    match r.selected_node()?.kind {
        NodeKind::Table(i) => Some((r.doc.tables.get(i)?, r.layouts.get(i)?)),
        _ => None,
    }
}

fn is_grid(app: &App) -> bool {
    current_table(app).is_some()
}

/// Move the cell cursor; false when the view is not a table or the move
/// would leave it (so `h` at the first column can move focus instead).
fn grid_move(app: &mut App, drow: isize, dcol: isize) -> bool {
    let Some((t, _)) = current_table(app) else {
        return false;
    };
    let (nrows, ncols) = (t.rows.len(), t.width());
    let Some(r) = app.current_ready_mut() else {
        return false;
    };
    let pos = r.pos_mut();
    if dcol < 0 && pos.col == 0 {
        return false;
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
    match app.focus {
        Focus::List => {
            let n = app.order.len();
            if n > 0 {
                app.list_selected = app.list_selected.saturating_add_signed(delta).min(n - 1);
                app.list_touched = true;
            }
        }
        Focus::Tree => {
            if let Some(r) = app.current_ready_mut() {
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
        }
        Focus::Main => {
            if is_grid(app) {
                grid_move(app, delta, 0);
            } else if let Some(rendered) = main_rendered(app).filter(|r| !r.items.is_empty()) {
                let h = usize::from(inner(panes(app).main).height).max(1);
                if let Some(r) = app.current_ready_mut() {
                    move_item(r.pos_mut(), &rendered, delta, h);
                }
            } else if let Some(r) = app.current_ready_mut() {
                let pos = r.pos_mut();
                pos.scroll = pos.scroll.saturating_add_signed(delta);
            }
        }
    }
}

/// The main view's lines and items, when it shows lines.
fn main_rendered(app: &App) -> Option<std::sync::Arc<views::Rendered>> {
    let width = inner(panes(app).main).width;
    match views::main_content(app, width).1 {
        MainContent::Lines(r) => Some(r),
        MainContent::Grid(..) => None,
    }
}

/// Move the item cursor of a view of lines: by one for ±1, else by a page
/// of `h` lines (the first item starting on the new page is selected).
fn move_item(pos: &mut ViewPos, rendered: &views::Rendered, delta: isize, h: usize) {
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

/// Keep every selection on screen and every offset in range.
pub fn fix_scroll(app: &mut App) {
    let p = panes(app);
    if p.too_small {
        return;
    }
    // List.
    let rows = views::doc_list::visible_rows(p.list);
    let n = app.order.len();
    app.list_selected = app.list_selected.min(n.saturating_sub(1));
    if rows > 0 {
        if app.list_selected < app.list_offset {
            app.list_offset = app.list_selected;
        } else if app.list_selected >= app.list_offset + rows {
            app.list_offset = app.list_selected + 1 - rows;
        }
        app.list_offset = app.list_offset.min(n.saturating_sub(rows));
    }
    // Tree.
    let tree_rows = usize::from(inner(p.tree).height);
    if let Some(r) = app.current_ready_mut() {
        let visible = r.visible();
        if !visible.contains(&r.tree.selected) {
            r.tree.selected = visible.first().copied().unwrap_or(0);
        }
        if tree_rows > 0 {
            let pos = visible
                .iter()
                .position(|&i| i == r.tree.selected)
                .unwrap_or(0);
            if pos < r.tree.offset {
                r.tree.offset = pos;
            } else if pos >= r.tree.offset + tree_rows {
                r.tree.offset = pos + 1 - tree_rows;
            }
            r.tree.offset = r.tree.offset.min(visible.len().saturating_sub(tree_rows));
        }
    }
    // Main view.
    fix_main(app, p.main, true);
}

/// Clamp the main view's offsets; with `follow`, also bring the cell cursor into view.
fn fix_main(app: &mut App, main: Rect, follow: bool) {
    let area = inner(main);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let wrap = app.wrap;
    let rendered = match views::main_content(app, area.width).1 {
        MainContent::Lines(lines) => Some(lines),
        MainContent::Grid(..) => None,
    };
    let Some(r) = app.current_ready_mut() else {
        return;
    };
    if let Some(rendered) = rendered {
        let h = usize::from(area.height);
        let n = rendered.lines.len();
        let pos = r.pos_mut();
        pos.item = pos.item.min(rendered.items.len().saturating_sub(1));
        if follow && let Some((_, range)) = rendered.items.get(pos.item) {
            if range.end > pos.scroll + h {
                pos.scroll = range.end.saturating_sub(h).min(range.start);
            }
            if range.start < pos.scroll {
                pos.scroll = range.start;
            }
        }
        pos.scroll = pos.scroll.min(n.saturating_sub(h));
        return;
    }
    let NodeKind::Table(i) = r.selected_kind() else {
        return;
    };
    let sel = r.tree.selected;
    let mut pos = r.views.get(&sel).copied().unwrap_or_default();
    let (Some(t), Some(l)) = (r.doc.tables.get(i), r.layouts.get(i)) else {
        return;
    };
    if follow {
        grid::ensure_visible(&mut pos, t, l, area, wrap);
    } else {
        pos.row_off = pos.row_off.min(t.rows.len().saturating_sub(1));
        let g = grid::geometry(l, area.width, 0);
        pos.col_off = pos
            .col_off
            .max(g.frozen_count)
            .min(l.widths.len().saturating_sub(1));
    }
    r.views.insert(sel, pos);
}

fn contains(r: Rect, x: u16, y: u16) -> bool {
    r.contains(Position { x, y })
}

fn mouse(app: &mut App, ev: &MouseEvent) {
    let p = panes(app);
    if p.too_small {
        return;
    }
    let (x, y) = (ev.column, ev.row);
    if app.prompt.is_some() {
        match ev.kind {
            MouseEventKind::ScrollDown => find::select(app, 1),
            MouseEventKind::ScrollUp => find::select(app, -1),
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(i) = views::search::result_at(app, x, y) {
                    if let Some(p) = app.prompt.as_mut() {
                        p.selected = i;
                    }
                }
            }
            _ => {}
        }
        fix_prompt(app);
        return;
    }
    if app.help {
        match ev.kind {
            MouseEventKind::ScrollDown => app.help_scroll += WHEEL,
            MouseEventKind::ScrollUp => app.help_scroll = app.help_scroll.saturating_sub(WHEEL),
            MouseEventKind::Down(_) => app.help = false,
            _ => {}
        }
        clamp_help(app);
        return;
    }
    let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    let wheel: Option<(isize, bool)> = match ev.kind {
        MouseEventKind::ScrollDown => Some((WHEEL as isize, shift)),
        MouseEventKind::ScrollUp => Some((-(WHEEL as isize), shift)),
        MouseEventKind::ScrollRight => Some((1, true)),
        MouseEventKind::ScrollLeft => Some((-1, true)),
        _ => None,
    };
    if let Some((delta, sideways)) = wheel {
        if contains(p.list, x, y) {
            let rows = views::doc_list::visible_rows(p.list);
            let max = app.order.len().saturating_sub(rows);
            app.list_offset = app.list_offset.saturating_add_signed(delta).min(max);
        } else if contains(p.tree, x, y) {
            let rows = usize::from(inner(p.tree).height);
            if let Some(r) = app.current_ready_mut() {
                let max = r.visible().len().saturating_sub(rows);
                r.tree.offset = r.tree.offset.saturating_add_signed(delta).min(max);
            }
        } else if contains(p.main, x, y) {
            if let Some((t, l)) = current_table(app) {
                let ncols = l.widths.len();
                let nrows = t.rows.len();
                let frozen = l.frozen;
                if let Some(r) = app.current_ready_mut() {
                    let pos = r.pos_mut();
                    if sideways {
                        let step = delta.signum();
                        pos.col_off = pos
                            .col_off
                            .max(frozen)
                            .saturating_add_signed(step)
                            .min(ncols.saturating_sub(1));
                    } else {
                        pos.row_off = pos
                            .row_off
                            .saturating_add_signed(delta)
                            .min(nrows.saturating_sub(1));
                    }
                }
            } else if let Some(r) = app.current_ready_mut() {
                let pos = r.pos_mut();
                pos.scroll = pos.scroll.saturating_add_signed(delta);
            }
            fix_main(app, p.main, false);
        }
        return;
    }
    if !matches!(ev.kind, MouseEventKind::Down(MouseButton::Left)) {
        return;
    }
    if contains(p.list, x, y) {
        set_focus(app, Focus::List);
        let inside = inner(p.list);
        if y > inside.y && y < inside.bottom() {
            let k = app.list_offset + usize::from(y - inside.y - 1);
            if k < app.order.len() {
                app.list_selected = k;
                app.list_touched = true;
            }
        }
    } else if contains(p.tree, x, y) {
        set_focus(app, Focus::Tree);
        let inside = inner(p.tree);
        if y >= inside.y
            && y < inside.bottom()
            && let Some(r) = app.current_ready_mut()
        {
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
    } else if contains(p.main, x, y) {
        set_focus(app, Focus::Main);
        let area = inner(p.main);
        let wrap = app.wrap;
        let hit = current_table(app).and_then(|(t, l)| {
            let pos = app.current_ready().map(|r| r.pos()).unwrap_or_default();
            grid::hit(t, l, &pos, area, wrap, x, y)
        });
        if let Some((row, col)) = hit
            && let Some(r) = app.current_ready_mut()
        {
            let pos = r.pos_mut();
            pos.row = row;
            pos.col = col;
        }
    }
    fix_scroll(app);
}
