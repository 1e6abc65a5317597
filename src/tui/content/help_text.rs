//! The help overlay's text, generated from the keymap: one entry per action
//! with its keys and description, then what the markers mean (the
//! outline's, the checks', the search results', the tables') and a note on
//! the mouse.

use ratatui::text::{Line, Span};

use super::super::base::keymap::Keymap;
use super::super::base::panes;
use super::super::base::screen_text as text;
use super::super::base::theme::Theme;
use super::super::document::doc_tree::NodeKind;
use super::super::state::{App, FoundKind};
use super::findings;

/// The overlay's lines: one per action, its keys then its description.
pub fn lines(keymap: &Keymap, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let rows: Vec<(String, String)> = keymap
        .rows
        .iter()
        .filter(|(_, keys, _)| !keys.is_empty())
        .map(|(_, keys, desc)| {
            let k: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            (k.join(" "), desc.clone())
        })
        .collect();
    let kw = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0);
    let room = usize::from(width).saturating_sub(kw + 3).max(10);
    let mut out = Vec::new();
    for (keys, desc) in rows {
        for (i, d) in wrap_words(&desc, room).into_iter().enumerate() {
            let k = if i == 0 {
                text::fit(&keys, kw, false)
            } else {
                " ".repeat(kw)
            };
            out.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(k, t.key),
                Span::raw("  "),
                Span::raw(d),
            ]));
        }
    }
    out.push(Line::default());
    for (head, body) in legend() {
        let line = format!("{head}: {body}");
        for (i, l) in wrap_words(&line, usize::from(width).saturating_sub(1))
            .into_iter()
            .enumerate()
        {
            let style = if i == 0 { t.bold } else { t.text };
            out.push(Line::styled(format!(" {l}"), style));
        }
    }
    out.push(Line::default());
    for l in text::wrap(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects.",
        usize::from(width).saturating_sub(1),
    ) {
        out.push(Line::styled(format!(" {l}"), t.dim));
    }
    out
}

/// `s` cut into lines at most `width` cells wide, between words where it
/// can (a word longer than a line is cut where it must).
fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let need = text::width(&cur) + usize::from(!cur.is_empty()) + text::width(word);
        if need <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if text::width(word) <= width {
            cur.push_str(word);
        } else {
            let mut parts = text::wrap(word, width);
            cur = parts.pop().unwrap_or_default();
            lines.extend(parts);
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// What the markers mean: the outline's, the search results', the tables'.
fn legend() -> Vec<(&'static str, String)> {
    let outline = [
        NodeKind::Table(0),
        NodeKind::Project(0),
        NodeKind::DocIndicators,
        NodeKind::Preamble,
    ]
    .iter()
    .map(|k| {
        let what = match k {
            NodeKind::Table(_) => "table",
            NodeKind::Project(_) => "project",
            NodeKind::DocIndicators => "department indicators",
            _ => "text before the first heading",
        };
        format!("{} {what}", k.marker().unwrap_or(""))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let results = FoundKind::ALL
        .iter()
        .map(|k| format!("{} {}", k.marker(), k.name()))
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        (
            "Outline",
            format!("{outline} · 检查 first: the budget checks' findings"),
        ),
        (
            "检查",
            format!(
                "{} (in a table: beside the figure, in its colour; the status bar names the \
                 finding under the cursor; Enter on a finding in 检查 goes to it)",
                findings::legend()
            ),
        ),
        ("Search results", results),
        (
            "Tables",
            "[ ] the cursor: what y copies · * a marked figure · ↓ ↑ sorted largest / \
             smallest first · a figure is never cut: # when its column is too narrow"
                .to_string(),
        ),
        (
            "Texts",
            "> beside the line of what y copies (l / h choose a figure)".to_string(),
        ),
    ]
}

/// The help's lines for the explorer's screen.
pub fn lines_for(app: &App) -> Vec<Line<'static>> {
    let w = panes::help_text_width(app.area());
    lines(&app.settings.keymap, &app.settings.theme, w)
}

/// How far the help can scroll on the explorer's screen.
pub fn max_scroll(app: &App) -> usize {
    lines_for(app).len().saturating_sub(page(app))
}

/// Lines the help overlay shows at once (its height less its border).
pub fn page(app: &App) -> usize {
    let n = lines_for(app).len();
    let r = panes::help_overlay(app.area(), n);
    usize::from(r.height.saturating_sub(2)).max(1)
}
