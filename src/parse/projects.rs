//! Projects (项目): every project the document names, with its amount in 万元.
//!
//! Sources, strongest first: per-project performance target tables, project
//! tables (项目支出表, 项目情况表, key-project tables), procurement tables
//! (政府采购), and prose (`经常性业务费 3,936.15 万元，主要用于…`). Mentions of one
//! project are merged by normalized name; its code and every source location
//! are kept.

use rust_decimal::Decimal;

use super::amount::{amounts_in_text, parse_amount, parse_figure};
use super::cell_repair::squash_spaces_cjk;
use super::chars::{char_len, compact, is_cjk, name_key};
use super::indicators;
use super::line_kinds::strip_bullet;
use super::numbering::numbering;
use super::units::unit_in_label;
use crate::model::{
    Amount, Content, GridRow, LineNo, Project, ProjectSource, SourceKind, Table, TableKind, Unit,
};

/// One mention before merging. What few mentions say (indicators, goals,
/// purpose) is boxed: a document's mentions are all held until merged.
#[derive(Debug, Clone)]
struct Mention {
    name: String,
    code: Option<String>,
    source: ProjectSource,
    /// `None` when the mention says none of these.
    said: Option<Box<Said>>,
}

/// The indicators, goals and purpose of a mention.
#[derive(Debug, Clone)]
struct Said {
    indicators: Vec<crate::model::Indicator>,
    goals: Vec<String>,
    purpose: Option<String>,
}

impl Said {
    /// Boxed, unless there is nothing.
    fn boxed(
        indicators: Vec<crate::model::Indicator>,
        goals: Vec<String>,
        purpose: Option<String>,
    ) -> Option<Box<Said>> {
        let nothing = indicators.is_empty() && goals.is_empty() && purpose.is_none();
        (!nothing).then(|| {
            Box::new(Said {
                indicators,
                goals,
                purpose,
            })
        })
    }
}

fn rank(kind: SourceKind) -> u8 {
    match kind {
        SourceKind::PerformanceTable => 0,
        SourceKind::ProjectTable => 1,
        SourceKind::Procurement => 2,
        SourceKind::Prose => 3,
    }
}

fn amount_source(
    kind: SourceKind,
    line: LineNo,
    table: Option<usize>,
    row: Option<usize>,
    printed: Option<&str>,
    unit: Option<Unit>,
) -> ProjectSource {
    // A figure with no unit stated is in 万元, the usual unit.
    let amount = printed
        .and_then(|p| parse_figure(p, unit))
        .map(|a| a.or_unit(Unit::Wan))
        .filter(|a| a.in_wan().is_some());
    ProjectSource {
        kind,
        line,
        table,
        row,
        amount,
        page: None,
    }
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
    let generic = ["项目", "年度", "支出", "部门", "整体", "预算"]
        .iter()
        .fold(compact(name).into_owned(), |n, w| n.replace(w, ""))
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
    let c = c.trim_end_matches([':', '：']);
    LABELS.iter().any(|l| {
        c == *l
            || (c.starts_with(l)
                && c.contains(['(', '（', ':', '：'])
                && char_len(c) <= char_len(l) + 6)
    })
}

fn next_value(row: GridRow<'_>, j: usize) -> Option<&str> {
    row.iter()
        .skip(j + 1)
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
        .filter(|c| !is_label(c))
}

