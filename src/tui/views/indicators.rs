//! A project's header (name, code, amount, purpose, goals) and its
//! performance indicators grouped 一级 → 二级, with 三级 name, target and
//! basis aligned in columns.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::{Document, Indicator, SourceKind, Unit};

use super::super::text::{self, sanitize};
use super::super::theme::Theme;
use super::summary::format_total;
use super::{Pick, Rendered, field_lines};

/// Lay cells side by side, each wrapped in its own column; returns one line
/// per wrapped line. `cols` = (text, width, style); columns are separated by two spaces.
pub fn columns_row(indent: usize, cols: &[(&str, usize, Style)]) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<String>> = cols
        .iter()
        .map(|(s, w, _)| text::wrap(&sanitize(s), (*w).max(1)))
        .collect();
    let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let mut spans = vec![Span::raw(" ".repeat(indent))];
        for (i, (_, w, style)) in cols.iter().enumerate() {
            let s = wrapped[i].get(k).map(String::as_str).unwrap_or("");
            let last = i + 1 == cols.len();
            let cell = if last {
                s.to_string()
            } else {
                text::fit(s, *w, false)
            };
            spans.push(Span::styled(cell, *style));
            if !last {
                spans.push(Span::raw("  "));
            }
        }
        out.push(Line::from(spans));
    }
    out
}

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::PerformanceTable => "performance table",
        SourceKind::ProjectTable => "project table",
        SourceKind::Procurement => "procurement",
        SourceKind::Prose => "text",
    }
}

/// Indicator rows grouped by level 1 and level 2.
pub fn indicator_lines(inds: &[Indicator], width: u16, theme: &Theme) -> Vec<Line<'static>> {
    indicator_lines_ranged(inds, width, theme).0
}

/// [`indicator_lines`] and, per indicator, the lines it takes.
pub fn indicator_lines_ranged(
    inds: &[Indicator],
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<Range<usize>>) {
    let width = usize::from(width).max(10);
    let mut out = Vec::new();
    let mut ranges = Vec::with_capacity(inds.len());
    if inds.is_empty() {
        out.push(Line::styled("(no indicators)", theme.dim));
        return (out, ranges);
    }
    let indent = 4;
    let avail = width.saturating_sub(indent + 4);
    let aligned = || {
        inds.iter()
            .filter(|i| !(i.target.trim().is_empty() && i.basis.trim().is_empty()))
    };
    let name_max = aligned()
        .map(|i| text::width(&sanitize(i.name.trim())))
        .max()
        .unwrap_or(0);
    let target_max = aligned()
        .map(|i| text::width(&sanitize(i.target.trim())))
        .max()
        .unwrap_or(0);
    let name_w = name_max.clamp(6, (avail * 2 / 5).max(6));
    let target_w = target_max.clamp(4, (avail / 4).max(4));
    let basis_w = avail.saturating_sub(name_w + target_w);
    let basis_inline = basis_w >= 10;
    let heading = |out: &mut Vec<Line<'static>>| {
        let mut cols = vec![
            ("三级指标", name_w, theme.dim),
            ("指标值", target_w, theme.dim),
        ];
        if basis_inline {
            cols.push(("确定依据", basis_w, theme.dim));
        }
        out.extend(columns_row(indent, &cols));
    };
    heading(&mut out);
    let mut l1: Option<&str> = None;
    let mut l2: Option<&str> = None;
    for ind in inds {
        let (a, b) = (ind.level1.trim(), ind.level2.trim());
        if l1 != Some(a) {
            let s = if a.is_empty() { "（未分级）" } else { a };
            out.push(Line::styled(
                text::truncate(&sanitize(s), width).into_owned(),
                theme.level1,
            ));
            l1 = Some(a);
            l2 = None;
        }
        if l2 != Some(b) {
            if !b.is_empty() {
                out.push(Line::styled(
                    format!(
                        "  {}",
                        text::truncate(&sanitize(b), width.saturating_sub(2))
                    ),
                    theme.level2,
                ));
            }
            l2 = Some(b);
        }
        let name = if ind.name.trim().is_empty() {
            ind.description.trim()
        } else {
            ind.name.trim()
        };
        let start = out.len();
        if ind.target.trim().is_empty() && ind.basis.trim().is_empty() {
            // Nothing to align: the text gets the whole width.
            out.extend(columns_row(
                indent,
                &[(name, width.saturating_sub(indent), theme.text)],
            ));
            let desc = ind.description.trim();
            if !desc.is_empty() && desc != name {
                out.extend(columns_row(
                    indent + 2,
                    &[(desc, width.saturating_sub(indent + 2), theme.dim)],
                ));
            }
            ranges.push(start..out.len());
            continue;
        }
        let mut cols = vec![
            (name, name_w, theme.bold),
            (ind.target.trim(), target_w, theme.warning),
        ];
        if basis_inline {
            cols.push((ind.basis.trim(), basis_w, theme.text));
        }
        out.extend(columns_row(indent, &cols));
        let desc = ind.description.trim();
        if !desc.is_empty() && desc != name {
            out.extend(columns_row(
                indent + 2,
                &[(desc, width.saturating_sub(indent + 2), theme.dim)],
            ));
        }
        if !basis_inline && !ind.basis.trim().is_empty() {
            out.extend(columns_row(
                indent + 2,
                &[(
                    ind.basis.trim(),
                    width.saturating_sub(indent + 2),
                    theme.text,
                )],
            ));
        }
        ranges.push(start..out.len());
    }
    (out, ranges)
}

