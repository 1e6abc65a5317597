//! Across tables: a quantity printed in several tables is the same figure.
//!
//! - `across.totals`: 本年支出合计, 基本支出, 项目支出, 收入总计 wherever a
//!   table prints them (收支总表, 支出总表, 一般公共预算支出表, 基本支出表,
//!   项目支出表, 收入总表). The general budget's tables (一般公共预算) are
//!   compared with the all-funds tables only when their totals agree (the
//!   department has no other money).
//! - `across.subjects`: the same subject (by its code, printed or borrowed
//!   by name) has the same figure in every table of the same scope.
//! - `across.projects`: the projects of a project list, and the projects with
//!   a performance table, add up to the 项目支出 (a shorter list is a warning:
//!   lists of key projects leave some out).
//!
//! Where tables disagree, the figure most of them print is taken as the
//! expected one and the others are reported.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::figures::{
    Figure, column_with, figure, grand_total, row_label, sides, tables_of, year_total,
};
use super::{Finding, Severity, judge, plain, show};
use crate::model::{DocKind, Document, ProjectRole, RowRole, SourceKind, TableKind};

/// Quantities compared across tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quantity {
    Spending,
    Basic,
    Projects,
    Income,
    GeneralSpending,
    GeneralBasic,
    GeneralProjects,
}

impl Quantity {
    fn label(self) -> &'static str {
        match self {
            Quantity::Spending => "本年支出合计",
            Quantity::Basic => "基本支出",
            Quantity::Projects => "项目支出",
            Quantity::Income => "收入总计",
            Quantity::GeneralSpending => "一般公共预算支出",
            Quantity::GeneralBasic => "一般公共预算基本支出",
            Quantity::GeneralProjects => "一般公共预算项目支出",
        }
    }

    /// The all-funds quantity a general-budget one equals when the
    /// department has no other money.
    fn all_funds(self) -> Quantity {
        match self {
            Quantity::GeneralSpending => Quantity::Spending,
            Quantity::GeneralBasic => Quantity::Basic,
            Quantity::GeneralProjects => Quantity::Projects,
            q => q,
        }
    }
}

/// Every table's reading of each quantity.
type Readings = BTreeMap<Quantity, Vec<Figure>>;

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let readings = merged(doc, readings(doc));
    for (q, figs) in &readings {
        disagreements(doc, q.label(), figs, "across.totals", out);
    }
    subjects(doc, out);
    let projects_total = consensus(readings.get(&Quantity::Projects).map(Vec::as_slice));
    if let Some(total) = projects_total {
        project_lists(doc, total, out);
        performance_projects(doc, total, out);
    }
}

/// The figure of a table's total row in the column named by `words` (the
/// first value column when `words` is empty or names none).
fn total_in(doc: &Document, i: usize, words: &[&str], year: bool) -> Option<Figure> {
    let t = &doc.tables[i];
    let side = sides(doc, i).iter().find(|s| s.name != "收入")?;
    let row = if year {
        year_total(t, side)?
    } else {
        grand_total(side)?
    };
    let column = column_with(t, side, words).or(if words.is_empty() {
        side.value_columns.first().copied()
    } else {
        None
    })?;
    figure(doc, i, row, column)
}

fn readings(doc: &Document) -> Readings {
    let income_tables: Vec<Decimal> = tables_of(doc, TableKind::Income)
        .filter_map(|i| total_in(doc, i, &["合计", "总计"], false))
        .map(|f| f.wan)
        .collect();
    let mut r = Readings::new();
    let mut add = |q: Quantity, f: Option<Figure>| {
        if let Some(f) = f {
            r.entry(q).or_default().push(f);
        }
    };
    for i in 0..doc.tables.len() {
        let total = |words: &[&str]| total_in(doc, i, words, false);
        match doc.tables[i].kind {
            TableKind::IncomeExpenditure => {
                add(Quantity::Spending, total_in(doc, i, &[], true));
                add(Quantity::Income, income_total(doc, i, &income_tables));
            }
            TableKind::Expenditure => {
                add(Quantity::Spending, total(&["合计", "总计"]));
                add(Quantity::Basic, total(&["基本支出"]));
                add(Quantity::Projects, total(&["项目支出"]));
            }
            TableKind::Income => add(Quantity::Income, total(&["合计", "总计"])),
            TableKind::GeneralBudgetExpenditure | TableKind::GeneralBudgetEconomic => {
                add(Quantity::GeneralSpending, total(&["合计", "总计"]));
                add(Quantity::GeneralBasic, total(&["基本支出"]));
                add(Quantity::GeneralProjects, total(&["项目支出"]));
            }
            TableKind::BasicExpenditure => add(Quantity::GeneralBasic, total(&["合计", "总计"])),
            TableKind::ProjectExpenditure => add(Quantity::Projects, total(&["合计", "总计"])),
            _ => {}
        }
    }
    r
}

