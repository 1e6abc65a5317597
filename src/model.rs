//! The document model: plain serde types that the parser produces and every
//! consumer (export, search, the terminal explorer) reads.
//!
//! Domain words, one line each:
//! - 部门预算 (department budget), 部门决算 (final accounts), 绩效目标 / 绩效文本 (performance targets).
//! - 万元: ten thousand yuan, the usual unit of every amount; 元: one yuan.
//! - 项目 (project): a spending item with a name, an amount and sometimes a code (项目编码).
//! - 一级指标 / 二级指标 / 三级指标: the three levels of a performance indicator
//!   (e.g. 产出指标 → 数量指标 → "建设数量"), with a target value (指标值) and its basis (确定依据).
//! - 整体支出绩效目标: the department-wide performance targets, kept at document level.
//!
//! Amounts are `rust_decimal::Decimal`, serialized as decimal strings; never floats.
//! Every element keeps the 1-based line number of the original file it came from; for a PDF,
//! the line of the text the parser produced from it (one line per paragraph, table caption
//! line and table row, in reading order: what the prose view shows) and the 1-based page it
//! stands on (`page`, absent for text documents).

mod grid;
mod indicator;
mod place;

pub use grid::{Grid, GridCells, GridRow, GridRows};
pub use indicator::{Indicator, IndicatorTexts};
pub use place::{LineNo, PageNo};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A unit of money as budget documents print it: 元 (yuan), 千元, 万元 (ten
/// thousand yuan, the usual unit), 百万元, 亿元 (a hundred million yuan).
/// Serialized as the Chinese word (`"万元"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// 元
    Yuan,
    /// 千元 (10³ 元)
    ThousandYuan,
    /// 万元 (10⁴ 元)
    Wan,
    /// 百万元 (10⁶ 元)
    MillionYuan,
    /// 亿元 (10⁸ 元)
    Yi,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Yuan,
        Unit::ThousandYuan,
        Unit::Wan,
        Unit::MillionYuan,
        Unit::Yi,
    ];

    /// The word as printed: `元`, `千元`, `万元`, `百万元`, `亿元`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::ThousandYuan => "千元",
            Unit::Wan => "万元",
            Unit::MillionYuan => "百万元",
            Unit::Yi => "亿元",
        }
    }

    /// How many 元 one unit is, as a power of ten (万元 → 4).
    pub fn exponent(self) -> u32 {
        match self {
            Unit::Yuan => 0,
            Unit::ThousandYuan => 3,
            Unit::Wan => 4,
            Unit::MillionYuan => 6,
            Unit::Yi => 8,
        }
    }

    /// How many 元 one unit is (万元 → 10000).
    pub fn factor(self) -> Decimal {
        Decimal::from(10i64.pow(self.exponent()))
    }

    /// Every way a unit is printed after a number, longest first: the five
    /// words, then `万` and `亿` alone (`300万`).
    pub const PRINTED: [(&'static str, Unit); 7] = [
        ("百万元", Unit::MillionYuan),
        ("亿元", Unit::Yi),
        ("万元", Unit::Wan),
        ("千元", Unit::ThousandYuan),
        ("元", Unit::Yuan),
        ("万", Unit::Wan),
        ("亿", Unit::Yi),
    ];

    /// The unit a word names: one of [`Unit::PRINTED`].
    pub fn from_word(word: &str) -> Option<Unit> {
        Unit::PRINTED
            .iter()
            .find(|(printed, _)| *printed == word)
            .map(|&(_, unit)| unit)
    }

    /// A unit printed without its `元` (`万`, `亿`): money only when nothing
    /// else follows.
    pub fn is_bare(printed: &str) -> bool {
        !printed.ends_with(Unit::Yuan.as_str())
    }

    /// `value` (in `self`) converted exactly to `to`: the decimal point moves,
    /// zeros the move adds at the end are dropped again down to the printed
    /// scale (`48000000` 元 → `4800` 万元, `4800.00` 元 → `0.48` 万元). `None`
    /// on overflow.
    pub fn convert(self, value: Decimal, to: Unit) -> Option<Decimal> {
        let (from, to) = (self.exponent(), to.exponent());
        if from >= to {
            shift_point_right(value, from - to)
        } else {
            shift_point_left(value, to - from)
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let word = String::deserialize(d)?;
        Unit::from_word(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown unit {word:?}")))
    }
}

/// `d / 10^by`, exactly when the result fits in 28 decimals.
fn shift_point_left(d: Decimal, by: u32) -> Option<Decimal> {
    let printed_scale = d.scale();
    let mut mantissa = d.mantissa();
    let mut scale = printed_scale + by;
    // Drop the zeros the shift added, never below the printed scale.
    while scale > printed_scale && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    // Too many decimals: drop more trailing zeros, then round as a last resort.
    while scale > Decimal::MAX_SCALE && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if scale > Decimal::MAX_SCALE {
        return d.checked_div(Decimal::from(10i64.pow(by)));
    }
    let mut out = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    if out.is_zero() {
        out.set_sign_negative(false);
    }
    Some(out)
}

/// `d × 10^by`, exactly: first lowering the scale, then multiplying.
fn shift_point_right(d: Decimal, by: u32) -> Option<Decimal> {
    let scale = d.scale();
    let mut mantissa = d.mantissa();
    let new_scale = scale.saturating_sub(by);
    let multiply = by - (scale - new_scale);
    for _ in 0..multiply {
        mantissa = mantissa.checked_mul(10)?;
    }
    Decimal::try_from_i128_with_scale(mantissa, new_scale).ok()
}

/// A figure of money: its exact value in the unit it is printed in, that unit,
/// and the text as printed. Made by the parse core's one parser of printed
/// figures (`parse::amount`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    /// The value in `unit`, with the printed scale (`397.10` keeps two decimals).
    pub value: Decimal,
    /// The unit the figure is printed in; `None` when the document states none.
    pub unit: Option<Unit>,
    /// The figure as printed (`4,800.00`, `(12.5)`, `48,000,000`), trimmed.
    pub printed: String,
}

impl Amount {
    /// The value converted exactly to `to`; `None` when the unit is unknown or
    /// the conversion overflows.
    pub fn convert(&self, to: Unit) -> Option<Decimal> {
        self.unit?.convert(self.value, to)
    }

    /// The value in 万元; a figure with no unit stated is taken as 万元, the
    /// usual unit of these documents.
    pub fn in_wan(&self) -> Option<Decimal> {
        self.unit
            .unwrap_or(Unit::Wan)
            .convert(self.value, Unit::Wan)
    }

    /// The same figure with the unit it is assumed to be in when none is stated.
    pub fn or_unit(mut self, unit: Unit) -> Amount {
        self.unit.get_or_insert(unit);
        self
    }
}

/// What kind of disclosure a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 部门预算
    Budget,
    /// 部门决算
    FinalAccounts,
    /// 绩效文本 / 绩效目标
    Performance,
    #[default]
    Other,
}

