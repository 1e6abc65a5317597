//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::super::app::App;
use super::super::base::screen_text as text;
use super::{pane, render_lines};

/// The overlay's lines: one per action, its keys then its description.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let rows: Vec<(String, String)> = app
        .keymap
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
        for (i, d) in text::wrap(&desc, room).into_iter().enumerate() {
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
    for l in text::wrap(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects.",
        usize::from(width).saturating_sub(1),
    ) {
        out.push(Line::styled(format!(" {l}"), t.dim));
    }
    out
}

/// The rectangle the overlay takes in `area`.
pub fn rect(area: Rect, lines: usize) -> Rect {
    let w = area.width.saturating_sub(4).min(76);
    let h = (lines as u16 + 2).min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(6).min(74);
    let lines = lines(app, w);
    let r = rect(area, lines.len());
    if r.width < 4 || r.height < 3 {
        return;
    }
    Clear.render(r, buf);
    let bottom = if lines.len() > usize::from(r.height - 2) {
        "j/k scroll"
    } else {
        ""
    };
    let inside = pane(r, buf, "Keys · any key closes", bottom, true, &app.theme);
    let scroll = app
        .help_scroll
        .min(lines.len().saturating_sub(usize::from(inside.height)));
    render_lines(&lines, scroll, inside, buf);
}
