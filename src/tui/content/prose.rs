//! A section's text wrapped to the pane, with its tables, projects and
//! sub-headings listed where they occur; each piece marked with the file's
//! line it comes from.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use crate::model::{Content, LineNo};
use crate::parse::amount::amounts_in_text;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::document::doc_tree::{self, NodeKind};
use super::super::state::{Ready, Rendered, TextFigure};

fn paragraph(out: &mut Rendered, s: &str, width: usize, theme: &Theme) {
    let s = sanitize(s.trim());
    let lines = text::wrap(&s, width);
    figures(out, &s, &lines);
    for l in lines {
        out.lines.push(Line::styled(l, theme.text));
    }
    out.lines.push(Line::default());
}

/// The figures of a paragraph (`amounts_in_text`), found in its wrapped
/// lines in order: the number with its unit, or the number alone when the
/// wrapping puts the unit on the next line; a number the wrapping splits is
/// left out.
fn figures(out: &mut Rendered, s: &str, lines: &[String]) {
    let first = out.lines.len();
    let (mut line, mut from) = (0usize, 0usize);
    for f in amounts_in_text(s) {
        let Some(whole) = s.get(f.start..f.end) else {
            continue;
        };
        let number = f.amount.printed.clone();
        let number = number.as_str();
        let Some((k, i, found)) = find_from(lines, line, from, whole)
            .map(|(k, i)| (k, i, whole))
            .or_else(|| find_from(lines, line, from, number).map(|(k, i)| (k, i, number)))
        else {
            continue;
        };
        let prefix = &lines[k][..i];
        out.figures.push(TextFigure {
            line: first + k,
            x: u16::try_from(prefix.width()).unwrap_or(u16::MAX),
            w: u16::try_from(found.width()).unwrap_or(u16::MAX),
            amount: f.amount,
        });
        (line, from) = (k, i + found.len());
    }
}

/// The first `needle` in `lines` from byte `from` of line `line` on.
fn find_from(lines: &[String], line: usize, from: usize, needle: &str) -> Option<(usize, usize)> {
    lines.iter().enumerate().skip(line).find_map(|(k, l)| {
        let start = if k == line { from } else { 0 };
        l.get(start..)?.find(needle).map(|i| (k, start + i))
    })
}

/// One line naming a table, a project or a sub-heading, with its marker.
struct Leaf<'a> {
    marker: &'a str,
    label: String,
    extra: String,
    style: Style,
    line: LineNo,
}

fn leaf(out: &mut Rendered, l: Leaf<'_>, theme: &Theme, width: usize) {
    let room = width.saturating_sub(3 + text::width(&l.extra));
    let marker = if text::width(l.marker) < 2 {
        format!("{} ", l.marker)
    } else {
        l.marker.to_string()
    };
    out.mark(l.line);
    out.lines.push(Line::from(vec![
        Span::styled(marker, l.style),
        Span::raw(" "),
        Span::styled(text::truncate(&l.label, room).into_owned(), theme.bold),
        Span::styled(l.extra, theme.dim),
    ]));
}

fn contents(out: &mut Rendered, r: &Ready, items: &[Content], width: usize, theme: &Theme) {
    for c in items {
        match c {
            Content::Paragraph { text, line } => {
                out.mark(*line);
                paragraph(out, text, width, theme);
            }
            Content::Table { index } => {
                let t = r.doc.tables.get(*index);
                let l = Leaf {
                    marker: "表",
                    label: doc_tree::table_label(&r.doc, *index),
                    extra: t
                        .map(|t| format!("  {} rows", t.rows.len()))
                        .unwrap_or_default(),
                    style: theme.marker_table,
                    line: t.map(|t| t.line).unwrap_or(0),
                };
                leaf(out, l, theme, width);
                out.lines.push(Line::default());
            }
            Content::Project { index } => {
                let p = r.doc.projects.get(*index);
                let l = Leaf {
                    marker: "项",
                    label: doc_tree::project_label(&r.doc, *index),
                    extra: p
                        .map(|p| format!("  {} indicators", p.indicators.len()))
                        .unwrap_or_default(),
                    style: theme.marker_project,
                    line: p.map(|p| p.line).unwrap_or(0),
                };
                leaf(out, l, theme, width);
                out.lines.push(Line::default());
            }
        }
    }
}

/// The view of a section, the preamble or a group node.
pub fn view(r: &Ready, node: usize, width: u16, theme: &Theme) -> Rendered {
    let width = usize::from(width).max(1);
    let mut out = Rendered::default();
    let Some(n) = r.nodes.get(node) else {
        return out;
    };
    out.mark(n.line);
    for l in text::wrap(&r.label(node), width) {
        out.lines.push(Line::styled(l, theme.title));
    }
    out.lines.push(Line::default());
    match &n.kind {
        NodeKind::Section(_) => {
            if let Some(sec) = doc_tree::section_of(&r.doc, &r.nodes, node) {
                contents(&mut out, r, &sec.content, width, theme);
                if sec.content.is_empty() && sec.children.is_empty() {
                    out.lines
                        .push(Line::styled("(no text under this heading)", theme.dim));
                }
            }
        }
        NodeKind::Preamble => contents(&mut out, r, &r.doc.preamble, width, theme),
        _ => {}
    }
    // Direct children that are headings or groups: a small table of contents.
    let kids: Vec<usize> = (node + 1..n.end())
        .filter(|&k| r.nodes[k].parent() == Some(node))
        .filter(|&k| {
            matches!(r.nodes[k].kind, NodeKind::Section(_) | NodeKind::Group)
                || matches!(n.kind, NodeKind::Group)
        })
        .collect();
    if !kids.is_empty() {
        if !matches!(n.kind, NodeKind::Group) {
            out.lines.push(Line::styled("Contents", theme.dim));
        }
        for k in kids {
            let child = &r.nodes[k];
            let style = match child.kind {
                NodeKind::Table(_) => theme.marker_table,
                NodeKind::Project(_) => theme.marker_project,
                _ => theme.dim,
            };
            let l = Leaf {
                marker: child.kind.marker().unwrap_or("·"),
                label: r.label(k),
                extra: String::new(),
                style,
                line: child.line,
            };
            leaf(&mut out, l, theme, width);
        }
    }
    while out.lines.last().is_some_and(|l| l.spans.is_empty()) {
        out.lines.pop();
    }
    out
}
