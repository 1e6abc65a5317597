//! Our table widget: header rows pinned, label columns frozen while the rest
//! scrolls sideways, numbers right-aligned as printed, a cell cursor, and
//! optional wrapping of long cells. Only the visible rows and columns are laid
//! out; column widths are computed once per table ([`TableLayout::compute`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::Table;

use super::super::app::ViewPos;
use super::super::text::{self, sanitize};
use super::super::theme::Theme;

/// Widest a column gets (cells); longer text is cut with `…` or wrapped.
pub const CELL_CAP: u16 = 30;
/// Label columns (frozen) may be wider: their names are what you read.
pub const LABEL_CAP: u16 = 40;
/// Header text alone never widens a column past this.
const HEADER_CAP: u16 = 12;
const MIN_COL: u16 = 2;
/// Rows sampled to size the columns (evenly spread over the table).
const SAMPLE_ROWS: usize = 2000;
/// A wrapped row is at most this many lines tall.
const MAX_ROW_LINES: usize = 8;

/// Column geometry of one table, computed once when the document arrives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableLayout {
    /// Natural width of each column (capped at [`CELL_CAP`], [`LABEL_CAP`]
    /// for frozen label columns).
    pub widths: Vec<u16>,
    /// Right-align numeric cells of this column.
    pub right: Vec<bool>,
    /// Leading label columns kept in place while scrolling right.
    pub frozen: usize,
    /// Column header paths (`收入 / 预算数`), sanitized.
    pub paths: Vec<String>,
    /// Columns holding one value on every row (`实施单位` = the department):
    /// shrunk first when the frozen columns need room.
    pub constant: Vec<bool>,
}

fn label_header(path: &str) -> bool {
    ["序号", "编码", "代码", "编号", "科目", "名称", "单位"]
        .iter()
        .any(|k| path.contains(k))
        || matches!(path.trim(), "项目" | "类" | "款" | "项" | "指标")
        || path.ends_with("项目")
}

fn code_header(path: &str) -> bool {
    ["编码", "代码", "编号", "序号"]
        .iter()
        .any(|k| path.contains(k))
}

impl TableLayout {
    pub fn compute(t: &Table) -> TableLayout {
        let width = t.width();
        let paths: Vec<String> = t
            .column_paths()
            .iter()
            .map(|p| sanitize(p).into_owned())
            .collect();
        let step = t.rows.len().div_ceil(SAMPLE_ROWS).max(1);
        let mut body_w = vec![0u16; width];
        let mut numeric = vec![0usize; width];
        let mut filled = vec![0usize; width];
        let mut first: Vec<Option<&str>> = vec![None; width];
        let mut varies = vec![false; width];
        for row in t.rows.iter().step_by(step) {
            for (c, cell) in row.iter().enumerate().take(width) {
                let cell = cell.trim();
                if cell.is_empty() {
                    continue;
                }
                filled[c] += 1;
                match first[c] {
                    None => first[c] = Some(cell),
                    Some(f) if f != cell => varies[c] = true,
                    Some(_) => {}
                }
                if text::is_numeric(cell) {
                    numeric[c] += 1;
                }
                let w = text::width(&sanitize(cell)).min(usize::from(LABEL_CAP)) as u16;
                body_w[c] = body_w[c].max(w);
            }
        }
        // Header text widens its column, but a merged cell (followed by
        // empty cells in a header row above the last) shares its width
        // among the columns it spans.
        let mut head_w = vec![0u16; width];
        let last_header = t.header.len().saturating_sub(1);
        for (hr, row) in t.header.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().take(width) {
                let w = text::width(&sanitize(cell.trim())).min(usize::from(HEADER_CAP));
                if w == 0 {
                    continue;
                }
                let span = if hr < last_header {
                    1 + (c + 1..width)
                        .take_while(|&k| row.get(k).is_none_or(|s| s.trim().is_empty()))
                        .count()
                } else {
                    1
                };
                let share = w.div_ceil(span) as u16;
                head_w[c] = head_w[c].max(share);
            }
        }
        let is_num: Vec<bool> = (0..width)
            .map(|c| filled[c] > 0 && numeric[c] * 10 >= filled[c] * 6)
            .collect();
        let right: Vec<bool> = (0..width)
            .map(|c| is_num[c] && !paths.get(c).is_some_and(|p| code_header(p)))
            .collect();
        // Leading label columns: text columns or columns headed like labels.
        let mut frozen = 0;
        while frozen < width && frozen < 3 {
            let p = paths.get(frozen).map(String::as_str).unwrap_or("");
            let labelish = (filled[frozen] > 0 && !is_num[frozen]) || label_header(p);
            if !labelish {
                break;
            }
            frozen += 1;
        }
        if frozen == width {
            // No numbers at all: only the first column stays.
            frozen = usize::from(width > 1);
        }
        let widths: Vec<u16> = (0..width)
            .map(|c| {
                let cap = if c < frozen { LABEL_CAP } else { CELL_CAP };
                body_w[c].max(head_w[c]).clamp(MIN_COL, cap)
            })
            .collect();
        let constant = (0..width).map(|c| filled[c] >= 3 && !varies[c]).collect();
        TableLayout {
            widths,
            right,
            frozen,
            paths,
            constant,
        }
    }
}

