//! A project's header (name, code, amount, purpose, goals) and its
//! performance indicators grouped 一级 → 二级, with 三级 name, target and
//! basis aligned in columns.

use ratatui::text::Line;

use crate::model::{Document, Indicator, Project, SourceKind, Unit};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::state::{Pick, Rendered};
use super::fields::{columns_row, field_lines, format_total};

/// Indent of the indicator rows under their level headings.
const INDENT: usize = 4;
/// Width of the project header's labels (四个汉字).
const LABEL_W: usize = 8;

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::PerformanceTable => "performance table",
        SourceKind::ProjectTable => "project table",
        SourceKind::Procurement => "procurement",
        SourceKind::Prose => "text",
    }
}

/// Widths of the name, target and basis columns, and whether the basis fits
/// on the same line.
struct Columns {
    name: usize,
    target: usize,
    basis: usize,
    basis_inline: bool,
}

/// Indicators with nothing to align (no target, no basis) take the whole width.
fn unaligned(i: &Indicator) -> bool {
    i.target().trim().is_empty() && i.basis().trim().is_empty()
}

impl Columns {
    fn fit(inds: &[Indicator], width: usize) -> Columns {
        let avail = width.saturating_sub(INDENT + 4);
        let widest = |f: fn(&Indicator) -> &str| {
            inds.iter()
                .filter(|i| !unaligned(i))
                .map(|i| text::width(&sanitize(f(i).trim())))
                .max()
                .unwrap_or(0)
        };
        let name = widest(|i| i.name()).clamp(6, (avail * 2 / 5).max(6));
        let target = widest(|i| i.target()).clamp(4, (avail / 4).max(4));
        let basis = avail.saturating_sub(name + target);
        Columns {
            name,
            target,
            basis,
            basis_inline: basis >= 10,
        }
    }
}

/// Indicator rows grouped by level 1 and level 2, each indicator a
/// selectable item marked with its line in the file.
fn indicators_into(out: &mut Rendered, inds: &[Indicator], width: u16, theme: &Theme) {
    let width = usize::from(width).max(10);
    if inds.is_empty() {
        out.lines.push(Line::styled("(no indicators)", theme.dim));
        return;
    }
    let c = Columns::fit(inds, width);
    let mut heading = vec![
        ("三级指标", c.name, theme.dim),
        ("指标值", c.target, theme.dim),
    ];
    if c.basis_inline {
        heading.push(("确定依据", c.basis, theme.dim));
    }
    out.lines.extend(columns_row(INDENT, &heading));
    let mut l1: Option<&str> = None;
    let mut l2: Option<&str> = None;
    for (i, ind) in inds.iter().enumerate() {
        // Level headings read as the indicator below them.
        out.mark(ind.line);
        let (a, b) = (ind.level1().trim(), ind.level2().trim());
        if l1 != Some(a) {
            let s = if a.is_empty() { "（未分级）" } else { a };
            out.lines.push(Line::styled(
                text::truncate(&sanitize(s), width).into_owned(),
                theme.level1,
            ));
            l1 = Some(a);
            l2 = None;
        }
        if l2 != Some(b) {
            if !b.is_empty() {
                out.lines.push(Line::styled(
                    format!(
                        "  {}",
                        text::truncate(&sanitize(b), width.saturating_sub(2))
                    ),
                    theme.level2,
                ));
            }
            l2 = Some(b);
        }
        let start = out.lines.len();
        out.mark(ind.line);
        indicator_rows(&mut out.lines, ind, &c, width, theme);
        out.items.push((Pick::Indicator(i), start..out.lines.len()));
    }
}

