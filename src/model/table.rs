//! Tables: a [`Table`] merged across pages (header and body as a [`Grid`]),
//! what kind it is ([`TableKind`]: 收支总表, 支出总表, 三公经费表, …), and
//! what the parser knows of its rows ([`TableDetail`]: the row hierarchy of
//! each label column, [`TableSide`]; page furniture).

use serde::{Deserialize, Serialize};

use super::grid::Grid;
use super::money::Unit;
use super::place::{LineNo, PageNo};
use super::side_rows::{Parents, RowCodes};

/// What a table is. Every kind but the two performance kinds is a grid of
/// figures; `Grid` is a grid the classifier could not name. The standard
/// tables of a disclosure (部门预算公开表 / 部门决算公开表) have a kind each,
/// whatever their title in a region; a 决算 table has the kind of its 预算
/// counterpart (the document's kind tells them apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// A grid no rule names (机构设置, 名词解释, …).
    #[default]
    Grid,
    /// A per-project performance target table (项目支出绩效目标表).
    ProjectPerformance,
    /// The department-wide performance table (整体支出绩效目标表).
    DepartmentPerformance,
    /// 收支总表 / 收支预算总表 / 收入支出决算总表: income and expenditure, two sides.
    IncomeExpenditure,
    /// 收入总表 / 收入预算表 / 收入决算表.
    Income,
    /// 支出总表 / 支出预算表 / 支出决算表.
    Expenditure,
    /// 财政拨款收支总表 (政府预算拨款收支总表, 财政拨款收入支出决算总表).
    FiscalIncomeExpenditure,
    /// 一般公共预算(财政拨款)支出表, by function subject (按功能分类).
    GeneralBudgetExpenditure,
    /// 一般公共预算支出表 by economic subject (按经济分类).
    GeneralBudgetEconomic,
    /// 基本支出表 (一般公共预算财政拨款基本支出表): 人员经费 and 公用经费.
    BasicExpenditure,
    /// 项目支出表.
    ProjectExpenditure,
    /// “三公”经费支出表.
    ThreePublic,
    /// 政府性基金预算支出表.
    GovernmentFund,
    /// 国有资本经营预算支出表.
    StateCapital,
    /// 政府采购预算表.
    Procurement,
    /// 上级专项转移支付 (资金) 表.
    TransferPayment,
    /// 固定资产 / 国有资产占用情况表.
    FixedAssets,
    /// A list of projects with amounts (项目情况表, 重点项目, 绩效管理项目情况表).
    ProjectList,
}

impl TableKind {
    /// Every kind, in the order of the standard set of tables.
    pub const ALL: [TableKind; 18] = [
        TableKind::IncomeExpenditure,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalIncomeExpenditure,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetEconomic,
        TableKind::BasicExpenditure,
        TableKind::ProjectExpenditure,
        TableKind::ThreePublic,
        TableKind::GovernmentFund,
        TableKind::StateCapital,
        TableKind::Procurement,
        TableKind::TransferPayment,
        TableKind::FixedAssets,
        TableKind::ProjectList,
        TableKind::ProjectPerformance,
        TableKind::DepartmentPerformance,
        TableKind::Grid,
    ];

    /// A grid of figures (every kind but the two performance forms).
    pub fn is_grid(self) -> bool {
        !matches!(
            self,
            TableKind::ProjectPerformance | TableKind::DepartmentPerformance
        )
    }

