//! What the main pane shows for the selection: its title and either lines
//! (a section's text, a project, the summary, a message) or a table.

use std::sync::Arc;

use ratatui::text::Line;

use crate::model::Table;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::document::doc_tree::{self, NodeKind};
use super::super::document::table_layout::TableLayout;
use super::super::state::{App, BoardKind, DocState, GridRef, Ready, Rendered, SortDir};
use super::{boards, findings, indicators, prose, summary};

/// What the main pane shows for the current selection.
pub enum MainContent<'a> {
    Lines(Arc<Rendered>),
    /// A table (a document's or a board's).
    Grid(GridRef<'a>),
}

fn lines(v: Vec<Line<'static>>) -> MainContent<'static> {
    MainContent::Lines(Arc::new(Rendered::plain(v)))
}

/// The title of the main pane and its lines (or the table) for a width.
pub fn main_content(app: &App, width: u16) -> (String, MainContent<'_>) {
    let theme = &app.settings.theme;
    if let (Some(b), Some(g)) = (&app.board, app.grid()) {
        let mut title = b.title.clone();
        // The projects' total over the rows shown comes first: a narrow
        // pane cuts the title's end.
        if let BoardKind::Projects { .. } = b.kind
            && let Some(total) = boards::shown_total(&g, boards::PROJECT_AMOUNT_COL)
        {
            title.push_str(&format!(
                " · {} 项 · 合计 {} 万元",
                g.shown(),
                text::group_thousands(&total.to_string())
            ));
        }
        title.push_str(&arrangement(&g));
        return (title, MainContent::Grid(g));
    }
    let Some(entry) = app.current() else {
        let msg = if app.status.progress.scanning {
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
    let name = doc_tree::file_name(&entry.path).to_string();
    match &entry.state {
        DocState::Loading | DocState::Listed(_) => {
            (name, lines(vec![Line::styled("loading…", theme.dim)]))
        }
        DocState::Failed(err) => {
            let mut v = vec![
                Line::styled("Could not read this file:", theme.error),
                Line::default(),
            ];
            for l in text::wrap(&sanitize(err), usize::from(width)) {
                v.push(Line::raw(l));
            }
            (name, lines(v))
        }
        DocState::Ready(r) => {
            let node = r.selected_node();
            let title = match node.map(|n| &n.kind) {
                None | Some(NodeKind::Root) => "Summary".to_string(),
                Some(NodeKind::Checks) => findings::title(&r.checks),
                Some(NodeKind::Table(i)) => {
                    if let Some(g) = app.grid() {
                        return (grid_title(r, *i, &arrangement(&g)), MainContent::Grid(g));
                    }
                    "表格（缺失）".to_string()
                }
                Some(_) => r.label(r.tree.selected),
            };
            let key = (app.selected_doc().unwrap_or(0), r.tree.selected, width);
            if let Some(hit) = app.lines.get(key) {
                return (title, MainContent::Lines(hit));
            }
            let built = Arc::new(match node.map(|n| &n.kind) {
                Some(NodeKind::Project(i)) => indicators::project_view(&r.doc, *i, width, theme),
                Some(NodeKind::DocIndicators) => indicators::doc_view(&r.doc, width, theme),
                None | Some(NodeKind::Root) => Rendered::plain(summary::lines(r, width, theme)),
                Some(NodeKind::Checks) => findings::view(r, width, theme),
                Some(_) => prose::view(r, r.tree.selected, width, theme),
            });
            app.lines.put(key, Arc::clone(&built));
            (title, MainContent::Lines(built))
        }
    }
}

/// The main view's lines and items, when it shows lines.
pub fn main_lines(app: &App, width: u16) -> Option<Arc<Rendered>> {
    match main_content(app, width).1 {
        MainContent::Lines(r) => Some(r),
        MainContent::Grid(..) => None,
    }
}

/// The table the main view shows, with its layout.
pub fn current_table(app: &App) -> Option<(&Table, &TableLayout)> {
    app.grid().map(|g| (g.table, g.layout))
}

/// The short name of a column: the last part of its header path.
pub fn column_name(g: &GridRef, col: usize) -> String {
    let path = g.layout.paths.get(col).map(String::as_str).unwrap_or("");
    let name = path.rsplit(" / ").next().unwrap_or(path).trim();
    if name.is_empty() {
        format!("column {}", col + 1)
    } else {
        name.to_string()
    }
}

/// ` · ↓预算数 · 预算数 >=1000 (12/31)`: the sort (↓ largest first, ↑
/// smallest first) and the filter of a table, for its title.
pub fn arrangement(g: &GridRef) -> String {
    let mut s = String::new();
    if let Some(sort) = g.grid.sort {
        let arrow = match sort.dir {
            SortDir::Desc => "↓",
            SortDir::Asc => "↑",
        };
        s.push_str(&format!(" · {arrow}{}", column_name(g, sort.col)));
    }
    if let Some(f) = &g.grid.filter {
        s.push_str(&format!(
            " · {} {} ({}/{})",
            column_name(g, f.col),
            f.query.trim(),
            g.shown(),
            g.table.rows.len()
        ));
    }
    s
}

/// `表.1 收支预算总表 · ↓预算数 · 单位：万元 · 3 pages`: the sort and filter
/// (`arranged`) come before what a narrow pane may cut.
fn grid_title(r: &Ready, i: usize, arranged: &str) -> String {
    let label = doc_tree::table_label(&r.doc, i) + arranged;
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
