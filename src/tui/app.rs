//! The explorer's state. Views read it; only [`super::update`] changes it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::config::YankConfig;
use crate::model::Document;

use super::find::{Origin, Pinned, Prompt, Results, SearchRequest};
use super::yank::CopyRequest;

use super::keymap::Keymap;
use super::outline::{self, Node, NodeKind};
use super::theme::Theme;
use super::views::Rendered;
use super::views::grid::TableLayout;

/// Document index, tree node, width.
pub type LinesKey = (usize, usize, u16);

/// A one-entry memo of the main view's lines. Only loaded documents are
/// cached, and they never change, so the key is enough.
#[derive(Debug, Clone, Default)]
pub struct LinesCache(RefCell<Option<(LinesKey, Arc<Rendered>)>>);

impl LinesCache {
    pub fn get(&self, key: LinesKey) -> Option<Arc<Rendered>> {
        match &*self.0.borrow() {
            Some((k, v)) if *k == key => Some(Arc::clone(v)),
            _ => None,
        }
    }

    pub fn put(&self, key: LinesKey, lines: Arc<Rendered>) {
        *self.0.borrow_mut() = Some((key, lines));
    }
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Tree,
    Main,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::List => Focus::Tree,
            Focus::Tree => Focus::Main,
            Focus::Main => Focus::List,
        }
    }
    pub fn prev(self) -> Focus {
        match self {
            Focus::List => Focus::Main,
            Focus::Tree => Focus::List,
            Focus::Main => Focus::Tree,
        }
    }
}

/// How the document list is ordered (`s` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortMode {
    /// Department, then year (the default).
    #[default]
    Department,
    /// Year (newest first), then department.
    Year,
    /// Total budget, largest first.
    Total,
    /// Most warnings first.
    Warnings,
    /// File path.
    Path,
}

impl SortMode {
    pub fn next(self) -> SortMode {
        match self {
            SortMode::Department => SortMode::Year,
            SortMode::Year => SortMode::Total,
            SortMode::Total => SortMode::Warnings,
            SortMode::Warnings => SortMode::Path,
            SortMode::Path => SortMode::Department,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SortMode::Department => "by department",
            SortMode::Year => "by year",
            SortMode::Total => "by total",
            SortMode::Warnings => "by warnings",
            SortMode::Path => "by file",
        }
    }
}

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
    /// index into [`Rendered::items`].
    pub item: usize,
}

/// Expansion and selection of one document's tree.
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
    /// One per `doc.tables`.
    pub layouts: Vec<TableLayout>,
    /// Department in pinyin (for sorting), or the file name.
    pub sort_key: String,
    pub tree: TreeState,
    /// Main-view position per tree node, kept while you browse.
    pub views: HashMap<usize, ViewPos>,
}

impl Ready {
    /// Derive the tree and table layouts (call on a worker thread).
    pub fn new(doc: Document) -> Ready {
        let nodes = outline::build(&doc);
        let layouts = doc.tables.iter().map(TableLayout::compute).collect();
        let sort_key = sort_key(&doc);
        let expanded = outline::default_expanded(&nodes);
        Ready {
            doc: Arc::new(doc),
            nodes,
            layouts,
            sort_key,
            tree: TreeState {
                expanded,
                selected: 0,
                offset: 0,
            },
            views: HashMap::new(),
        }
    }

    pub fn selected_node(&self) -> Option<&Node> {
        self.nodes.get(self.tree.selected)
    }

    pub fn visible(&self) -> Vec<usize> {
        outline::visible(&self.nodes, &self.tree.expanded)
    }

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
            .map(|n| n.kind.clone())
            .unwrap_or(NodeKind::Root)
    }
}

fn sort_key(doc: &Document) -> String {
    use pinyin::ToPinyin;
    let name = doc
        .department
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| outline::file_name(&doc.path));
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

/// The whole explorer state.
#[derive(Debug, Clone)]
pub struct App {
    pub docs: Vec<DocEntry>,
    /// Indices into `docs`, in list order.
    pub order: Vec<usize>,
    pub sort: SortMode,
    /// Selected position in `order`.
    pub list_selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    pub zoom: bool,
    pub wrap: bool,
    pub help: bool,
    pub help_scroll: usize,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub progress: Progress,
    /// Where the documents came from when that is worth saying (bundled samples).
    pub source_note: Option<String>,
    pub message: Option<String>,
    pub skipped: usize,
    /// The user moved in the list: keep their selection while documents arrive.
    pub list_touched: bool,
    /// The last main-view lines built (prose, summary, indicators), so that
    /// a long section is wrapped once per width, not once per frame.
    pub lines_cache: LinesCache,
    pub quit: bool,
    /// How `y` writes figures.
    pub yank: YankConfig,
    /// A copy for the event loop to carry out (then the status bar says how it went).
    pub pending_copy: Option<CopyRequest>,
    /// The search prompt, while it is open.
    pub prompt: Option<Prompt>,
    /// The last search's results, for `n` / `N` after a jump.
    pub results: Results,
    /// Where the user was before jumping to a result (Esc goes back).
    pub jump_back: Option<Origin>,
    /// The figure of the last jump, when the place does not show it as a cell.
    pub pinned: Option<Pinned>,
    /// Generation counter of search requests.
    pub search_gen: u64,
    /// A search for the event loop to start.
    pub search_request: Option<SearchRequest>,
    /// The running search is no longer wanted.
    pub search_cancel: bool,
}

