//! A table's own keys, on a document's table or a board alike: sort by the
//! current column (`s`), the filter as it is typed (`f`, through the line
//! prompt), marks (`m`), column widths (`<` `>`), groups of columns
//! (`H` `L`), going to a column by name (`c`), and Esc clearing them.
//! What every sort reads (the columns, the row hierarchy, the totals) was
//! derived with the table's layout; a column's keys are derived the first
//! time it is sorted or filtered and kept with the table's view.

use std::sync::Arc;

use crate::rows::ColumnRole;
use crate::search::text::normalize;

use super::super::base::panes::inner;
use super::super::content::main_content::column_name;
use super::super::content::table_geometry::geometry;
use super::super::document::row_order::{ColumnKeys, arrange, filter_rows, row_labels};
use super::super::state::{App, Filter, GridMut, Sort, SortDir, ViewPos};

/// Widest a column can be made with `>`.
const MAX_WIDTH: u16 = 200;

fn keys(g: &mut GridMut, col: usize) -> Arc<ColumnKeys> {
    let (table, facts) = (g.table, &g.layout.rows);
    Arc::clone(
        g.grid
            .derived
            .keys
            .entry(col)
            .or_insert_with(|| Arc::new(ColumnKeys::read(table, col, &facts.columns))),
    )
}

/// Sort and filter again. With `keep`, the cursor stays on its row when it
/// is still shown; else it goes to the first row (what a sort is for).
pub(super) fn rearrange(g: &mut GridMut, keep: bool) {
    let n = g.table.rows.len();
    let at = g.grid.row_at(g.pos.row, n);
    let (table, facts) = (g.table, Arc::clone(&g.layout.rows));
    let filter = g.grid.filter.clone();
    let kept = filter.map(|f| {
        let k = keys(g, f.col);
        // Words on a column of figures match the rows' labels.
        let labels = if k.numeric {
            Arc::clone(
                g.grid
                    .derived
                    .labels
                    .get_or_insert_with(|| Arc::new(row_labels(table, &facts.columns))),
            )
        } else {
            Arc::default()
        };
        filter_rows(&k, &labels, &f.query)
    });
    let sort = g.grid.sort;
    let sort_keys = sort.map(|s| (keys(g, s.col), s.dir == SortDir::Desc));
    // The hierarchy of the side of the table the sorted column is on.
    let side = facts.side(sort.map_or(g.pos.col, |s| s.col));
    let parents = (!g.grid.flat).then_some(side.parents.as_slice());
    let order = arrange(
        sort_keys.as_ref().map(|(k, desc)| (&**k, *desc)),
        kept.as_deref(),
        parents,
        &side.totals,
    );
    g.grid.order = order.map(Arc::new);
    g.pos.row = at
        .filter(|_| keep)
        .and_then(|r| g.grid.position_of(r))
        .unwrap_or(0);
    if g.pos.row == 0 {
        g.pos.row_off = 0;
    }
}

/// `s`: sort by the current column, largest first, then smallest first,
/// then back to document order. False when the main view shows no table.
pub(super) fn cycle_sort(app: &mut App) -> bool {
    let Some(mut g) = app.grid_mut() else {
        return false;
    };
    let col = g.pos.col;
    let dir = match g.grid.sort {
        Some(Sort { col: c, dir }) if c == col => match dir {
            SortDir::Desc => Some(SortDir::Asc),
            SortDir::Asc => None,
        },
        _ => Some(SortDir::Desc),
    };
    g.grid.sort = dir.map(|dir| Sort { col, dir });
    rearrange(&mut g, false);
    let numeric = keys(&mut g, col).numeric;
    let name = app.grid().map(|v| column_name(&v, col)).unwrap_or_default();
    app.status.message = Some(match dir {
        Some(SortDir::Desc) if numeric => format!("sorted by {name}, largest first"),
        Some(SortDir::Asc) if numeric => format!("sorted by {name}, smallest first"),
        Some(SortDir::Desc) => format!("sorted by {name}, Z to A"),
        Some(SortDir::Asc) => format!("sorted by {name}, A to Z"),
        None => "document order".to_string(),
    });
    true
}

/// Set (or, with `None`, drop) the filter and show the rows it keeps.
pub(super) fn set_filter(app: &mut App, filter: Option<Filter>) {
    if let Some(mut g) = app.grid_mut() {
        g.grid.filter = filter.filter(|f| !f.query.trim().is_empty());
        rearrange(&mut g, false);
    }
}

