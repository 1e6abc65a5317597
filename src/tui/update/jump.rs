//! Going to a search result (Enter in the prompt, `n` / `N`) and back (Esc):
//! the document, the tree node (its ancestors opened) and the exact place
//! inside it — the table row and cell, the project's amount, the indicator.

use super::super::base::panes::inner;
use super::super::content::main_content::main_lines;
use super::super::content::picks::picks;
use super::super::document::doc_tree::{self, NodeKind};
use super::super::state::{App, Focus, Found, Origin, Pick, Pinned, Ready, Target, ViewPos};

/// Where the user is now.
pub(super) fn origin(app: &App) -> Origin {
    let r = app.current_ready();
    Origin {
        doc: app.selected_doc(),
        tree: r.map(|r| r.tree.clone()),
        view: r.map(|r| (r.tree.selected, r.pos())),
        focus: app.focus,
        zoom: app.zoom,
    }
}

/// Go back to where the user was.
pub(super) fn restore(app: &mut App, o: Origin) {
    if let Some(d) = o.doc
        && let Some(p) = app.list.order.iter().position(|&i| i == d)
    {
        app.list.selected = p;
        if let Some(r) = app.docs.get_mut(d).and_then(|e| e.ready_mut()) {
            if let Some(t) = o.tree {
                r.tree = t;
            }
            if let Some((node, pos)) = o.view {
                r.views.insert(node, pos);
            }
        }
    }
    app.focus = o.focus;
    app.zoom = o.zoom;
}

/// `n` / `N`: jump to the next / previous result of the last search.
pub(super) fn step_result(app: &mut App, delta: isize) {
    let n = app.search.results.items.len();
    if n == 0 {
        app.status.message = Some("no search results: press / to search".to_string());
        return;
    }
    let cur = app.search.results.current as isize + delta;
    app.search.results.current = cur.rem_euclid(n as isize) as usize;
    if app.search.jump_back.is_none() {
        app.search.jump_back = Some(origin(app));
    }
    let r = &app.search.results;
    if let Some(found) = r.items.get(r.current).cloned() {
        jump(app, &found);
    }
    announce(app);
}

/// The status bar names the result jumped to.
pub(super) fn announce(app: &mut App) {
    let r = &app.search.results;
    if let Some(f) = r.items.get(r.current) {
        let mut m = format!(
            "result {}/{}: {}",
            r.current + 1,
            r.items.len(),
            f.text.trim()
        );
        if let Some(a) = &f.amount {
            m.push_str(&format!(" {}", a.printed));
            if let Some(u) = a.unit {
                m.push_str(&format!(" {u}"));
            }
        }
        m.push_str(" · n/N next/previous · Esc back");
        app.status.message = Some(m);
    }
}

/// The column of `row` holding `printed`, else its first figure.
fn figure_col(r: &Ready, table: usize, row: usize, printed: Option<&str>) -> usize {
    let Some(cells) = r.doc.tables.get(table).and_then(|t| t.rows.get(row)) else {
        return 0;
    };
    if let Some(pr) = printed.map(str::trim)
        && let Some(c) = cells.iter().position(|c| c.trim() == pr)
    {
        return c;
    }
    cells
        .iter()
        .position(super::super::base::screen_text::is_numeric)
        .unwrap_or(0)
}

/// A node and a position in it.
type Place = (usize, ViewPos);

fn node_of(r: &Ready, k: &NodeKind) -> Option<usize> {
    r.nodes.iter().position(|n| n.kind == *k)
}

/// The node of a project or of the department's indicators, with the item
/// `pick` selected.
fn item_place(r: &Ready, kind: NodeKind, pick: Pick) -> Option<Place> {
    let item = picks(&r.doc, &kind)
        .iter()
        .position(|x| *x == pick)
        .unwrap_or(0);
    node_of(r, &kind).map(|n| {
        (
            n,
            ViewPos {
                item,
                ..ViewPos::default()
            },
        )
    })
}

/// A table cell shown as a grid, else the project the table belongs to.
fn cell_place(r: &Ready, table: usize, row: usize, col: usize) -> Option<Place> {
    node_of(r, &NodeKind::Table(table))
        .map(|n| {
            (
                n,
                ViewPos {
                    row,
                    col,
                    ..ViewPos::default()
                },
            )
        })
        .or_else(|| {
            let p = r.doc.projects.iter().position(|p| p.table == Some(table))?;
            item_place(r, NodeKind::Project(p), Pick::Amount)
        })
}