/// A column placed on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub col: usize,
    /// Offset from the left edge of the grid area.
    pub x: u16,
    pub w: u16,
    /// Narrower than its natural width (shrunk, or cut at the right edge).
    pub partial: bool,
    /// The last column, cut by the right edge of the pane.
    pub edge: bool,
}

/// The columns visible in a grid `width` cells wide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Geometry {
    pub frozen: Vec<Placed>,
    pub scroll: Vec<Placed>,
    /// x of the divider after the frozen block, if any.
    pub divider: Option<u16>,
    /// Effective number of frozen columns (may be 0 on narrow panes).
    pub frozen_count: usize,
    /// First scrolling column actually used.
    pub first: usize,
}

/// Lay out the visible columns: frozen ones first (shrunk to 3/5 of the width
/// at most), then scrolling ones from `col_off`.
pub fn geometry(layout: &TableLayout, width: u16, col_off: usize) -> Geometry {
    let ncols = layout.widths.len();
    let mut g = Geometry::default();
    if width == 0 || ncols == 0 {
        return g;
    }
    let mut fw: Vec<u16> = layout.widths.iter().take(layout.frozen).copied().collect();
    let budget = width * 3 / 5;
    let total = |fw: &[u16]| fw.iter().map(|w| w + 1).sum::<u16>();
    // Shrink columns that repeat one value first, then the widest.
    while total(&fw) > budget {
        let constant = |i: usize| layout.constant.get(i).copied().unwrap_or(false);
        let pick = fw
            .iter()
            .enumerate()
            .filter(|(i, w)| constant(*i) && **w > 4)
            .max_by_key(|(_, w)| **w)
            .or_else(|| fw.iter().enumerate().max_by_key(|(_, w)| **w));
        let Some((i, &m)) = pick else {
            break;
        };
        if m <= 4 {
            break;
        }
        fw[i] = m - 1;
    }
    if total(&fw) > budget {
        fw.clear();
    }
    let mut x = 0u16;
    for (c, w) in fw.iter().enumerate() {
        g.frozen.push(Placed {
            col: c,
            x,
            w: *w,
            partial: *w < layout.widths[c],
            edge: false,
        });
        x += w + 1;
    }
    g.frozen_count = fw.len();
    if !fw.is_empty() {
        g.divider = Some(x - 1);
    }
    g.first = col_off.max(g.frozen_count).min(ncols.saturating_sub(1));
    for c in g.first..ncols {
        if x >= width {
            break;
        }
        let natural = layout.widths[c];
        let room = width - x;
        if natural <= room {
            g.scroll.push(Placed {
                col: c,
                x,
                w: natural,
                partial: false,
                edge: false,
            });
            x += natural + 1;
        } else {
            // Cut the last column if enough of it shows to be useful.
            if room >= 4 || g.scroll.is_empty() {
                g.scroll.push(Placed {
                    col: c,
                    x,
                    w: room,
                    partial: true,
                    edge: true,
                });
            }
            break;
        }
    }
    g
}

fn row_is_total(row: &[String], frozen: usize) -> bool {
    row.iter()
        .take(frozen.max(2))
        .any(|c| c.contains("合计") || c.contains("总计"))
}

fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map(|s| s.trim()).unwrap_or("")
}

/// How many lines row `r` takes with these columns.
fn row_height(table: &Table, r: usize, g: &Geometry, wrap: bool) -> usize {
    if !wrap {
        return 1;
    }
    let Some(row) = table.rows.get(r) else {
        return 1;
    };
    g.frozen
        .iter()
        .chain(g.scroll.iter())
        .map(|p| {
            let raw = cell(row, p.col);
            let s = sanitize(raw);
            if !wraps(raw, p) || text::width(&s) <= usize::from(p.w) {
                1
            } else {
                text::wrap(&s, usize::from(p.w)).len()
            }
        })
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_ROW_LINES)
}

/// Whether a cell may wrap in wrap mode: text not cut by the pane's edge.
/// Numbers are never broken over lines.
fn wraps(raw: &str, p: &Placed) -> bool {
    !p.edge && !text::is_numeric(raw)
}

/// Header lines and body lines for a grid area of height `h`.
fn split_height(table: &Table, h: u16) -> (u16, u16) {
    let header = (table.header.len() as u16).min(h.saturating_sub(2));
    let rule = u16::from(header > 0 && h > header + 1);
    (header, h.saturating_sub(header + rule))
}

