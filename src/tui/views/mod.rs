//! Pure drawing: every function here reads the [`App`] and writes cells.

pub mod doc_list;
pub mod grid;
pub mod help;
pub mod indicators;
pub mod prose;
pub mod search;
pub mod status;
pub mod summary;
pub mod tree;

use std::sync::Arc;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::app::{App, DocState, Focus, Ready};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH, inner};
use super::outline::NodeKind;
use super::text;
use super::theme::Theme;

/// Draw one frame.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draw the whole explorer into a buffer area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let panes = layout::panes(area, app.zoom, app.docs.len());
    if panes.too_small {
        too_small(area, buf, &app.theme);
        return;
    }
    if !app.zoom {
        doc_list::render(app, panes.list, buf);
        tree::render(app, panes.tree, buf);
    }
    render_main(app, panes.main, buf);
    status::render(app, panes.status, buf);
    if app.prompt.is_some() {
        search::render(app, buf);
    }
    if app.help {
        help::render(app, area, buf);
    }
    text::widen_ambiguous(buf);
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

/// Borders when box-drawing characters are two cells wide.
const ASCII_BORDER: ratatui::symbols::border::Set<'static> = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered pane with a title (cut to fit) and an optional bottom title.
pub fn pane(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    bottom: &str,
    focused: bool,
    theme: &Theme,
) -> Rect {
    let style = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    let room = usize::from(area.width.saturating_sub(4));
    let title = text::truncate(&text::sanitize(title), room).into_owned();
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_set(if text::ambiguous_wide() {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::PLAIN
        })
        .border_style(style)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            if focused { theme.title } else { theme.bold },
        )));
    if !bottom.is_empty() && room > 4 {
        let bottom = text::truncate(bottom, room).into_owned();
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {bottom} "), theme.dim)).right_aligned(),
        );
    }
    block.render(area, buf);
    inner(area)
}

/// Draw prepared lines from `scroll` on.
pub fn render_lines(lines: &[Line<'_>], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (k, line) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        buf.set_line(area.x, area.y + k as u16, line, area.width);
    }
}

/// What can be selected in a view of lines (and copied with `y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The project's amount.
    Amount,
    /// An indicator, by index into the project's (or the document's) indicators.
    Indicator(usize),
}

/// Lines of the main view and the selectable items among them.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Each selectable item with the lines it takes, in order.
    pub items: Vec<(Pick, std::ops::Range<usize>)>,
}

impl Rendered {
    pub fn plain(lines: Vec<Line<'static>>) -> Rendered {
        Rendered {
            lines,
            items: Vec::new(),
        }
    }
}

/// What the main pane shows for the current selection.
pub enum MainContent<'a> {
    Lines(Arc<Rendered>),
    Grid(&'a Ready, usize),
}

