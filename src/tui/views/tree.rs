//! The section tree of the selected document, its `检查` node (the checks'
//! findings) first, coloured by the worst of them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::base::screen_text as text;
use super::super::base::theme::Theme;
use super::super::content::findings;
use super::super::document::doc_tree::{NodeKind, file_name};
use super::super::state::{App, DocState, Focus, Ready};
use super::pane::pane;

/// The document's name bold; 检查 in the colour of its worst finding.
fn label_style(t: &Theme, r: &Ready, kind: &NodeKind) -> Style {
    match kind {
        NodeKind::Root => t.bold,
        NodeKind::Checks => r.checks.worst().map_or(t.text, |s| findings::style(t, s)),
        _ => t.text,
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let focused = app.focus == Focus::Tree;
    let Some(entry) = app.current() else {
        pane(area, buf, "Outline", "", focused, t);
        return;
    };
    let title = format!("Outline · {}", file_name(&entry.path));
    let r = match &entry.state {
        DocState::Ready(r) => r,
        DocState::Loading | DocState::Listed(_) => {
            let inside = pane(area, buf, &title, "", focused, t);
            if inside.height > 0 {
                buf.set_stringn(
                    inside.x,
                    inside.y,
                    "loading…",
                    usize::from(inside.width),
                    t.dim,
                );
            }
            return;
        }
        DocState::Failed(_) => {
            let inside = pane(area, buf, &title, "", focused, t);
            if inside.height > 0 {
                buf.set_stringn(
                    inside.x,
                    inside.y,
                    "could not be read",
                    usize::from(inside.width),
                    t.error,
                );
            }
            return;
        }
    };
    let visible = r.visible();
    let bottom = if visible.len() > usize::from(area.height.saturating_sub(2)) {
        let pos = visible
            .iter()
            .position(|&i| i == r.tree.selected)
            .map(|p| p + 1)
            .unwrap_or(0);
        format!("{}/{}", pos, visible.len())
    } else {
        String::new()
    };
    let inside = pane(area, buf, &title, &bottom, focused, t);
    let w = usize::from(inside.width);
    if w == 0 {
        return;
    }
    for (k, &ni) in visible
        .iter()
        .skip(r.tree.offset)
        .take(usize::from(inside.height))
        .enumerate()
    {
        let n = &r.nodes[ni];
        let y = inside.y + k as u16;
        let indent = (usize::from(n.depth) * 2).min(w / 2);
        let arrow = if n.has_children(ni) {
            if r.tree.expanded.get(ni).copied().unwrap_or(false) {
                "▾ "
            } else {
                "▸ "
            }
        } else {
            "  "
        };
        let mut spans = vec![Span::raw(" ".repeat(indent)), Span::styled(arrow, t.dim)];
        let mut used = indent + 2;
        if let Some(m) = n.kind.marker() {
            let style = match n.kind {
                NodeKind::Table(_) => t.marker_table,
                NodeKind::Project(_) => t.marker_project,
                NodeKind::DocIndicators => t.marker_indicator,
                _ => t.marker_prose,
            };
            spans.push(Span::styled(m, style));
            spans.push(Span::raw(" "));
            used += text::width(m) + 1;
        }
        let label_style = label_style(t, r, &n.kind);
        let room = w.saturating_sub(used);
        let label = text::fit(&r.label(ni), room, false);
        spans.push(Span::styled(label, label_style));
        let selected = ni == r.tree.selected;
        let mut line = Line::from(spans);
        if selected {
            line = line.style(if focused { t.selected } else { t.selected_blur });
        }
        buf.set_line(inside.x, y, &line, inside.width);
    }
}
