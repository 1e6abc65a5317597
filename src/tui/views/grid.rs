//! Our table widget: header rows pinned, label columns frozen while the rest
//! scrolls sideways, numbers right-aligned as printed and never cut, a cell
//! cursor drawn between brackets `[ ]` (what `y` copies, visible without
//! colour), marked cells with a `*` before them, cells where the budget
//! checks found something with the severity's symbol beside the figure
//! (`✗` `≈` `?`, and its colour), long cells wrapped on request, and the
//! whole text of a cut cell under the cursor. Only the
//! visible rows and columns are laid out (the derived `table_geometry`);
//! column widths are computed once per table ([`crate::tui::TableLayout`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::base::screen_text::{self as text, sanitize};
use super::super::base::theme::Theme;
use super::super::content::findings;
use super::super::content::table_geometry::{
    Geometry, Placed, cell, geometry, row_height, row_is_total, split_height, wraps,
};
use super::super::document::checks::symbol;
use super::super::state::{DrawnTable, GridRef};
use super::pane::clear;
use crate::check::Severity;
use crate::model::GridRow;

/// Lines at most of the whole text of a cut cell under the cursor.
const POPUP_LINES: usize = 4;

/// Everything the grid needs to draw.
pub struct GridView<'a> {
    pub view: GridRef<'a>,
    pub wrap: bool,
    pub focused: bool,
    pub theme: &'a Theme,
}

/// Draw `s` in a cell `w` wide at (x, y): styled over the whole cell, cut
/// with `…` to fit, right-aligned if asked. A number that does not fit is
/// never cut: the cell shows `#` instead. The hot path of the grid: plain
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
    let hashes;
    let s = if text::width(s) > usize::from(w) && text::is_numeric(s) {
        hashes = "#".repeat(usize::from(w));
        hashes.as_str()
    } else {
        s
    };
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

/// One character at (x, y), when inside the buffer.
fn mark(buf: &mut Buffer, x: u16, y: u16, c: char, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(c).set_style(style);
    }
}

/// Where a cell's text went, to put a symbol beside it.
struct Beside {
    x: u16,
    w: u16,
    /// Cells the text takes (before cutting to the column).
    drawn: usize,
    right: bool,
}

impl Beside {
    /// Next to the text: before a right-aligned figure (after a text) when
    /// the column has room, else in the gap on that side of the column —
    /// unless the cursor's bracket is there (`cursor`).
    fn symbol_x(&self, cursor: bool) -> Option<u16> {
        let tw = self.drawn.min(usize::from(self.w)) as u16;
        match (self.right, tw < self.w) {
            (true, true) => Some(self.x + self.w - tw - 1),
            (false, true) => Some(self.x + tw),
            _ if cursor => None,
            (true, false) => self.x.checked_sub(1),
            (false, false) => Some(self.x + self.w),
        }
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
        let v = self.view;
        let table = v.table;
        let g = geometry(v.layout, v.widths(), area.width, v.pos.col_off);
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
        let shown = v.shown();
        if shown == 0 {
            if y < area.bottom() {
                let msg = if table.rows.is_empty() {
                    "（此表无数据行）"
                } else {
                    "（没有符合筛选条件的行 · Esc clears the filter）"
                };
                buf.set_stringn(area.x, y, msg, usize::from(area.width), self.theme.dim);
                y += 1;
            }
            self.notes(area, buf, y + 1);
            return drawn;
        }
        let mut i = v.pos.row_off;
        let mut cursor_at = None;
        while i < shown && y < area.bottom() {
            let Some(r) = v.row_at(i) else { break };
            let h = (row_height(table, r, &g, self.wrap) as u16).min(area.bottom() - y);
            self.body_row(&g, i, r, area, y, h, buf);
            if i == v.pos.row {
                cursor_at = Some((r, y, h));
            }
            drawn.rows.push((i, y, h));
            y += h;
            i += 1;
        }
        if i >= shown {
            self.notes(area, buf, y + 1);
        }
        if let Some((r, cy, h)) = cursor_at {
            self.popup(&g, r, area, cy, h, buf);
        }
        drawn
    }