fn lines(v: Vec<Line<'static>>) -> MainContent<'static> {
    MainContent::Lines(Arc::new(Rendered::plain(v)))
}

/// The title of the main pane and its lines (or the table) for a width.
pub fn main_content<'a>(app: &'a App, width: u16) -> (String, MainContent<'a>) {
    let theme = &app.theme;
    let Some(entry) = app.current() else {
        let msg = if app.progress.scanning {
            "Looking for documents…"
        } else {
            "No documents. Give files or folders on the command line: budgettui PATH…"
        };
        return (
            "budgettui".into(),
            lines(
                text::wrap(msg, usize::from(width))
                    .into_iter()
                    .map(|l| Line::styled(l, theme.dim))
                    .collect(),
            ),
        );
    };
    let name = super::outline::file_name(&entry.path).to_string();
    match &entry.state {
        DocState::Loading => (name, lines(vec![Line::styled("loading…", theme.dim)])),
        DocState::Failed(err) => {
            let mut lines = vec![
                Line::styled("Could not read this file:", theme.error),
                Line::default(),
            ];
            for l in text::wrap(&text::sanitize(err), usize::from(width)) {
                lines.push(Line::raw(l));
            }
            (name, MainContent::Lines(Arc::new(Rendered::plain(lines))))
        }
        DocState::Ready(r) => {
            let node = r.selected_node();
            let title = match node.map(|n| &n.kind) {
                None | Some(NodeKind::Root) => "Summary".to_string(),
                Some(NodeKind::Table(i)) => return (grid_title(r, *i), MainContent::Grid(r, *i)),
                Some(_) => node.map(|n| n.label.clone()).unwrap_or_default(),
            };
            let key = (app.selected_doc().unwrap_or(0), r.tree.selected, width);
            if let Some(hit) = app.lines_cache.get(key) {
                return (title, MainContent::Lines(hit));
            }
            let built = Arc::new(match node.map(|n| &n.kind) {
                Some(NodeKind::Project(i)) => indicators::project_view(&r.doc, *i, width, theme),
                Some(NodeKind::DocIndicators) => indicators::doc_view(&r.doc, width, theme),
                None | Some(NodeKind::Root) => Rendered::plain(summary::lines(r, width, theme)),
                Some(_) => Rendered::plain(prose::lines(r, r.tree.selected, width, theme)),
            });
            app.lines_cache.put(key, Arc::clone(&built));
            (title, MainContent::Lines(built))
        }
    }
}

fn grid_title(r: &Ready, i: usize) -> String {
    let label = super::outline::table_label(&r.doc, i);
    match r.doc.tables.get(i) {
        Some(t) => {
            let mut s = label;
            if let Some(u) = t.unit {
                s.push_str(&format!(" · 单位：{u}"));
            }
            if t.pages > 1 {
                s.push_str(&format!(" · {} pages", t.pages));
            }
            s
        }
        None => label,
    }
}

fn render_main(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Main || app.zoom;
    let width = inner(area).width;
    let (title, content) = main_content(app, width);
    match content {
        MainContent::Lines(rendered) => {
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
            let inside = pane(area, buf, &title, &bottom, focused, &app.theme);
            render_lines(lines, pos.scroll, inside, buf);
            // The selected item (project amount, indicator) is highlighted.
            if let Some((_, range)) = rendered.items.get(pos.item) {
                let style = if focused {
                    app.theme.selected
                } else {
                    app.theme.selected_blur
                };
                for l in range.clone() {
                    if l >= pos.scroll && l < pos.scroll + usize::from(inside.height) {
                        let y = inside.y + (l - pos.scroll) as u16;
                        buf.set_style(Rect::new(inside.x, y, inside.width, 1), style);
                    }
                }
            }
        }
        MainContent::Grid(r, i) => {
            let pos = r.pos();
            let (Some(table), Some(layout)) = (r.doc.tables.get(i), r.layouts.get(i)) else {
                pane(area, buf, &title, "", focused, &app.theme);
                return;
            };
            let col_path = layout.paths.get(pos.col).map(String::as_str).unwrap_or("");
            let mut bottom = col_path.to_string();
            if app.wrap {
                bottom.push_str(" · wrap");
            }
            let inside = pane(area, buf, &title, &bottom, focused, &app.theme);
            grid::GridView {
                table,
                layout,
                pos,
                wrap: app.wrap,
                focused,
                theme: &app.theme,
            }
            .render(inside, buf);
        }
    }
}

/// A `label  value` line with the label dimmed and padded to `label_w` cells,
/// the value wrapped with a hanging indent.
pub fn field_lines(
    label: &str,
    value: &str,
    label_w: usize,
    width: u16,
    theme: &Theme,
    value_style: Style,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let room = width.saturating_sub(label_w + 2).max(8);
    let mut out = Vec::new();
    for (k, l) in text::wrap(&text::sanitize(value), room)
        .into_iter()
        .enumerate()
    {
        let head = if k == 0 {
            text::fit(label, label_w, false)
        } else {
            " ".repeat(label_w)
        };
        out.push(Line::from(vec![
            Span::styled(head, theme.dim),
            Span::raw("  "),
            Span::styled(l, value_style),
        ]));
    }
    out
}
