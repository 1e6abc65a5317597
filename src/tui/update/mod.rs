//! State transitions: a message (a key, a click, a loaded document, a
//! search's answer…) changes the state and returns what should happen
//! outside it ([`Effect`]: quit, search, cancel the search, copy), which the
//! event loop carries out. No I/O here, and no drawing: what a view measured
//! is read from [`crate::tui::App::drawn`], layout from the base layer, the
//! main view's lines from the derived content.
//!
//! Keys go by mode: the prompt ([`prompt`]), the help ([`help`]), the line
//! prompt of a table's filter or column ([`line`]), the chart ([`chart`]),
//! or, while browsing ([`browse`]), to the focused pane ([`list`], [`tree`],
//! [`main_view`]); a table's own keys are in [`grid`], the boards' in
//! [`board`]; Enter on a finding of the checks goes to it ([`findings`],
//! through the search's [`jump`]).

mod board;
mod browse;
mod chart;
mod findings;
mod grid;
mod help;
mod jump;
mod line;
mod list;
mod load;
mod main_view;
mod mouse;
mod msg;
mod prompt;
mod scroll;
mod tree;

use crossterm::event::{KeyEvent, KeyEventKind};

use super::base::keymap::{ALWAYS_QUITS, KeySpec};
use super::state::{App, Mode};

pub use msg::{Effect, LoadEvent, Msg};

/// Apply one message; returns what the event loop should do about it.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(ev) => key(app, &ev, &mut fx),
        Msg::Mouse(ev) => mouse::mouse(app, &ev),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            scroll::fix_scroll(app);
            scroll::fix_prompt(app);
        }
        Msg::Load(ev) => load::load(app, ev),
        Msg::Search(done) => {
            prompt::done(app, done);
            scroll::fix_prompt(app);
        }
        Msg::Copied { label, report } => {
            app.status.message = Some(report.status_line(&label));
        }
        Msg::Drawn(measured) => app.drawn = measured,
        Msg::Notice(text) => app.status.message = Some(text),
    }
    fx
}

fn key(app: &mut App, ev: &KeyEvent, fx: &mut Vec<Effect>) {
    if ev.kind == KeyEventKind::Release {
        return;
    }
    if KeySpec::from_event(ev) == ALWAYS_QUITS {
        fx.push(Effect::Quit);
        return;
    }
    let action = app.settings.keymap.action_for(ev);
    match app.mode {
        Mode::Search(_) => prompt::key(app, ev, action, fx),
        Mode::Help { .. } => help::key(app, action),
        Mode::Line(_) => {
            line::key(app, ev, action);
            scroll::fix_scroll(app);
        }
        Mode::Chart { .. } => chart::key(app, action),
        Mode::Browse => {
            if let Some(action) = action {
                browse::apply(app, action, fx);
            }
        }
    }
}