impl DocKind {
    /// The stable name used in exports (`budget`, `final_accounts`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Budget => "budget",
            DocKind::FinalAccounts => "final_accounts",
            DocKind::Performance => "performance",
            DocKind::Other => "other",
        }
    }

    /// The Chinese name a reader expects to see.
    pub fn label_zh(self) -> &'static str {
        match self {
            DocKind::Budget => "预算",
            DocKind::FinalAccounts => "决算",
            DocKind::Performance => "绩效",
            DocKind::Other => "其他",
        }
    }
}

/// One parsed disclosure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// The path as given (or found while walking a folder).
    pub path: String,
    /// The title as printed (lines joined), e.g. `2020 年深圳市公安局罗湖分局（本级） 部门预算`.
    pub title: String,
    /// The department (部门 / 单位), e.g. `深圳市公安局罗湖分局`.
    pub department: Option<String>,
    pub year: Option<u16>,
    pub kind: DocKind,
    /// The outline: top-level sections, each with nested children.
    pub sections: Vec<Section>,
    /// Content that comes before the first heading (title page, tables without a heading).
    #[serde(default)]
    pub preamble: Vec<Content>,
    pub tables: Vec<Table>,
    /// Per table (same length as `tables`): row hierarchy and page furniture.
    #[serde(default)]
    pub table_details: Vec<TableDetail>,
    pub projects: Vec<Project>,
    /// Department-wide indicators (整体支出绩效目标表, 部门整体绩效目标).
    pub indicators: Vec<Indicator>,
    pub warnings: Vec<Warning>,
    /// The document's total budget in 万元 (收入总计 / 支出总计 or the first summary figure).
    #[serde(default)]
    pub total: Option<Total>,
    /// Text encoding the file was read in (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    #[serde(default)]
    pub encoding: String,
    /// Number of lines in the original file (for a PDF: of the text produced from it).
    #[serde(default)]
    pub line_count: u32,
    /// Number of pages of a PDF; `None` for a text document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_count: Option<PageNo>,
}

