//! Where a quantity the text names stands in the tables: its figures (this
//! year's, or with `previous` the year before's), in 万元, read from the rows,
//! columns and subject codes that hold it.
//!
//! Domain words: 基本支出 = basic spending (staff and office costs); 项目支出 =
//! project spending; 机关运行经费 / 行政经费 = an office's running costs; the
//! economic classes 301 工资福利支出, 302 商品和服务支出, 303 对个人和家庭的
//! 补助, 310 资本性支出.

use super::super::figures::{
    Figure, column_with, figure, grand_total, header_segments, row_label, sides, strip_number,
    tables_of, year_total,
};
use super::named::Named;
use crate::model::{Document, RowRole, SourceKind, TableKind};
use crate::parse::compact;

/// A quantity no table of `doc` holds directly (a 机关运行经费 compared with
/// the 公用经费): a mismatch is a warning.
pub(super) fn derived(named: &Named, doc: &Document) -> bool {
    matches!(named, Named::OfficeRunning) && office_running(doc).is_empty()
}

/// A row label without its enumeration (`一、公共安全支出` → `公共安全支出`).
pub(super) fn plain_label(label: &str) -> String {
    let c = compact(label);
    strip_number(&c).1.to_string()
}

/// The figures of the tables that hold a quantity for `year` (the report
/// year when `previous` is false, the year before when true), in 万元.
pub(super) fn figures_of(doc: &Document, n: &Named, previous: bool) -> Vec<Figure> {
    if n.three_public() {
        return three_public(doc, n, previous);
    }
    if previous {
        return Vec::new();
    }
    match n {
        Named::IncomeTotal => {
            let mut v = side_totals(doc, TableKind::IncomeExpenditure, "收入");
            v.extend(totals_of(doc, TableKind::Income, &["合计", "总计"]));
            v
        }
        Named::SpendingTotal => {
            let mut v = side_totals(doc, TableKind::IncomeExpenditure, "支出");
            v.extend(totals_of(doc, TableKind::Expenditure, &["合计", "总计"]));
            v
        }
        Named::GeneralIncome => {
            labelled_rows(doc, TableKind::IncomeExpenditure, "收入", "一般公共预算")
        }
        Named::Basic => {
            let mut v = totals_of(doc, TableKind::Expenditure, &["基本支出"]);
            v.extend(totals_of(
                doc,
                TableKind::GeneralBudgetExpenditure,
                &["基本支出"],
            ));
            v.extend(totals_of(
                doc,
                TableKind::BasicExpenditure,
                &["合计", "总计"],
            ));
            v
        }
        Named::Projects => {
            let mut v = totals_of(doc, TableKind::Expenditure, &["项目支出"]);
            v.extend(totals_of(
                doc,
                TableKind::GeneralBudgetExpenditure,
                &["项目支出"],
            ));
            v.extend(totals_of(
                doc,
                TableKind::ProjectExpenditure,
                &["合计", "总计"],
            ));
            v
        }
        Named::Personnel => {
            // 人员经费 is 工资福利支出 (301), or 301 with 对个人和家庭的补助 (303)
            let mut v = totals_of(doc, TableKind::BasicExpenditure, &["人员经费"]);
            v.extend(coded(doc, "301"));
            v.extend(coded_sum(doc, &["301", "303"]));
            v
        }
        Named::OfficeRunning if !office_running(doc).is_empty() => office_running(doc),
        Named::Public | Named::OfficeRunning => {
            // 公用经费 is 商品和服务支出 (302), or 302 with the basic part of
            // 资本性支出 (310)
            let mut v = totals_of(doc, TableKind::BasicExpenditure, &["公用经费"]);
            v.extend(coded(doc, "302"));
            v.extend(coded_sum(doc, &["302", "310"]));
            v
        }
        Named::Household => coded(doc, "303"),
        Named::Procurement => {
            let mut v = totals_of(doc, TableKind::Procurement, &["合计"]);
            v.extend(totals_of(doc, TableKind::Expenditure, &["采购"]));
            v
        }
        Named::Transfer => totals_of(doc, TableKind::TransferPayment, &[]),
        Named::Assets => totals_of(doc, TableKind::FixedAssets, &[]),
        Named::Subject(code) => coded(doc, code),
        Named::Project(p) => project_figures(doc, *p),
        _ => Vec::new(),
    }
}

