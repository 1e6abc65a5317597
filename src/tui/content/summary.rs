//! The document root: a summary card with the headline facts, the counts
//! of the budget checks' findings, and the parser's warnings.

use ratatui::text::{Line, Span};

use crate::model::{Document, Total, Unit};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::document::doc_tree::file_name;
use super::super::state::Ready;
use super::fields::{field_lines, format_total};
use super::findings;

/// Width of the card's labels (两个汉字).
const LABEL_W: usize = 4;

pub fn lines(r: &Ready, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let doc = &r.doc;
    let mut out = Vec::new();
    let title = if doc.title.trim().is_empty() {
        file_name(&doc.path)
    } else {
        doc.title.trim()
    };
    for l in text::wrap(&sanitize(title), usize::from(width).max(1)) {
        out.push(Line::styled(l, theme.title));
    }
    out.push(Line::default());
    facts(&mut out, doc, width, theme);
    checks(&mut out, r, width, theme);
    out.push(Line::default());
    let counts = format!(
        "{} sections · {} tables · {} projects · {} indicators · {} warnings",
        doc.section_count(),
        doc.tables.len(),
        doc.projects.len(),
        doc.indicators.len()
            + doc
                .projects
                .iter()
                .map(|p| p.indicators.len())
                .sum::<usize>(),
        doc.warnings.len()
    );
    for l in text::wrap(&counts, usize::from(width).max(1)) {
        out.push(Line::raw(l));
    }
    if !doc.warnings.is_empty() {
        warnings(&mut out, doc, width, theme);
    }
    out
}

/// Department, year, kind, total, file.
fn facts(out: &mut Vec<Line<'static>>, doc: &Document, width: u16, theme: &Theme) {
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        out.extend(field_lines(label, value, LABEL_W, width, theme, theme.text));
    };
    field(out, "部门", doc.department.as_deref().unwrap_or("—"));
    field(
        out,
        "年度",
        &doc.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "—".into()),
    );
    field(
        out,
        "类型",
        &format!("{} · {}", doc.kind.label_zh(), doc.kind.as_str()),
    );
    match &doc.total {
        Some(t) => out.extend(field_lines(
            "总额",
            &total_text(t),
            LABEL_W,
            width,
            theme,
            theme.bold,
        )),
        None => field(out, "总额", "—"),
    }
    let mut file = doc.path.clone();
    if !doc.encoding.is_empty() {
        file.push_str(&format!(" · {}", doc.encoding));
    }
    if doc.line_count > 0 {
        file.push_str(&format!(" · {} lines", doc.line_count));
    }
    field(out, "文件", &file);
}

/// `检查  ✗ 错误 1 · ≈ 尾差 1 · ? 存疑 0 (the 检查 node lists them)`.
fn checks(out: &mut Vec<Line<'static>>, r: &Ready, width: u16, theme: &Theme) {
    let c = &r.checks;
    let (e, rounding, w) = c.counts;
    let value = if !c.checked {
        "— nothing to check (no text or tables)".to_string()
    } else if c.findings.is_empty() {
        "✓ every rule held".to_string()
    } else {
        use crate::check::Severity::{Error, Rounding, Warning};
        format!(
            "{} {e} · {} {rounding} · {} {w}  (the 检查 node lists them)",
            findings::badge(Error),
            findings::badge(Rounding),
            findings::badge(Warning)
        )
    };
    let style = c.worst().map_or(theme.text, |s| findings::style(theme, s));
    out.extend(field_lines("检查", &value, LABEL_W, width, theme, style));
}

/// `11,262.73 万元  (收入总计, printed …, line 120)`.
fn total_text(t: &Total) -> String {
    let mut v = format!("{} {}", format_total(&t.amount), Unit::Wan);
    let mut how = Vec::new();
    if !t.label.trim().is_empty() {
        how.push(t.label.trim().to_string());
    }
    // Printed in another unit than 万元: say how.
    if let Some(unit) = t.amount.unit.filter(|u| *u != Unit::Wan) {
        how.push(format!("printed {} {unit}", t.amount.printed.trim()));
    }
    if t.line > 0 {
        how.push(format!("line {}", t.line));
    }
    if !how.is_empty() {
        v.push_str(&format!("  ({})", how.join(", ")));
    }
    v
}

/// The warnings, each with its line (`L12`, or `file`).
fn warnings(out: &mut Vec<Line<'static>>, doc: &Document, width: u16, theme: &Theme) {
    out.push(Line::default());
    out.push(Line::styled(
        format!("Warnings ({})", doc.warnings.len()),
        theme.warning,
    ));
    let nw = doc
        .warnings
        .iter()
        .map(|w| w.line.to_string().len())
        .max()
        .unwrap_or(1)
        .max(4);
    for w in &doc.warnings {
        let label = if w.line == 0 {
            "file".to_string()
        } else {
            format!("L{}", w.line)
        };
        let room = usize::from(width).saturating_sub(nw + 3).max(8);
        for (k, l) in text::wrap(&sanitize(&w.message), room)
            .into_iter()
            .enumerate()
        {
            let head = if k == 0 {
                text::fit(&label, nw + 1, true)
            } else {
                " ".repeat(nw + 1)
            };
            out.push(Line::from(vec![
                Span::styled(head, theme.warning),
                Span::raw("  "),
                Span::raw(l),
            ]));
        }
    }
}