    /// One header row, each cell spread over the columns it spans (a merged
    /// cell in the original), except in the last header row.
    fn header_row(
        &self,
        g: &Geometry,
        hr: usize,
        row: GridRow<'_>,
        area: Rect,
        y: u16,
        buf: &mut Buffer,
    ) {
        let t = self.theme;
        let layout = self.view.layout;
        let ends = layout.spans.get(hr);
        let end_of = |c: usize| ends.and_then(|e| e.get(c)).copied().unwrap_or(c + 1);
        let blocks: [(&[Placed], usize); 2] = [(&g.frozen, 0), (&g.scroll, g.frozen_count)];
        for (block, block_start) in blocks {
            let mut i = 0;
            while i < block.len() {
                let p = block[i];
                // The header cell covering this column: its own, or (scrolled
                // into the middle of a merged cell) the one it belongs to.
                let origin = if cell(row, p.col).is_empty() {
                    (block_start..p.col)
                        .rev()
                        .find(|&k| !cell(row, k).is_empty())
                        .filter(|&k| end_of(k) > p.col)
                } else {
                    Some(p.col)
                };
                let s = origin.map_or_else(Default::default, |k| sanitize(cell(row, k)));
                let end = origin.map_or(p.col + 1, end_of);
                let mut w = p.w;
                let mut j = i + 1;
                while j < block.len() && block[j].col < end {
                    w = block[j].x + block[j].w - p.x;
                    j += 1;
                }
                let spread = j > i + 1;
                let style = if p.col == self.view.pos.col && !spread {
                    t.cursor_col_header
                } else {
                    t.header
                };
                if spread {
                    let fitted = text::truncate(&s, usize::from(w));
                    let pad = (usize::from(w) - text::width(&fitted)) / 2;
                    buf.set_stringn(area.x + p.x + pad as u16, y, fitted, usize::from(w), style);
                } else {
                    let right = layout.right.get(p.col).copied().unwrap_or(false);
                    put(buf, area.x + p.x, y, &s, w, right, style);
                }
                i = j;
            }
        }
        if let Some(d) = g.divider {
            buf.set_string(area.x + d, y, text::rules().0, t.frozen_sep);
        }
    }