/// A headline figure of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Total {
    /// The figure (`145,863.63` 万元). Exported as `amount` (in 万元),
    /// `printed`, and `unit` when it is not 万元.
    #[serde(flatten, with = "wire::total_amount")]
    pub amount: Amount,
    /// Where it came from, e.g. `支出总计`.
    pub label: String,
    pub line: LineNo,
}

/// A heading of the outline with what it contains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Section {
    /// The heading text without its number, e.g. `部门概况`.
    pub title: String,
    /// The numbering as printed, e.g. `第一部分`, `一、`, `（二）`, `1.`; empty for unnumbered headings.
    #[serde(default)]
    pub number: String,
    /// Depth in the outline, 1 = top level.
    pub level: u8,
    pub line: LineNo,
    /// Last line that belongs to this section (including its children).
    #[serde(default)]
    pub end_line: LineNo,
    #[serde(default)]
    pub kind: SectionKind,
    pub children: Vec<Section>,
    /// Paragraphs, tables and projects directly under this heading, in document order.
    #[serde(default)]
    pub content: Vec<Content>,
    /// Page of the heading (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    #[default]
    Heading,
    /// The table of contents (目录): its entries are kept as paragraphs, not as headings.
    Contents,
}

/// One item of a section's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Content {
    Paragraph {
        line: LineNo,
        text: String,
    },
    /// Index into [`Document::tables`].
    Table {
        index: usize,
    },
    /// Index into [`Document::projects`]: a project performance table (项目支出绩效目标表).
    Project {
        index: usize,
    },
}

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
/// sides; every other grid has one. Each per-row vector is as long as
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
    pub parent: Vec<Option<usize>>,
    /// Per body row: item, subtotal, total or blank.
    pub role: Vec<RowRole>,
    /// Per body row: its classification code (`2040201`), from the code
    /// columns or, for a row that prints none, from a coded table of the same
    /// document that names the same subject; empty when unknown.
    #[serde(default)]
    pub code: Vec<String>,
}

impl TableSide {
    /// The children of row `r`, in order (a scan of the rows: for many
    /// lookups, [`TableSide::children_index`]).
    pub fn children(&self, r: usize) -> impl Iterator<Item = usize> + '_ {
        self.parent
            .iter()
            .enumerate()
            .filter(move |(_, p)| **p == Some(r))
            .map(|(i, _)| i)
    }

    /// The children of every row, in order, in one pass.
    pub fn children_index(&self) -> Vec<Vec<usize>> {
        children_of(&self.parent)
    }
}

/// The children of every row given each row's parent, in order.
pub fn children_of(parent: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); parent.len()];
    for (r, p) in parent.iter().enumerate() {
        if let Some(children) = p.and_then(|p| out.get_mut(p)) {
            children.push(r);
        }
    }
    out
}

