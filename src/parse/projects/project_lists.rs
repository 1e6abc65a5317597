//! Tables listing many projects, one a row: 项目支出表 / 项目情况表 (project expenditure),
//! 重点项目 (key projects), 政府采购 (procurement). 科目 = a budget subject, never a project;
//! 绩效目标 / 绩效指标 = a project's performance goals / indicators.

use super::super::amount::parse_amount;
use super::super::cell_repair::squash_spaces_cjk;
use std::borrow::Cow;

use super::super::chars::{compact, has, name_key};
use super::super::indicators;
use super::super::units::unit_in_label;
use super::mention::{Mention, Said, amount_source};
use super::performance_table::split_goals;
use crate::model::{GridRow, LineNo, SourceKind, Table};

/// Where a document's table cells come from. Cells rebuilt from page geometry stand in
/// their columns; cells of text input may have shifted, so a text table's goal column is
/// not read (the goals come from the project's performance table).
/// (`pub(crate)` to be re-exported as `projects::Cells`; the module `projects` is private
/// to the parser, so it reaches no further.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cells {
    FromText,
    FromPages,
}

/// Project rows of a grid table: project lists, project expenditure tables,
/// key-project tables, procurement tables (`department_key`: the department's
/// name as a key; its own row is no project).
pub(super) fn from_grid(
    index: usize,
    table: &Table,
    department_key: Option<&str>,
    cells: Cells,
) -> Vec<Mention> {
    let title = compact(&table.title);
    // most tables are titled for none of these: their headers are never read
    if !may_name_projects(&title) {
        return Vec::new();
    }
    let paths = table.column_paths();
    if paths
        .iter()
        .any(|p| p.contains("科目编码") || p.contains("科目名称"))
    {
        return Vec::new();
    }
    // each header path compacted once, for the questions below
    let headers: Vec<Cow<'_, str>> = paths.iter().map(|p| compact(p)).collect();
    let Some(name_col) = name_column(table, &headers, &title) else {
        return Vec::new();
    };
    if !names_projects(&title, &headers[name_col]) {
        return Vec::new();
    }
    let amount_col = amount_column(&headers, name_col);
    let code_col = headers
        .iter()
        .position(|h| has(h, "项目编码") || has(h, "项目代码"));
    let kind = if title.contains("采购") || paths.iter().any(|p| p.contains("采购")) {
        SourceKind::Procurement
    } else {
        SourceKind::ProjectTable
    };
    let unit = amount_col
        .and_then(|j| unit_in_label(&paths[j]))
        .or(table.unit);
    let targets = TargetColumns::of(table, &headers);
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let Some(name) = row.get(name_col).map(|c| squash_spaces_cjk(c.trim())) else {
            continue;
        };
        if name.is_empty()
            || is_total_label(&name)
            || parse_amount(&name).is_some()
            || is_classification(&name)
            || targets.is_group_row(row)
        {
            continue;
        }
        let key = name_key(&name);
        if department_key.is_some_and(|d| key == d || d.starts_with(&key)) {
            continue;
        }
        let printed = amount_col.and_then(|j| row.get(j));
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        out.push(Mention {
            key,
            name,
            code: code_col
                .and_then(|j| row.get(j))
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            source: amount_source(kind, line, Some(index), Some(r), printed, unit),
            said: Said::boxed(
                targets.indicators(row, line),
                match cells {
                    Cells::FromPages => targets.goals(row),
                    Cells::FromText => Vec::new(),
                },
                None,
            ),
        });
    }
    out
}

/// Whether a table titled `title` (compacted) may name projects: [`names_projects`]
/// says no to a title without one of its words.
fn may_name_projects(title: &str) -> bool {
    ["项目", "采购", "绩效"].iter().any(|w| title.contains(w))
}