/// Keep the cursor inside the table and on screen (called by `update`).
pub fn ensure_visible(
    pos: &mut ViewPos,
    table: &Table,
    layout: &TableLayout,
    area: Rect,
    wrap: bool,
) {
    let nrows = table.rows.len();
    let ncols = layout.widths.len();
    pos.row = pos.row.min(nrows.saturating_sub(1));
    pos.col = pos.col.min(ncols.saturating_sub(1));
    // Columns.
    let g0 = geometry(layout, area.width, pos.col_off);
    if pos.col_off < g0.frozen_count {
        pos.col_off = g0.frozen_count;
    }
    if pos.col >= g0.frozen_count {
        if pos.col < pos.col_off {
            pos.col_off = pos.col;
        } else {
            while pos.col_off < pos.col {
                let g = geometry(layout, area.width, pos.col_off);
                if g.scroll.iter().any(|p| p.col == pos.col && !p.partial) {
                    break;
                }
                pos.col_off += 1;
            }
        }
    }
    // Use free room on the right: bring columns back from the left while
    // everything from there to the last column fits.
    while pos.col_off > g0.frozen_count {
        let g = geometry(layout, area.width, pos.col_off - 1);
        let fits = g
            .scroll
            .last()
            .is_some_and(|p| p.col + 1 == ncols && !p.partial);
        let keeps_cursor =
            pos.col < g0.frozen_count || g.scroll.iter().any(|p| p.col == pos.col && !p.partial);
        if fits && keeps_cursor {
            pos.col_off -= 1;
        } else {
            break;
        }
    }
    // Rows.
    let (_, body_h) = split_height(table, area.height);
    let body_h = usize::from(body_h.max(1));
    if pos.row < pos.row_off {
        pos.row_off = pos.row;
    }
    if !wrap {
        if pos.row >= pos.row_off + body_h {
            pos.row_off = pos.row + 1 - body_h;
        }
        // No blank space under the last row while rows are hidden above.
        pos.row_off = pos.row_off.min(nrows.saturating_sub(body_h));
    } else {
        let g = geometry(layout, area.width, pos.col_off);
        pos.row_off = pos.row_off.max(pos.row.saturating_sub(body_h));
        loop {
            let used: usize = (pos.row_off..=pos.row)
                .map(|r| row_height(table, r, &g, wrap))
                .sum();
            if used <= body_h || pos.row_off >= pos.row {
                break;
            }
            pos.row_off += 1;
        }
    }
    pos.row_off = pos.row_off.min(nrows.saturating_sub(1));
}

/// Scroll the rows without moving the cursor (mouse wheel).
pub fn scroll_rows(pos: &mut ViewPos, table: &Table, delta: isize) {
    let max = table.rows.len().saturating_sub(1);
    pos.row_off = pos.row_off.saturating_add_signed(delta).min(max);
}