/// What the parser knows of a table beyond its cells: its row hierarchy and
/// the page furniture printed with it. One per table, in
/// [`Document::table_details`] (kept beside [`Table`] so that code building
/// tables field by field keeps compiling); the JSON export writes each one
/// into its table (`tables[i].sides`, `tables[i].furniture`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TableDetail {
    /// The row hierarchy: one side per label column (two on a 收支总表).
    pub sides: Vec<TableSide>,
    /// Page furniture printed with the table (department, year and unit
    /// lines: `部门名称：…`, `预算年度：2024`, `312 秦皇岛市…`), each text once.
    pub furniture: Vec<TextLine>,
}

/// A line of text as printed, with its line number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub line: LineNo,
    pub text: String,
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
    pub notes: Vec<String>,
    /// Page of the title (or of the first row) (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
    /// Page of each body row (same length as `rows`; PDF only, else empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row_pages: Vec<PageNo>,
}

fn one() -> u32 {
    1
}

impl Table {
    /// Number of columns (all rows are padded to this width).
    pub fn width(&self) -> usize {
        self.header
            .iter()
            .chain(self.rows.iter())
            .map(|r| r.len())
            .max()
            .unwrap_or(0)
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
            let filled = |c: usize| {
                row.get(c)
                    .is_some_and(|s| !s.chars().all(char::is_whitespace))
            };
            let mut ends: Vec<usize> = (1..=width).collect();
            if depth < last {
                for (c, end) in ends.iter_mut().enumerate() {
                    if filled(c) {
                        *end = (c + 1..width)
                            .find(|&k| filled(k) || parent_starts[k])
                            .unwrap_or(width);
                    }
                }
            }
            for (c, starts) in parent_starts.iter_mut().enumerate() {
                *starts |= filled(c);
            }
            spans.push(ends);
        }
        spans
    }

    /// For each column, the header cells above it joined with ` / ` (merged
    /// header cells spread to the right as [`Table::header_spans`] says).
    pub fn column_paths(&self) -> Vec<String> {
        let width = self.width();
        let mut paths = vec![String::new(); width];
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
                    Some((text, end)) if col < end => text.to_string(),
                    _ => String::new(),
                };
                if !text.is_empty() && !path.ends_with(&text) {
                    if !path.is_empty() {
                        path.push_str(" / ");
                    }
                    path.push_str(&text);
                }
            }
        }
        paths
    }
}

/// Where a project was mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A per-project performance target table.
    PerformanceTable,
    /// A row of a project expenditure / project list / key-project table.
    ProjectTable,
    /// A row of a government procurement table (政府采购).
    Procurement,
    /// A sentence of prose.
    Prose,
}

/// One mention of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSource {
    pub kind: SourceKind,
    pub line: LineNo,
    /// Index into [`Document::tables`] when the mention is in a table.
    pub table: Option<usize>,
    /// Body row index within that table.
    pub row: Option<usize>,
    /// The amount this mention states. Exported as `amount` (in 万元),
    /// `printed` and `unit` (the unit `printed` is in).
    #[serde(flatten, with = "wire::source_amount")]
    pub amount: Option<Amount>,
    /// Page of the mention (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
}

/// A project (项目) with everything the document says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Project {
    pub name: String,
    /// The amount as printed by the source it was taken from. Exported as
    /// `amount` (in 万元, converted exactly from 元 when the document uses 元),
    /// `amount_printed` and `amount_unit` (the unit `amount_printed` is in).
    #[serde(flatten, with = "wire::project_amount")]
    pub amount: Option<Amount>,
    /// 项目编码 (or the classification code a table gives in its place).
    pub code: Option<String>,
    /// First mention.
    pub line: LineNo,
    pub indicators: Vec<Indicator>,
    /// The goal text (绩效目标), one entry per printed goal line.
    #[serde(default)]
    pub goals: Vec<String>,
    /// What the money is for (资金用途 / 预算规模及资金用途).
    #[serde(default)]
    pub purpose: Option<String>,
    /// Index of the project's performance table, if it has one.
    #[serde(default)]
    pub table: Option<usize>,
    /// Every place the document mentions this project.
    #[serde(default)]
    pub sources: Vec<ProjectSource>,
    /// A project, a category of projects, or a subtotal row that is no project.
    #[serde(default)]
    pub role: ProjectRole,
    /// Index (into [`Document::projects`]) of the category this project belongs to.
    #[serde(default)]
    pub parent: Option<usize>,
    /// Page of the first mention (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
}

