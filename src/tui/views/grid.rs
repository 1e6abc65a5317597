//! Our table widget: header rows pinned, label columns frozen while the rest
//! scrolls sideways, numbers right-aligned as printed, a cell cursor, and
//! optional wrapping of long cells. Only the visible rows and columns are
//! laid out (the derived `table_geometry`); column widths are computed once per table
//! ([`crate::tui::TableLayout`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::Table;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::content::table_geometry::{
    Geometry, Placed, cell, geometry, row_height, row_is_total, split_height, wraps,
};
use super::super::document::table_layout::TableLayout;
use super::super::state::{DrawnTable, ViewPos};

/// Everything the grid needs to draw.
pub struct GridView<'a> {
    pub table: &'a Table,
    pub layout: &'a TableLayout,
    pub pos: ViewPos,
    pub wrap: bool,
    pub focused: bool,
    pub theme: &'a Theme,
}

/// Draw `s` in a cell `w` wide at (x, y): styled over the whole cell, cut
/// with `…` to fit, right-aligned if asked. The hot path of the grid: plain
/// ASCII (numbers, codes) is written cell by cell without grapheme
/// segmentation, and padding is never written as text.
fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, right: bool, style: Style) {
    if w == 0 || y < buf.area.y || y >= buf.area.bottom() {
        return;
    }
    let w = w.min(buf.area.right().saturating_sub(x));
    if w == 0 {
        return;
    }
    buf.set_style(Rect::new(x, y, w, 1), style);
    let t = text::truncate(s, usize::from(w));
    let tw = text::width(&t) as u16;
    let x0 = if right { x + (w - tw.min(w)) } else { x };
    if t.is_ascii() {
        for (i, b) in t.bytes().enumerate() {
            if let Some(cell) = buf.cell_mut((x0 + i as u16, y)) {
                cell.set_char(char::from(b));
            }
        }
    } else {
        buf.set_stringn(x0, y, &t, usize::from(w), style);
    }
}