    /// The stable name used in exports (`income_expenditure`, `grid`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Grid => "grid",
            TableKind::ProjectPerformance => "project_performance",
            TableKind::DepartmentPerformance => "department_performance",
            TableKind::IncomeExpenditure => "income_expenditure",
            TableKind::Income => "income",
            TableKind::Expenditure => "expenditure",
            TableKind::FiscalIncomeExpenditure => "fiscal_income_expenditure",
            TableKind::GeneralBudgetExpenditure => "general_budget_expenditure",
            TableKind::GeneralBudgetEconomic => "general_budget_economic",
            TableKind::BasicExpenditure => "basic_expenditure",
            TableKind::ProjectExpenditure => "project_expenditure",
            TableKind::ThreePublic => "three_public",
            TableKind::GovernmentFund => "government_fund",
            TableKind::StateCapital => "state_capital",
            TableKind::Procurement => "procurement",
            TableKind::TransferPayment => "transfer_payment",
            TableKind::FixedAssets => "fixed_assets",
            TableKind::ProjectList => "project_list",
        }
    }

    /// The usual Chinese name of the kind, for messages (`收支总表`).
    pub fn label_zh(self) -> &'static str {
        match self {
            TableKind::Grid => "表格",
            TableKind::ProjectPerformance => "项目支出绩效目标表",
            TableKind::DepartmentPerformance => "整体支出绩效目标表",
            TableKind::IncomeExpenditure => "收支总表",
            TableKind::Income => "收入总表",
            TableKind::Expenditure => "支出总表",
            TableKind::FiscalIncomeExpenditure => "财政拨款收支总表",
            TableKind::GeneralBudgetExpenditure => "一般公共预算支出表",
            TableKind::GeneralBudgetEconomic => "一般公共预算支出表（按经济分类）",
            TableKind::BasicExpenditure => "基本支出表",
            TableKind::ProjectExpenditure => "项目支出表",
            TableKind::ThreePublic => "“三公”经费支出表",
            TableKind::GovernmentFund => "政府性基金预算支出表",
            TableKind::StateCapital => "国有资本经营预算支出表",
            TableKind::Procurement => "政府采购预算表",
            TableKind::TransferPayment => "上级专项转移支付表",
            TableKind::FixedAssets => "固定资产占用情况表",
            TableKind::ProjectList => "项目情况表",
        }
    }
}

/// What a body row is in its side of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// A row with no children (a leaf of the hierarchy).
    #[default]
    Item,
    /// A row whose children add up to it: a 类 or 款 subject, a `小计`, a
    /// category (`一般性项目`), an enumerated heading row (`一、…`).
    Subtotal,
    /// A total of the whole side: `合计`, `总计`, `本年收入合计`, `收入总计`,
    /// the department's own row at the top of a table.
    Total,
    /// Nothing on this side of the row (an empty half of a two-sided table).
    Blank,
}

impl RowRole {
    /// A total or a subtotal: a row its children add up to.
    pub fn sums_children(self) -> bool {
        matches!(self, RowRole::Subtotal | RowRole::Total)
    }
}

/// The rows of a table as read through one label column: the row hierarchy.
/// A two-sided table (收支总表: 收入 on the left, 支出 on the right) has two
/// sides; every other grid has one. Each per-row column is as long as
/// [`Table::rows`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TableSide {
    /// `收入` or `支出` on a two-sided table; empty on a one-sided one.
    pub name: String,
    /// The column holding the row labels (科目名称, 项目, 项目名称).
    pub label_column: usize,
    /// Columns holding the subject code (科目编码), one or three (类 款 项).
    #[serde(default)]
    pub code_columns: Vec<usize>,
    /// Columns of figures (amounts) of this side.
    pub value_columns: Vec<usize>,
    /// Per body row: the index of its parent row, `None` at the top.
    pub parent: Parents,
    /// Per body row: item, subtotal, total or blank.
    pub role: Vec<RowRole>,
    /// Per body row: its classification code (`2040201`), from the code
    /// columns or, for a row that prints none, from a coded table of the same
    /// document that names the same subject; empty when unknown.
    #[serde(default)]
    pub code: RowCodes,
}

impl TableSide {
    /// The children of row `r`, in order (a scan of the rows: for many
    /// lookups, [`TableSide::children_index`]).
    pub fn children(&self, r: usize) -> impl Iterator<Item = usize> + '_ {
        self.parent
            .iter()
            .enumerate()
            .filter(move |(_, p)| *p == Some(r))
            .map(|(i, _)| i)
    }

    /// The children of every row, in order, in one pass.
    pub fn children_index(&self) -> Vec<Vec<usize>> {
        children_by(self.parent.iter())
    }
}

/// The children of every row given each row's parent, in order.
pub fn children_of(parent: &[Option<usize>]) -> Vec<Vec<usize>> {
    children_by(parent.iter().copied())
}

/// The children of every row given each row's parent in row order.
fn children_by(parent: impl ExactSizeIterator<Item = Option<usize>>) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); parent.len()];
    for (r, p) in parent.enumerate() {
        if let Some(children) = p.and_then(|p| out.get_mut(p)) {
            children.push(r);
        }
    }
    out
}

