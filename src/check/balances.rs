//! Balances: the two sides of a two-sided table agree — 收入总计 = 支出总计
//! in a 收支总表 and a 财政拨款收支总表 (`balance.totals`).

use super::figures::{figure, grand_total, row_label, sides};
use super::{Finding, judge, plain, show};
use crate::model::Document;

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (i, t) in doc.tables.iter().enumerate() {
        let s = sides(doc, i);
        let (Some(income), Some(spending)) = (
            s.iter().find(|s| s.name == "收入"),
            s.iter().find(|s| s.name == "支出"),
        ) else {
            continue;
        };
        let (Some(ri), Some(rs)) = (grand_total(income), grand_total(spending)) else {
            continue;
        };
        let (Some(&ci), Some(&cs)) = (income.value_columns.first(), spending.value_columns.first())
        else {
            continue;
        };
        let (Some(a), Some(b)) = (figure(doc, i, ri, ci), figure(doc, i, rs, cs)) else {
            continue;
        };
        let scale = a.scale().max(b.scale());
        let Some(severity) = judge(a.printed, b.printed, scale, 1) else {
            continue;
        };
        let message = format!(
            "“{}”{} 与“{}”{} 不相等，收支两方应当平衡",
            row_label(t, income, ri),
            show(a.printed, scale),
            row_label(t, spending, rs),
            show(b.printed, scale),
        );
        out.push(
            Finding::new("balance.totals", severity, message)
                .at_cell(doc, i, rs, cs)
                .figures(plain(a.printed, scale), plain(b.printed, scale)),
        );
    }
}
