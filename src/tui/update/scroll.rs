//! Keeping every selection on screen and every offset in range, after any
//! change of state or of the terminal's size.

use ratatui::layout::Rect;

use super::super::base::panes::{self, inner};
use super::super::content::main_content::main_lines;
use super::super::content::table_geometry;
use super::super::document::doc_tree::NodeKind;
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
/// (table cell or selected item) into view.
pub fn fix_main(app: &mut App, main: Rect, follow: bool) {
    let area = inner(main);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let wrap = app.wrap;
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
        return;
    }
    let NodeKind::Table(i) = r.selected_kind() else {
        return;
    };
    let sel = r.tree.selected;
    let mut pos = r.views.get(&sel).copied().unwrap_or_default();
    let (Some(t), Some(l)) = (r.doc.tables.get(i), r.layouts.get(i)) else {
        return;
    };
    if follow {
        table_geometry::ensure_visible(&mut pos, t, l, area, wrap);
    } else {
        pos.row_off = pos.row_off.min(t.rows.len().saturating_sub(1));
        let g = table_geometry::geometry(l, area.width, 0);
        pos.col_off = pos
            .col_off
            .max(g.frozen_count)
            .min(l.widths.len().saturating_sub(1));
    }
    r.views.insert(sel, pos);
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
