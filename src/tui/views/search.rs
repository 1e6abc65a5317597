//! The search prompt: drawn over the main area (widened on narrow
//! terminals, see `panes::search_overlay`). The query on the first line,
//! then one line per result: document (year + short department), the
//! matched text with the matched characters highlighted, where it is, and
//! the amount with its unit; the highlighted result's place in full on the
//! last line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::state::{App, Found, FoundKind, LIMIT, Prompt};
use super::pane::{clear, pane};

/// Widest document label column.
const LABEL_CAP: usize = 18;
/// Widest amount column.
const AMOUNT_CAP: usize = 24;

/// `397.10 万元`.
fn amount_text(f: &Found) -> String {
    match &f.amount {
        Some(a) => match a.unit {
            Some(u) => format!("{} {u}", a.printed.trim()),
            None => a.printed.trim().to_string(),
        },
        None => String::new(),
    }
}

/// Where a result is, as the result line shows it.
fn where_text(f: &Found) -> String {
    let c = f.context.trim();
    if !c.is_empty() {
        return sanitize(c).into_owned();
    }
    match f.kind {
        FoundKind::Project => "项目",
        FoundKind::Row => "表格行",
        FoundKind::Indicator => "绩效指标",
        FoundKind::Section => "章节",
        FoundKind::Amount => "金额",
        FoundKind::Table => "表格",
        FoundKind::Text => "正文",
    }
    .to_string()
}

fn kind_name(k: FoundKind) -> &'static str {
    k.name()
}

/// One result line, `width` cells wide.
fn result_line(
    app: &App,
    f: &Found,
    width: usize,
    label_w: usize,
    amount_w: usize,
    selected: bool,
) -> Line<'static> {
    let t = &app.settings.theme;
    let base = if selected { t.selected } else { t.text };
    let dim = if selected { t.selected } else { t.dim };
    let mut spans = Vec::new();
    let label = sanitize(&f.label).into_owned();
    spans.push(Span::styled(text::fit(&label, label_w, false), dim));
    spans.push(Span::styled(" ", base));
    // Marker, text, where, amount.
    let rest = width.saturating_sub(label_w + 1 + amount_w + 1);
    let marker_style = match f.kind {
        FoundKind::Project => t.marker_project,
        FoundKind::Indicator => t.marker_indicator,
        FoundKind::Section | FoundKind::Text => t.marker_prose,
        FoundKind::Row | FoundKind::Amount | FoundKind::Table => t.marker_table,
    };
    let marker_style = if selected {
        base.patch(marker_style)
    } else {
        marker_style
    };
    let (text_w, where_w) = if rest >= 24 {
        let tw = (rest * 3 / 5).max(10);
        (tw, rest - tw)
    } else {
        (rest, 0)
    };
    if text_w >= 3 {
        spans.push(Span::styled(format!("{} ", f.kind.marker()), marker_style));
        let room = text_w - 3;
        // Trimming the end keeps the char indices of `matched` valid.
        let (hl, used) = text::highlight(f.text.trim_end(), &f.matched, room, base, t.matched);
        spans.extend(hl);
        spans.push(Span::styled(" ".repeat(room - used.min(room)), base));
    } else {
        spans.push(Span::styled(" ".repeat(text_w), base));
    }
    if where_w > 0 {
        spans.push(Span::styled(" ", base));
        spans.push(Span::styled(
            text::fit(&where_text(f), where_w - 1, false),
            dim,
        ));
    }
    spans.push(Span::styled(" ", base));
    let amount = amount_text(f);
    let amount_style = if selected { base } else { t.bold };
    spans.push(Span::styled(
        text::fit(&sanitize(&amount), amount_w, true),
        amount_style,
    ));
    Line::from(spans)
}

