//! Where a table's columns and rows go in a grid area: the frozen label
//! columns (shrunk when the pane is narrow), the scrolled columns from the
//! first one shown, how tall each row is when long cells wrap, and how far
//! to scroll to keep the cell cursor on screen. Shared by `update` (moving
//! the cursor) and the grid view (drawing).

use ratatui::layout::Rect;

use crate::model::{GridRow, Table};

use super::super::base::screen_text::{self as text, sanitize};
use super::super::document::table_layout::TableLayout;
use super::super::state::{GridState, ViewPos};

/// A wrapped row is at most this many lines tall.
const MAX_ROW_LINES: usize = 8;

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

/// Lay out the visible columns with these column `widths` (the layout's, or
/// as set with `<` / `>`): frozen ones first (shrunk to 3/5 of the width at
/// most, never below their widest number), then scrolling ones from
/// `col_off`. A column cut by the right edge is shown only when its numbers
/// still fit whole. Room left over goes to the columns whose text or header
/// is cut.
pub fn geometry(layout: &TableLayout, widths: &[u16], width: u16, col_off: usize) -> Geometry {
    let ncols = widths.len().min(layout.widths.len());
    let mut g = Geometry::default();
    if width == 0 || ncols == 0 {
        return g;
    }
    let figure_w = |c: usize| layout.figure_w.get(c).copied().unwrap_or(0);
    let fw = frozen_widths(layout, widths, width);
    let mut x = 0u16;
    for (c, w) in fw.iter().enumerate() {
        g.frozen.push(Placed {
            col: c,
            x,
            w: *w,
            partial: *w < widths[c],
            edge: false,
        });
        x += w + 1;
    }
    g.frozen_count = fw.len();
    g.first = col_off.max(g.frozen_count).min(ncols.saturating_sub(1));
    for (c, &natural) in widths.iter().enumerate().take(ncols).skip(g.first) {
        if x >= width {
            break;
        }
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
            // Cut the last column if enough of it shows to be useful, and
            // never through a number.
            let useful = room >= 4 || g.scroll.is_empty();
            if useful && room >= figure_w(c) {
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
    spread_spare(layout, widths, &mut g, width);
    g.divider = (g.frozen_count > 0).then(|| g.frozen.last().map_or(0, |p| p.x + p.w));
    g
}

/// Widths of the frozen columns in a grid `width` wide: shrunk (columns
/// repeating one value first, then the widest) to 3/5 of the width, never
/// below 4 cells or their widest number; none when they cannot fit.
fn frozen_widths(layout: &TableLayout, widths: &[u16], width: u16) -> Vec<u16> {
    let mut fw: Vec<u16> = widths.iter().take(layout.frozen).copied().collect();
    let budget = width * 3 / 5;
    let total = |fw: &[u16]| fw.iter().map(|w| w + 1).sum::<u16>();
    let min = |i: usize| layout.figure_w.get(i).copied().unwrap_or(0).max(4);
    while total(&fw) > budget {
        let constant = |i: usize| layout.constant.get(i).copied().unwrap_or(false);
        let pick = fw
            .iter()
            .enumerate()
            .filter(|(i, w)| constant(*i) && **w > min(*i))
            .max_by_key(|(_, w)| **w)
            .or_else(|| {
                fw.iter()
                    .enumerate()
                    .filter(|(i, w)| **w > min(*i))
                    .max_by_key(|(_, w)| **w)
            });
        let Some((i, &m)) = pick else {
            break;
        };
        fw[i] = m - 1;
    }
    if total(&fw) > budget {
        fw.clear();
    }
    fw
}

/// Give the room right of the last column (when every column to the last
/// fits, or the next one could not show its figures whole) to the columns
/// that want more (cut text or header), one cell at a time to each, then
/// move them along.
fn spread_spare(layout: &TableLayout, widths: &[u16], g: &mut Geometry, width: u16) {
    let used = g.scroll.last().or(g.frozen.last()).map_or(0, |p| p.x + p.w);
    let mut spare = width.saturating_sub(used);
    let want = |c: usize| layout.want.get(c).copied().unwrap_or(0);
    while spare > 0 {
        let mut gave = false;
        for p in g.frozen.iter_mut().chain(g.scroll.iter_mut()) {
            if spare > 0 && p.w < want(p.col) {
                p.w += 1;
                spare -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    let mut x = 0;
    for p in g.frozen.iter_mut().chain(g.scroll.iter_mut()) {
        p.x = x;
        p.partial = p.w < widths.get(p.col).copied().unwrap_or(0);
        x += p.w + 1;
    }
}

pub fn row_is_total(row: GridRow<'_>, frozen: usize) -> bool {
    row.iter()
        .take(frozen.max(2))
        .any(|c| c.contains("合计") || c.contains("总计"))
}

pub fn cell(row: GridRow<'_>, c: usize) -> &str {
    row.get(c).map(|s| s.trim()).unwrap_or("")
}

/// How many lines row `r` takes with these columns.
pub fn row_height(table: &Table, r: usize, g: &Geometry, wrap: bool) -> usize {
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
pub fn wraps(raw: &str, p: &Placed) -> bool {
    !p.edge && !text::is_numeric(raw)
}

/// Header lines and body lines for a grid area of height `h`.
pub fn split_height(table: &Table, h: u16) -> (u16, u16) {
    let header = (table.header.len() as u16).min(h.saturating_sub(2));
    let rule = u16::from(header > 0 && h > header + 1);
    (header, h.saturating_sub(header + rule))
}

/// Keep the cursor inside the rows shown and on screen (called by
/// `update`). `pos.row` counts the rows shown (after sort and filter).
pub fn ensure_visible(
    pos: &mut ViewPos,
    table: &Table,
    layout: &TableLayout,
    grid: &GridState,
    area: Rect,
    wrap: bool,
) {
    let nrows = grid.shown(table.rows.len());
    let widths = grid.widths(layout);
    let ncols = widths.len();
    pos.row = pos.row.min(nrows.saturating_sub(1));
    pos.col = pos.col.min(ncols.saturating_sub(1));
    // Columns.
    let g0 = geometry(layout, widths, area.width, pos.col_off);
    if pos.col_off < g0.frozen_count {
        pos.col_off = g0.frozen_count;
    }
    if pos.col >= g0.frozen_count {
        if pos.col < pos.col_off {
            pos.col_off = pos.col;
        } else {
            while pos.col_off < pos.col {
                let g = geometry(layout, widths, area.width, pos.col_off);
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
        let g = geometry(layout, widths, area.width, pos.col_off - 1);
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
        let g = geometry(layout, widths, area.width, pos.col_off);
        let height = |i: usize| {
            grid.row_at(i, table.rows.len())
                .map_or(1, |r| row_height(table, r, &g, wrap))
        };
        pos.row_off = pos.row_off.max(pos.row.saturating_sub(body_h));
        loop {
            let used: usize = (pos.row_off..=pos.row).map(height).sum();
            if used <= body_h || pos.row_off >= pos.row {
                break;
            }
            pos.row_off += 1;
        }
    }
    pos.row_off = pos.row_off.min(nrows.saturating_sub(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        crate::tui::demo::small_table()
    }

    #[test]
    fn geometry_keeps_frozen_and_scrolls_the_rest() {
        let l = TableLayout::compute(&table());
        let g = geometry(&l, &l.widths, 40, 3);
        assert_eq!(g.frozen.len(), 2);
        assert_eq!(g.scroll.first().map(|p| p.col), Some(3));
        let tiny = geometry(&l, &l.widths, 8, 0);
        assert_eq!(tiny.frozen_count, 0);
        assert!(geometry(&l, &l.widths, 0, 0).scroll.is_empty());
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
        ensure_visible(
            &mut pos,
            &t,
            &l,
            &GridState::PLAIN,
            Rect::new(0, 0, 34, 4),
            false,
        );
        let g = geometry(&l, &l.widths, 34, pos.col_off);
        assert!(g.scroll.iter().any(|p| p.col == 4 && !p.partial), "{g:?}");
        assert_eq!(pos.row_off, 2);
    }
}
