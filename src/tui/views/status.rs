//! The status bar: document, breadcrumb, cursor position, progress, message;
//! on a table cell where the checks found something, that finding instead
//! of the breadcrumb.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::base::panes::inner;
use super::super::base::screen_text as text;
use super::super::content::findings;
use super::super::content::main_content::{column_name, main_lines};
use super::super::content::marks::mark_sum;
use super::super::document::doc_tree::{self, NodeKind};
use super::super::state::{App, DocState, Focus, LinePrompt, LinePurpose, Mode};

/// The cursor position the status bar shows for the focused pane.
fn position(app: &App) -> String {
    if let Some(g) = app.grid()
        && (app.focus == Focus::Main || app.board.is_some())
    {
        let shown = g.shown();
        if shown == 0 {
            return String::new();
        }
        let of = if shown < g.table.rows.len() {
            format!(" of {}", g.table.rows.len())
        } else {
            String::new()
        };
        return format!(
            "row {}/{shown}{of} col {}/{}",
            g.pos.row + 1,
            g.pos.col + 1,
            g.table.width()
        );
    }
    match app.focus {
        Focus::List => {
            if app.docs.is_empty() {
                String::new()
            } else {
                format!("doc {}/{}", app.list.selected + 1, app.docs.len())
            }
        }
        Focus::Tree | Focus::Main => {
            let Some(r) = app.current_ready() else {
                return String::new();
            };
            let pos = r.pos();
            match r.selected_node().map(|n| &n.kind) {
                Some(NodeKind::Table(i)) if app.focus == Focus::Main => {
                    match r.doc.tables.get(*i) {
                        Some(t) if !t.rows.is_empty() => format!(
                            "row {}/{} col {}/{}",
                            pos.row + 1,
                            t.rows.len(),
                            pos.col + 1,
                            t.width()
                        ),
                        _ => String::new(),
                    }
                }
                Some(NodeKind::Checks) if app.focus == Focus::Main => {
                    match r.checks.findings.len() {
                        0 => String::new(),
                        n => format!("finding {}/{n}", (pos.item + 1).min(n)),
                    }
                }
                // The file's line of the text at the top of the view.
                _ if app.focus == Focus::Main => {
                    let width = inner(app.panes().main).width;
                    main_lines(app, width)
                        .and_then(|lines| lines.file_line(pos.scroll))
                        .map(|line| format!("line {line}"))
                        .unwrap_or_default()
                }
                _ => {
                    let visible = r.visible();
                    let p = visible
                        .iter()
                        .position(|&i| i == r.tree.selected)
                        .unwrap_or(0);
                    format!("node {}/{}", p + 1, visible.len())
                }
            }
        }
    }
}

/// The line prompt of a table's filter or column, over the whole bar.
fn line_prompt(app: &App, p: &LinePrompt, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let w = usize::from(area.width);
    let what = match &p.purpose {
        LinePurpose::Filter { col, .. } => {
            let name = app
                .grid()
                .map(|g| column_name(&g, *col))
                .unwrap_or_default();
            format!("filter {name} (>=1000, 100..500, words)")
        }
        LinePurpose::Column { .. } => "go to column".to_string(),
    };
    let hint = "Enter keeps · Esc undoes · Ctrl-u clears";
    let typed = text::sanitize(&p.text).into_owned();
    let left = format!(" {what}: {typed}▏");
    let left = text::truncate_left(&left, w.saturating_sub(2)).into_owned();
    buf.set_stringn(area.x, area.y, &left, w, t.status_msg);
    let lw = text::width(&left);
    let hw = text::width(hint);
    if lw + hw + 3 <= w {
        let x = area.x + (w - hw - 1) as u16;
        buf.set_stringn(x, area.y, hint, hw, t.status);
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let w = usize::from(area.width);
    if w == 0 || area.height == 0 {
        return;
    }
    buf.set_style(area, t.status);
    if let Mode::Line(p) = &app.mode {
        line_prompt(app, p, area, buf);
        return;
    }
    let note = app
        .grid()
        .filter(|_| app.focus == Focus::Main)
        .and_then(|g| findings::cell_note(&g));
    // Right side: progress, source, message, position.
    let mut right = Vec::new();
    if !app.status.progress.finished() {
        if app.status.progress.scanning {
            right.push("scanning…".to_string());
        } else {
            right.push(format!(
                "loading {}/{}",
                app.status.progress.done, app.status.progress.total
            ));
        }
    }
    if let Some(note) = &app.status.source_note {
        right.push(note.clone());
    }
    if let Some(m) = &app.status.message {
        right.push(text::sanitize(m).into_owned());
    }
    if let Some(sum) = app.grid().and_then(|g| mark_sum(&g)) {
        right.push(sum.line());
    }
    let pos = position(app);
    if !pos.is_empty() {
        right.push(pos);
    }
    right.push("? help".into());
    let right = right.join(&format!(" {} ", text::rules().0));
    let right = text::sanitize(&right).into_owned();
    // A finding at the cursor's cell keeps at least half the bar.
    let room = if note.is_some() {
        w / 2
    } else {
        w.saturating_sub(12).max(w / 2)
    };
    let right = text::truncate(&right, room).into_owned();
    let rw = text::width(&right);
    // Left side: the finding at the cursor's cell, else file and breadcrumb.
    let mut left = String::from(" ");
    let mut left_style = t.status;
    if let Some((sev, note)) = note {
        left.push_str(&note);
        left_style = t.status.patch(findings::style(t, sev));
    } else if let Some(b) = app.board() {
        left.push_str(&b.title);
    } else if let Some(d) = app.current() {
        left.push_str(doc_tree::file_name(&d.path));
        if let DocState::Ready(r) = &d.state {
            for node in doc_tree::breadcrumb(&r.nodes, r.tree.selected) {
                left.push_str(" › ");
                left.push_str(&r.label(node));
            }
        }
    }
    let left = text::sanitize(&left).into_owned();
    let lroom = w.saturating_sub(rw + 2);
    let left = text::truncate(&left, lroom).into_owned();
    buf.set_stringn(area.x, area.y, &left, lroom, left_style);
    let x = area.x + w.saturating_sub(rw + 1) as u16;
    let style = if app.status.message.is_some() {
        t.status_msg
    } else {
        t.status
    };
    buf.set_stringn(x, area.y, &right, rw, style);
}
