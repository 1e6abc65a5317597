//! One project's performance target table (绩效目标表, e.g. `…项目支出绩效目标表`): the form
//! rows (项目名称 name, 项目编码 code, 资金用途 purpose, 绩效目标 goals, 预算数 budget), then
//! the indicators from the row naming 一级指标 (first-level indicator).

use super::super::amount::{amounts_in_text, next_digit, parse_amount};
use super::super::cell_repair::squash_spaces_cjk;
use super::super::chars::{char_len, compact, name_key, trim_cell};
use super::super::indicators;
use super::super::numbering::numbering;
use super::super::units::unit_in_label;
use super::mention::{Mention, Said, amount_source};
use crate::model::{GridRow, SourceKind, Table, Unit};

/// A per-project performance target table.
pub(super) fn from_performance_table(index: usize, table: &Table) -> Option<Mention> {
    // the form rows stand above the indicators' header (一级指标)
    let (
        ProjectForm {
            name,
            code,
            amount,
            purpose,
            goals,
        },
        indicators_header,
    ) = read_form(indicators::rows_of(table));
    let name = name
        .map(|n| squash_spaces_cjk(&n))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| name_from_title(&table.title));
    if name.is_empty() {
        return None;
    }
    let unit_of_table = table.unit;
    let mut source = match &amount {
        Some((printed, unit)) => amount_source(
            SourceKind::PerformanceTable,
            table.line,
            Some(index),
            None,
            Some(printed),
            unit.or(unit_of_table),
        ),
        None => amount_source(
            SourceKind::PerformanceTable,
            table.line,
            Some(index),
            None,
            None,
            None,
        ),
    };
    if source.amount.is_none() {
        // `预算数924万元，财政资金924万元…` in the purpose text
        if let Some(a) = purpose
            .as_deref()
            .and_then(|p| amounts_in_text(p).into_iter().next())
        {
            source.amount = Some(a.amount).filter(|a| a.in_wan().is_some());
        }
    }
    Some(Mention {
        key: name_key(&name),
        name,
        code: code.filter(|c| !c.is_empty()),
        source,
        said: Said::boxed(
            indicators_header.map_or_else(Vec::new, |h| indicators::from_rows(table, h)),
            goals,
            purpose,
        ),
    })
}

/// What the form part of a project performance table (the rows above the
/// indicators: 项目名称, 项目编码, 资金用途, 绩效目标 …) says.
#[derive(Default)]
struct ProjectForm {
    name: Option<String>,
    code: Option<String>,
    /// The budget figure as printed, and the unit its label states.
    amount: Option<(String, Option<Unit>)>,
    purpose: Option<String>,
    goals: Vec<String>,
}

/// Read the form rows, those above the indicators' header (the first row
/// with a cell `一级指标`), and find that header (its index in `rows`):
/// a label cell and the value after it; goals may run on over the rows below
/// their label, a purpose may stand in the row under `预算规模及资金用途`.
fn read_form<'a>(rows: impl Iterator<Item = GridRow<'a>>) -> (ProjectForm, Option<usize>) {
    let mut form = ProjectForm::default();
    let mut in_goals = false;
    let mut after_budget_row = false;
    let mut columns = FormColumns::default();
    // the cells of the row being read as printed and trimmed, read from the
    // grid once (one buffer each for all rows: room for the usual width,
    // grown for a wider row)
    let mut printed: Vec<&str> = Vec::with_capacity(8);
    let mut trimmed: Vec<&str> = Vec::with_capacity(8);
    for (r, row) in rows.enumerate() {
        printed.clear();
        trimmed.clear();
        for cell in row {
            if cell == "一级指标" {
                return (form, Some(r));
            }
            printed.push(cell);
            trimmed.push(trim_cell(cell));
        }
        let cells = trimmed.as_slice();
        if let Some(goal) = columns.goal_below(cells) {
            push_goals(goal, &mut form.goals);
            continue;
        }
        columns.budget = columns.budget.or_else(|| column_of(cells, "全年预算数"));
        let first = cells.iter().copied().find(|c| !c.is_empty()).unwrap_or("");
        let leading_blank = cells.first().is_none_or(|c| c.is_empty());
        if in_goals && leading_blank && cells.iter().filter(|c| !c.is_empty()).count() == 1 {
            push_goals(first, &mut form.goals);
            continue;
        }
        in_goals = false;
        if after_budget_row
            && leading_blank
            && form.purpose.is_none()
            && let Some(long) = cells.iter().find(|c| char_len(c) > 12)
        {
            form.purpose = Some(long.to_string());
        }
        after_budget_row = false;
        // labels are matched as printed, only their colon dropped
        for (j, &cell) in printed.iter().enumerate() {
            // (`：` ends with the byte 9A)
            let c = if matches!(cell.as_bytes().last(), Some(b':' | 0x9A)) {
                cell.trim_end_matches([':', '：'])
            } else {
                cell
            };
            // every label starts with one of these (most values do not)
            if !c.starts_with(['项', '资', '预', '绩', '年', '总']) {
                continue;
            }
            match c {
                "项目名称" => {
                    if form.name.is_none() {
                        form.name = next_value(cells, j).map(str::to_string);
                    }
                }
                "项目编码" | "项目代码" | "项目编号" => {
                    if form.code.is_none() {
                        form.code = next_value(cells, j).map(str::to_string);
                    }
                }
                "资金用途" => {
                    if form.purpose.is_none() {
                        form.purpose = next_value(cells, j).map(str::to_string);
                    }
                }
                "预算规模及资金用途" => after_budget_row = true,
                "绩效目标" | "项目绩效目标" | "年度绩效目标" | "年度目标" | "总体目标"
                | "年度总体目标" => {
                    match next_value(cells, j) {
                        // a column headed 预期目标: the goal stands under it, a row below
                        Some("预期目标") => columns.goal = column_of(cells, "预期目标"),
                        Some(v) => push_goals(v, &mut form.goals),
                        None => {}
                    }
                    in_goals = columns.goal.is_none();
                }
                _ => {
                    if form.amount.is_none() {
                        form.amount = budget_figure(cells, j, c, cell, columns.budget);
                    }
                }
            }
        }
    }
    (form, None)
}