fn prompt_line(app: &App, p: &Prompt, width: usize) -> Line<'static> {
    let t = &app.settings.theme;
    let room = width.saturating_sub(3);
    let q = sanitize(&p.query).into_owned();
    let q = text::truncate_left(&q, room).into_owned();
    Line::from(vec![
        Span::styled("/ ", t.key),
        Span::styled(q, t.bold),
        Span::styled(" ", t.selected),
    ])
}

/// The overlay's title: the number of results, or what is going on.
fn title(p: &Prompt) -> String {
    let n = p.results.len();
    if p.query.trim().is_empty() {
        "Search".to_string()
    } else if p.pending && p.searched != p.query {
        if n > 0 {
            format!("Search · {n} results · searching…")
        } else {
            "Search · searching…".to_string()
        }
    } else if n == 0 {
        "Search · no results".to_string()
    } else if n >= LIMIT {
        format!("Search · first {n} results")
    } else if n == 1 {
        "Search · 1 result".to_string()
    } else {
        format!("Search · {n} results")
    }
}

/// Draw the prompt over the main area; returns where the result rows are.
pub(super) fn render(app: &App, p: &Prompt, buf: &mut Buffer) -> Option<Rect> {
    let t = &app.settings.theme;
    let r = app.search_overlay();
    if r.width < 10 || r.height < 4 {
        return None;
    }
    clear(r, buf);
    let inside = pane(
        r,
        buf,
        &title(p),
        "Enter jump · Esc back · ↑↓ choose · Ctrl-y copy",
        true,
        t,
    );
    if inside.height == 0 || inside.width == 0 {
        return None;
    }
    let width = usize::from(inside.width);
    buf.set_line(
        inside.x,
        inside.y,
        &prompt_line(app, p, width),
        inside.width,
    );
    let rows = Rect {
        y: inside.y + 1,
        height: inside.height.saturating_sub(2),
        ..inside
    };
    if p.query.trim().is_empty() {
        let hint = [
            "Type a name (智慧社区), its pinyin (zhsq, zhihuishequ)",
            "or an amount: 397.1, 4,800万元, >=1000, <50, 100..500, 智慧 300.",
        ];
        for (k, h) in hint.iter().enumerate().take(usize::from(rows.height)) {
            buf.set_stringn(
                inside.x + 1,
                rows.y + k as u16,
                h,
                width.saturating_sub(1),
                t.dim,
            );
        }
        return Some(rows);
    }
    results(app, p, rows, buf);
    // The highlighted result in full.
    if let Some(f) = p.results.get(p.selected)
        && inside.height >= 3
    {
        let mut detail = format!(
            "{} · {} · {}",
            sanitize(&f.label),
            kind_name(f.kind),
            where_text(f)
        );
        if f.line > 0 {
            detail.push_str(&format!(" · L{}", f.line));
        }
        let detail = text::truncate(&detail, width).into_owned();
        buf.set_stringn(
            inside.x,
            inside.bottom() - 1,
            detail,
            width,
            Style::default().patch(t.dim),
        );
    }
    Some(rows)
}

/// The results from the first one shown, one per row of `rows`.
fn results(app: &App, p: &Prompt, rows: Rect, buf: &mut Buffer) {
    let t = &app.settings.theme;
    let width = usize::from(rows.width);
    let shown: Vec<&Found> = p
        .results
        .iter()
        .skip(p.offset)
        .take(usize::from(rows.height))
        .collect();
    let label_w = shown
        .iter()
        .map(|f| text::width(&sanitize(&f.label)))
        .max()
        .unwrap_or(0)
        .min(LABEL_CAP);
    let amount_w = shown
        .iter()
        .map(|f| text::width(&amount_text(f)))
        .max()
        .unwrap_or(0)
        .min(AMOUNT_CAP);
    for (k, f) in shown.iter().enumerate() {
        let selected = p.offset + k == p.selected;
        let line = result_line(app, f, width, label_w, amount_w, selected);
        let y = rows.y + k as u16;
        if selected {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), t.selected);
        }
        buf.set_line(rows.x, y, &line, rows.width);
    }
}