/// Words of a row or a column holding the 机关运行经费 (`行政经费` in some
/// regions' tables).
const OFFICE_RUNNING: [&str; 2] = ["机关运行经费", "行政经费"];

/// The 机关运行经费 a table prints: a row so labelled (`行政经费 444.39`), or
/// a column so headed, at its total row (the table's only row, else the
/// grand total).
fn office_running(doc: &Document) -> Vec<Figure> {
    let names = |s: &str| OFFICE_RUNNING.iter().any(|w| s.contains(w));
    let mut out = Vec::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let segments = header_segments(t);
        let side = sides(doc, i).first();
        let columns: Vec<usize> = (0..segments.len())
            .filter(|&c| segments[c].iter().any(|w| names(w)))
            .collect();
        let row = match side {
            _ if t.rows.len() == 1 => Some(0),
            Some(side) => grand_total(side),
            None => None,
        };
        if let (Some(&c), Some(r)) = (columns.first(), row) {
            out.extend(figure(doc, i, r, c));
            continue;
        }
        for side in sides(doc, i) {
            let Some(&c) = side.value_columns.first() else {
                continue;
            };
            for r in 0..t.rows.len() {
                let label = plain_label(row_label(t, side, r));
                if OFFICE_RUNNING.contains(&label.as_str()) {
                    out.extend(figure(doc, i, r, c));
                }
            }
        }
    }
    out
}

/// The grand-total row of the tables of a kind, in the column named by
/// `words` (the first value column when `words` is empty).
fn totals_of(doc: &Document, kind: TableKind, words: &[&str]) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).first() else {
            continue;
        };
        let Some(row) = grand_total(side) else {
            continue;
        };
        let column = if words.is_empty() {
            side.value_columns.first().copied()
        } else {
            column_with(t, side, words)
        };
        out.extend(column.and_then(|c| figure(doc, i, row, c)));
    }
    out
}

/// 收入总计 / 本年收入合计 (or 支出) of the two-sided tables of a kind.
fn side_totals(doc: &Document, kind: TableKind, name: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let Some(side) = sides(doc, i).iter().find(|s| s.name == name) else {
            continue;
        };
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        let t = &doc.tables[i];
        for row in [grand_total(side), year_total(t, side)]
            .into_iter()
            .flatten()
        {
            out.extend(figure(doc, i, row, c));
        }
    }
    out
}

/// Rows of a side whose label contains `word` (first value column).
fn labelled_rows(doc: &Document, kind: TableKind, name: &str, word: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).iter().find(|s| s.name == name) else {
            continue;
        };
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        for r in 0..t.rows.len() {
            if side.role[r] != RowRole::Blank && compact(row_label(t, side, r)).contains(word) {
                out.extend(figure(doc, i, r, c));
            }
        }
    }
    out
}

/// Rows coded `code`: in the 基本支出 column when the side has one (the
/// basic part of an economic subject), else the first value column.
fn coded(doc: &Document, code: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in 0..doc.tables.len() {
        let t = &doc.tables[i];
        for side in sides(doc, i) {
            let column =
                column_with(t, side, &["基本支出"]).or(side.value_columns.first().copied());
            let Some(c) = column else {
                continue;
            };
            for (r, rc) in side.code.iter().enumerate() {
                if rc == code {
                    out.extend(figure(doc, i, r, c));
                }
            }
        }
    }
    out
}