impl GridView<'_> {
    /// Draw into `area` (the pane's inside); returns where the cells went.
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> DrawnTable {
        let mut drawn = DrawnTable {
            area,
            ..DrawnTable::default()
        };
        if area.width == 0 || area.height == 0 {
            return drawn;
        }
        let table = self.table;
        let g = geometry(self.layout, area.width, self.pos.col_off);
        let (header_h, body_h) = split_height(table, area.height);
        for (hr, row) in table.header.iter().enumerate().take(usize::from(header_h)) {
            self.header_row(&g, hr, row, area, area.y + hr as u16, buf);
        }
        let mut y = area.y + header_h;
        if (header_h > 0 || body_h < area.height)
            && y < area.bottom()
            && area.height > header_h + body_h
        {
            // Rule under the header.
            let (_, h, cross) = text::rules();
            let rule: String = (0..area.width)
                .map(|x| if Some(x) == g.divider { cross } else { h })
                .collect();
            buf.set_stringn(area.x, y, rule, usize::from(area.width), self.theme.border);
            y += 1;
        }
        drawn.columns = g
            .frozen
            .iter()
            .chain(g.scroll.iter())
            .map(|p| (p.col, area.x + p.x, p.w))
            .collect();
        if table.rows.is_empty() {
            if y < area.bottom() {
                buf.set_stringn(
                    area.x,
                    y,
                    "（此表无数据行）",
                    usize::from(area.width),
                    self.theme.dim,
                );
                y += 1;
            }
            self.notes(area, buf, y + 1);
            return drawn;
        }
        let mut r = self.pos.row_off;
        while r < table.rows.len() && y < area.bottom() {
            let h = (row_height(table, r, &g, self.wrap) as u16).min(area.bottom() - y);
            self.body_row(&g, r, area, y, h, buf);
            drawn.rows.push((r, y, h));
            y += h;
            r += 1;
        }
        if r >= table.rows.len() {
            self.notes(area, buf, y + 1);
        }
        drawn
    }

    /// One header row, with a label spread over the empty cells to its right
    /// (a merged cell in the original), except in the last header row.
    fn header_row(
        &self,
        g: &Geometry,
        hr: usize,
        row: &[String],
        area: Rect,
        y: u16,
        buf: &mut Buffer,
    ) {
        let t = self.theme;
        let last_header = self.table.header.len().saturating_sub(1);
        let blocks: [(&[Placed], usize); 2] = [(&g.frozen, 0), (&g.scroll, g.frozen_count)];
        for (block, block_start) in blocks {
            let mut i = 0;
            while i < block.len() {
                let p = block[i];
                let mut s = sanitize(cell(row, p.col));
                if i == 0 && s.is_empty() && hr < last_header {
                    // Scrolled into the middle of a merged header cell:
                    // carry its label from the left.
                    if let Some(k) = (block_start..p.col)
                        .rev()
                        .find(|&k| !cell(row, k).is_empty())
                    {
                        s = sanitize(cell(row, k));
                    }
                }
                let mut w = p.w;
                let mut j = i + 1;
                if hr < last_header && !s.is_empty() {
                    while j < block.len() && cell(row, block[j].col).is_empty() {
                        w = block[j].x + block[j].w - p.x;
                        j += 1;
                    }
                }
                let spread = j > i + 1;
                let style = if p.col == self.pos.col && !spread {
                    t.cursor_col_header
                } else {
                    t.header
                };
                if spread {
                    let fitted = text::truncate(&s, usize::from(w));
                    let pad = (usize::from(w) - text::width(&fitted)) / 2;
                    buf.set_stringn(area.x + p.x + pad as u16, y, fitted, usize::from(w), style);
                } else {
                    let right = self.layout.right.get(p.col).copied().unwrap_or(false);
                    put(buf, area.x + p.x, y, &s, w, right, style);
                }
                i = j;
            }
        }
        if let Some(d) = g.divider {
            buf.set_string(area.x + d, y, text::rules().0, t.frozen_sep);
        }
    }

    /// Body row `r`, `h` lines tall from `y`.
    fn body_row(&self, g: &Geometry, r: usize, area: Rect, y: u16, h: u16, buf: &mut Buffer) {
        let t = self.theme;
        let row = &self.table.rows[r];
        let total = row_is_total(row, self.layout.frozen);
        let on_row = r == self.pos.row;
        for p in g.frozen.iter().chain(g.scroll.iter()) {
            let raw = cell(row, p.col);
            let s = sanitize(raw);
            let right =
                self.layout.right.get(p.col).copied().unwrap_or(false) && text::is_numeric(raw);
            let style = if on_row && p.col == self.pos.col {
                if self.focused {
                    t.cursor_cell
                } else {
                    t.selected_blur
                }
            } else if total {
                t.total_row
            } else if on_row {
                t.cursor_row
            } else {
                t.text
            };
            let x = area.x + p.x;
            if self.wrap && h > 1 && wraps(raw, p) && text::width(&s) > usize::from(p.w) {
                let lines = text::wrap(&s, usize::from(p.w));
                for (k, line) in lines.iter().take(usize::from(h)).enumerate() {
                    put(buf, x, y + k as u16, line, p.w, right, style);
                }
                // Fill the remaining lines of the cursor cell so it reads as one block.
                for k in lines.len().min(usize::from(h))..usize::from(h) {
                    put(buf, x, y + k as u16, "", p.w, false, style);
                }
            } else {
                put(buf, x, y, &s, p.w, right, style);
                for k in 1..h {
                    put(buf, x, y + k, "", p.w, false, style);
                }
            }
        }
        if let Some(d) = g.divider {
            for k in 0..h {
                buf.set_string(area.x + d, y + k, text::rules().0, t.frozen_sep);
            }
        }
    }

    fn notes(&self, area: Rect, buf: &mut Buffer, mut y: u16) {
        for note in &self.table.notes {
            for line in text::wrap(&sanitize(note.trim()), usize::from(area.width)) {
                if y >= area.bottom() {
                    return;
                }
                buf.set_stringn(area.x, y, line, usize::from(area.width), self.theme.dim);
                y += 1;
            }
        }
    }
}