impl App {
    pub fn new(size: (u16, u16), theme: Theme) -> App {
        App {
            docs: Vec::new(),
            order: Vec::new(),
            sort: SortMode::default(),
            list_selected: 0,
            list_offset: 0,
            focus: Focus::List,
            zoom: false,
            wrap: false,
            help: false,
            help_scroll: 0,
            keymap: Keymap::default(),
            theme,
            size,
            progress: Progress::default(),
            source_note: None,
            message: None,
            skipped: 0,
            list_touched: false,
            lines_cache: LinesCache::default(),
            quit: false,
            yank: YankConfig::default(),
            pending_copy: None,
            prompt: None,
            results: Results::default(),
            jump_back: None,
            pinned: None,
            search_gen: 0,
            search_request: None,
            search_cancel: false,
        }
    }

    /// An explorer over already parsed documents (tests, benchmarks).
    pub fn with_documents(docs: Vec<Document>, size: (u16, u16), theme: Theme) -> App {
        let mut app = App::new(size, theme);
        for doc in docs {
            app.docs.push(DocEntry {
                path: doc.path.clone(),
                state: DocState::Ready(Box::new(Ready::new(doc))),
            });
        }
        app.progress = Progress {
            scanning: false,
            done: app.docs.len(),
            total: app.docs.len(),
        };
        app.resort();
        app
    }

    /// Index into `docs` of the selected document.
    pub fn selected_doc(&self) -> Option<usize> {
        self.order.get(self.list_selected).copied()
    }

    pub fn current(&self) -> Option<&DocEntry> {
        self.selected_doc().and_then(|i| self.docs.get(i))
    }

    pub fn current_ready(&self) -> Option<&Ready> {
        self.current().and_then(|d| d.ready())
    }

    pub fn current_ready_mut(&mut self) -> Option<&mut Ready> {
        let i = self.selected_doc()?;
        self.docs.get_mut(i).and_then(|d| d.ready_mut())
    }

    /// Recompute the list order, keeping the selected document selected.
    pub fn resort(&mut self) {
        let keep = self.selected_doc();
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        let docs = &self.docs;
        let sort = self.sort;
        order.sort_by(|&a, &b| compare(sort, &docs[a], &docs[b]).then(a.cmp(&b)));
        self.order = order;
        if let Some(k) = keep
            && let Some(pos) = self.order.iter().position(|&i| i == k)
        {
            self.list_selected = pos;
        }
        if self.list_selected >= self.order.len() {
            self.list_selected = self.order.len().saturating_sub(1);
        }
    }
}

fn compare(sort: SortMode, a: &DocEntry, b: &DocEntry) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (ra, rb) = (a.ready(), b.ready());
    // Loaded documents first, then failures, then those still loading.
    let rank = |d: &DocEntry| match d.state {
        DocState::Ready(_) => 0,
        DocState::Failed(_) => 1,
        DocState::Loading => 2,
    };
    let by_rank = rank(a).cmp(&rank(b));
    if by_rank != Ordering::Equal && sort != SortMode::Path {
        return by_rank;
    }
    let path = || a.path.cmp(&b.path);
    let (Some(ra), Some(rb)) = (ra, rb) else {
        return path();
    };
    let dept = || ra.sort_key.cmp(&rb.sort_key);
    let year = || ra.doc.year.cmp(&rb.doc.year);
    let total = |r: &Ready| r.doc.total.as_ref().and_then(|t| t.amount.in_wan());
    match sort {
        SortMode::Department => dept()
            .then_with(year)
            .then_with(|| ra.doc.kind.as_str().cmp(rb.doc.kind.as_str())),
        SortMode::Year => rb.doc.year.cmp(&ra.doc.year).then_with(dept),
        SortMode::Total => total(rb).cmp(&total(ra)).then_with(dept).then_with(year),
        SortMode::Warnings => rb
            .doc
            .warnings
            .len()
            .cmp(&ra.doc.warnings.len())
            .then_with(dept),
        SortMode::Path => Ordering::Equal,
    }
    .then_with(path)
}
