//! Line builders shared by the views of lines: a `label  value` field, cells
//! laid side by side in columns, an amount as the document prints it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;

/// The total as the list and the card show it: `11,262.73` (in 万元).
/// An amount exactly as the document has it (the decimal keeps the printed
/// scale: `397.10` stays `397.10`, `19535` stays `19,535`), digits grouped.
/// Never rounded: a figure shown must be the figure in the document.
/// A figure in 万元 with thousands grouped (`145,863.63`).
pub fn format_total(amount: &crate::model::Amount) -> String {
    let wan = amount.in_wan().unwrap_or(amount.value);
    text::group_thousands(&wan.to_string())
}

/// A `label  value` line with the label dimmed and padded to `label_w` cells,
/// the value wrapped with a hanging indent.
pub fn field_lines(
    label: &str,
    value: &str,
    label_w: usize,
    width: u16,
    theme: &Theme,
    value_style: Style,
) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let room = width.saturating_sub(label_w + 2).max(8);
    let mut out = Vec::new();
    for (k, l) in text::wrap(&sanitize(value), room).into_iter().enumerate() {
        let head = if k == 0 {
            text::fit(label, label_w, false)
        } else {
            " ".repeat(label_w)
        };
        out.push(Line::from(vec![
            Span::styled(head, theme.dim),
            Span::raw("  "),
            Span::styled(l, value_style),
        ]));
    }
    out
}

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
