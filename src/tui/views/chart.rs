//! The chart overlay (`v`): one horizontal bar per row, largest first, the
//! labels aligned whatever their width (CJK = 2 cells), each value printed
//! as in the table at the end of its bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::content::chart::{Chart, bar_len, chart};
use super::super::state::App;
use super::pane::pane;

/// Widest a label column gets.
const LABEL_CAP: usize = 30;

/// Draw the chart of the table shown over the main pane, from bar `scroll`.
pub(super) fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let Some(c) = app.grid().and_then(|g| chart(&g)) else {
        return;
    };
    if area.width < 10 || area.height < 3 {
        return;
    }
    Clear.render(area, buf);
    let t = &app.settings.theme;
    let rows = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(c.bars.len().saturating_sub(rows));
    let mut bottom = if c.totals > 0 {
        format!("{} total rows left out · ", c.totals)
    } else {
        String::new()
    };
    bottom.push_str(&format!(
        "{}-{}/{} · j/k scroll · any key closes",
        scroll + 1,
        (scroll + rows).min(c.bars.len()),
        c.bars.len()
    ));
    let inside = pane(area, buf, &format!("Chart · {}", c.title), &bottom, true, t);
    draw_bars(&c, scroll, inside, buf, app);
}

fn draw_bars(c: &Chart, scroll: usize, area: Rect, buf: &mut Buffer, app: &App) {
    let t = &app.settings.theme;
    let width = usize::from(area.width);
    let labels: Vec<String> = c
        .bars
        .iter()
        .map(|b| sanitize(&b.label).into_owned())
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0)
        .min(LABEL_CAP)
        .min(width / 3);
    let value_w = c
        .bars
        .iter()
        .map(|b| text::width(&b.printed))
        .max()
        .unwrap_or(0);
    let room = width.saturating_sub(label_w + value_w + 2);
    let max = c.bars.iter().map(|b| b.value).max().unwrap_or_default();
    let full = if text::ambiguous_wide() { '#' } else { '█' };
    for (k, (bar, label)) in c
        .bars
        .iter()
        .zip(&labels)
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + k as u16;
        let fitted = text::fit(label, label_w, false);
        buf.set_stringn(area.x, y, &fitted, label_w, t.text);
        let n = bar_len(bar.value, max, room);
        let x = area.x + label_w as u16 + 1;
        let bar_text: String = std::iter::repeat_n(full, n).collect();
        buf.set_stringn(x, y, &bar_text, n, t.bar);
        let vx = x + n as u16 + u16::from(n > 0);
        buf.set_stringn(vx, y, &bar.printed, value_w, t.text);
    }
}