/// What the parser knows of a table beyond its cells: its row hierarchy and
/// the page furniture printed with it. One per table, in
/// [`Document::table_details`](crate::model::Document::table_details) (kept beside [`Table`] so that code building
/// tables field by field keeps compiling); the JSON export writes each one
/// into its table (`tables[i].sides`, `tables[i].furniture`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TableDetail {
    /// The row hierarchy: one side per label column (two on a 收支总表).
    pub sides: Box<[TableSide]>,
    /// Page furniture printed with the table (department, year and unit
    /// lines: `部门名称：…`, `预算年度：2024`, `312 秦皇岛市…`), each text once.
    pub furniture: Box<[TextLine]>,
}

/// A line of text as printed, with its line number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub line: LineNo,
    pub text: Box<str>,
}

/// A table, merged across pages: one header, body rows, cells as printed after repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Table {
    /// The title without its label, e.g. `收支预算总表`.
    pub title: String,
    /// The label as printed, e.g. `表.1`, `表 15-3`, `12、`; empty when there is none.
    #[serde(default)]
    pub label: String,
    /// The unit the table states (`单位：万元`); `None` when it states none.
    pub unit: Option<Unit>,
    /// Line of the title (or of the first row when there is no title).
    pub line: LineNo,
    #[serde(default)]
    pub end_line: LineNo,
    #[serde(default)]
    pub kind: TableKind,
    /// Header rows (possibly several), each as wide as the body rows.
    pub header: Grid,
    /// Body rows (cells as printed, text stored once: [`Grid`]).
    pub rows: Grid,
    /// Source line of each body row (same length as `rows`).
    #[serde(default)]
    pub row_lines: Vec<LineNo>,
    /// How many page segments were merged into this table.
    #[serde(default = "one")]
    pub pages: u32,
    /// Notes printed under the table (`注：…`).
    #[serde(default)]
    pub notes: Box<[String]>,
    /// Page of the title (or of the first row) (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
    /// Page of each body row (same length as `rows`; PDF only, else empty).
    #[serde(default, skip_serializing_if = "no_pages")]
    pub row_pages: Box<[PageNo]>,
}

fn one() -> u32 {
    1
}

fn no_pages(pages: &[PageNo]) -> bool {
    pages.is_empty()
}

impl Table {
    /// Number of columns (all rows are padded to this width).
    pub fn width(&self) -> usize {
        // (read from where the rows end, no row looked at)
        self.header.widest().max(self.rows.widest())
    }

    /// For each header row and each column, one past the last column the
    /// header cell there covers. A cell above the last header row spreads to
    /// the right over the empty cells beside it (a merged cell in the
    /// original), but never past a column where a row above starts a cell of
    /// its own: a merged cell stays inside its parent. Empty cells and cells
    /// of the last header row cover their own column only.
    pub fn header_spans(&self) -> Vec<Vec<usize>> {
        let width = self.width();
        let last = self.header.len().saturating_sub(1);
        // A row above starts a cell at this column.
        let mut parent_starts = vec![false; width];
        let mut spans = Vec::with_capacity(self.header.len());
        for (depth, row) in self.header.iter().enumerate() {
            // each cell looked at once: filled (not blank) or not
            let filled: Vec<bool> = (0..width)
                .map(|c| {
                    row.get(c)
                        .is_some_and(|s| !s.chars().all(char::is_whitespace))
                })
                .collect();
            let mut ends: Vec<usize> = (1..=width).collect();
            if depth < last {
                for (c, end) in ends.iter_mut().enumerate() {
                    if filled[c] {
                        *end = (c + 1..width)
                            .find(|&k| filled[k] || parent_starts[k])
                            .unwrap_or(width);
                    }
                }
            }
            for (starts, &filled) in parent_starts.iter_mut().zip(&filled) {
                *starts |= filled;
            }
            spans.push(ends);
        }
        spans
    }