/// Columns of a form table found on its earlier rows.
#[derive(Default)]
struct FormColumns {
    /// The column headed 预期目标 (the goal is in the next row, under it).
    goal: Option<usize>,
    /// The column headed 全年预算数 (the year's budget, in the 资金总额 row).
    budget: Option<usize>,
}

impl FormColumns {
    /// The goal standing in the row of `cells` (trimmed) under the 预期目标 column, once.
    fn goal_below<'a>(&mut self, cells: &[&'a str]) -> Option<&'a str> {
        let k = self.goal.take()?;
        cells.get(k).copied().filter(|c| !c.is_empty())
    }
}

/// The column of the cell (of a row's trimmed `cells`) reading `text`.
fn column_of(cells: &[&str], text: &str) -> Option<usize> {
    cells.iter().position(|c| *c == text)
}

/// A budget label (`预算数`, `资金总额（万元）` …; `label` is the cell `cell`
/// without its colon) followed in its row (trimmed `cells`) by a figure: the
/// figure as printed and the unit the label states.
fn budget_figure(
    cells: &[&str],
    j: usize,
    label: &str,
    cell: &str,
    column: Option<usize>,
) -> Option<(String, Option<Unit>)> {
    // (every budget label starts with one of these; most cells do not)
    if !label.starts_with(['预', '资', '项', '年']) {
        return None;
    }
    let budget = [
        "预算数",
        "资金总额",
        "项目资金",
        "年度资金总额",
        "预算金额",
        "项目总金额",
    ]
    .iter()
    .any(|l| label.starts_with(l))
        && char_len(label) <= 14;
    if !budget {
        return None;
    }
    // the year's budget (全年预算数) when a column is headed so, else the first figure
    let under = column
        .filter(|&k| k > j)
        .and_then(|k| cells.get(k).copied())
        .filter(|v| parse_amount(v).is_some());
    let v = under.or_else(|| cells.iter().skip(j + 1).copied().find(|x| !x.is_empty()))?;
    parse_amount(v)?;
    Some((v.to_string(), unit_in_label(cell)))
}

const TITLE_SUFFIXES: [&str; 10] = [
    "项目支出绩效目标表",
    "绩效指标表",
    "预算项目绩效表",
    "项目绩效目标表",
    "绩效目标申报表",
    "项目绩效表",
    "绩效目标表",
    "绩效表",
    "预算项目",
    "绩效目标",
];

/// A project name from a performance table title: `12、智慧社区绩效目标表` → `智慧社区`.
fn name_from_title(title: &str) -> String {
    let mut t = title.trim();
    if let Some(n) = numbering(t)
        && !n.rest.is_empty()
    {
        t = n.rest;
    }
    let mut name = t.to_string();
    for s in TITLE_SUFFIXES {
        if let Some(rest) = name.strip_suffix(s) {
            name = rest.to_string();
        }
    }
    let name = name.trim();
    // a title naming no project: `项目年度绩效指标表`, `部门整体绩效目标表`
    // (only a name of these words' characters may be: most are told apart
    // without removing the words)
    const WORDS: [&str; 6] = ["项目", "年度", "支出", "部门", "整体", "预算"];
    let of_words = |c: char| WORDS.iter().any(|w| w.contains(c));
    let compacted = compact(name);
    let generic = compacted.chars().all(of_words)
        && WORDS
            .iter()
            .fold(compacted.into_owned(), |n, w| n.replace(w, ""))
            .is_empty();
    if generic {
        String::new()
    } else {
        name.to_string()
    }
}