/// 收入总计 of a 收支总表 (the income side's grand total), or its 本年收入合计
/// when that is what the 收入表 totals (`income_tables`, in 万元): a 决算's
/// 收入决算表 holds the year's income only, without 年初结转和结余.
fn income_total(doc: &Document, i: usize, income_tables: &[Decimal]) -> Option<Figure> {
    let side = sides(doc, i).iter().find(|s| s.name == "收入")?;
    let column = *side.value_columns.first()?;
    let grand = figure(doc, i, grand_total(side)?, column)?;
    let year = year_total(&doc.tables[i], side).and_then(|r| figure(doc, i, r, column));
    Some(match year {
        Some(y) if !income_tables.contains(&grand.wan) && income_tables.contains(&y.wan) => y,
        _ => grand,
    })
}

/// General-budget readings join the all-funds ones when the two spending
/// totals agree.
fn merged(_doc: &Document, mut r: Readings) -> Readings {
    let all = consensus(r.get(&Quantity::Spending).map(Vec::as_slice));
    let general = consensus(r.get(&Quantity::GeneralSpending).map(Vec::as_slice));
    let same = match (all, general) {
        (Some(a), Some(g)) => judge(a, g, 2, 1) != Some(Severity::Error),
        _ => all.is_none(),
    };
    if same {
        for q in [
            Quantity::GeneralSpending,
            Quantity::GeneralBasic,
            Quantity::GeneralProjects,
        ] {
            if let Some(figs) = r.remove(&q) {
                r.entry(q.all_funds()).or_default().extend(figs);
            }
        }
    }
    r
}

/// The figure (in 万元) most readings give; the first on a tie.
fn consensus(figs: Option<&[Figure]>) -> Option<Decimal> {
    let figs = figs?;
    let mut best: Option<(Decimal, usize)> = None;
    for f in figs {
        let n = figs.iter().filter(|g| g.wan == f.wan).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((f.wan, n));
        }
    }
    best.map(|(v, _)| v)
}

/// Readings that differ from the consensus.
fn disagreements(
    doc: &Document,
    what: &str,
    figs: &[Figure],
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    let Some(expected) = consensus(Some(figs)) else {
        return;
    };
    let Some(witness) = figs.iter().find(|f| f.wan == expected) else {
        return;
    };
    for f in figs.iter().filter(|f| f.wan != expected) {
        let scale = f.scale().max(witness.scale());
        let Some(severity) = judge(expected, f.wan, scale, 1) else {
            continue;
        };
        let t = &doc.tables[f.table];
        let other = &doc.tables[witness.table];
        let message = format!(
            "{}“{}”中的{}为 {} 万元，而“{}”为 {} 万元",
            t.label,
            t.title,
            what,
            show(f.wan, scale),
            other.title,
            show(expected, scale),
        );
        out.push(
            Finding::new(rule, severity, message)
                .at_cell(doc, f.table, f.row, f.column)
                .figures(plain(expected, scale), plain(f.wan, scale)),
        );
    }
}

/// Tables listing expenditure by subject: the function subjects' tables.
const SUBJECT_KINDS: [TableKind; 5] = [
    TableKind::IncomeExpenditure,
    TableKind::Expenditure,
    TableKind::FiscalIncomeExpenditure,
    TableKind::GeneralBudgetExpenditure,
    TableKind::Income,
];