/// The cell at a position inside the grid area, if any (mouse clicks).
pub fn hit(
    table: &Table,
    layout: &TableLayout,
    pos: &ViewPos,
    area: Rect,
    wrap: bool,
    x: u16,
    y: u16,
) -> Option<(usize, usize)> {
    if x < area.x || y < area.y || x >= area.right() || y >= area.bottom() {
        return None;
    }
    let g = geometry(layout, area.width, pos.col_off);
    let rx = x - area.x;
    let col = g
        .frozen
        .iter()
        .chain(g.scroll.iter())
        .find(|p| rx >= p.x && rx < p.x + p.w.max(1))?
        .col;
    let (_, body) = split_height(table, area.height);
    let top = area.y + (area.height - body);
    if y < top {
        return None;
    }
    let mut line = top;
    let mut r = pos.row_off;
    while r < table.rows.len() {
        let h = row_height(table, r, &g, wrap) as u16;
        if y < line + h {
            return Some((r, col));
        }
        line += h;
        r += 1;
    }
    None
}

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
    /// Draw into `area` (the pane's inside).
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let t = self.theme;
        let table = self.table;
        let g = geometry(self.layout, area.width, self.pos.col_off);
        let placed: Vec<Placed> = g.frozen.iter().chain(g.scroll.iter()).copied().collect();
        let (header_h, body_h) = split_height(table, area.height);

        // Header rows, with a label spread over the empty cells to its right
        // (a merged cell in the original), except in the last header row.
        let last_header = table.header.len().saturating_sub(1);
        for (hr, row) in table.header.iter().enumerate().take(usize::from(header_h)) {
            let y = area.y + hr as u16;
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
                    let s: &str = &s;
                    if spread {
                        let fitted = text::truncate(s, usize::from(w));
                        let pad = (usize::from(w) - text::width(&fitted)) / 2;
                        buf.set_stringn(
                            area.x + p.x + pad as u16,
                            y,
                            fitted,
                            usize::from(w),
                            style,
                        );
                    } else {
                        let right = self.layout.right.get(p.col).copied().unwrap_or(false);
                        put(buf, area.x + p.x, y, s, w, right, style);
                    }
                    i = j;
                }
            }
            if let Some(d) = g.divider {
                buf.set_string(area.x + d, y, text::rules().0, t.frozen_sep);
            }
        }
        let mut y = area.y + header_h;
        if header_h > 0 || body_h < area.height {
            // Rule under the header.
            if y < area.bottom() && area.height > header_h + body_h {
                let (_, h, cross) = text::rules();
                let rule: String = (0..area.width)
                    .map(|x| if Some(x) == g.divider { cross } else { h })
                    .collect();
                buf.set_stringn(area.x, y, rule, usize::from(area.width), t.border);
                y += 1;
            }
        }

        if table.rows.is_empty() {
            if y < area.bottom() {
                buf.set_stringn(
                    area.x,
                    y,
                    "（此表无数据行）",
                    usize::from(area.width),
                    t.dim,
                );
                y += 1;
            }
            self.notes(area, buf, y + 1);
            return;
        }

        let mut r = self.pos.row_off;
        while r < table.rows.len() && y < area.bottom() {
            let row = &table.rows[r];
            let h = row_height(table, r, &g, self.wrap) as u16;
            let h = h.min(area.bottom() - y);
            let total = row_is_total(row, self.layout.frozen);
            let on_row = r == self.pos.row;
            for p in &placed {
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
                if self.wrap && h > 1 && wraps(raw, p) && text::width(&s) > usize::from(p.w) {
                    for (k, line) in text::wrap(&s, usize::from(p.w))
                        .iter()
                        .take(usize::from(h))
                        .enumerate()
                    {
                        put(buf, area.x + p.x, y + k as u16, line, p.w, right, style);
                    }
                    // Fill the remaining lines of the cursor cell so it reads as one block.
                    let n = text::wrap(&s, usize::from(p.w)).len().min(usize::from(h));
                    for k in n..usize::from(h) {
                        put(buf, area.x + p.x, y + k as u16, "", p.w, false, style);
                    }
                } else {
                    put(buf, area.x + p.x, y, &s, p.w, right, style);
                    for k in 1..h {
                        put(buf, area.x + p.x, y + k, "", p.w, false, style);
                    }
                }
            }
            if let Some(d) = g.divider {
                for k in 0..h {
                    buf.set_string(area.x + d, y + k, text::rules().0, t.frozen_sep);
                }
            }
            y += h;
            r += 1;
        }
        if r >= table.rows.len() {
            self.notes(area, buf, y + 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        Table {
            title: "支出总表".into(),
            unit: Some(crate::model::Unit::Wan),
            header: vec![
                s(&["功能分类科目", "", "合计", "基本支出", "项目支出"]),
                s(&["科目编码", "科目名称", "", "", ""]),
            ],
            rows: vec![
                s(&["", "合计", "11262.73", "6798.73", "4464.00"]),
                s(&["204", "公共安全支出", "10103.75", "5639.75", "4464.00"]),
                s(&["2040201", "行政运行", "5639.75", "5639.75", ""]),
            ],
            ..Table::default()
        }
    }

    #[test]
    fn layout_freezes_label_columns_and_right_aligns_numbers() {
        let l = TableLayout::compute(&table());
        assert_eq!(l.frozen, 2);
        assert_eq!(l.right, vec![false, false, true, true, true]);
        assert_eq!(l.widths[1], 12);
        assert_eq!(l.paths[0], "功能分类科目 / 科目编码");
    }

    #[test]
    fn geometry_keeps_frozen_and_scrolls_the_rest() {
        let l = TableLayout::compute(&table());
        let g = geometry(&l, 40, 3);
        assert_eq!(g.frozen.len(), 2);
        assert_eq!(g.scroll.first().map(|p| p.col), Some(3));
        let tiny = geometry(&l, 8, 0);
        assert_eq!(tiny.frozen_count, 0);
        assert!(geometry(&l, 0, 0).scroll.is_empty());
    }

    #[test]
    fn cursor_stays_visible() {
        let t = table();
        let l = TableLayout::compute(&t);
        let mut pos = ViewPos {
            col: 4,
            row: 2,
            ..ViewPos::default()
        };
        ensure_visible(&mut pos, &t, &l, Rect::new(0, 0, 34, 4), false);
        let g = geometry(&l, 34, pos.col_off);
        assert!(g.scroll.iter().any(|p| p.col == 4 && !p.partial), "{g:?}");
        assert_eq!(pos.row_off, 2);
    }
}