/// Where a result is shown: its node and the position inside it.
fn place(r: &Ready, f: &Found) -> Option<Place> {
    match &f.target {
        Target::Project { project: p } => match r.doc.projects.get(*p) {
            // A project without a table of its own: the row that lists it.
            Some(pr) if pr.table.is_none() => pr
                .sources
                .iter()
                .find_map(|s| {
                    Some((
                        s.table?,
                        s.row?,
                        s.amount.as_ref().map(|a| a.printed.clone()),
                    ))
                })
                .and_then(|(t, row, printed)| {
                    let col = figure_col(r, t, row, printed.as_deref());
                    node_of(r, &NodeKind::Table(t)).map(|n| {
                        (
                            n,
                            ViewPos {
                                row,
                                col,
                                ..ViewPos::default()
                            },
                        )
                    })
                })
                .or_else(|| item_place(r, NodeKind::Project(*p), Pick::Amount)),
            _ => item_place(r, NodeKind::Project(*p), Pick::Amount),
        },
        Target::Cell { table, row, col } => cell_place(r, *table, *row, *col),
        Target::Row { table, row } => {
            let col = figure_col(
                r,
                *table,
                *row,
                f.amount.as_ref().map(|a| a.printed.as_str()),
            );
            cell_place(r, *table, *row, col)
        }
        Target::Indicator { project, index } => {
            let kind = match project {
                Some(p) => NodeKind::Project(*p),
                None => NodeKind::DocIndicators,
            };
            item_place(r, kind, Pick::Indicator(*index))
        }
        Target::Section { path } => {
            doc_tree::section_node(&r.nodes, path).map(|n| (n, ViewPos::default()))
        }
        Target::Table { table } => {
            let col = r
                .layouts
                .get(&r.doc, *table)
                .and_then(|l| l.figure_col)
                .unwrap_or(0);
            cell_place(r, *table, 0, col)
        }
        // The sentence's section (or the text before the first heading);
        // `jump` scrolls to its paragraph.
        Target::Text { path, .. } if path.is_empty() => {
            node_of(r, &NodeKind::Preamble).map(|n| (n, ViewPos::default()))
        }
        Target::Text { path, .. } => {
            doc_tree::section_node(&r.nodes, path).map(|n| (n, ViewPos::default()))
        }
    }
}

/// After a jump to a sentence: scroll its section's view to the paragraph
/// (the first line of the view that comes from that line of the file).
fn scroll_to_line(app: &mut App, line: u32) {
    let width = inner(app.panes().main).width;
    let Some(rendered) = main_lines(app, width) else {
        return;
    };
    let at = rendered
        .marks
        .iter()
        .find(|&&(_, l)| l >= line)
        .map(|&(at, _)| at);
    if let (Some(at), Some(r)) = (at, app.current_ready_mut()) {
        r.pos_mut().scroll = at;
    }
}

/// A figure of a project's performance table (shown through the project,
/// not as a grid) that is not the project's amount: `y` copies it while
/// the cursor stays where the jump put it.
fn pinned(r: &Ready, f: &Found, node: usize, item: usize) -> Option<Pinned> {
    if !matches!(f.target, Target::Cell { .. } | Target::Row { .. }) {
        return None;
    }
    let figure = f.amount.as_ref()?;
    let Some(NodeKind::Project(p)) = r.nodes.get(node).map(|n| &n.kind) else {
        return None;
    };
    let amount = r
        .doc
        .projects
        .get(*p)
        .and_then(|p| p.amount.as_ref())
        .map(|a| a.printed.as_str());
    (amount != Some(figure.printed.as_str())).then(|| Pinned {
        doc: f.doc,
        node,
        item,
        amount: figure.clone(),
    })
}

/// Jump to a result: its document selected, its tree node selected (with
/// the node's ancestors opened), and inside it the exact place. False when
/// the outline does not show it.
pub(super) fn jump(app: &mut App, f: &Found) -> bool {
    let Some(pos_in_list) = app.list.order.iter().position(|&i| i == f.doc) else {
        return false;
    };
    app.list.selected = pos_in_list;
    app.list.touched = true;
    app.search.pending = None;
    let Some(r) = app.docs.get_mut(f.doc).and_then(|d| d.ready_mut()) else {
        if app.docs.get(f.doc).is_some_and(|d| d.brief().is_some()) {
            // listed, not read yet: the jump is done once it is
            app.search.pending = Some(f.clone());
            return true;
        }
        return false;
    };
    let Some((node, pos)) = place(r, f) else {
        app.status.message = Some("this result is not shown in the outline".to_string());
        return false;
    };
    app.search.pinned = pinned(r, f, node, pos.item);
    let mut p = r.nodes.get(node).and_then(|n| n.parent());
    while let Some(k) = p {
        if let Some(e) = r.tree.expanded.get_mut(k) {
            *e = true;
        }
        p = r.nodes.get(k).and_then(|n| n.parent());
    }
    r.tree.selected = node;
    // A sorted or filtered table: the row where the sort shows it; a filter
    // that hides it is dropped.
    let mut pos = pos;
    if let Some(NodeKind::Table(t)) = r.nodes.get(node).map(|n| &n.kind)
        && let Some(g) = r.grids.get_mut(t)
    {
        match g.position_of(pos.row) {
            Some(at) => pos.row = at,
            None => {
                g.sort = None;
                g.filter = None;
                g.order = None;
            }
        }
    }
    // Keep the scroll offsets of an earlier visit; the cursor is new.
    let old = r.views.get(&node).copied().unwrap_or_default();
    r.views.insert(
        node,
        ViewPos {
            row_off: old.row_off,
            col_off: old.col_off,
            scroll: if pos.item == old.item { old.scroll } else { 0 },
            ..pos
        },
    );
    app.zoom = false;
    app.focus = Focus::Main;
    if let Target::Text { line, .. } = f.target {
        scroll_to_line(app, line);
    }
    true
}