/// Split a goal cell that holds several numbered goals.
fn split_goals(text: &str) -> Vec<String> {
    let mut starts = vec![0usize];
    let mut expect = 2u32;
    let mut prev: Option<char> = None;
    for (pos, c) in text.char_indices() {
        let boundary =
            prev.is_some_and(|p| p.is_whitespace() || matches!(p, '。' | '；' | ';' | '，'));
        prev = Some(c);
        // `目标 2：` starts a goal wherever it stands (repair may have removed
        // the space before it); a bare `2.` only after a space or a stop
        let labelled = c == '目' && pos > 0;
        if !(labelled || (boundary && c.is_ascii_digit())) {
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
                starts.push(pos);
                expect += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        let g = text[s..e].trim();
        if !g.is_empty() {
            out.push(g.to_string());
        }
    }
    out
}

/// A per-project performance target table.
fn from_performance_table(index: usize, table: &Table) -> Option<Mention> {
    let rows: Vec<GridRow<'_>> = table.header.iter().chain(table.rows.iter()).collect();
    let stop = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "一级指标"))
        .unwrap_or(rows.len());
    let ProjectForm {
        name,
        code,
        amount,
        purpose,
        goals,
    } = read_form(&rows[..stop]);
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
        name,
        code: code.filter(|c| !c.is_empty()),
        source,
        said: Said::boxed(indicators::from_table(table), goals, purpose),
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

/// Read the form rows: a label cell and the value after it; goals may run on
/// over the rows below their label, a purpose may stand in the row under
/// `预算规模及资金用途`.
fn read_form(rows: &[GridRow<'_>]) -> ProjectForm {
    let mut form = ProjectForm::default();
    let mut in_goals = false;
    let mut after_budget_row = false;
    let mut columns = FormColumns::default();
    for &row in rows {
        if let Some(goal) = columns.goal_below(row) {
            form.goals.extend(split_goals(goal));
            continue;
        }
        columns.budget = columns.budget.or_else(|| column_of(row, "全年预算数"));
        let first = row
            .iter()
            .map(|c| c.trim())
            .find(|c| !c.is_empty())
            .unwrap_or("");
        let leading_blank = row.first().is_none_or(|c| c.trim().is_empty());
        if in_goals && leading_blank && row.iter().filter(|c| !c.trim().is_empty()).count() == 1 {
            form.goals.extend(split_goals(first));
            continue;
        }
        in_goals = false;
        if after_budget_row
            && leading_blank
            && form.purpose.is_none()
            && let Some(long) = row.iter().map(|c| c.trim()).find(|c| char_len(c) > 12)
        {
            form.purpose = Some(long.to_string());
        }
        after_budget_row = false;
        for (j, cell) in row.iter().enumerate() {
            let c = cell.trim_end_matches([':', '：']);
            if c.is_empty() {
                continue;
            }
            match c {
                "项目名称" => {
                    if form.name.is_none() {
                        form.name = next_value(row, j).map(str::to_string);
                    }
                }
                "项目编码" | "项目代码" | "项目编号" => {
                    if form.code.is_none() {
                        form.code = next_value(row, j).map(str::to_string);
                    }
                }
                "资金用途" => {
                    if form.purpose.is_none() {
                        form.purpose = next_value(row, j).map(str::to_string);
                    }
                }
                "预算规模及资金用途" => after_budget_row = true,
                "绩效目标" | "项目绩效目标" | "年度绩效目标" | "年度目标" | "总体目标"
                | "年度总体目标" => {
                    match next_value(row, j) {
                        // a column headed 预期目标: the goal stands under it, a row below
                        Some("预期目标") => columns.goal = column_of(row, "预期目标"),
                        Some(v) => form.goals.extend(split_goals(v)),
                        None => {}
                    }
                    in_goals = columns.goal.is_none();
                }
                _ => {
                    if form.amount.is_none() {
                        form.amount = budget_figure(row, j, c, cell, columns.budget);
                    }
                }
            }
        }
    }
    form
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
    /// The goal standing in `row` under the 预期目标 column, once.
    fn goal_below<'a>(&mut self, row: GridRow<'a>) -> Option<&'a str> {
        let k = self.goal.take()?;
        row.get(k).map(|c| c.trim()).filter(|c| !c.is_empty())
    }
}

/// The column of the cell reading `text`.
fn column_of(row: GridRow<'_>, text: &str) -> Option<usize> {
    row.iter().position(|c| c.trim() == text)
}

