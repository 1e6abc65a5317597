//! The whole explorer state, [`App`]. Its fields are visible to the
//! explorer's own layers only; everyone else reads it through the methods
//! below and changes it through [`crate::tui::update`].

use ratatui::layout::Rect;

use crate::model::{Document, Table};

use super::super::base::panes::{self, Panes};
use super::super::document::checks::Checks;
use super::super::document::doc_tree::NodeKind;
use super::super::document::table_layout::TableLayout;
use super::board::Board;
use super::docs::{DocEntry, DocState, Progress, Ready, ViewPos};
use super::focus::Focus;
use super::grid::GridState;
use super::lines::LinesCache;
use super::list::ListPane;
use super::measured::Measured;
use super::mode::Mode;
use super::search::{Prompt, Results, SearchState};
use super::settings::Settings;

/// What the status bar says besides the position: loading progress, where
/// the documents came from, the last message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub progress: Progress,
    /// Where the documents came from when that is worth saying (bundled samples).
    pub source_note: Option<String>,
    pub message: Option<String>,
    /// Entries skipped while walking folders (hidden or unsupported).
    pub skipped: usize,
}

/// The whole explorer state.
#[derive(Debug, Clone)]
pub struct App {
    pub(in crate::tui) docs: Vec<DocEntry>,
    pub(in crate::tui) list: ListPane,
    pub(in crate::tui) focus: Focus,
    /// The main view has the whole screen.
    pub(in crate::tui) zoom: bool,
    /// Long table cells wrap instead of being cut.
    pub(in crate::tui) wrap: bool,
    pub(in crate::tui) mode: Mode,
    pub(in crate::tui) search: SearchState,
    pub(in crate::tui) status: Status,
    pub(in crate::tui) settings: Settings,
    /// Terminal size (columns, rows).
    pub(in crate::tui) size: (u16, u16),
    /// The last main-view lines built (prose, summary, indicators), so that
    /// a long section is wrapped once per width, not once per frame.
    pub(in crate::tui) lines: LinesCache,
    pub(in crate::tui) drawn: Measured,
    /// Listed documents read to be shown, least recently shown first; only
    /// the last [`KEEP_OPEN`] keep their model.
    pub(in crate::tui) opened: Vec<usize>,
    /// The board over the whole screen (all projects, a comparison).
    pub(in crate::tui) board: Option<Box<Board>>,
    /// The last board closed by opening a place in a document: `P` / `C`
    /// bring it back as it was.
    pub(in crate::tui) stash: Option<Box<Board>>,
    /// A board's Enter opened the place shown: Esc brings the board back.
    pub(in crate::tui) back_to_board: bool,
}

/// Listed documents kept read at once (the one shown and a few before it).
pub const KEEP_OPEN: usize = 8;

/// The table the main view shows, with its position and view state.
#[derive(Debug, Clone, Copy)]
pub struct GridRef<'a> {
    pub table: &'a Table,
    pub layout: &'a TableLayout,
    pub pos: ViewPos,
    pub grid: &'a GridState,
    /// A document's table: its checks' findings and the table's index
    /// (none on a board).
    pub checks: Option<(&'a Checks, usize)>,
}

impl GridRef<'_> {
    /// Rows shown (after the filter).
    pub fn shown(&self) -> usize {
        self.grid.shown(self.table.rows.len())
    }

    /// The table row shown at position `i`.
    pub fn row_at(&self, i: usize) -> Option<usize> {
        self.grid.row_at(i, self.table.rows.len())
    }

    /// The column widths to draw with.
    pub fn widths(&self) -> &[u16] {
        self.grid.widths(self.layout)
    }

    /// The worst severity of the checks' findings at a cell (table row
    /// `row`, not the shown position).
    pub fn finding_mark(&self, row: usize, col: usize) -> Option<crate::check::Severity> {
        let (checks, table) = self.checks?;
        checks.mark(table, row, col)
    }
}

/// The table the main view shows, to change its position and view state.
#[derive(Debug)]
pub struct GridMut<'a> {
    pub table: &'a Table,
    pub layout: &'a TableLayout,
    pub pos: &'a mut ViewPos,
    pub grid: &'a mut GridState,
}

/// The view state of a table nobody has sorted, filtered or marked.
static PLAIN: GridState = GridState::PLAIN;

impl App {
    /// An explorer waiting for the loader's first report.
    pub fn new(size: (u16, u16), settings: Settings) -> App {
        App {
            docs: Vec::new(),
            list: ListPane {
                sort: settings.sort,
                ..ListPane::default()
            },
            focus: Focus::List,
            zoom: false,
            wrap: false,
            mode: Mode::Browse,
            search: SearchState::default(),
            status: Status {
                progress: Progress {
                    scanning: true,
                    ..Progress::default()
                },
                ..Status::default()
            },
            settings,
            size,
            lines: LinesCache::default(),
            drawn: Measured::default(),
            opened: Vec::new(),
            board: None,
            stash: None,
            back_to_board: false,
        }
    }

