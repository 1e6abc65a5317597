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
        MainContent::Grid(view) => {
            let layout = view.layout;
            let col_path = layout
                .paths
                .get(view.pos.col)
                .map(String::as_str)
                .unwrap_or("");
            let mut bottom = col_path.to_string();
            if app.wrap {
                bottom.push_str(" · wrap");
            }
            let inside = pane(area, buf, &title, &bottom, focused, theme);
            let grid = GridView {
                view,
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
    let style = if focused {
        theme.selected
    } else {
        theme.selected_blur
    };
    let on_screen = |l: usize| l >= pos.scroll && l < pos.scroll + usize::from(inside.height);
    // What `y` copies has a `>` on the pane's border beside it, besides its
    // colour: the selected item (project amount, indicator)…
    if let Some((_, range)) = rendered.items.get(pos.item) {
        for l in range.clone().filter(|&l| on_screen(l)) {
            let y = inside.y + (l - pos.scroll) as u16;
            buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
            border_marker(buf, inside, y, theme);
        }
    }
    // …or the selected figure of a text.
    if let Some(f) = pos.figure.and_then(|k| rendered.figures.get(k))
        && on_screen(f.line)
    {
        let y = inside.y + (f.line - pos.scroll) as u16;
        let x = inside.x + f.x.min(inside.width);
        let w = f.w.min(inside.right().saturating_sub(x));
        buf.set_style(Rect::new(x, y, w, 1), theme.cursor_cell);
        border_marker(buf, inside, y, theme);
    }
}

/// `>` on the left border of a pane at row `y`.
fn border_marker(buf: &mut Buffer, inside: Rect, y: u16, theme: &super::super::base::theme::Theme) {
    if inside.x > 0
        && let Some(cell) = buf.cell_mut((inside.x - 1, y))
    {
        cell.set_char('>').set_style(theme.title);
    }
}
