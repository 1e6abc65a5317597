//! A bordered pane with its titles, and prepared lines drawn into it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::super::base::panes::inner;
use super::super::base::screen_text as text;
use super::super::base::theme::Theme;

/// Borders when box-drawing characters are two cells wide.
const ASCII_BORDER: ratatui::symbols::border::Set<'static> = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered pane with a title (cut to fit) and an optional bottom title.
pub fn pane(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    bottom: &str,
    focused: bool,
    theme: &Theme,
) -> Rect {
    let style = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    let room = usize::from(area.width.saturating_sub(4));
    let title = text::truncate(&text::sanitize(title), room).into_owned();
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_set(if text::ambiguous_wide() {
            ASCII_BORDER
        } else {
            ratatui::symbols::border::PLAIN
        })
        .border_style(style)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            if focused { theme.title } else { theme.bold },
        )));
    if !bottom.is_empty() && room > 4 {
        let bottom = text::truncate(bottom, room).into_owned();
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {bottom} "), theme.dim)).right_aligned(),
        );
    }
    block.render(area, buf);
    inner(area)
}

/// Draw prepared lines from `scroll` on.
pub fn render_lines(lines: &[Line<'_>], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (k, line) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        buf.set_line(area.x, area.y + k as u16, line, area.width);
    }
}

/// Blank `r`, and the wide characters just left of it that would reach in.
pub fn clear(r: Rect, buf: &mut Buffer) {
    Clear.render(r, buf);
    if r.x > buf.area.x {
        for y in r.top()..r.bottom() {
            if let Some(cell) = buf.cell_mut((r.x - 1, y))
                && text::width(cell.symbol()) > 1
            {
                cell.set_symbol(" ");
            }
        }
    }
}