/// A budget label (`预算数`, `资金总额（万元）` …; `label` is the cell `cell`
/// without its colon) followed in its row by a figure: the figure as printed
/// and the unit the label states.
fn budget_figure(
    row: GridRow<'_>,
    j: usize,
    label: &str,
    cell: &str,
    column: Option<usize>,
) -> Option<(String, Option<Unit>)> {
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
        .and_then(|k| row.get(k))
        .map(|v| v.trim())
        .filter(|v| parse_amount(v).is_some());
    let v = under.or_else(|| {
        row.iter()
            .skip(j + 1)
            .map(|x| x.trim())
            .find(|x| !x.is_empty())
    })?;
    parse_amount(v)?;
    Some((v.to_string(), unit_in_label(cell)))
}

fn is_total_label(s: &str) -> bool {
    let c = compact(s);
    matches!(&*c, "合计" | "总计" | "小计" | "合 计" | "共计")
        || c.ends_with("小计")
        || c.ends_with("合计")
        || c.ends_with("总计")
}

/// Project rows of a grid table: project lists, project expenditure tables,
/// key-project tables, procurement tables.
fn from_grid(index: usize, table: &Table, department: Option<&str>, cells: Cells) -> Vec<Mention> {
    let paths = table.column_paths();
    let title = compact(&table.title);
    if paths
        .iter()
        .any(|p| p.contains("科目编码") || p.contains("科目名称"))
    {
        return Vec::new();
    }
    let Some(name_col) = name_column(table, &paths, &title) else {
        return Vec::new();
    };
    if !names_projects(&title, &paths[name_col]) {
        return Vec::new();
    }
    let amount_col = amount_column(&paths, name_col);
    let code_col = paths.iter().position(|p| {
        ["项目编码", "项目代码"]
            .iter()
            .any(|k| compact(p).contains(k))
    });
    let kind = if title.contains("采购") || paths.iter().any(|p| p.contains("采购")) {
        SourceKind::Procurement
    } else {
        SourceKind::ProjectTable
    };
    let unit = amount_col
        .and_then(|j| unit_in_label(&paths[j]))
        .or(table.unit);
    let targets = TargetColumns::of(table, &paths);
    let dept_key = department.map(name_key);
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
        if dept_key
            .as_ref()
            .is_some_and(|d| key == *d || d.starts_with(&key))
        {
            continue;
        }
        let printed = amount_col.and_then(|j| row.get(j));
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        out.push(Mention {
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

/// Whether a grid's name column names projects: its table is titled as a project or
/// procurement table (项目支出表, 重点项目…, 政府采购…), or it is headed 项目名称 in a table of
/// performance (绩效) results; never a column of budget subjects (…科目).
fn names_projects(title: &str, name_path: &str) -> bool {
    let header = compact(name_path);
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
    fn of(table: &Table, paths: &[String]) -> TargetColumns {
        let find = |word: &str| paths.iter().position(|p| compact(p).ends_with(word));
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

/// The column of project names: headed 项目名称 (or …采购项目); in a table
/// titled as a project table, else the first column holding text in most rows.
fn name_column(table: &Table, paths: &[String], title: &str) -> Option<usize> {
    paths
        .iter()
        .position(|p| {
            let c = compact(p);
            c.contains("项目名称") || c.ends_with("采购项目")
        })
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

/// The column of project amounts: the first header word found, in order of preference.
fn amount_column(paths: &[String], name_col: usize) -> Option<usize> {
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
        paths
            .iter()
            .enumerate()
            .find(|(j, p)| *j != name_col && compact(p).contains(k))
            .map(|(j, _)| j)
    })
}

/// `经常性业务费 3,936.15 万元，主要用于…`: a clause that starts with a name,
/// then the amount, then what it is used for.
fn from_paragraph(line: LineNo, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for a in amounts_in_text(text) {
        let after = text[a.end..].trim_start();
        let after = after.strip_prefix(['，', ',']).unwrap_or("");
        let after = after.trim_start();
        let after = after.strip_prefix("主要").unwrap_or(after);
        if !after.starts_with("用于") {
            continue;
        }
        // the clause before the amount (never look back further than a clause can be)
        let mut from = a.start.saturating_sub(240);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..a.start];
        let start = before
            .rfind(['：', ':', '；', ';', '。', '，', ','])
            .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let mut name = strip_bullet(before[start..].trim());
        if let Some(n) = numbering(name)
            && !n.rest.is_empty()
        {
            name = n.rest;
        }
        // a bare list number: `2 上级专项…`
        let digits = name.bytes().take_while(u8::is_ascii_digit).count();
        let after = name[digits..].trim_start();
        let name = if (1..=2).contains(&digits)
            && name[digits..].starts_with(' ')
            && !after.starts_with(['年', '月', '日', '个', '项'])
        {
            after
        } else {
            name
        };
        let mut name = name.trim().to_string();
        while let Some(s) = ["预算数", "预算", "安排", "为"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
        {
            name = s.trim_end().to_string();
        }
        let n = char_len(&name);
        // a sentence about the department or a total, not a project
        let sentence = ["我", "本", "该", "其中", "全年", "共"]
            .iter()
            .any(|p| name.starts_with(p))
            || ["共计", "合计", "总计", Unit::Wan.as_str()]
                .iter()
                .any(|w| name.contains(w))
            || name.ends_with("支出");
        // a budget subject: `一般公共服务支出（类）统计信息事务（款）专项普查活动（项）`
        let subject = ["类", "款", "项"]
            .iter()
            .any(|w| name.contains(&format!("（{w}）")) || name.contains(&format!("({w})")));
        if !(2..=40).contains(&n) || !name.chars().any(is_cjk) || sentence || subject {
            continue;
        }
        out.push(Mention {
            name,
            code: None,
            source: ProjectSource {
                kind: SourceKind::Prose,
                line,
                table: None,
                row: None,
                amount: Some(a.amount).filter(|a| a.in_wan().is_some()),
                page: None,
            },
            said: None,
        });
    }
    out
}

/// Where a document's table cells come from. Cells rebuilt from page geometry stand in
/// their columns; cells of text input may have shifted, so a text table's goal column is
/// not read (the goals come from the project's performance table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cells {
    FromText,
    FromPages,
}

/// Every project of a document, merged by name, ordered by first mention.
/// Returns the projects and, per table index, the project a performance table belongs to.
pub(super) fn extract(
    tables: &[Table],
    paragraphs: &[(LineNo, &str)],
    department: Option<&str>,
    cells: Cells,
) -> (Vec<Project>, Vec<Option<usize>>) {
    let mut mentions: Vec<Mention> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        match t.kind {
            TableKind::ProjectPerformance => mentions.extend(from_performance_table(i, t)),
            TableKind::DepartmentPerformance => {}
            _ => mentions.extend(from_grid(i, t, department, cells)),
        }
    }
    for (line, text) in paragraphs {
        mentions.extend(from_paragraph(*line, text));
    }

    // merge by normalized name, in order of first mention; a group lists its
    // mentions by index, so that they are moved only once, into their project
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        let key = name_key(&m.name);
        match index.get(&key) {
            Some(&g) if !another_row(groups[g].iter().map(|&i| &mentions[i]), m) => {
                groups[g].push(k);
            }
            // two rows of one project table with different amounts: two projects
            Some(_) => groups.push(vec![k]),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![k]);
            }
        }
    }
    drop(index);
    let mut slots: Vec<Option<Mention>> = mentions.into_iter().map(Some).collect();
    let mut projects: Vec<Project> = Vec::with_capacity(groups.len());
    for group in groups {
        projects.push(merge(
            group.iter().filter_map(|&i| slots[i].take()).collect(),
        ));
    }
    drop(slots);
    projects.sort_by_key(|p| p.line);
    let mut by_table = vec![None; tables.len()];
    for (pi, p) in projects.iter().enumerate() {
        for s in &p.sources {
            if s.kind == SourceKind::PerformanceTable
                && let Some(t) = s.table
            {
                by_table[t] = Some(pi);
            }
        }
    }
    (projects, by_table)
}

