//! Keys while browsing: the actions that work from any pane (quit, help,
//! search, copy, focus, sort, wrap, zoom), and the moves, handed to the
//! focused pane.

use super::super::base::action::Action;
use super::super::content::copy::{self, CopyRequest, Refusal};
use super::super::state::{App, Focus, Mode};
use super::msg::Effect;
use super::scroll::fix_scroll;
use super::{board, chart, grid, jump, line, list, main_view, prompt, tree};

/// Apply one action to the state.
pub(super) fn apply(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    app.status.message = None;
    // A figure pinned by a jump lasts until the next move.
    if !matches!(action, Action::Yank | Action::YankRow | Action::Help) {
        app.search.pinned = None;
    }
    match action {
        Action::Quit => fx.push(Effect::Quit),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Close => close(app),
        Action::Search => prompt::open(app),
        Action::NextResult => jump::step_result(app, 1),
        Action::PrevResult => jump::step_result(app, -1),
        Action::Yank => request_copy(app, copy::figure(app), fx),
        Action::YankRow => request_copy(app, copy::row(app), fx),
        Action::FocusNext | Action::FocusPrev if app.board.is_some() => {}
        Action::FocusNext => app.set_focus(app.focus.next()),
        Action::FocusPrev => app.set_focus(app.focus.prev()),
        Action::Toggle if app.board.is_some() => board::enter(app),
        Action::CycleSort => {
            if !(app.focus == Focus::Main && grid::cycle_sort(app)) {
                list::cycle_sort(app)
            }
        }
        Action::Filter => line::open_filter(app),
        Action::GotoColumn => line::open_column(app),
        Action::PrevGroup => grid::group_step(app, false),
        Action::NextGroup => grid::group_step(app, true),
        Action::NarrowColumn => grid::resize(app, -2),
        Action::WidenColumn => grid::resize(app, 2),
        Action::Mark => grid::mark(app),
        Action::Chart => chart::open(app),
        Action::Projects => board::projects(app),
        Action::Compare => board::compare(app),
        Action::ToggleWrap => main_view::toggle_wrap(app),
        Action::Zoom => {
            app.zoom = !app.zoom;
            if app.zoom {
                app.focus = Focus::Main;
            }
        }
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::First
        | Action::Last
        | Action::Toggle => match app.focus {
            Focus::List => list::act(app, action),
            Focus::Tree => tree::act(app, action),
            Focus::Main => main_view::act(app, action),
        },
    }
    fix_scroll(app);
}

/// Esc while browsing: clear the table's sort and filter, then its marks;
/// close a board; leave the zoom; else go back to where a jump started (or
/// to the board a place was opened from).
fn close(app: &mut App) {
    let on_table = app.focus == Focus::Main || app.board.is_some();
    if on_table && grid::clear(app) {
        return;
    }
    if app.board.is_some() {
        board::close(app);
    } else if app.zoom {
        app.zoom = false;
    } else if board::reopen(app) {
        app.status.message = Some("back to the board".to_string());
    } else if let Some(o) = app.search.jump_back.take() {
        jump::restore(app, o);
        app.status.message = Some("back to where you were before the jump".to_string());
    }
}

fn request_copy(app: &mut App, r: Result<CopyRequest, Refusal>, fx: &mut Vec<Effect>) {
    match r {
        Ok(req) => fx.push(Effect::Copy(req)),
        Err(why) => app.status.message = Some(why),
    }
}
