//! Where each pane and overlay goes for a terminal size. Shared by `update`
//! (page sizes, keeping selections on screen) and the views (drawing), so
//! both always agree.

use ratatui::layout::Rect;

/// Below this the explorer shows a "window too small" line instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// The outer rectangles (borders included) of every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Rect,
    pub tree: Rect,
    pub main: Rect,
    pub status: Rect,
    pub too_small: bool,
}

/// Inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Compute the panes for an area. `docs` is the number of list entries (the
/// list pane is no taller than it needs to be).
pub fn panes(area: Rect, zoom: bool, docs: usize) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let status = Rect {
        x: area.x,
        y: area.y + area.height - 1,
        width: area.width,
        height: 1,
    };
    let body_h = area.height - 1;
    if zoom {
        return Panes {
            main: Rect {
                x: area.x,
                y: area.y,
                width: area.width,
                height: body_h,
            },
            status,
            ..Panes::default()
        };
    }
    let left_w = (area.width * 9 / 20).clamp(18, 64);
    // List: header + entries + borders, at most ~45% of the height, at least 5 rows.
    let want = docs as u32 + 3;
    let max_list = (u32::from(body_h) * 45 / 100).max(5);
    let list_h = want.clamp(5, max_list) as u16;
    let list_h = list_h.min(body_h.saturating_sub(4));
    Panes {
        list: Rect {
            x: area.x,
            y: area.y,
            width: left_w,
            height: list_h,
        },
        tree: Rect {
            x: area.x,
            y: area.y + list_h,
            width: left_w,
            height: body_h - list_h,
        },
        main: Rect {
            x: area.x + left_w,
            y: area.y,
            width: area.width - left_w,
            height: body_h,
        },
        status,
        too_small: false,
    }
}

/// Document rows a list pane of this outer size shows (borders and the
/// column header aside).
pub fn list_rows(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(3))
}

/// The search overlay is at least this wide (when the terminal is).
pub const SEARCH_MIN_WIDTH: u16 = 72;

/// Where the search overlay goes (borders included): over the main pane,
/// on narrower terminals over part of the outline too; empty when the
/// window is too small.
pub fn search_overlay(area: Rect, panes: &Panes) -> Rect {
    if panes.too_small {
        return Rect::default();
    }
    let want = SEARCH_MIN_WIDTH.max(area.width / 4 * 3).min(area.width);
    let w = panes.main.width.max(want);
    Rect {
        x: area.right().saturating_sub(w),
        y: panes.main.y,
        width: w,
        height: panes.main.height,
    }
}

/// Rows for results in a search overlay (the query line and the detail
/// line aside).
pub fn search_result_rows(overlay: Rect) -> usize {
    usize::from(inner(overlay).height.saturating_sub(2)).max(1)
}

/// How wide the help's text is laid out on a screen.
pub fn help_text_width(area: Rect) -> u16 {
    area.width.saturating_sub(6).min(74)
}

/// The rectangle the help overlay takes on a screen, for `lines` lines of text.
pub fn help_overlay(area: Rect, lines: usize) -> Rect {
    let w = area.width.saturating_sub(4).min(76);
    let h = (lines as u16 + 2).min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen() {
        for (w, h) in [(40, 8), (80, 24), (200, 50), (41, 9)] {
            let p = panes(Rect::new(0, 0, w, h), false, 5);
            assert!(!p.too_small);
            assert_eq!(p.list.width + p.main.width, w);
            assert_eq!(p.list.height + p.tree.height + 1, h);
            assert_eq!(p.main.height + 1, h);
            assert!(p.tree.height >= 4, "{w}x{h}: {p:?}");
        }
        assert!(panes(Rect::new(0, 0, 20, 5), false, 5).too_small);
        assert!(panes(Rect::new(0, 0, 0, 0), false, 5).too_small);
    }
}
