//! The main pane: a view of lines (with its selected item highlighted) or a
//! table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::base::panes::inner;
use super::super::content::main_content::{MainContent, main_content};
use super::super::state::{App, DrawnTable, Focus, Rendered};
use super::grid::GridView;
use super::pane::{pane, render_lines};

/// Draw the main pane; returns where a table's cells went, if it shows one.
pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<DrawnTable> {
    let focused = app.focus == Focus::Main || app.zoom;
    let width = inner(area).width;
    let (title, content) = main_content(app, width);
    let theme = &app.settings.theme;
    match content {
        MainContent::Lines(rendered) => {
            render_text(app, &rendered, &title, area, buf, focused);
            None
        }
        MainContent::Grid(r, i) => {
            let pos = r.pos();
            let (Some(table), Some(layout)) = (r.doc.tables.get(i), r.layouts.get(i)) else {
                pane(area, buf, &title, "", focused, theme);
                return None;
            };
            let col_path = layout.paths.get(pos.col).map(String::as_str).unwrap_or("");
            let mut bottom = col_path.to_string();
            if app.wrap {
                bottom.push_str(" · wrap");
            }
            let inside = pane(area, buf, &title, &bottom, focused, theme);
            let grid = GridView {
                table,
                layout,
                pos,
                wrap: app.wrap,
                focused,
                theme,
            };
            Some(grid.render(inside, buf))
        }
    }
}

/// Lines from the scroll position on, the range shown at the bottom right.
fn render_text(
    app: &App,
    rendered: &Rendered,
    title: &str,
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
) {
    let theme = &app.settings.theme;
    let lines = &rendered.lines;
    let pos = app.current_ready().map(|r| r.pos()).unwrap_or_default();
    let h = usize::from(inner(area).height);
    let bottom = if lines.len() > h {
        format!(
            "{}-{}/{}",
            pos.scroll + 1,
            (pos.scroll + h).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let inside = pane(area, buf, title, &bottom, focused, theme);
    render_lines(lines, pos.scroll, inside, buf);
    // The selected item (project amount, indicator) is highlighted.
    if let Some((_, range)) = rendered.items.get(pos.item) {
        let style = if focused {
            theme.selected
        } else {
            theme.selected_blur
        };
        for l in range.clone() {
            if l >= pos.scroll && l < pos.scroll + usize::from(inside.height) {
                let y = inside.y + (l - pos.scroll) as u16;
                buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
            }
        }
    }
}