    /// Shown row `i` (table row `r`), `h` lines tall from `y`.
    #[allow(clippy::too_many_arguments)]
    fn body_row(
        &self,
        g: &Geometry,
        i: usize,
        r: usize,
        area: Rect,
        y: u16,
        h: u16,
        buf: &mut Buffer,
    ) {
        let t = self.theme;
        let v = self.view;
        let row = v.table.rows.row(r);
        let total = row_is_total(row, v.layout.frozen);
        let on_row = i == v.pos.row;
        // The divider first: the cursor's bracket may go over it.
        if let Some(d) = g.divider {
            for k in 0..h {
                buf.set_string(area.x + d, y + k, text::rules().0, t.frozen_sep);
            }
        }
        for p in g.frozen.iter().chain(g.scroll.iter()) {
            let raw = cell(row, p.col);
            let s = sanitize(raw);
            let right =
                v.layout.right.get(p.col).copied().unwrap_or(false) && text::is_numeric(raw);
            let cursor = on_row && p.col == v.pos.col;
            let marked = v.grid.marks.contains(&(r, p.col));
            let finding = v.finding_mark(r, p.col);
            let style = self.cell_style(cursor, marked, finding, total, on_row);
            let x = area.x + p.x;
            let mut first_w = text::width(&s);
            if self.wrap && h > 1 && wraps(raw, p) && text::width(&s) > usize::from(p.w) {
                let lines = text::wrap(&s, usize::from(p.w));
                first_w = lines.first().map_or(0, |l| text::width(l));
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
            let at = Beside {
                x,
                w: p.w,
                drawn: first_w,
                right,
            };
            self.markers(buf, &at, y, (cursor, marked, finding), style);
        }
    }

    /// A body cell's style: the cursor, a mark, a finding of the checks, a
    /// total row, the cursor's row.
    fn cell_style(
        &self,
        cursor: bool,
        marked: bool,
        finding: Option<Severity>,
        total: bool,
        on_row: bool,
    ) -> Style {
        let t = self.theme;
        if cursor {
            if self.focused {
                t.cursor_cell
            } else {
                t.selected_blur
            }
        } else if marked {
            t.marked
        } else if let Some(sev) = finding {
            findings::style(t, sev)
        } else if total {
            t.total_row
        } else if on_row {
            t.cursor_row
        } else {
            t.text
        }
    }

    /// Markers beside a cell drawn at `at` (in the gaps, the pane's border
    /// for the first column): `[ ]` around the cursor, `*` before a mark,
    /// the symbol of a finding beside its figure (never over a bracket; a
    /// marked figure that fills its column keeps its mark's colours but
    /// shows the finding's symbol instead of the `*`).
    fn markers(
        &self,
        buf: &mut Buffer,
        at: &Beside,
        y: u16,
        (cursor, marked, finding): (bool, bool, Option<Severity>),
        style: Style,
    ) {
        let t = self.theme;
        let left = at.x.saturating_sub(1);
        let symbol_x = finding.and_then(|_| at.symbol_x(cursor));
        if cursor {
            mark(buf, left, y, '[', t.cursor_row);
            mark(buf, at.x + at.w, y, ']', t.cursor_row);
        } else if marked && symbol_x != Some(left) {
            mark(buf, left, y, '*', t.marked);
        }
        if let (Some(sev), Some(sx)) = (finding, symbol_x) {
            let sym_style = style.patch(findings::style(t, sev));
            mark(buf, sx, y, symbol(sev), sym_style);
        }
    }

    /// The whole text of the cursor's cell when the column cuts it: up to
    /// [`POPUP_LINES`] lines under the cursor row (above it near the bottom).
    fn popup(&self, g: &Geometry, r: usize, area: Rect, cy: u16, h: u16, buf: &mut Buffer) {
        let v = self.view;
        let Some(p) = g
            .frozen
            .iter()
            .chain(g.scroll.iter())
            .find(|p| p.col == v.pos.col)
        else {
            return;
        };
        let raw = cell(v.table.rows.row(r), p.col);
        let s = sanitize(raw);
        let shown_lines = if self.wrap && wraps(raw, p) {
            usize::from(h)
        } else {
            1
        };
        let lines_needed = text::wrap(&s, usize::from(p.w)).len();
        if !self.focused || text::is_numeric(raw) || text::width(&s) <= usize::from(p.w) {
            return;
        }
        if self.wrap && lines_needed <= shown_lines {
            return;
        }
        let room = usize::from(area.width).saturating_sub(2).max(1);
        let w = text::width(&s).min(room).max(usize::from(p.w));
        let lines: Vec<String> = text::wrap(&s, w).into_iter().take(POPUP_LINES).collect();
        let ph = lines.len() as u16;
        let below = cy + h;
        let y0 = if below + ph <= area.bottom() {
            below
        } else {
            cy.saturating_sub(ph).max(area.y)
        };
        let x0 = (area.x + p.x)
            .min(area.right().saturating_sub(w as u16 + 2))
            .max(area.x);
        let style = self.theme.popup;
        let pw = (w as u16 + 2).min(area.right().saturating_sub(x0));
        clear(Rect::new(x0, y0, pw, ph), buf);
        for (k, line) in lines.iter().enumerate() {
            let y = y0 + k as u16;
            buf.set_style(Rect::new(x0, y, pw, 1), style);
            buf.set_stringn(x0 + 1, y, line, w, style);
        }
    }

    fn notes(&self, area: Rect, buf: &mut Buffer, mut y: u16) {
        for note in &self.view.table.notes {
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

#[cfg(test)]
mod tests {
    use super::Beside;

    #[test]
    fn a_findings_symbol_goes_beside_the_figure_where_no_marker_is() {
        let at = |drawn, right| Beside {
            x: 10,
            w: 6,
            drawn,
            right,
        };
        // Room in the column: just before a figure, just after a text.
        assert_eq!(at(4, true).symbol_x(false), Some(11));
        assert_eq!(at(4, false).symbol_x(true), Some(14));
        // A full column: the gap on the text's side, not over the cursor.
        assert_eq!(at(6, true).symbol_x(false), Some(9));
        assert_eq!(at(6, true).symbol_x(true), None);
        assert_eq!(at(9, false).symbol_x(false), Some(16));
    }
}