/// What an entry of [`Document::projects`] is: the leaf projects (`item`) are
/// the ones whose amounts add up to the project expenditure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProjectRole {
    /// A project.
    #[default]
    Item,
    /// A category whose projects are listed too (`公安证照制发` → `第二代居民身份证…`).
    Category,
    /// A subtotal row of a project table that names no project (`一般性项目`).
    Subtotal,
}

/// Something the parser could not place or had to guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line (1 for what concerns the whole file, e.g. an empty file).
    pub line: LineNo,
    pub message: String,
    /// Page the warning concerns (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
}

impl Document {
    /// Visit every section depth-first, with its path of ancestor indices.
    pub fn walk_sections<'a>(&'a self, mut f: impl FnMut(&[usize], &'a Section)) {
        fn go<'a>(
            secs: &'a [Section],
            path: &mut Vec<usize>,
            f: &mut impl FnMut(&[usize], &'a Section),
        ) {
            for (i, s) in secs.iter().enumerate() {
                path.push(i);
                f(path, s);
                go(&s.children, path, f);
                path.pop();
            }
        }
        go(&self.sections, &mut Vec::new(), &mut f);
    }

    /// Number of sections in the whole outline.
    pub fn section_count(&self) -> usize {
        let mut n = 0;
        self.walk_sections(|_, _| n += 1);
        n
    }
}

/// How amounts are written in exports: the value in 万元 beside the figure as
/// printed and its unit, under the field names the export schema has always
/// had. Reading them back gives the same amount (the value converted back
/// from 万元 exactly).
mod wire {
    use super::{Amount, Unit};
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The amount from its 万元 value, its printed text and its unit.
    fn amount(wan: Option<Decimal>, printed: Option<String>, unit: Option<Unit>) -> Option<Amount> {
        let (wan, printed) = (wan?, printed?);
        let value = match unit {
            Some(u) => Unit::Wan.convert(wan, u)?,
            None => wan,
        };
        Some(Amount {
            value,
            unit,
            printed,
        })
    }

    pub mod project_amount {
        use super::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Option<Decimal>,
            #[serde(default)]
            amount_printed: Option<String>,
            #[serde(default)]
            amount_unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Option<Amount>, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.as_ref().and_then(Amount::in_wan),
                amount_printed: a.as_ref().map(|a| a.printed.clone()),
                amount_unit: a.as_ref().and_then(|a| a.unit),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
            let f = Fields::deserialize(d)?;
            Ok(amount(f.amount, f.amount_printed, f.amount_unit))
        }
    }

    pub mod source_amount {
        use super::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Option<Decimal>,
            printed: Option<String>,
            unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Option<Amount>, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.as_ref().and_then(Amount::in_wan),
                printed: a.as_ref().map(|a| a.printed.clone()),
                unit: a.as_ref().and_then(|a| a.unit),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
            let f = Fields::deserialize(d)?;
            Ok(amount(f.amount, f.printed, f.unit))
        }
    }

    pub mod total_amount {
        use super::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Decimal,
            printed: String,
            /// Stated when the figure is not printed in 万元.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Amount, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.in_wan().unwrap_or(a.value),
                printed: a.printed.clone(),
                unit: a.unit.filter(|u| *u != Unit::Wan),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
            let f = Fields::deserialize(d)?;
            let unit = f.unit.unwrap_or(Unit::Wan);
            amount(Some(f.amount), Some(f.printed), Some(unit))
                .ok_or_else(|| serde::de::Error::custom("total out of range"))
        }
    }
}

/// Format a decimal string with thousands separators (`11262.73` → `11,262.73`).
/// Anything that is not a plain number is returned unchanged.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
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
