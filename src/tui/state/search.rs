//! The search in the explorer: the open prompt, the results `n` / `N` walk
//! through after a jump, where to go back to, and what a search request and
//! its answer carry between the UI and the search thread.

use super::docs::{TreeState, ViewPos};
use super::focus::Focus;
use crate::model::Amount;

/// Most results a search returns.
pub const LIMIT: usize = 500;

/// Where a result is inside its document (the search engine's location).
pub use crate::search::index::Location as Target;

/// What a result is, for its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundKind {
    Project,
    Row,
    Indicator,
    Section,
    Amount,
    Table,
    Text,
}

impl FoundKind {
    /// Every kind, in the order the help's legend lists them.
    pub const ALL: [FoundKind; 7] = [
        FoundKind::Project,
        FoundKind::Table,
        FoundKind::Row,
        FoundKind::Amount,
        FoundKind::Indicator,
        FoundKind::Section,
        FoundKind::Text,
    ];

    /// One CJK character (2 cells) before the result's text.
    pub fn marker(self) -> &'static str {
        match self {
            FoundKind::Project => "项",
            FoundKind::Row => "行",
            FoundKind::Indicator => "标",
            FoundKind::Section => "节",
            FoundKind::Amount => "数",
            FoundKind::Table => "表",
            FoundKind::Text => "文",
        }
    }

    /// What the marker stands for (`project`, `table row`, …).
    pub fn name(self) -> &'static str {
        match self {
            FoundKind::Project => "project",
            FoundKind::Row => "table row",
            FoundKind::Indicator => "indicator",
            FoundKind::Section => "section",
            FoundKind::Amount => "figure",
            FoundKind::Table => "table",
            FoundKind::Text => "text",
        }
    }
}

/// One search result, as the explorer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into the explorer's documents.
    pub doc: usize,
    pub kind: FoundKind,
    /// The matched text (name, label, title), unsanitized.
    pub text: String,
    /// Char indices into `text` of the matched characters.
    pub matched: Vec<usize>,
    /// The figure exactly as printed, with its unit.
    pub amount: Option<Amount>,
    pub target: Target,
    pub line: u32,
    /// Where: table (and column), project and indicator levels, sections.
    pub context: String,
    /// Year and short department (`2024 秦皇岛开发区`).
    pub label: String,
}

/// A search to run off the UI thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// A search's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDone {
    pub generation: u64,
    pub query: String,
    pub results: Vec<Found>,
}

/// A figure `y` copies at a place that does not show it as a cell (a jump
/// to a figure of a project's own table lands on the project).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    pub doc: usize,
    pub node: usize,
    pub item: usize,
    /// The figure as printed, with its unit.
    pub amount: Amount,
}

/// Where the user was before a search (Esc after a jump returns there).
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub doc: Option<usize>,
    pub tree: Option<TreeState>,
    pub view: Option<(usize, ViewPos)>,
    pub focus: Focus,
    pub zoom: bool,
}

/// The open search prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub query: String,
    /// Results of the last finished search (for `searched`).
    pub results: Vec<Found>,
    pub searched: String,
    /// Highlighted result and first result shown.
    pub selected: usize,
    pub offset: usize,
    /// Generation of the newest request; older answers are dropped.
    pub generation: u64,
    /// A search for `query` is running.
    pub pending: bool,
    pub origin: Origin,
}

/// The results `n` / `N` walk through after a jump.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub query: String,
    pub items: Vec<Found>,
    pub current: usize,
    pub generation: u64,
}

/// What the search keeps while the prompt is closed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    /// The last search's results, for `n` / `N` after a jump.
    pub results: Results,
    /// Where the user was before jumping to a result (Esc goes back).
    pub jump_back: Option<Origin>,
    /// The figure of the last jump, when the place does not show it as a cell.
    pub pinned: Option<Pinned>,
    /// Generation counter of search requests.
    pub generation: u64,
    /// A jump to a result whose document is being read (done when it is).
    pub pending: Option<Found>,
}
