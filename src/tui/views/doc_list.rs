//! The document list: year, department, kind, total (right-aligned), the
//! budget checks' findings (`✗1 ≈16`: errors, rounding differences,
//! warnings; only the worst where the list is narrow) and the parser's
//! warning count, one line per file; failures show their error.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::content::fields::format_total;
use super::super::content::findings;
use super::super::document::doc_tree::file_name;
use super::super::state::{App, DocEntry, DocState, Focus};
use super::pane::pane;

/// Which optional columns fit, and their widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    year: bool,
    kind: bool,
    total: usize,
    /// The checks' column: its width (0: not shown), and whether it shows
    /// only the worst severity's count.
    check: usize,
    check_short: bool,
    warn: bool,
    dept: usize,
}

impl Columns {
    /// Cells taken by the columns after the department's (each with the
    /// space before it).
    fn after_dept(&self) -> usize {
        usize::from(self.kind) * (KIND_W + 1)
            + if self.total > 0 { self.total + 1 } else { 0 }
            + if self.check > 0 { self.check + 1 } else { 0 }
            + usize::from(self.warn) * (WARN_W + 1)
    }
}

const YEAR_W: usize = 4;
const KIND_W: usize = 4;
const WARN_W: usize = 4;

/// The checks' tally of a document (`✗1 ≈16`, or `✗1` when `short`).
fn check_text(d: &DocEntry, short: bool) -> String {
    d.ready()
        .map(|r| {
            if short {
                r.checks.tally_short()
            } else {
                r.checks.tally()
            }
        })
        .unwrap_or_default()
}

fn total_text(d: &DocEntry) -> String {
    d.ready()
        .and_then(|r| r.doc.total.as_ref())
        .map(|t| format_total(&t.amount))
        .unwrap_or_default()
}

/// The department's cells before the list gives up its extra columns: the
/// parser's warnings, then the checks' full tally (for the worst severity's
/// count only).
const DEPT_COMFORT: usize = 16;
/// The department's cells at least: below them, kind, total, the checks
/// and year go, in that order.
const DEPT_MIN: usize = 10;

/// A way to make room: drop a column or shorten it (given the checks'
/// short width).
type Step = fn(&mut Columns, usize);

/// Fit the columns into `width` cells (see [`DEPT_COMFORT`], [`DEPT_MIN`]).
fn columns(app: &App, width: usize) -> Columns {
    let widest = |f: &dyn Fn(&DocEntry) -> String, head: &str| {
        app.docs
            .iter()
            .map(|d| text::width(&f(d)))
            .max()
            .unwrap_or(0)
            .max(text::width(head))
    };
    let check_short = widest(&|d| check_text(d, true), "检查");
    let mut c = Columns {
        year: true,
        kind: true,
        total: widest(&total_text, "总额"),
        check: widest(&|d| check_text(d, false), "检查"),
        check_short: false,
        warn: true,
        dept: 0,
    };
    let steps: [(usize, Step); 6] = [
        (DEPT_COMFORT, |c, _| c.warn = false),
        (DEPT_COMFORT, |c, short| {
            c.check_short = true;
            c.check = short;
        }),
        (DEPT_MIN, |c, _| c.kind = false),
        (DEPT_MIN, |c, _| c.total = 0),
        (DEPT_MIN, |c, _| c.check = 0),
        (DEPT_MIN, |c, _| c.year = false),
    ];
    let fit = |c: &mut Columns| {
        c.dept = width.saturating_sub(usize::from(c.year) * (YEAR_W + 1) + c.after_dept());
    };
    fit(&mut c);
    for (want, step) in steps {
        if c.dept < want {
            step(&mut c, check_short);
            fit(&mut c);
        }
    }
    c
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
            if c.check > 0 {
                s.push(' ');
                s.push_str(&text::fit(&check_text(d, c.check_short), c.check, true));
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
            let rest = c.dept + c.after_dept();
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
            let rest = c.dept + c.after_dept();
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
    if c.check > 0 {
        head.push(' ');
        head.push_str(&text::fit("检查", c.check, true));
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
        // Colour the checks' tally by the worst finding.
        if let Some(worst) = d.ready().and_then(|r| r.checks.worst())
            && c.check > 0
            && !selected
        {
            let end = w - usize::from(c.warn) * (WARN_W + 1);
            let x = inside.x + end.saturating_sub(c.check) as u16;
            let style = findings::style(t, worst);
            buf.set_style(Rect::new(x, y, c.check as u16, 1), style);
        }
    }
}