/// Whether a grid's name column (headed `header`, compacted) names projects: its table is
/// titled as a project or procurement table (项目支出表, 重点项目…, 政府采购…), or it is
/// headed 项目名称 in a table of performance (绩效) results; never a column of budget
/// subjects (…科目).
fn names_projects(title: &str, header: &str) -> bool {
    !header.contains("科目")
        && (title.contains("项目")
            || title.contains("采购")
            || (title.contains("绩效") && header.contains("项目名称")))
}

/// A budget classification row, not a project: `[30201]办公费`.
fn is_classification(name: &str) -> bool {
    name.strip_prefix(['[', '【'])
        .is_some_and(|r| r.chars().take_while(|c| c.is_ascii_digit()).count() >= 3)
}

/// The performance columns of a project table: 绩效目标 (goals) and 绩效指标 (indicators
/// listed in one cell).
struct TargetColumns {
    goal: Option<usize>,
    indicator: Option<usize>,
    /// Most rows fill the goal column: a row leaving it blank groups the projects below
    /// it (a spending unit, a subtotal).
    groups: bool,
}

impl TargetColumns {
    /// The performance columns of `table`, whose header paths (compacted) are `headers`.
    fn of(table: &Table, headers: &[Cow<'_, str>]) -> TargetColumns {
        let find = |word: &str| headers.iter().position(|h| h.ends_with(word));
        let goal = find("绩效目标");
        let filled = goal.map_or(0, |j| {
            table
                .rows
                .iter()
                .filter(|r| r.get(j).is_some_and(|c| !c.is_empty()))
                .count()
        });
        TargetColumns {
            goal,
            indicator: find("绩效指标"),
            groups: filled * 2 > table.rows.len(),
        }
    }

    fn is_group_row(&self, row: GridRow<'_>) -> bool {
        self.groups
            && self
                .goal
                .is_some_and(|j| row.get(j).is_none_or(|c| c.is_empty()))
    }

    fn goals(&self, row: GridRow<'_>) -> Vec<String> {
        self.goal
            .and_then(|j| row.get(j))
            .filter(|c| !c.is_empty())
            .map(split_goals)
            .unwrap_or_default()
    }

    fn indicators(&self, row: GridRow<'_>, line: LineNo) -> Vec<crate::model::Indicator> {
        self.indicator
            .and_then(|j| row.get(j))
            .map(|c| indicators::from_listing(c, line))
            .unwrap_or_default()
    }
}

/// The column of project names: headed 项目名称 (or …采购项目; `headers`: the
/// compacted header paths); in a table titled as a project table, else the first
/// column holding text in most rows.
fn name_column(table: &Table, headers: &[Cow<'_, str>], title: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| has(h, "项目名称") || h.ends_with("采购项目"))
        .or_else(|| {
            if ["项目支出", "项目情况", "项目表", "重点项目"]
                .iter()
                .any(|w| title.contains(w))
            {
                // the first column holding text in most rows
                (0..table.width()).find(|&j| {
                    let texts = table
                        .rows
                        .iter()
                        .filter(|r| {
                            r.get(j)
                                .is_some_and(|c| !c.is_empty() && parse_amount(c).is_none())
                        })
                        .count();
                    texts * 2 > table.rows.len()
                })
            } else {
                None
            }
        })
}

/// The column of project amounts: the first header word found (in `headers`, the
/// compacted header paths), in order of preference.
fn amount_column(headers: &[Cow<'_, str>], name_col: usize) -> Option<usize> {
    [
        "预算资金",
        "项目金额",
        "预算金额",
        "资金总额",
        "预算数",
        "实际指标",
        "总计",
        "合计",
        "金额",
    ]
    .iter()
    .find_map(|k| {
        headers
            .iter()
            .enumerate()
            .find(|(j, h)| *j != name_col && has(h, k))
            .map(|(j, _)| j)
    })
}

fn is_total_label(s: &str) -> bool {
    let c = compact(s);
    matches!(&*c, "合计" | "总计" | "小计" | "合 计" | "共计")
        || c.ends_with("小计")
        || c.ends_with("合计")
        || c.ends_with("总计")
}
