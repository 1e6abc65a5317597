//! Pure drawing: every function here reads the [`App`] and writes cells,
//! and reports what it drew where ([`Measured`], for the mouse). The views
//! import the state, the derived content and the layers below; never
//! `update` or the event loop.

mod chart;
mod doc_list;
mod grid;
mod help;
mod main_pane;
mod pane;
mod search;
mod status;
mod tree;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::base::panes::{MIN_HEIGHT, MIN_WIDTH};
use super::base::screen_text as text;
use super::base::theme::Theme;
use super::state::{App, Measured, Mode};

/// Draw one frame; returns what was drawn where.
pub fn draw(frame: &mut Frame, app: &App) -> Measured {
    let area = frame.area();
    render(app, area, frame.buffer_mut())
}

/// Draw the whole explorer into a buffer area.
fn render(app: &App, area: Rect, buf: &mut Buffer) -> Measured {
    let full = app.zoom || app.board.is_some();
    let panes = super::base::panes::panes(area, full, app.docs.len());
    let mut drawn = Measured {
        panes,
        ..Measured::default()
    };
    if panes.too_small {
        too_small(area, buf, &app.settings.theme);
        return drawn;
    }
    if !full {
        doc_list::render(app, panes.list, buf);
        tree::render(app, panes.tree, buf);
    }
    drawn.table = main_pane::render(app, panes.main, buf);
    status::render(app, panes.status, buf);
    match &app.mode {
        Mode::Search(p) => drawn.results = search::render(app, p, buf),
        Mode::Help { scroll } => help::render(app, *scroll, area, buf),
        Mode::Chart { scroll } => chart::render(app, *scroll, panes.main, buf),
        Mode::Line(_) | Mode::Browse => {}
    }
    text::widen_ambiguous(buf);
    drawn
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let full = format!("window too small: need {MIN_WIDTH}×{MIN_HEIGHT}");
    let msg = if text::width(&full) <= usize::from(area.width) {
        full.as_str()
    } else {
        "window too small"
    };
    let s = text::truncate(msg, usize::from(area.width));
    buf.set_stringn(area.x, area.y, s, usize::from(area.width), theme.warning);
}