/// The lines of one indicator: name, target and basis in their columns,
/// the description (and a basis that does not fit) below.
fn indicator_rows(
    out: &mut Vec<Line<'static>>,
    ind: &Indicator,
    c: &Columns,
    width: usize,
    theme: &Theme,
) {
    let name = if ind.name().trim().is_empty() {
        ind.description().trim()
    } else {
        ind.name().trim()
    };
    let below = |out: &mut Vec<Line<'static>>, s: &str, style| {
        out.extend(columns_row(
            INDENT + 2,
            &[(s, width.saturating_sub(INDENT + 2), style)],
        ));
    };
    let desc = ind.description().trim();
    if unaligned(ind) {
        // Nothing to align: the text gets the whole width.
        out.extend(columns_row(
            INDENT,
            &[(name, width.saturating_sub(INDENT), theme.text)],
        ));
        if !desc.is_empty() && desc != name {
            below(out, desc, theme.dim);
        }
        return;
    }
    let mut cols = vec![
        (name, c.name, theme.bold),
        (ind.target().trim(), c.target, theme.warning),
    ];
    if c.basis_inline {
        cols.push((ind.basis().trim(), c.basis, theme.text));
    }
    out.extend(columns_row(INDENT, &cols));
    if !desc.is_empty() && desc != name {
        below(out, desc, theme.dim);
    }
    if !c.basis_inline && !ind.basis().trim().is_empty() {
        below(out, ind.basis().trim(), theme.text);
    }
}

/// A project's lines with its amount and its indicators as selectable items.
pub fn project_view(doc: &Document, index: usize, width: u16, theme: &Theme) -> Rendered {
    let Some(p) = doc.projects.get(index) else {
        return Rendered::plain(vec![Line::styled("(project missing)", theme.error)]);
    };
    let mut out = Rendered::default();
    out.mark(p.line);
    let field = |out: &mut Rendered, label: &str, value: &str, style| {
        out.lines
            .extend(field_lines(label, value, LABEL_W, width, theme, style));
    };
    let name = if p.name.trim().is_empty() {
        "—"
    } else {
        p.name.trim()
    };
    field(&mut out, "项目名称", name, theme.title);
    if let Some(code) = p.code.as_deref().filter(|c| !c.trim().is_empty()) {
        field(&mut out, "项目编码", code.trim(), theme.text);
    }
    if let Some(a) = amount_text(p) {
        let start = out.lines.len();
        field(&mut out, "金额", &a, theme.bold);
        out.items.push((Pick::Amount, start..out.lines.len()));
    }
    if let Some(purpose) = p.purpose.as_deref().filter(|s| !s.trim().is_empty()) {
        field(&mut out, "资金用途", purpose.trim(), theme.text);
    }
    for (k, g) in p.goals.iter().filter(|g| !g.trim().is_empty()).enumerate() {
        field(
            &mut out,
            if k == 0 { "绩效目标" } else { "" },
            g.trim(),
            theme.text,
        );
    }
    if !p.sources.is_empty() {
        let s: Vec<String> = p
            .sources
            .iter()
            .map(|s| format!("{} L{}", source_kind(s.kind), s.line))
            .collect();
        field(&mut out, "出处", &s.join(" · "), theme.dim);
    } else if p.line > 0 {
        field(&mut out, "出处", &format!("L{}", p.line), theme.dim);
    }
    out.lines.push(Line::default());
    out.lines.push(Line::styled(
        format!("绩效指标 ({})", p.indicators.len()),
        theme.header,
    ));
    indicators_into(&mut out, &p.indicators, width, theme);
    out
}

/// The amount line: `397.10 万元`, with the printing when it differs.
fn amount_text(p: &Project) -> Option<String> {
    p.amount.as_ref().map(|a| {
        let mut s = format!("{} {}", format_total(a), Unit::Wan);
        // Printed another way than the 万元 figure shown: say how.
        let unit = a.unit.unwrap_or(Unit::Wan);
        let printed = a.printed.trim();
        if unit != Unit::Wan || printed.replace(',', "") != a.value.to_string() {
            s.push_str(&format!("  (printed {printed} {unit})"));
        }
        s
    })
}

/// The department-wide indicators, each a selectable item.
pub fn doc_view(doc: &Document, width: u16, theme: &Theme) -> Rendered {
    let mut out = Rendered::default();
    out.mark(doc.indicators.first().map(|i| i.line).unwrap_or(0));
    out.lines.push(Line::styled(
        format!("整体绩效目标 · {} indicators", doc.indicators.len()),
        theme.title,
    ));
    out.lines.push(Line::default());
    indicators_into(&mut out, &doc.indicators, width, theme);
    out
}