/// The same subject in every table of one scope (tables whose totals agree).
fn subjects(doc: &Document, out: &mut Vec<Finding>) {
    // (scope total, code → figure) per table
    // (codes borrowed from the model: a large document has thousands of tables)
    let mut tables: Vec<(Decimal, BTreeMap<&str, Figure>)> = Vec::new();
    for kind in SUBJECT_KINDS {
        for i in tables_of(doc, kind) {
            let Some(side) = sides(doc, i).iter().find(|s| s.name != "收入") else {
                continue;
            };
            let Some(&column) = side.value_columns.first() else {
                continue;
            };
            let Some(total) =
                year_total(&doc.tables[i], side).and_then(|r| figure(doc, i, r, column))
            else {
                continue;
            };
            let mut codes = BTreeMap::new();
            for (r, code) in side.code.iter().enumerate() {
                if code.len() >= 3
                    && side.role[r] != RowRole::Blank
                    && let Some(f) = figure(doc, i, r, column)
                {
                    codes.entry(code).or_insert(f);
                }
            }
            tables.push((total.wan, codes));
        }
    }
    let mut all_codes: Vec<&str> = tables.iter().flat_map(|(_, c)| c.keys().copied()).collect();
    all_codes.sort();
    all_codes.dedup();
    for code in all_codes {
        let mut scopes: BTreeMap<Decimal, Vec<Figure>> = BTreeMap::new();
        for (total, codes) in &tables {
            if let Some(f) = codes.get(code) {
                scopes.entry(*total).or_default().push(*f);
            }
        }
        for figs in scopes.values().filter(|f| f.len() >= 2) {
            let t = &doc.tables[figs[0].table];
            let side = &sides(doc, figs[0].table)[0];
            let what = format!("科目 {code}“{}”", row_label(t, side, figs[0].row));
            disagreements(doc, &what, figs, "across.subjects", out);
        }
    }
}

/// Project lists against the 项目支出: their total row, else their items.
fn project_lists(doc: &Document, total: Decimal, out: &mut Vec<Finding>) {
    for i in tables_of(doc, TableKind::ProjectList) {
        let Some(side) = sides(doc, i).first() else {
            continue;
        };
        let t = &doc.tables[i];
        let column = column_with(t, side, &["合计", "预算数", "金额", "预算"])
            .or(side.value_columns.first().copied());
        let Some(column) = column else {
            continue;
        };
        let figs: Vec<Figure> = match grand_total(side) {
            Some(r) => figure(doc, i, r, column).into_iter().collect(),
            None => (0..t.rows.len())
                .filter(|&r| side.role[r] == RowRole::Item && side.parent.get(r).is_none())
                .filter_map(|r| figure(doc, i, r, column))
                .collect(),
        };
        if figs.len() < 2 && grand_total(side).is_none() {
            continue;
        }
        let sum: Decimal = figs.iter().map(|f| f.wan).sum();
        let scale = figs.iter().map(Figure::scale).max().unwrap_or(0);
        let what = format!("{}“{}”所列项目合计", t.label, t.title);
        let finding = compare_projects(&what, sum, total, scale, figs.len());
        if let Some(f) = finding {
            out.push(f.at_table(doc, i));
        }
    }
}

/// The projects with a performance table (项目支出绩效目标表) against the 项目支出.
/// Not a 决算's self-evaluations (绩效自评表): they are of the projects chosen
/// for evaluation, with their budgets, not all the year's spending.
fn performance_projects(doc: &Document, total: Decimal, out: &mut Vec<Finding>) {
    if doc.kind == DocKind::FinalAccounts
        || doc
            .tables
            .iter()
            .any(|t| t.kind == TableKind::ProjectPerformance && t.title.contains("自评"))
    {
        return;
    }
    let amounts: Vec<Decimal> = doc
        .projects
        .iter()
        .filter(|p| p.role == ProjectRole::Item)
        .filter_map(|p| {
            p.sources
                .iter()
                .find(|s| s.kind == SourceKind::PerformanceTable)
                .and_then(|s| s.amount.as_ref()?.in_wan())
        })
        .collect();
    if amounts.len() < 2 {
        return;
    }
    let sum: Decimal = amounts.iter().sum();
    let scale = amounts.iter().map(Decimal::scale).max().unwrap_or(0);
    let first = doc
        .projects
        .iter()
        .filter(|p| {
            p.sources
                .iter()
                .any(|s| s.kind == SourceKind::PerformanceTable)
        })
        .filter_map(|p| p.table)
        .min();
    let what = format!("{} 张项目支出绩效目标表的预算数合计", amounts.len());
    if let Some(f) = compare_projects(&what, sum, total, scale, amounts.len()) {
        out.push(match first {
            Some(i) => f.at_table(doc, i),
            None => f,
        });
    }
}

fn compare_projects(
    what: &str,
    sum: Decimal,
    total: Decimal,
    scale: u32,
    summands: usize,
) -> Option<Finding> {
    let severity = judge(total, sum, scale, summands)?;
    let severity = if severity == Severity::Error && sum < total {
        Severity::Warning
    } else {
        severity
    };
    let message = format!(
        "{what}为 {} 万元，项目支出为 {} 万元，相差 {} 万元",
        show(sum, scale),
        show(total, scale),
        show((total - sum).abs(), scale),
    );
    Some(
        Finding::new("across.projects", severity, message)
            .figures(plain(total, scale), plain(sum, scale)),
    )
}
