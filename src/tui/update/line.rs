//! The one-line prompt over the status bar: a table's filter (`f`) and
//! going to a column by name (`c`). What is typed applies at once; Enter
//! keeps it, Esc puts back what was there before. Ctrl-u clears the line,
//! Ctrl-w deletes the word before the cursor (here and in the search prompt).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::base::action::Action;
use super::super::content::main_content::column_name;
use super::super::state::{App, Filter, LinePrompt, LinePurpose, Mode};
use super::grid;

/// Edit `text` with a key: a character, Backspace, Ctrl-u (clear), Ctrl-w
/// (delete the last word). False when the key does not edit.
pub(super) fn edit(text: &mut String, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('u') if ctrl => text.clear(),
        KeyCode::Char('w') if ctrl => {
            let kept = text.trim_end().len();
            let cut = text[..kept].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            text.truncate(cut);
        }
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            text.push(c)
        }
        KeyCode::Backspace => {
            text.pop();
        }
        _ => return false,
    }
    true
}

/// `f`: filter the table by the current column.
pub(super) fn open_filter(app: &mut App) {
    let Some(g) = app.grid() else {
        app.status.message = Some("f filters a table's rows: open a table first".to_string());
        return;
    };
    let col = g.pos.col;
    let before = g.grid.filter.clone();
    let text = before
        .as_ref()
        .filter(|f| f.col == col)
        .map(|f| f.query.clone())
        .unwrap_or_default();
    app.mode = Mode::Line(LinePrompt {
        purpose: LinePurpose::Filter { col, before },
        text,
    });
}

/// `c`: go to a column by (part of) its name.
pub(super) fn open_column(app: &mut App) {
    let Some(g) = app.grid() else {
        app.status.message = Some("c goes to a table's column: open a table first".to_string());
        return;
    };
    app.mode = Mode::Line(LinePrompt {
        purpose: LinePurpose::Column { before: g.pos },
        text: String::new(),
    });
}

/// A key while the line prompt is open.
pub(super) fn key(app: &mut App, ev: &KeyEvent, action: Option<Action>) {
    let Mode::Line(p) = &mut app.mode else {
        return;
    };
    if edit(&mut p.text, ev) {
        app.status.message = None;
        apply(app);
        return;
    }
    let p = p.clone();
    match (action, ev.code) {
        (Some(Action::Toggle), _) | (_, KeyCode::Enter) => {
            app.mode = Mode::Browse;
            app.status.message = Some(done_message(app, &p));
        }
        (Some(Action::Close), _) | (_, KeyCode::Esc) => {
            app.mode = Mode::Browse;
            match p.purpose {
                LinePurpose::Filter { before, .. } => grid::set_filter(app, before),
                LinePurpose::Column { before } => {
                    if let Some(g) = app.grid_mut() {
                        *g.pos = before;
                    }
                }
            }
            app.status.message = None;
        }
        _ => {}
    }
}

/// Apply what is typed so far.
fn apply(app: &mut App) {
    let Mode::Line(p) = &app.mode else {
        return;
    };
    let p = p.clone();
    match p.purpose {
        LinePurpose::Filter { col, .. } => grid::set_filter(
            app,
            Some(Filter {
                col,
                query: p.text.clone(),
            }),
        ),
        LinePurpose::Column { before } => {
            if !grid::goto_column(app, &p.text, before) {
                app.status.message = Some(format!("no column named {:?}", p.text.trim()));
            }
        }
    }
}

fn done_message(app: &App, p: &LinePrompt) -> String {
    let Some(g) = app.grid() else {
        return String::new();
    };
    match p.purpose {
        LinePurpose::Filter { .. } if p.text.trim().is_empty() => "no filter".to_string(),
        LinePurpose::Filter { .. } => format!(
            "{} of {} rows · Esc clears the filter",
            g.shown(),
            g.table.rows.len()
        ),
        LinePurpose::Column { .. } => format!("column {}", column_name(&g, g.pos.col)),
    }
}