/// Whether `m` is another row of a project table the group already has a row of, with
/// another amount (two spending units each with a project of this name).
fn another_row<'a>(mut group: impl Iterator<Item = &'a Mention>, m: &Mention) -> bool {
    let wan = |s: &ProjectSource| s.amount.as_ref().and_then(Amount::in_wan);
    m.source.kind == SourceKind::ProjectTable
        && group.any(|g| {
            g.source.kind == SourceKind::ProjectTable
                && g.source.table == m.source.table
                && g.source.row != m.source.row
                && wan(&g.source) != wan(&m.source)
        })
}

fn merge(mut group: Vec<Mention>) -> Project {
    group.sort_by_key(|m| (m.source.line, rank(m.source.kind)));
    let best_name = group
        .iter()
        .min_by_key(|m| (rank(m.source.kind), m.source.line))
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let line = group.iter().map(|m| m.source.line).min().unwrap_or(0);
    let mut project = Project {
        name: best_name,
        line,
        ..Project::default()
    };
    // the amount: the strongest kind of source that states one
    for kind in [
        SourceKind::PerformanceTable,
        SourceKind::ProjectTable,
        SourceKind::Procurement,
        SourceKind::Prose,
    ] {
        let with: Vec<&ProjectSource> = group
            .iter()
            .map(|m| &m.source)
            .filter(|s| s.kind == kind && s.amount.is_some())
            .collect();
        let Some(first) = with.first() else {
            continue;
        };
        let wan = |s: &ProjectSource| s.amount.as_ref().and_then(Amount::in_wan);
        let all_equal = with.iter().all(|s| wan(s) == wan(first));
        if kind == SourceKind::Procurement && !all_equal {
            // several procurement lines of one project: their sum, in 万元
            let sum: Decimal = with.iter().filter_map(|s| wan(s)).sum();
            project.amount = Some(Amount {
                value: sum,
                unit: Some(Unit::Wan),
                printed: sum.to_string(),
            });
        } else {
            project.amount = first.amount.clone();
        }
        break;
    }
    // kept in the model: sized to the mentions (a list grown from one
    // source would hold room for four)
    project.sources = Vec::with_capacity(group.len());
    // the indicators of every mention in one list sized once (grown by
    // doubling, it would hold up to twice their room)
    let indicators: usize = group
        .iter()
        .filter_map(|m| m.said.as_ref())
        .map(|s| s.indicators.len())
        .sum();
    for m in group {
        if project.code.is_none() {
            project.code = m.code;
        }
        if m.source.kind == SourceKind::PerformanceTable && project.table.is_none() {
            project.table = m.source.table;
        }
        if let Some(said) = m.said {
            let Said {
                indicators: said_indicators,
                goals,
                purpose,
            } = *said;
            if project.indicators.is_empty() {
                project.indicators = said_indicators;
                let more = indicators.saturating_sub(project.indicators.len());
                project.indicators.reserve_exact(more);
            } else {
                project.indicators.extend(said_indicators);
            }
            if project.goals.is_empty() {
                project.goals = goals;
            }
            if project.purpose.is_none() {
                project.purpose = purpose;
            }
        }
        project.sources.push(m.source);
    }
    project
}

/// Paragraph texts of a document outline, for prose mentions.
pub(super) fn paragraphs_of<'a>(
    contents: impl Iterator<Item = &'a Content>,
) -> Vec<(LineNo, &'a str)> {
    contents
        .filter_map(|c| match c {
            Content::Paragraph { line, text } => Some((*line, text.as_str())),
            _ => None,
        })
        .collect()
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
        assert_eq!(
            split_goals("目标 1：保障工资经费目标 2：保障配套"),
            vec!["目标 1：保障工资经费", "目标 2：保障配套"]
        );
    }
}
