//! What the explorer shows of the budget checks: the `检查` node's list of
//! findings (each a selectable item: Enter goes to its place), the style
//! of each severity, where a finding stands in words, and what the status
//! bar says of the cell under the cursor.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::check::{Finding, Severity};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::document::checks::{Checks, symbol};
use super::super::document::doc_tree::table_label;
use super::super::state::{GridRef, Pick, Ready, Rendered};

/// The indent of a finding's lines under its severity (`✗ 错误  `).
const INDENT: usize = 8;

/// The style of a severity's marks.
pub fn style(theme: &Theme, s: Severity) -> Style {
    match s {
        Severity::Error => theme.check_error,
        Severity::Rounding => theme.check_rounding,
        Severity::Warning => theme.check_warning,
    }
}

/// `✗ 错误`.
pub fn badge(s: Severity) -> String {
    format!("{} {}", symbol(s), s.label_zh())
}

/// What the symbols mean: `✗ 错误 the figures disagree · …`.
pub fn legend() -> String {
    format!(
        "{} the figures disagree · {} within the rounding of the cells · {} cannot be decided",
        badge(Severity::Error),
        badge(Severity::Rounding),
        badge(Severity::Warning)
    )
}

/// The main pane's title on the `检查` node.
pub fn title(checks: &Checks) -> String {
    format!("检查 · {}", checks.counts_zh())
}

/// The order the node lists findings in: errors first, then 尾差, then
/// 存疑, each in the document's order.
pub fn listed(checks: &Checks) -> Vec<usize> {
    let mut order: Vec<usize> = (0..checks.findings.len()).collect();
    order.sort_by_key(|&i| checks.findings[i].severity);
    order
}

/// Where a finding stands, in words: `第 508 行 · 表.9 …“三公”经费支出表 ·
/// 第 1 行第 3 列（合计）`.
pub fn place(r: &Ready, f: &Finding) -> String {
    let mut parts = Vec::new();
    if let Some(p) = f.page {
        parts.push(format!("第 {p} 页"));
    }
    if let Some(l) = f.line.filter(|&l| l > 0) {
        parts.push(format!("第 {l} 行"));
    }
    if let Some(t) = f.table {
        parts.push(table_label(&r.doc, t));
        let column = |c: usize| {
            let path = r.layouts.get(&r.doc, t).and_then(|l| l.paths.get(c));
            let name = path.map_or("", |p| p.rsplit(" / ").next().unwrap_or(p).trim());
            if name.is_empty() {
                format!("第 {} 列", c + 1)
            } else {
                format!("第 {} 列（{}）", c + 1, sanitize(name))
            }
        };
        match (f.row, f.column) {
            (Some(row), Some(c)) => parts.push(format!("第 {} 行{}", row + 1, column(c))),
            (Some(row), None) => parts.push(format!("第 {} 行", row + 1)),
            (None, Some(c)) => parts.push(column(c)),
            (None, None) => {}
        }
    }
    parts.join(" · ")
}

/// A finding's message as a sentence, with what was expected and found.
pub fn message(f: &Finding) -> String {
    let mut m = sanitize(f.message.trim()).into_owned();
    if !m.is_empty() && !m.ends_with('。') {
        m.push('。');
    }
    if let (Some(e), Some(found)) = (&f.expected, &f.found) {
        m.push_str(&format!("应为 {}，实为 {}。", sanitize(e), sanitize(found)));
    }
    m
}

/// The `检查` node's view: the counts, then each finding (an item).
pub fn view(r: &Ready, width: u16, theme: &Theme) -> Rendered {
    let w = usize::from(width).max(INDENT + 8);
    let checks = &r.checks;
    let mut out = Rendered::default();
    let head = match checks.findings.len() {
        0 if !checks.checked => "Nothing to check: the document has no text or tables.".to_string(),
        0 => "No findings: every rule held.".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings, errors first"),
    };
    for l in wrap_whole(&head, w) {
        out.lines.push(Line::styled(l, theme.bold));
    }
    if !checks.findings.is_empty() {
        let hint = "Enter goes to its place (cell, table or text) · Esc comes back";
        for l in wrap_whole(hint, w) {
            out.lines.push(Line::styled(l, theme.dim));
        }
    }
    out.lines.push(Line::default());
    for i in listed(checks) {
        let f = &checks.findings[i];
        let start = out.lines.len();
        finding_lines(&mut out.lines, r, f, w, theme);
        out.items.push((Pick::Finding(i), start..out.lines.len()));
        out.lines.push(Line::default());
    }
    let about = format!(
        "Checked: totals against their rows and columns (合计 = Σ), the two sides of a \
         table (收入 = 支出), the same figure across tables, the text's figures, changes \
         and percentages against the tables, required tables, the contents, the \
         department's name and the years. {}",
        legend()
    );
    for l in wrap_whole(&about, w) {
        out.lines.push(Line::styled(l, theme.dim));
    }
    out
}