/// Esc on a table: clear its sort and filter, else its marks. False when
/// there was nothing to clear.
pub(super) fn clear(app: &mut App) -> bool {
    let Some(mut g) = app.grid_mut() else {
        return false;
    };
    if g.grid.sort.is_some() || g.grid.filter.is_some() {
        g.grid.sort = None;
        g.grid.filter = None;
        rearrange(&mut g, true);
        app.status.message = Some("document order, every row".to_string());
        return true;
    }
    if !g.grid.marks.is_empty() {
        g.grid.marks.clear();
        app.status.message = Some("marks cleared".to_string());
        return true;
    }
    false
}

/// `m`: mark (or unmark) the figure under the cursor; on a label, every
/// figure of the row. The cursor then goes one row down.
pub(super) fn mark(app: &mut App) {
    let Some(g) = app.grid_mut() else {
        app.status.message = Some("marks are for table cells".to_string());
        return;
    };
    let n = g.table.rows.len();
    let Some(row) = g.grid.row_at(g.pos.row, n) else {
        return;
    };
    let cols = Arc::clone(&g.layout.rows);
    let cols = &cols.columns;
    let col = g.pos.col;
    let figures: Vec<usize> = if cols.figure(g.table, row, col).is_some() {
        vec![col]
    } else if cols.role(col) == ColumnRole::Figure {
        Vec::new()
    } else {
        (0..cols.roles.len())
            .filter(|&c| {
                cols.role(c) == ColumnRole::Figure && cols.figure(g.table, row, c).is_some()
            })
            .collect()
    };
    if figures.is_empty() {
        app.status.message = Some("no figure to mark here".to_string());
        return;
    }
    let marks = &mut g.grid.marks;
    if figures.iter().all(|&c| marks.contains(&(row, c))) {
        for c in figures {
            marks.remove(&(row, c));
        }
    } else {
        marks.extend(figures.into_iter().map(|c| (row, c)));
    }
    let shown = g.grid.shown(n);
    g.pos.row = (g.pos.row + 1).min(shown.saturating_sub(1));
}

/// `<` / `>`: narrow or widen the current column; never narrower than its
/// widest figure.
pub(super) fn resize(app: &mut App, delta: i16) {
    let Some(g) = app.grid_mut() else {
        return;
    };
    let col = g.pos.col;
    let layout = g.layout;
    let widths = g.grid.widths.get_or_insert_with(|| layout.widths.clone());
    let Some(w) = widths.get_mut(col) else {
        return;
    };
    let min = layout.figure_w.get(col).copied().unwrap_or(0).max(2);
    let new = w.saturating_add_signed(delta).clamp(min, MAX_WIDTH);
    let stuck = new == *w && delta < 0;
    *w = new;
    if stuck {
        let name = app.grid().map(|v| column_name(&v, col)).unwrap_or_default();
        app.status.message = Some(format!(
            "{name} is as narrow as it goes: figures are never cut"
        ));
    }
}

/// `H` / `L`: the first column of the previous / next group of columns
/// (under one header cell); in a table without groups, a screen of columns.
pub(super) fn group_step(app: &mut App, forward: bool) {
    let width = inner(app.panes().main).width;
    let Some(g) = app.grid_mut() else {
        return;
    };
    let ncols = g.layout.widths.len();
    let col = g.pos.col;
    let groups = &g.layout.groups;
    let target = if groups.len() < ncols {
        if forward {
            groups.iter().copied().find(|&s| s > col)
        } else {
            let start = groups.iter().copied().rfind(|&s| s <= col).unwrap_or(0);
            if start < col {
                Some(start)
            } else {
                groups.iter().copied().rfind(|&s| s < col)
            }
        }
    } else {
        let geo = geometry(g.layout, g.grid.widths(g.layout), width, g.pos.col_off);
        let page = geo.scroll.len().max(1);
        Some(if forward {
            (col + page).min(ncols.saturating_sub(1))
        } else {
            col.saturating_sub(page)
        })
    };
    if let Some(t) = target {
        g.pos.col = t;
    }
}

/// Go to the first column after `from` (wrapping round) whose header holds
/// `typed`; true when one does.
pub(super) fn goto_column(app: &mut App, typed: &str, from: ViewPos) -> bool {
    let Some(g) = app.grid_mut() else {
        return false;
    };
    let want = normalize(typed);
    let paths = &g.layout.paths;
    let n = paths.len();
    if want.is_empty() {
        *g.pos = from;
        return true;
    }
    let hit = (1..=n)
        .map(|k| (from.col + k) % n)
        .find(|&c| normalize(&paths[c]).contains(want.as_str()));
    match hit {
        Some(c) => {
            g.pos.col = c;
            true
        }
        None => false,
    }
}
