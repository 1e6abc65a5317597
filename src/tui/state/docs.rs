//! The documents the explorer holds: each one loading, failed, or ready with
//! what was derived from it once (its tree, its tables' layouts, its
//! checks' findings) and, per
//! document, the tree pane's and the main view's positions.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{DocKind, Document, Total};
use crate::search::Summary;

use super::super::document::checks::Checks;
use super::super::document::doc_tree::{self, Node, NodeKind};
use super::super::document::layouts::Layouts;
use super::grid::GridState;

/// Document index, tree node, width: what the main view's lines depend on.
pub type LinesKey = (usize, usize, u16);

/// Scroll and cursor position of the main view for one tree node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ViewPos {
    /// First line shown (prose, summary, indicators).
    pub scroll: usize,
    /// Cell cursor (tables).
    pub row: usize,
    pub col: usize,
    /// First body row shown.
    pub row_off: usize,
    /// First scrolling (non-frozen) column shown.
    pub col_off: usize,
    /// Selected item of a view of lines (a project's amount, an indicator):
    /// index into the items of the view's lines (`Rendered::items`).
    pub item: usize,
    /// Selected figure of a section's text (index into `Rendered::figures`).
    pub figure: Option<usize>,
}

/// The tree pane of one document: expansion, selection, scroll.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeState {
    pub expanded: Vec<bool>,
    /// Selected node index (into `Ready::nodes`).
    pub selected: usize,
    /// First visible row of the tree pane.
    pub offset: usize,
}

/// A parsed document with what the views derive from it once.
#[derive(Debug, Clone)]
pub struct Ready {
    /// Shared with the search index.
    pub doc: Arc<Document>,
    pub nodes: Vec<Node>,
    /// One per `doc.tables`, made when first shown ([`Layouts::get`]).
    pub layouts: Layouts,
    /// What the list shows and sorts by.
    pub brief: Brief,
    /// The budget checks' findings (run with parsing, on the loader).
    pub checks: Checks,
    pub tree: TreeState,
    /// Main-view position per tree node, kept while you browse.
    pub views: HashMap<usize, ViewPos>,
    /// Sort, filter, marks and widths per table (by index into `doc.tables`).
    pub grids: HashMap<usize, GridState>,
}

impl Ready {
    /// Run the checks, derive the tree and table layouts (call on a
    /// worker thread).
    pub fn new(doc: Document) -> Ready {
        let checks = Checks::run(&doc);
        let nodes = doc_tree::build(&doc);
        let layouts = Layouts::new(&doc);
        let mut brief = Brief::of(&Summary::brief_of(&doc));
        brief.checks = checks.checked.then_some(checks.counts);
        let expanded = doc_tree::default_expanded(&nodes);
        Ready {
            doc: Arc::new(doc),
            nodes,
            layouts,
            brief,
            checks,
            tree: TreeState {
                expanded,
                selected: 0,
                offset: 0,
            },
            views: HashMap::new(),
            grids: HashMap::new(),
        }
    }

    pub fn selected_node(&self) -> Option<&Node> {
        self.nodes.get(self.tree.selected)
    }

    /// Node `node`'s label, made from the model ([`doc_tree::label`]).
    pub fn label(&self, node: usize) -> String {
        doc_tree::label(&self.doc, &self.checks, &self.nodes, node)
    }

    /// The nodes the tree shows, in order.
    pub fn visible(&self) -> Vec<usize> {
        doc_tree::visible(&self.nodes, &self.tree.expanded)
    }

    /// The main view's position at the selected node.
    pub fn pos(&self) -> ViewPos {
        self.views
            .get(&self.tree.selected)
            .copied()
            .unwrap_or_default()
    }

    pub fn pos_mut(&mut self) -> &mut ViewPos {
        self.views.entry(self.tree.selected).or_default()
    }

    pub fn selected_kind(&self) -> NodeKind {
        self.selected_node()
            .map(|n| n.kind)
            .unwrap_or(NodeKind::Root)
    }
}

/// What the document list shows of a document and sorts it by: known as
/// soon as it is indexed, before its model is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub department: Option<String>,
    pub year: Option<u16>,
    pub kind: DocKind,
    pub total: Option<Total>,
    /// Number of warnings.
    pub warnings: usize,
    /// Department in pinyin (for sorting), or the file name.
    pub sort_key: String,
    /// The checks' errors, rounding differences and warnings, when known.
    pub checks: Option<(usize, usize, usize)>,
}

impl Brief {
    pub fn of(s: &Summary) -> Brief {
        Brief {
            department: s.department.clone(),
            year: s.year,
            kind: s.kind,
            total: s.total.clone(),
            warnings: s.warnings,
            sort_key: sort_key(s.department.as_deref(), &s.path),
            checks: s.checks,
        }
    }
}

fn sort_key(department: Option<&str>, path: &str) -> String {
    use pinyin::ToPinyin;
    let name = department
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| doc_tree::file_name(path));
    let mut key = String::with_capacity(name.len() * 2);
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => key.push_str(p.plain()),
            None => key.extend(c.to_lowercase()),
        }
        key.push(' ');
    }
    key
}

/// Where a document is in its life.
#[derive(Debug, Clone)]
pub enum DocState {
    Loading,
    Failed(String),
    /// Listed and searchable; its model is read when it is shown (large
    /// folders keep only the documents shown in memory).
    Listed(Box<Brief>),
    Ready(Box<Ready>),
}

/// One line of the document list.
#[derive(Debug, Clone)]
pub struct DocEntry {
    /// The path as given or found (relative paths stay relative).
    pub path: String,
    pub state: DocState,
}

impl DocEntry {
    /// What the list shows, once the document is listed or ready.
    pub fn brief(&self) -> Option<&Brief> {
        match &self.state {
            DocState::Listed(b) => Some(b),
            DocState::Ready(r) => Some(&r.brief),
            _ => None,
        }
    }

    pub fn ready(&self) -> Option<&Ready> {
        match &self.state {
            DocState::Ready(r) => Some(r),
            _ => None,
        }
    }

    pub fn ready_mut(&mut self) -> Option<&mut Ready> {
        match &mut self.state {
            DocState::Ready(r) => Some(r),
            _ => None,
        }
    }
}

/// Loading progress for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Still walking the folders.
    pub scanning: bool,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn finished(&self) -> bool {
        !self.scanning && self.done >= self.total
    }
}
