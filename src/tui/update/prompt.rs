//! The search prompt: typing changes the query and asks for a search (an
//! [`Effect::Search`] the event loop hands to the search thread); the
//! answer arrives as [`super::msg::Msg::Search`]. ↑↓ PgUp PgDn choose,
//! Enter jumps, Esc goes back, Ctrl-y copies the highlighted result's amount.

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::super::base::action::Action;
use super::super::base::panes;
use super::super::content::copy::hit_figure;
use super::super::state::{App, Mode, Prompt, Results, SearchDone, SearchRequest};
use super::msg::Effect;
use super::scroll::{fix_prompt, fix_scroll};
use super::{jump, line};

/// `/`: open the prompt (an empty query).
pub(super) fn open(app: &mut App) {
    app.mode = Mode::Search(Box::new(Prompt {
        query: String::new(),
        results: Vec::new(),
        searched: String::new(),
        selected: 0,
        offset: 0,
        generation: app.search.generation,
        pending: false,
        origin: jump::origin(app),
    }));
}

/// A key while the prompt is open: characters type into the query (Ctrl-u
/// clears it, Ctrl-w deletes its last word); other keys go through the
/// keymap.
pub(super) fn key(app: &mut App, ev: &KeyEvent, action: Option<Action>, fx: &mut Vec<Effect>) {
    let edited = match app.prompt_mut() {
        Some(p) => line::edit(&mut p.query, ev),
        None => false,
    };
    if edited {
        app.status.message = None;
        query_changed(app, fx);
        return;
    }
    let page = panes::search_result_rows(app.search_overlay())
        .saturating_sub(1)
        .max(1) as isize;
    match action {
        Some(Action::Up) => select(app, -1),
        Some(Action::Down) => select(app, 1),
        Some(Action::PageUp) => select(app, -page),
        Some(Action::PageDown) => select(app, page),
        Some(Action::First) => select(app, isize::MIN / 2),
        Some(Action::Last) => select(app, isize::MAX / 2),
        Some(Action::Toggle) => {
            app.status.message = None;
            accept(app);
            fix_scroll(app);
            return;
        }
        Some(Action::Close) => {
            app.status.message = None;
            cancel(app, fx);
            fix_scroll(app);
            return;
        }
        Some(Action::Quit) => fx.push(Effect::Quit),
        Some(Action::Yank) => yank_selected(app, fx),
        _ => {}
    }
    fix_prompt(app);
}

/// The wheel moves the highlight; a click on a result (as the last frame
/// drew them) highlights it.
pub(super) fn mouse(app: &mut App, ev: &MouseEvent) {
    match ev.kind {
        MouseEventKind::ScrollDown => select(app, 1),
        MouseEventKind::ScrollUp => select(app, -1),
        MouseEventKind::Down(MouseButton::Left) => {
            let rows = app.drawn.results;
            if let Some(area) = rows
                && area.contains(ratatui::layout::Position {
                    x: ev.column,
                    y: ev.row,
                })
                && let Some(p) = app.prompt_mut()
            {
                let i = p.offset + usize::from(ev.row - area.y);
                if i < p.results.len() {
                    p.selected = i;
                }
            }
        }
        _ => {}
    }
    fix_prompt(app);
}

/// The query changed: ask for a new search (or clear the results).
fn query_changed(app: &mut App, fx: &mut Vec<Effect>) {
    app.search.generation += 1;
    let generation = app.search.generation;
    let Some(p) = app.prompt_mut() else {
        return;
    };
    p.generation = generation;
    if p.query.trim().is_empty() {
        p.results.clear();
        p.searched.clear();
        p.selected = 0;
        p.offset = 0;
        p.pending = false;
        fx.push(Effect::CancelSearch);
        return;
    }
    p.pending = true;
    fx.push(Effect::Search(SearchRequest {
        generation,
        query: p.query.clone(),
    }));
}

/// An answer arrived: show it if it is for the newest query.
pub(super) fn done(app: &mut App, d: SearchDone) {
    if let Some(p) = app.prompt_mut()
        && p.generation == d.generation
    {
        // The same query again (more documents indexed): keep the highlight.
        let keep = (p.searched == d.query)
            .then(|| p.results.get(p.selected).cloned())
            .flatten()
            .and_then(|f| d.results.iter().position(|x| *x == f));
        p.results = d.results;
        p.searched = d.query;
        p.selected = keep.unwrap_or(0);
        if keep.is_none() {
            p.offset = 0;
        }
        p.pending = false;
        return;
    }
    // More documents were indexed after the jump: keep `n` / `N` complete.
    let r = &mut app.search.results;
    if r.generation == d.generation && r.query == d.query {
        let current = r.items.get(r.current).cloned();
        r.items = d.results;
        r.current = current
            .and_then(|c| r.items.iter().position(|f| *f == c))
            .unwrap_or(0);
    }
}

/// Move the highlighted result.
fn select(app: &mut App, delta: isize) {
    if let Some(p) = app.prompt_mut() {
        let n = p.results.len();
        if n > 0 {
            p.selected = p.selected.saturating_add_signed(delta).min(n - 1);
        }
    }
}

/// The prompt, taken out of the mode (which becomes browsing).
fn take_prompt(app: &mut App) -> Option<Box<Prompt>> {
    match std::mem::take(&mut app.mode) {
        Mode::Search(p) => Some(p),
        other => {
            app.mode = other;
            None
        }
    }
}

/// Enter: jump to the highlighted result and close the prompt.
fn accept(app: &mut App) {
    let Some(p) = take_prompt(app) else {
        return;
    };
    let Some(found) = p.results.get(p.selected).cloned() else {
        app.status.message = Some(if p.query.trim().is_empty() {
            "type something to search".to_string()
        } else if p.pending {
            "still searching…".to_string()
        } else {
            format!("nothing found for {:?}", p.query.trim())
        });
        app.mode = Mode::Search(p);
        return;
    };
    let p = *p;
    app.search.results = Results {
        query: p.searched,
        items: p.results,
        current: p.selected,
        generation: p.generation,
    };
    app.search.jump_back = Some(p.origin);
    jump::jump(app, &found);
    jump::announce(app);
}

/// Esc: close the prompt; nothing moved while it was open.
fn cancel(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(p) = take_prompt(app) {
        jump::restore(app, p.origin);
    }
    fx.push(Effect::CancelSearch);
}

/// Ctrl-y: copy the highlighted result's amount.
fn yank_selected(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(p) = app.prompt() else {
        return;
    };
    let copy = match p.results.get(p.selected) {
        Some(f) => hit_figure(f.amount.as_ref(), &app.settings.yank),
        None => Err("nothing to copy: no result".to_string()),
    };
    match copy {
        Ok(req) => fx.push(Effect::Copy(req)),
        Err(why) => app.status.message = Some(why),
    }
}
