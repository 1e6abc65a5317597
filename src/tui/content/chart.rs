//! What `v` charts: a table column's figures (the cursor's column, or the
//! first column of figures) over the rows shown, one bar per row, largest
//! first; totals (合计 / 总计) and blank cells left out. A bar is named by
//! the nearest label left of the figure. Values are the figures as
//! printed; bar lengths are computed in decimals.

use rust_decimal::Decimal;

use crate::rows::columns::is_total_label;
use crate::rows::{ColumnRole, Columns};

use super::super::state::GridRef;
use super::main_content::column_name;

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// The figure as printed.
    pub printed: String,
    /// In the column's unit.
    pub value: Decimal,
}

/// A chart of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// `预算数 · 单位：万元 · 23 bars`.
    pub title: String,
    pub bars: Vec<Bar>,
    /// Rows left out: totals.
    pub totals: usize,
}

/// The chart of the table the main view shows.
pub fn chart(g: &GridRef) -> Option<Chart> {
    let cols: &Columns = &g.layout.rows.columns;
    let col = if cols.role(g.pos.col) == ColumnRole::Figure {
        g.pos.col
    } else {
        cols.first_figure()?
    };
    let mut bars = Vec::new();
    let mut totals = 0;
    for i in 0..g.shown() {
        let Some(r) = g.row_at(i) else { break };
        let Some(a) = cols.figure(g.table, r, col) else {
            continue;
        };
        if is_total_label(&cols.label(g.table, r)) {
            totals += 1;
            continue;
        }
        // The nearest label to the left of the figure names the bar.
        let row = g.table.rows.row(r);
        let label = (0..col)
            .rev()
            .filter(|&c| cols.role(c) == ColumnRole::Label)
            .find_map(|c| row.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()))
            .map(str::to_string)
            .or_else(|| cols.code(g.table, r))
            .unwrap_or_default();
        bars.push(Bar {
            label,
            printed: a.printed,
            value: a.value,
        });
    }
    bars.sort_by_key(|b| std::cmp::Reverse(b.value));
    let unit = cols
        .units
        .get(col)
        .copied()
        .flatten()
        .map(|u| format!(" · 单位：{u}"))
        .unwrap_or_default();
    Some(Chart {
        title: format!("{}{unit} · {} bars", column_name(g, col), bars.len()),
        bars,
        totals,
    })
}

/// How many of `room` cells a bar of `value` takes when `max` takes them all.
pub fn bar_len(value: Decimal, max: Decimal, room: usize) -> usize {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    let cells = value
        .checked_mul(Decimal::from(room))
        .and_then(|v| v.checked_div(max))
        .unwrap_or_default()
        .floor();
    usize::try_from(cells.mantissa())
        .unwrap_or(0)
        .min(room)
        .max(1)
}