    /// For each column, the header cells above it joined with ` / ` (merged
    /// header cells spread to the right as [`Table::header_spans`] says).
    pub fn column_paths(&self) -> Vec<String> {
        let width = self.width();
        // room for the longest path: the longest cell of each header row and a ` / `
        // (each path sized once, not grown a cell at a time)
        let room: usize = self
            .header
            .iter()
            .map(|row| row.iter().map(str::len).max().unwrap_or(0) + " / ".len())
            .sum();
        let mut paths: Vec<String> = (0..width).map(|_| String::with_capacity(room)).collect();
        // The spans of `header_spans` followed cell by cell, in one pass a
        // row: a cell above the last row covers the columns to its right up
        // to the next filled cell of its row or the next column where a row
        // above starts a cell (`parent_starts`).
        let mut parent_starts = vec![false; width];
        let last = self.header.len().saturating_sub(1);
        for (depth, row) in self.header.iter().enumerate() {
            let spreads = depth < last;
            let mut cells = row.iter();
            // the cell covering the column, if any
            let mut carry = "";
            for (path, starts) in paths.iter_mut().zip(&mut parent_starts) {
                let cell = cells.next().map_or("", str::trim);
                if !cell.is_empty() {
                    carry = cell;
                    *starts = true;
                } else if !spreads || *starts {
                    carry = "";
                }
                if !carry.is_empty() && !path.ends_with(carry) {
                    if !path.is_empty() {
                        path.push_str(" / ");
                    }
                    path.push_str(carry);
                }
                if !spreads {
                    carry = "";
                }
            }
        }
        paths
    }

    /// [`Table::column_paths`] made from [`Table::header_spans`] (its
    /// reference, for the tests).
    #[cfg(test)]
    fn column_paths_by_spans(&self) -> Vec<String> {
        let width = self.width();
        let mut paths: Vec<String> = vec![String::new(); width];
        let spans = self.header_spans();
        for (row, ends) in self.header.iter().zip(&spans) {
            // The cell covering each column, and where it stops.
            let mut carry: Option<(&str, usize)> = None;
            for (col, path) in paths.iter_mut().enumerate() {
                let cell = row.get(col).map(|s| s.trim()).unwrap_or("");
                if !cell.is_empty() {
                    carry = Some((cell, ends.get(col).copied().unwrap_or(col + 1)));
                }
                let text = match carry {
                    Some((text, end)) if col < end => text,
                    _ => "",
                };
                if !text.is_empty() && !path.ends_with(text) {
                    if !path.is_empty() {
                        path.push_str(" / ");
                    }
                    path.push_str(text);
                }
            }
        }
        paths
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    fn header(rows: &[&[&str]]) -> Table {
        Table {
            header: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            ..Table::default()
        }
    }

    proptest::proptest! {
        #[test]
        fn column_paths_follow_the_header_spans(
            rows in proptest::collection::vec(
                proptest::collection::vec("[ab 　]{0,2}", 0..6),
                0..4,
            )
        ) {
            let rows: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
            let t = Table {
                header: rows.iter().map(|r| r.to_vec()).collect(),
                ..Table::default()
            };
            proptest::prop_assert_eq!(t.column_paths(), t.column_paths_by_spans());
        }
    }

    #[test]
    fn merged_header_cells_stay_inside_their_parent() {
        // 罗湖 2020 表.5: 政府性基金预算拨款 must not spread under 事业收入.
        let t = header(&[
            &[
                "预算单位",
                "总计",
                "财政预算拨款",
                "",
                "",
                "",
                "",
                "",
                "事业收入",
                "其他收入",
            ],
            &[
                "",
                "",
                "小计",
                "一般公共预算拨款",
                "",
                "",
                "",
                "政府性基金预算拨款",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "小计",
                "一般性经费拨款",
                "财政专项资金拨款",
                "政府投资项目拨款",
                "",
                "",
                "",
            ],
        ]);
        let paths = t.column_paths();
        assert_eq!(paths, t.column_paths_by_spans());
        assert_eq!(paths[8], "事业收入");
        assert_eq!(paths[9], "其他收入");
        assert_eq!(paths[7], "财政预算拨款 / 政府性基金预算拨款");
        assert_eq!(paths[3], "财政预算拨款 / 一般公共预算拨款 / 小计");
        assert_eq!(
            paths[6],
            "财政预算拨款 / 一般公共预算拨款 / 政府投资项目拨款"
        );
        assert_eq!(t.header_spans()[0][2], 8);
        assert_eq!(t.header_spans()[1][3], 7);
        assert_eq!(t.header_spans()[1][7], 8);
    }
}