/// Punctuation that should not start a line.
fn closes(t: &str) -> bool {
    matches!(
        t,
        "，" | "。" | "、" | "；" | "：" | "）" | "”" | "％" | "," | ";" | ")"
    )
}

/// Punctuation that should not end a line.
fn opens(t: &str) -> bool {
    matches!(t, "“" | "（" | "《" | "(")
}

/// Wrap `s` to lines of at most `max` cells like [`text::wrap`], but never
/// inside a run of ASCII letters, digits and signs that fits on a line (a
/// figure `104.07`, a rule `sums.rows`), never with closing punctuation
/// first on a line nor opening punctuation last.
pub fn wrap_whole(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut tokens: Vec<String> = Vec::new();
    for c in s.chars() {
        match tokens.last_mut() {
            Some(t) if c.is_ascii_graphic() && t.ends_with(|l: char| l.is_ascii_graphic()) => {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_w = 0;
    for t in tokens {
        let tw = text::width(&t);
        if cur_w + tw > max && !cur.is_empty() {
            // Closing punctuation goes down with the token before it, an
            // opening one with what it opens.
            let mut carry: Vec<String> = Vec::new();
            while let Some(last) = cur.last()
                && cur.len() > 1
                && (opens(last) || (carry.is_empty() && closes(&t)))
                && text::width(last) + carry.iter().map(|c| text::width(c)).sum::<usize>() + tw
                    <= max
            {
                carry.insert(0, cur.pop().unwrap_or_default());
            }
            lines.push(cur.concat().trim_end().to_string());
            cur = carry;
            cur_w = cur.iter().map(|c| text::width(c)).sum();
            if t == " " && cur.is_empty() {
                continue;
            }
        }
        if tw > max {
            let mut parts = text::wrap(&t, max);
            let last = parts.pop().unwrap_or_default();
            lines.extend(parts);
            cur_w = text::width(&last);
            cur = vec![last];
        } else {
            cur_w += tw;
            cur.push(t);
        }
    }
    lines.push(cur.concat().trim_end().to_string());
    lines
        .into_iter()
        .map(|l| text::mark_wide(&l).into_owned())
        .collect()
}

/// One finding: its severity and rule, its place, its message.
fn finding_lines(out: &mut Vec<Line<'static>>, r: &Ready, f: &Finding, w: usize, theme: &Theme) {
    let room = w - INDENT;
    let head = format!("{} · {}", f.rule, place(r, f));
    let mut first = true;
    for l in wrap_whole(&head, room) {
        let lead = if first {
            Span::styled(
                text::fit(&badge(f.severity), INDENT, false),
                style(theme, f.severity),
            )
        } else {
            Span::raw(" ".repeat(INDENT))
        };
        first = false;
        out.push(Line::from(vec![lead, Span::styled(l, theme.dim)]));
    }
    for l in wrap_whole(&message(f), room) {
        out.push(Line::from(vec![
            Span::raw(" ".repeat(INDENT)),
            Span::raw(l),
        ]));
    }
}

/// What the status bar says of the table cell under the cursor when a
/// finding stands there: `✗ 错误 “合计”…` (and how many more).
pub fn cell_note(g: &GridRef) -> Option<(Severity, String)> {
    let (checks, table) = g.checks?;
    let row = g.row_at(g.pos.row)?;
    let here = checks.at_cell(table, row, g.pos.col);
    let f = here.first()?;
    let mut s = format!("{} {}", badge(f.severity), message(f));
    if here.len() > 1 {
        s.push_str(&format!(" (+{} more in 检查)", here.len() - 1));
    }
    Some((f.severity, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_figures_and_rules_whole() {
        let s = "“合计”为 124.59 万元，其下 1 行之和为 104.07 万元。应为 104.07，实为 124.59。";
        let lines = wrap_whole(s, 20);
        assert!(lines.iter().all(|l| text::width(l) <= 20), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), s.replace(' ', ""));
        for l in &lines {
            assert!(!l.starts_with('，') && !l.starts_with('。'), "{lines:?}");
            assert!(!l.ends_with('“'), "{lines:?}");
        }
        for figure in ["124.59", "104.07"] {
            assert_eq!(
                lines
                    .iter()
                    .map(|l| l.matches(figure).count())
                    .sum::<usize>(),
                2,
                "{figure} whole: {lines:?}"
            );
        }
        // A run longer than a line is still cut.
        let long = "x".repeat(30);
        assert_eq!(wrap_whole(&long, 10).len(), 3);
        assert_eq!(wrap_whole("", 10), vec![String::new()]);
    }
}