    /// An explorer over already parsed documents (tests, benchmarks).
    pub fn with_documents(docs: Vec<Document>, size: (u16, u16), settings: Settings) -> App {
        let mut app = App::new(size, settings);
        for doc in docs {
            app.docs.push(DocEntry {
                path: doc.path.clone(),
                state: DocState::Ready(Box::new(Ready::new(doc))),
            });
        }
        app.status.progress = Progress {
            scanning: false,
            done: app.docs.len(),
            total: app.docs.len(),
        };
        app.resort();
        app
    }

    /// The selected document when it is listed but not read: the event loop
    /// has it read ([`crate::tui::LoadEvent::Opened`]).
    pub fn wants_open(&self) -> Option<usize> {
        let i = self.selected_doc()?;
        matches!(self.docs.get(i)?.state, DocState::Listed(_)).then_some(i)
    }

    /// Every document, in the order they were found (not the list's order).
    pub fn docs(&self) -> &[DocEntry] {
        &self.docs
    }

    /// The document list: its order, selection and sort.
    pub fn list(&self) -> &ListPane {
        &self.list
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    pub fn wrapping(&self) -> bool {
        self.wrap
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The search prompt, while it is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.mode {
            Mode::Search(p) => Some(p),
            _ => None,
        }
    }

    /// The last search's results (`n` / `N`).
    pub fn results(&self) -> &Results {
        &self.search.results
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The status bar's message, if any.
    pub fn message(&self) -> Option<&str> {
        self.status.message.as_deref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Terminal size (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// What the last frame drew where.
    pub fn drawn(&self) -> &Measured {
        &self.drawn
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Where the panes go on this screen (a board has the whole screen).
    pub fn panes(&self) -> Panes {
        panes::panes(
            self.area(),
            self.zoom || self.board.is_some(),
            self.docs.len(),
        )
    }

    /// The board shown over the documents, if any.
    pub fn board(&self) -> Option<&Board> {
        self.board.as_deref()
    }

    /// The table the main view shows (a board's, or the selected
    /// document's), with its position and view state.
    pub fn grid(&self) -> Option<GridRef<'_>> {
        if let Some(b) = &self.board {
            return Some(GridRef {
                table: &b.table,
                layout: &b.layout,
                pos: b.pos,
                grid: &b.grid,
                checks: None,
            });
        }
        let r = self.current_ready()?;
        let NodeKind::Table(i) = r.selected_node()?.kind else {
            return None;
        };
        Some(GridRef {
            table: r.doc.tables.get(i)?,
            layout: r.layouts.get(&r.doc, i)?,
            pos: r.pos(),
            grid: r.grids.get(&i).unwrap_or(&PLAIN),
            checks: Some((&r.checks, i)),
        })
    }

    /// [`App::grid`], to change.
    pub(in crate::tui) fn grid_mut(&mut self) -> Option<GridMut<'_>> {
        if self.board.is_some() {
            let Board {
                table,
                layout,
                pos,
                grid,
                ..
            } = &mut **self.board.as_mut()?;
            return Some(GridMut {
                table,
                layout,
                pos,
                grid,
            });
        }
        let i = self.selected_doc()?;
        let r = self.docs.get_mut(i)?.ready_mut()?;
        let node = r.tree.selected;
        let NodeKind::Table(t) = r.nodes.get(node)?.kind else {
            return None;
        };
        let Ready {
            doc,
            layouts,
            views,
            grids,
            ..
        } = r;
        Some(GridMut {
            table: doc.tables.get(t)?,
            layout: layouts.get(doc, t)?,
            pos: views.entry(node).or_default(),
            grid: grids.entry(t).or_default(),
        })
    }

    /// Where the search overlay goes on this screen.
    pub fn search_overlay(&self) -> Rect {
        panes::search_overlay(self.area(), &self.panes())
    }

    /// Index into [`App::docs`] of the selected document.
    pub fn selected_doc(&self) -> Option<usize> {
        self.list.selected_doc()
    }

    pub fn current(&self) -> Option<&DocEntry> {
        self.selected_doc().and_then(|i| self.docs.get(i))
    }

    pub fn current_ready(&self) -> Option<&Ready> {
        self.current().and_then(|d| d.ready())
    }

    pub(in crate::tui) fn current_ready_mut(&mut self) -> Option<&mut Ready> {
        let i = self.selected_doc()?;
        self.docs.get_mut(i).and_then(|d| d.ready_mut())
    }

    pub(in crate::tui) fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.mode {
            Mode::Search(p) => Some(p),
            _ => None,
        }
    }

    /// Recompute the list order, keeping the selected document selected.
    pub(in crate::tui) fn resort(&mut self) {
        self.list.resort(&self.docs);
    }

    /// Give a pane the keyboard; leaving the main view ends the zoom.
    pub(in crate::tui) fn set_focus(&mut self, f: Focus) {
        self.focus = f;
        if f != Focus::Main {
            self.zoom = false;
        }
    }
}
