//! A section's text wrapped to the pane, with its tables, projects and
//! sub-headings listed where they occur.

use ratatui::text::{Line, Span};

use crate::model::Content;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::document::doc_tree::{self, NodeKind};
use super::super::state::Ready;

fn paragraph(out: &mut Vec<Line<'static>>, s: &str, width: usize, theme: &Theme) {
    let s = sanitize(s.trim());
    for l in text::wrap(&s, width) {
        out.push(Line::styled(l, theme.text));
    }
    out.push(Line::default());
}

fn leaf(
    out: &mut Vec<Line<'static>>,
    marker: &'static str,
    label: String,
    extra: String,
    theme: &Theme,
    style: ratatui::style::Style,
    width: usize,
) {
    let room = width.saturating_sub(3 + text::width(&extra));
    let marker = if text::width(marker) < 2 {
        format!("{marker} ")
    } else {
        marker.to_string()
    };
    out.push(Line::from(vec![
        Span::styled(marker, style),
        Span::raw(" "),
        Span::styled(text::truncate(&label, room).into_owned(), theme.bold),
        Span::styled(extra, theme.dim),
    ]));
}

fn contents(
    out: &mut Vec<Line<'static>>,
    r: &Ready,
    items: &[Content],
    width: usize,
    theme: &Theme,
) {
    for c in items {
        match c {
            Content::Paragraph { text, .. } => paragraph(out, text, width, theme),
            Content::Table { index } => {
                let extra = r
                    .doc
                    .tables
                    .get(*index)
                    .map(|t| format!("  {} rows", t.rows.len()))
                    .unwrap_or_default();
                leaf(
                    out,
                    "表",
                    doc_tree::table_label(&r.doc, *index),
                    extra,
                    theme,
                    theme.marker_table,
                    width,
                );
                out.push(Line::default());
            }
            Content::Project { index } => {
                let extra = r
                    .doc
                    .projects
                    .get(*index)
                    .map(|p| format!("  {} indicators", p.indicators.len()))
                    .unwrap_or_default();
                leaf(
                    out,
                    "项",
                    doc_tree::project_label(&r.doc, *index),
                    extra,
                    theme,
                    theme.marker_project,
                    width,
                );
                out.push(Line::default());
            }
        }
    }
}

/// Lines for a section, the preamble or a group node.
pub fn lines(r: &Ready, node: usize, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let mut out = Vec::new();
    let Some(n) = r.nodes.get(node) else {
        return out;
    };
    for l in text::wrap(&n.label, width) {
        out.push(Line::styled(l, theme.title));
    }
    out.push(Line::default());
    match &n.kind {
        NodeKind::Section(path) => {
            if let Some(sec) = doc_tree::section_at(&r.doc, path) {
                contents(&mut out, r, &sec.content, width, theme);
                if sec.content.is_empty() && sec.children.is_empty() {
                    out.push(Line::styled("(no text under this heading)", theme.dim));
                }
            }
        }
        NodeKind::Preamble => contents(&mut out, r, &r.doc.preamble, width, theme),
        _ => {}
    }
    // Direct children that are headings or groups: a small table of contents.
    let kids: Vec<usize> = (node + 1..n.end)
        .filter(|&k| r.nodes[k].parent == Some(node))
        .filter(|&k| {
            matches!(r.nodes[k].kind, NodeKind::Section(_) | NodeKind::Group)
                || matches!(n.kind, NodeKind::Group)
        })
        .collect();
    if !kids.is_empty() {
        if !matches!(n.kind, NodeKind::Group) {
            out.push(Line::styled("Contents", theme.dim));
        }
        for k in kids {
            let child = &r.nodes[k];
            let marker = child.kind.marker().unwrap_or("·");
            let style = match child.kind {
                NodeKind::Table(_) => theme.marker_table,
                NodeKind::Project(_) => theme.marker_project,
                _ => theme.dim,
            };
            leaf(
                &mut out,
                marker,
                child.label.clone(),
                String::new(),
                theme,
                style,
                width,
            );
        }
    }
    while out.last().is_some_and(|l| l.spans.is_empty()) {
        out.pop();
    }
    out
}
