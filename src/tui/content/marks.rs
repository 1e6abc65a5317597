//! What the marked cells of a table add up to, like a spreadsheet's status
//! bar: how many figures, their sum and mean, in the table's unit (a column
//! whose header states another unit is converted exactly); and the figures
//! themselves, for `y` on a mark.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Amount, Unit};
use crate::parse::amount::parse_figure;

use crate::parse::unit_in_label;

use super::super::base::screen_text::group_thousands;
use super::super::state::GridRef;

/// The sum of the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkSum {
    pub count: usize,
    pub sum: Decimal,
    pub mean: Decimal,
    /// The mean was rounded to show it.
    pub rounded: bool,
    pub unit: Option<Unit>,
}

/// The marked figures, in row then column order.
pub fn marked_figures(g: &GridRef) -> Vec<Amount> {
    g.grid
        .marks
        .iter()
        .filter_map(|&(r, c)| {
            let cell = g.table.rows.get(r)?.get(c)?.trim();
            // The unit the column's header states, else the table's.
            let unit = g
                .layout
                .paths
                .get(c)
                .and_then(|p| unit_in_label(p))
                .or(g.table.unit);
            parse_figure(cell, unit)
        })
        .collect()
}

/// Count, sum and mean of the marked figures, in the table's unit.
pub fn mark_sum(g: &GridRef) -> Option<MarkSum> {
    let figures = marked_figures(g);
    if figures.is_empty() {
        return None;
    }
    let unit = g.table.unit.or_else(|| figures.iter().find_map(|a| a.unit));
    let mut sum = Decimal::ZERO;
    let mut scale = 0;
    for a in &figures {
        let v = match (a.unit, unit) {
            (Some(from), Some(to)) => from.convert(a.value, to)?,
            _ => a.value,
        };
        scale = scale.max(v.scale());
        sum = sum.checked_add(v)?;
    }
    let count = figures.len();
    let exact = sum.checked_div(Decimal::from(count))?;
    let mean = exact.round_dp_with_strategy(scale.max(2), RoundingStrategy::MidpointAwayFromZero);
    Some(MarkSum {
        count,
        sum,
        rounded: mean != exact,
        mean,
        unit,
    })
}

impl MarkSum {
    /// `3 marked · Σ 1,234.56 万元 · mean 411.52 万元`.
    pub fn line(&self) -> String {
        let unit = self.unit.map(|u| format!(" {u}")).unwrap_or_default();
        let approx = if self.rounded { "≈" } else { "" };
        format!(
            "{} marked · Σ {}{unit} · mean {approx}{}{unit}",
            self.count,
            group_thousands(&self.sum.to_string()),
            group_thousands(&self.mean.to_string()),
        )
    }
}