fn is_label(c: &str) -> bool {
    const LABELS: [&str; 14] = [
        "项目名称",
        "项目编码",
        "项目代码",
        "项目编号",
        "项目单位",
        "资金用途",
        "绩效目标",
        "项目绩效目标",
        "预算数",
        "资金总额",
        "其中",
        "其他资金",
        "项目联系人",
        "联系电话",
    ];
    // every label starts with one of these (most values do not)
    if !c.starts_with(['项', '资', '绩', '预', '其', '联']) {
        return false;
    }
    let c = c.trim_end_matches([':', '：']);
    LABELS.iter().any(|l| {
        c == *l
            || (c.starts_with(l)
                && c.contains(['(', '（', ':', '：'])
                && char_len(c) <= char_len(l) + 6)
    })
}

/// The first non-empty cell after column `j` of a row's trimmed `cells`, unless a label.
fn next_value<'a>(cells: &[&'a str], j: usize) -> Option<&'a str> {
    cells
        .iter()
        .skip(j + 1)
        .copied()
        .find(|c| !c.is_empty())
        .filter(|c| !is_label(c))
}

/// Where the next `目标` (`目标 2：`) at or after byte `from` is.
fn next_label(bytes: &[u8], from: usize) -> Option<usize> {
    static LABEL: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("目标"));
    let k = LABEL.find(bytes.get(from..)?)?;
    Some(from + k)
}

/// Split a goal cell that holds several numbered goals.
pub(super) fn split_goals(text: &str) -> Vec<String> {
    let mut goals = Vec::new();
    push_goals(text, &mut goals);
    goals
}

/// [`split_goals`] onto the end of `goals`.
fn push_goals(text: &str, goals: &mut Vec<String>) {
    // each goal pushed (trimmed, unless empty) once the next one's start is found
    let mut push = |goal: &str| {
        let goal = trim_cell(goal);
        if !goal.is_empty() {
            goals.push(goal.to_string());
        }
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut expect = 2u32;
    // a goal starts at `目标 2：` wherever it stands (repair may have removed
    // the space before it), or at a bare `2.` after a space or a stop: the
    // places where one may are the next `目标` and the next number
    let mut label = next_label(bytes, 1);
    let mut digit = next_digit(bytes, 0);
    loop {
        let pos = match (label, digit) {
            (Some(l), Some(d)) => l.min(d),
            (l, d) => match l.or(d) {
                Some(p) => p,
                None => break,
            },
        };
        let labelled = label == Some(pos);
        if labelled {
            label = next_label(bytes, pos + 1);
        } else {
            // the digits after a number's first one follow a digit: none starts a goal
            let run = bytes[pos..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            digit = next_digit(bytes, pos + run);
        }
        let numbered = !labelled
            && text[..pos]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_whitespace() || matches!(p, '。' | '；' | ';' | '，'));
        if !(labelled || numbered) {
            continue;
        }
        let rest = &text[pos..];
        let rest_goal = rest
            .strip_prefix("目标")
            .map(|r| r.trim_start())
            .unwrap_or(rest);
        let digits = rest_goal.bytes().take_while(u8::is_ascii_digit).count();
        if rest_goal[..digits].parse::<u32>().ok() == Some(expect) {
            let after = &rest_goal[digits..];
            if after.starts_with(['.', '、', '．', ':', '：']) || rest.starts_with("目标") {
                push(&text[start..pos]);
                start = pos;
                expect += 1;
            }
        }
    }
    push(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_to_names() {
        assert_eq!(name_from_title("12、智慧社区绩效目标表"), "智慧社区");
        assert_eq!(
            name_from_title("智慧平安社区建设费预算项目绩效表"),
            "智慧平安社区建设费"
        );
        assert_eq!(
            name_from_title("1、“平安眼”项目流量使用费及安全路由服务费用绩效目标表"),
            "“平安眼”项目流量使用费及安全路由服务费用"
        );
    }

    #[test]
    fn goals_split() {
        assert_eq!(
            split_goals("1.确保 407 名辅警服装的整齐划一。 2.协助民警开展公安工作。"),
            vec![
                "1.确保 407 名辅警服装的整齐划一。",
                "2.协助民警开展公安工作。"
            ]
        );
        assert_eq!(
            split_goals("目标 1：保障工资 目标 2：保障配套"),
            vec!["目标 1：保障工资", "目标 2：保障配套"]
        );
        assert_eq!(split_goals("单一目标"), vec!["单一目标"]);
        // numbers inside a goal (a year, a count after a space) start none
        assert_eq!(
            split_goals("目标 1：2022 年完成 22 项。 2.提高效率 3、 服务 12 个。3：完成"),
            vec![
                "目标 1：2022 年完成 22 项。",
                "2.提高效率",
                "3、 服务 12 个。3：完成"
            ]
        );
        assert_eq!(
            split_goals("目标 1：保障工资经费目标 2：保障配套"),
            vec!["目标 1：保障工资经费", "目标 2：保障配套"]
        );
    }
}