pub fn project_lines(
    doc: &Document,
    index: usize,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    project_view(doc, index, width, theme).lines
}

/// A project's lines with its amount and its indicators as selectable items.
pub fn project_view(doc: &Document, index: usize, width: u16, theme: &Theme) -> Rendered {
    let Some(p) = doc.projects.get(index) else {
        return Rendered::plain(vec![Line::styled("(project missing)", theme.error)]);
    };
    let mut items = Vec::new();
    let mut out = Vec::new();
    let lw = 8;
    let name = if p.name.trim().is_empty() {
        "—"
    } else {
        p.name.trim()
    };
    out.extend(field_lines("项目名称", name, lw, width, theme, theme.title));
    if let Some(code) = p.code.as_deref().filter(|c| !c.trim().is_empty()) {
        out.extend(field_lines(
            "项目编码",
            code.trim(),
            lw,
            width,
            theme,
            theme.text,
        ));
    }
    let amount = p.amount.as_ref().map(|a| {
        let mut s = format!("{} {}", format_total(a), Unit::Wan);
        // Printed another way than the 万元 figure shown: say how.
        let unit = a.unit.unwrap_or(Unit::Wan);
        let printed = a.printed.trim();
        if unit != Unit::Wan || printed.replace(',', "") != a.value.to_string() {
            s.push_str(&format!("  (printed {printed} {unit})"));
        }
        s
    });
    if let Some(a) = amount {
        let start = out.len();
        out.extend(field_lines("金额", &a, lw, width, theme, theme.bold));
        items.push((Pick::Amount, start..out.len()));
    }
    if let Some(purpose) = p.purpose.as_deref().filter(|s| !s.trim().is_empty()) {
        out.extend(field_lines(
            "资金用途",
            purpose.trim(),
            lw,
            width,
            theme,
            theme.text,
        ));
    }
    for (k, g) in p.goals.iter().filter(|g| !g.trim().is_empty()).enumerate() {
        out.extend(field_lines(
            if k == 0 { "绩效目标" } else { "" },
            g.trim(),
            lw,
            width,
            theme,
            theme.text,
        ));
    }
    if !p.sources.is_empty() {
        let s: Vec<String> = p
            .sources
            .iter()
            .map(|s| format!("{} L{}", source_kind(s.kind), s.line))
            .collect();
        out.extend(field_lines(
            "出处",
            &s.join(" · "),
            lw,
            width,
            theme,
            theme.dim,
        ));
    } else if p.line > 0 {
        out.extend(field_lines(
            "出处",
            &format!("L{}", p.line),
            lw,
            width,
            theme,
            theme.dim,
        ));
    }
    out.push(Line::default());
    out.push(Line::styled(
        format!("绩效指标 ({})", p.indicators.len()),
        theme.header,
    ));
    let (lines, ranges) = indicator_lines_ranged(&p.indicators, width, theme);
    push_indicators(&mut out, &mut items, lines, ranges);
    Rendered { lines: out, items }
}

/// Whether a project's view shows an amount line.
fn has_amount(p: &crate::model::Project) -> bool {
    p.amount.is_some()
}

/// The selectable items of a project's or the department's indicator view,
/// in order (the same as [`Rendered::items`] of [`project_view`] / [`doc_view`]).
pub fn picks(doc: &Document, kind: &super::super::outline::NodeKind) -> Vec<Pick> {
    use super::super::outline::NodeKind;
    match kind {
        NodeKind::Project(i) => match doc.projects.get(*i) {
            Some(p) => {
                let mut out = Vec::with_capacity(p.indicators.len() + 1);
                if has_amount(p) {
                    out.push(Pick::Amount);
                }
                out.extend((0..p.indicators.len()).map(Pick::Indicator));
                out
            }
            None => Vec::new(),
        },
        NodeKind::DocIndicators => (0..doc.indicators.len()).map(Pick::Indicator).collect(),
        _ => Vec::new(),
    }
}

fn push_indicators(
    out: &mut Vec<Line<'static>>,
    items: &mut Vec<(Pick, Range<usize>)>,
    lines: Vec<Line<'static>>,
    ranges: Vec<Range<usize>>,
) {
    let base = out.len();
    out.extend(lines);
    for (i, r) in ranges.into_iter().enumerate() {
        items.push((Pick::Indicator(i), base + r.start..base + r.end));
    }
}

pub fn doc_lines(doc: &Document, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    doc_view(doc, width, theme).lines
}

/// The department-wide indicators, each a selectable item.
pub fn doc_view(doc: &Document, width: u16, theme: &Theme) -> Rendered {
    let mut out = vec![
        Line::styled(
            format!("整体绩效目标 · {} indicators", doc.indicators.len()),
            theme.title,
        ),
        Line::default(),
    ];
    let mut items = Vec::new();
    let (lines, ranges) = indicator_lines_ranged(&doc.indicators, width, theme);
    push_indicators(&mut out, &mut items, lines, ranges);
    Rendered { lines: out, items }
}
