//! Projects (项目): spending items with a name, an amount, a code (项目编码)
//! and performance indicators (绩效指标), and every place a document mentions
//! each.

use serde::{Deserialize, Serialize};

use super::indicator::Indicator;
use super::money::Amount;
use super::place::{LineNo, PageNo};

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
    /// Index into [`Document::tables`](crate::model::Document::tables) when the mention is in a table.
    pub table: Option<usize>,
    /// Body row index within that table.
    pub row: Option<usize>,
    /// The amount this mention states. Exported as `amount` (in 万元),
    /// `printed` and `unit` (the unit `printed` is in).
    #[serde(flatten, with = "super::money::wire::source_amount")]
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
    #[serde(flatten, with = "super::money::wire::project_amount")]
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
    /// Index (into [`Document::projects`](crate::model::Document::projects)) of the category this project belongs to.
    #[serde(default)]
    pub parent: Option<usize>,
    /// Page of the first mention (PDF only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageNo>,
}

/// What an entry of [`Document::projects`](crate::model::Document::projects) is: the leaf projects (`item`) are
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
