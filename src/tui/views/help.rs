//! The help overlay, its text generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::super::base::panes;
use super::super::content::help_text;
use super::super::state::App;
use super::pane::{pane, render_lines};

/// Draw the help over `area`, scrolled by `scroll` lines.
pub(super) fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let lines = help_text::lines(
        &app.settings.keymap,
        &app.settings.theme,
        panes::help_text_width(area),
    );
    let r = panes::help_overlay(area, lines.len());
    if r.width < 4 || r.height < 3 {
        return;
    }
    Clear.render(r, buf);
    let bottom = if lines.len() > usize::from(r.height - 2) {
        "j/k scroll"
    } else {
        ""
    };
    let inside = pane(
        r,
        buf,
        "Keys · any key closes",
        bottom,
        true,
        &app.settings.theme,
    );
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inside.height)));
    render_lines(&lines, scroll, inside, buf);
}