/// The sum of the rows coded `codes` of each table that prints them all (on
/// any of its sides: a 基本支出表 prints 302 and 310 side by side).
fn coded_sum(doc: &Document, codes: &[&str]) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in 0..doc.tables.len() {
        let t = &doc.tables[i];
        let figures: Vec<Figure> = codes
            .iter()
            .filter_map(|code| {
                sides(doc, i).iter().find_map(|side| {
                    let c = column_with(t, side, &["基本支出"])
                        .or(side.value_columns.first().copied())?;
                    let r = side.code.iter().position(|rc| rc == *code)?;
                    figure(doc, i, r, c)
                })
            })
            .collect();
        if !figures.is_empty() && figures.len() == codes.len() {
            let mut sum = figures[0];
            sum.printed = figures.iter().map(|f| f.printed).sum();
            sum.wan = figures.iter().map(|f| f.wan).sum();
            out.push(sum);
        }
    }
    out
}

/// A project's amounts from tables (project tables, performance tables).
fn project_figures(doc: &Document, p: usize) -> Vec<Figure> {
    let Some(project) = doc.projects.get(p) else {
        return Vec::new();
    };
    project
        .sources
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SourceKind::ProjectTable | SourceKind::PerformanceTable
            )
        })
        .filter_map(|s| {
            let amount = s.amount.as_ref()?;
            Some(Figure {
                table: s.table.unwrap_or(0),
                row: s.row.unwrap_or(0),
                column: 0,
                printed: amount.value,
                wan: amount.in_wan()?,
            })
        })
        .collect()
}

/// Words of each 三公 quantity in a row label or a column header.
fn three_public_words(n: &Named) -> &'static [&'static str] {
    match n {
        Named::ThreePublic => &["三公"],
        Named::Abroad => &["因公出国"],
        Named::Reception => &["公务接待"],
        Named::Cars => &["购置及运行", "购置和运行", "购置及运维", "购置和运维"],
        Named::CarPurchase => &["公务用车购置费"],
        Named::CarRunning => &["运行维护费", "运维费"],
        _ => &[],
    }
}

/// A 三公 quantity in a 三公 table: a column per quantity and a row per
/// year, or a row per quantity (the table of one year).
fn three_public(doc: &Document, n: &Named, previous: bool) -> Vec<Figure> {
    let Some(year) = doc.year.map(|y| if previous { y - 1 } else { y }) else {
        return Vec::new();
    };
    let words = three_public_words(n);
    let matches = |s: &str| {
        words.iter().any(|w| s.contains(w)) && !(n == &Named::CarRunning && s.contains("购置"))
    };
    let mut out = Vec::new();
    for i in tables_of(doc, TableKind::ThreePublic) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).first() else {
            continue;
        };
        let segments = header_segments(t);
        let year_rows: Vec<usize> = (0..t.rows.len())
            .filter(|&r| {
                t.rows
                    .row(r)
                    .iter()
                    .any(|c| compact(c).trim_end_matches('年') == year.to_string())
            })
            .collect();
        let by_column = side
            .value_columns
            .iter()
            .copied()
            .find(|&c| {
                let s = &segments[c];
                s.iter().any(|w| matches(w))
                    && s.last().is_some_and(|l| matches(l) || l.ends_with("小计"))
            })
            .or_else(|| {
                // the 三公 total column is headed 总计 / 合计
                let first = *side.value_columns.first()?;
                let head = segments[first].last()?;
                (n == &Named::ThreePublic
                    && !year_rows.is_empty()
                    && ["总计", "合计", "总额"].iter().any(|w| head.ends_with(w)))
                .then_some(first)
            });
        if let (Some(c), Some(&r)) = (by_column, year_rows.first()) {
            out.extend(figure(doc, i, r, c));
            continue;
        }
        if previous || by_column.is_some() {
            continue;
        }
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        if let Some(r) = (0..t.rows.len()).find(|&r| matches(&compact(row_label(t, side, r)))) {
            out.extend(figure(doc, i, r, c));
        }
    }
    out
}
