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
mod grid_cells;
mod indicator;
mod money;
mod place;
mod project;
mod side_rows;
mod table;

pub use grid::{Grid, GridBuilder, GridRow, GridRows};
pub use grid_cells::GridCells;
pub use indicator::{CellsPlace, Indicator, IndicatorTexts};
pub use money::{Amount, Unit, group_thousands};
pub use place::{LineNo, PageNo};
pub use project::{Project, ProjectRole, ProjectSource, SourceKind};
use serde::{Deserialize, Serialize};
pub use side_rows::{Parents, RowCodes};
pub use table::{RowRole, Table, TableDetail, TableKind, TableSide, TextLine, children_of};

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
    #[serde(flatten, with = "money::wire::total_amount")]
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
