//! The document list: year, department, kind, total (right-aligned) and
//! warning count, one line per file; failures show their error.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::content::fields::format_total;
use super::super::document::doc_tree::file_name;
use super::super::state::{App, DocEntry, DocState, Focus};
use super::pane::pane;

/// Which optional columns fit, and their widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    year: bool,
    kind: bool,
    total: usize,
    warn: bool,
    dept: usize,
}

const YEAR_W: usize = 4;
const KIND_W: usize = 4;
const WARN_W: usize = 4;

fn total_text(d: &DocEntry) -> String {
    d.ready()
        .and_then(|r| r.doc.total.as_ref())
        .map(|t| format_total(&t.amount))
        .unwrap_or_default()
}

/// Fit the columns into `width` cells: the department keeps at least 10 cells,
/// dropping warnings, kind, total and year (in that order) when it must.
fn columns(app: &App, width: usize) -> Columns {
    let total_w = app
        .docs
        .iter()
        .map(|d| text::width(&total_text(d)))
        .max()
        .unwrap_or(0)
        .max(text::width("总额"));
    let mut c = Columns {
        year: true,
        kind: true,
        total: total_w,
        warn: true,
        dept: 0,
    };
    loop {
        let fixed = usize::from(c.year) * (YEAR_W + 1)
            + usize::from(c.kind) * (KIND_W + 1)
            + if c.total > 0 { c.total + 1 } else { 0 }
            + usize::from(c.warn) * (WARN_W + 1);
        c.dept = width.saturating_sub(fixed);
        if c.dept >= 10 {
            return c;
        }
        if c.warn {
            c.warn = false;
        } else if c.kind {
            c.kind = false;
        } else if c.total > 0 {
            c.total = 0;
        } else if c.year {
            c.year = false;
        } else {
            return c;
        }
    }
}

fn row_text(d: &DocEntry, c: &Columns) -> (String, Style, bool) {
    let mut s = String::new();
    match &d.state {
        DocState::Ready(r) => {
            let doc = &r.doc;
            if c.year {
                let y = doc
                    .year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "—".into());
                s.push_str(&text::fit(&y, YEAR_W, false));
                s.push(' ');
            }
            let dept = doc
                .department
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| sanitize(d.trim()).into_owned())
                .unwrap_or_else(|| sanitize(file_name(&d.path)).into_owned());
            s.push_str(&text::fit(&dept, c.dept, false));
            if c.kind {
                s.push(' ');
                s.push_str(&text::fit(doc.kind.label_zh(), KIND_W, false));
            }
            if c.total > 0 {
                s.push(' ');
                s.push_str(&text::fit(&total_text(d), c.total, true));
            }
            if c.warn {
                s.push(' ');
                let w = if doc.warnings.is_empty() {
                    String::new()
                } else {
                    doc.warnings.len().to_string()
                };
                s.push_str(&text::fit(&w, WARN_W, true));
            }
            (s, Style::default(), !doc.warnings.is_empty())
        }
        DocState::Loading => {
            let lead = if c.year {
                format!("{} ", text::fit("…", YEAR_W, false))
            } else {
                String::new()
            };
            let rest = c.dept
                + usize::from(c.kind) * (KIND_W + 1)
                + if c.total > 0 { c.total + 1 } else { 0 }
                + usize::from(c.warn) * (WARN_W + 1);
            s.push_str(&lead);
            s.push_str(&text::fit(&sanitize(file_name(&d.path)), rest, false));
            (s, Style::default(), false)
        }
        DocState::Failed(err) => {
            let lead = if c.year {
                format!("{} ", text::fit("✗", YEAR_W, false))
            } else {
                String::new()
            };
            let rest = c.dept
                + usize::from(c.kind) * (KIND_W + 1)
                + if c.total > 0 { c.total + 1 } else { 0 }
                + usize::from(c.warn) * (WARN_W + 1);
            let msg = format!("{}: {}", file_name(&d.path), err);
            s.push_str(&lead);
            s.push_str(&text::fit(&sanitize(&msg), rest, false));
            (s, Style::default(), true)
        }
    }
}

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let focused = app.focus == Focus::List;
    let title = format!("Documents ({}) · {}", app.docs.len(), app.list.sort.label());
    let bottom = if app.docs.len() > usize::from(area.height.saturating_sub(3)) {
        format!("{}/{}", app.list.selected + 1, app.docs.len())
    } else {
        String::new()
    };
    let inside = pane(area, buf, &title, &bottom, focused, t);
    if inside.width == 0 || inside.height == 0 {
        return;
    }
    let w = usize::from(inside.width);
    let c = columns(app, w);
    // Column header.
    let mut head = String::new();
    if c.year {
        head.push_str(&text::fit("年度", YEAR_W, false));
        head.push(' ');
    }
    head.push_str(&text::fit("部门", c.dept, false));
    if c.kind {
        head.push(' ');
        head.push_str(&text::fit("类型", KIND_W, false));
    }
    if c.total > 0 {
        head.push(' ');
        head.push_str(&text::fit("总额", c.total, true));
    }
    if c.warn {
        head.push(' ');
        head.push_str(&text::fit("警告", WARN_W, true));
    }
    buf.set_stringn(inside.x, inside.y, &head, w, t.header);
    let rows = usize::from(inside.height.saturating_sub(1));
    for (k, &di) in app
        .list
        .order
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(rows)
    {
        let Some(d) = app.docs.get(di) else { continue };
        let y = inside.y + 1 + (k - app.list.offset) as u16;
        let (line, _, flagged) = row_text(d, &c);
        let selected = k == app.list.selected;
        let base = match d.state {
            DocState::Failed(_) => t.error,
            DocState::Loading => t.dim,
            DocState::Ready(_) => t.text,
        };
        let style = if selected {
            if focused { t.selected } else { t.selected_blur }
        } else {
            base
        };
        let padded = text::fit(&line, w, false);
        buf.set_stringn(inside.x, y, &padded, w, style);
        if flagged && c.warn && !selected && matches!(d.state, DocState::Ready(_)) {
            // Colour the warning count.
            let x = inside.x + (w - WARN_W) as u16;
            buf.set_style(Rect::new(x, y, WARN_W as u16, 1), t.warning);
        }
    }
}
