//! Keeping every selection on screen and every offset in range, after any
//! change of state or of the terminal's size.

use ratatui::layout::Rect;

use super::super::base::panes::{self, inner};
use super::super::content::main_content::main_lines;
use super::super::content::table_geometry;
use super::super::state::{App, Prompt};

/// Keep every selection on screen and every offset in range.
pub fn fix_scroll(app: &mut App) {
    let p = app.panes();
    if p.too_small {
        return;
    }
    fix_list(app, panes::list_rows(p.list));
    fix_tree(app, usize::from(inner(p.tree).height));
    fix_main(app, p.main, true);
}

fn fix_list(app: &mut App, rows: usize) {
    let list = &mut app.list;
    let n = list.order.len();
    list.selected = list.selected.min(n.saturating_sub(1));
    if rows > 0 {
        if list.selected < list.offset {
            list.offset = list.selected;
        } else if list.selected >= list.offset + rows {
            list.offset = list.selected + 1 - rows;
        }
        list.offset = list.offset.min(n.saturating_sub(rows));
    }
}

fn fix_tree(app: &mut App, rows: usize) {
    let Some(r) = app.current_ready_mut() else {
        return;
    };
    let visible = r.visible();
    if !visible.contains(&r.tree.selected) {
        r.tree.selected = visible.first().copied().unwrap_or(0);
    }
    if rows > 0 {
        let pos = visible
            .iter()
            .position(|&i| i == r.tree.selected)
            .unwrap_or(0);
        if pos < r.tree.offset {
            r.tree.offset = pos;
        } else if pos >= r.tree.offset + rows {
            r.tree.offset = pos + 1 - rows;
        }
        r.tree.offset = r.tree.offset.min(visible.len().saturating_sub(rows));
    }
}

/// Clamp the main view's offsets; with `follow`, also bring the cursor
/// (table cell or selected item) into view. A table seen for the first
/// time opens with the cursor on its first column of figures.
pub fn fix_main(app: &mut App, main: Rect, follow: bool) {
    let area = inner(main);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let wrap = app.wrap;
    let fresh = app.board.is_none()
        && app
            .current_ready()
            .is_some_and(|r| !r.views.contains_key(&r.tree.selected));
    if let Some(g) = app.grid_mut() {
        if fresh {
            g.pos.col = g.layout.figure_col.unwrap_or(0);
        }
        if follow {
            table_geometry::ensure_visible(g.pos, g.table, g.layout, g.grid, area, wrap);
        } else {
            let shown = g.grid.shown(g.table.rows.len());
            g.pos.row_off = g.pos.row_off.min(shown.saturating_sub(1));
            let widths = g.grid.widths(g.layout);
            let geo = table_geometry::geometry(g.layout, widths, area.width, 0);
            g.pos.col_off = g
                .pos
                .col_off
                .max(geo.frozen_count)
                .min(widths.len().saturating_sub(1));
        }
        return;
    }
    let rendered = main_lines(app, area.width);
    let Some(r) = app.current_ready_mut() else {
        return;
    };
    if let Some(rendered) = rendered {
        let h = usize::from(area.height);
        let n = rendered.lines.len();
        let pos = r.pos_mut();
        pos.item = pos.item.min(rendered.items.len().saturating_sub(1));
        if follow && let Some((_, range)) = rendered.items.get(pos.item) {
            if range.end > pos.scroll + h {
                pos.scroll = range.end.saturating_sub(h).min(range.start);
            }
            if range.start < pos.scroll {
                pos.scroll = range.start;
            }
        }
        pos.scroll = pos.scroll.min(n.saturating_sub(h));
        // The selected figure of a text stays on screen, or another does.
        if let Some(k) = pos.figure {
            let visible = |line: usize| line >= pos.scroll && line < pos.scroll + h;
            let figures = &rendered.figures;
            if !figures.get(k).is_some_and(|f| visible(f.line)) {
                let above = figures.get(k).is_some_and(|f| f.line < pos.scroll);
                pos.figure = if above {
                    figures.iter().position(|f| visible(f.line))
                } else {
                    figures.iter().rposition(|f| visible(f.line))
                };
            }
        }
    }
}

/// Keep the highlighted search result on screen.
pub fn fix_prompt(app: &mut App) {
    let rows = panes::search_result_rows(app.search_overlay());
    if let Some(p) = app.prompt_mut() {
        fix_offset(p, rows);
    }
}

/// Keep the highlighted result among the `rows` shown.
fn fix_offset(p: &mut Prompt, rows: usize) {
    let rows = rows.max(1);
    if p.selected < p.offset {
        p.offset = p.selected;
    } else if p.selected >= p.offset + rows {
        p.offset = p.selected + 1 - rows;
    }
    p.offset = p.offset.min(p.results.len().saturating_sub(rows));
}
