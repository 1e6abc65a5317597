//! Search in the explorer: the prompt's state, jumping to a result, `n` / `N`,
//! and the worker thread that searches off the UI thread.
//!
//! Typing changes [`Prompt::query`] and queues a [`SearchRequest`]; the event
//! loop hands it to the [`Worker`], which cancels the search it is running
//! (if any) and answers with [`SearchDone`]. The worker holds the
//! [`Engine`] (the search index), extended as documents finish loading.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::model::{Amount, Document};

use super::app::{App, Focus, TreeState, ViewPos};
use super::outline::NodeKind;
use super::views::Pick;
use super::views::indicators::picks;

pub use super::engine::Engine;

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
}

impl FoundKind {
    /// One CJK character (2 cells) before the result's text.
    pub fn marker(self) -> &'static str {
        match self {
            FoundKind::Project => "项",
            FoundKind::Row => "行",
            FoundKind::Indicator => "标",
            FoundKind::Section => "节",
            FoundKind::Amount => "数",
        }
    }
}

/// One search result, as the explorer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into `App::docs`.
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

/// A search the event loop should start.
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

/// A figure `y` copies at a place that does not show it as a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    pub doc: usize,
    pub node: usize,
    pub item: usize,
    pub figure: super::yank::Figure,
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

/// Where the user is now.
pub fn origin(app: &App) -> Origin {
    let doc = app.selected_doc();
    let r = app.current_ready();
    Origin {
        doc,
        tree: r.map(|r| r.tree.clone()),
        view: r.map(|r| (r.tree.selected, r.pos())),
        focus: app.focus,
        zoom: app.zoom,
    }
}

/// Go back to where the user was.
pub fn restore(app: &mut App, o: Origin) {
    if let Some(d) = o.doc
        && let Some(p) = app.order.iter().position(|&i| i == d)
    {
        app.list_selected = p;
        if let Some(r) = app.docs.get_mut(d).and_then(|e| e.ready_mut()) {
            if let Some(t) = o.tree {
                r.tree = t;
            }
            if let Some((node, pos)) = o.view {
                r.views.insert(node, pos);
            }
        }
    }
    app.focus = o.focus;
    app.zoom = o.zoom;
}

/// Open the prompt (an empty query).
pub fn open(app: &mut App) {
    app.help = false;
    app.prompt = Some(Prompt {
        query: String::new(),
        results: Vec::new(),
        searched: String::new(),
        selected: 0,
        offset: 0,
        generation: app.search_gen,
        pending: false,
        origin: origin(app),
    });
}

/// The query changed: ask for a new search (or clear the results).
pub fn query_changed(app: &mut App) {
    app.search_gen += 1;
    let generation = app.search_gen;
    let Some(p) = app.prompt.as_mut() else {
        return;
    };
    p.generation = generation;
    if p.query.trim().is_empty() {
        p.results.clear();
        p.searched.clear();
        p.selected = 0;
        p.offset = 0;
        p.pending = false;
        app.search_request = None;
        app.search_cancel = true;
        return;
    }
    p.pending = true;
    app.search_request = Some(SearchRequest {
        generation,
        query: p.query.clone(),
    });
}

/// An answer arrived: show it if it is for the newest query.
pub fn done(app: &mut App, d: SearchDone) {
    if let Some(p) = app.prompt.as_mut()
        && p.generation == d.generation
    {
        // The same query again (more documents indexed): keep the highlight.
        let keep = (p.searched == d.query)
            .then(|| p.results.get(p.selected).cloned())
            .flatten()
            .and_then(|f| d.results.iter().position(|x| *x == f));
        p.results = d.results;
        p.searched = d.query;
        p.selected = keep.unwrap_or(0);
        if keep.is_none() {
            p.offset = 0;
        }
        p.pending = false;
        return;
    }
    // More documents were indexed after the jump: keep `n` / `N` complete.
    if app.results.generation == d.generation && app.results.query == d.query {
        let current = app.results.items.get(app.results.current).cloned();
        app.results.items = d.results;
        app.results.current = current
            .and_then(|c| app.results.items.iter().position(|f| *f == c))
            .unwrap_or(0);
    }
}

/// Move the highlighted result.
pub fn select(app: &mut App, delta: isize) {
    if let Some(p) = app.prompt.as_mut() {
        let n = p.results.len();
        if n > 0 {
            p.selected = p.selected.saturating_add_signed(delta).min(n - 1);
        }
    }
}

/// Keep the highlighted result among the `rows` shown.
pub fn fix_offset(p: &mut Prompt, rows: usize) {
    let rows = rows.max(1);
    if p.selected < p.offset {
        p.offset = p.selected;
    } else if p.selected >= p.offset + rows {
        p.offset = p.selected + 1 - rows;
    }
    p.offset = p.offset.min(p.results.len().saturating_sub(rows));
}

/// Enter: jump to the highlighted result and close the prompt.
pub fn accept(app: &mut App) {
    let Some(p) = app.prompt.take() else {
        return;
    };
    let Some(found) = p.results.get(p.selected).cloned() else {
        app.message = Some(if p.query.trim().is_empty() {
            "type something to search".to_string()
        } else if p.pending {
            "still searching…".to_string()
        } else {
            format!("nothing found for {:?}", p.query.trim())
        });
        app.prompt = Some(p);
        return;
    };
    app.results = Results {
        query: p.searched.clone(),
        items: p.results,
        current: p.selected,
        generation: p.generation,
    };
    app.jump_back = Some(p.origin);
    jump(app, &found);
    announce(app);
}

/// Esc: close the prompt; nothing moved while it was open.
pub fn cancel(app: &mut App) {
    if let Some(p) = app.prompt.take() {
        restore(app, p.origin);
    }
    app.search_cancel = true;
    app.search_request = None;
}

/// `n` / `N`: jump to the next / previous result of the last search.
pub fn step_result(app: &mut App, delta: isize) {
    let n = app.results.items.len();
    if n == 0 {
        app.message = Some("no search results: press / to search".to_string());
        return;
    }
    let cur = app.results.current as isize + delta;
    app.results.current = cur.rem_euclid(n as isize) as usize;
    if app.jump_back.is_none() {
        app.jump_back = Some(origin(app));
    }
    if let Some(found) = app.results.items.get(app.results.current).cloned() {
        jump(app, &found);
    }
    announce(app);
}

fn announce(app: &mut App) {
    let r = &app.results;
    if let Some(f) = r.items.get(r.current) {
        let mut m = format!(
            "result {}/{}: {}",
            r.current + 1,
            r.items.len(),
            f.text.trim()
        );
        if let Some(a) = &f.amount {
            m.push_str(&format!(" {}", a.printed));
            if let Some(u) = a.unit {
                m.push_str(&format!(" {u}"));
            }
        }
        m.push_str(" · n/N next/previous · Esc back");
        app.message = Some(m);
    }
}

/// The column of `row` holding `printed`, else its first figure.
fn figure_col(app: &App, doc: usize, table: usize, row: usize, printed: Option<&str>) -> usize {
    let Some(t) = app
        .docs
        .get(doc)
        .and_then(|d| d.ready())
        .and_then(|r| r.doc.tables.get(table))
    else {
        return 0;
    };
    let Some(cells) = t.rows.get(row) else {
        return 0;
    };
    if let Some(pr) = printed.map(str::trim)
        && let Some(c) = cells.iter().position(|c| c.trim() == pr)
    {
        return c;
    }
    cells
        .iter()
        .position(|c| super::text::is_numeric(c))
        .unwrap_or(0)
}

/// Jump to a result: its document selected, its tree node selected (with
/// the node's ancestors opened), and inside it the exact place: the table
/// row and cell under the cursor, the project's amount or the indicator.
pub fn jump(app: &mut App, f: &Found) {
    let Some(pos_in_list) = app.order.iter().position(|&i| i == f.doc) else {
        return;
    };
    app.list_selected = pos_in_list;
    app.list_touched = true;
    app.help = false;
    // Work out the node and the position inside it.
    let plan = {
        let Some(r) = app.docs.get(f.doc).and_then(|d| d.ready()) else {
            return;
        };
        let doc = &r.doc;
        let node_of = |k: &NodeKind| r.nodes.iter().position(|n| n.kind == *k);
        let project_node = |p: usize| {
            let kind = NodeKind::Project(p);
            let item = picks(doc, &kind)
                .iter()
                .position(|x| *x == Pick::Amount)
                .unwrap_or(0);
            node_of(&kind).map(|n| {
                (
                    n,
                    ViewPos {
                        item,
                        ..ViewPos::default()
                    },
                )
            })
        };
        // A table shown as a grid, else the project it belongs to.
        let in_table = |table: usize, row: usize, col: usize| {
            node_of(&NodeKind::Table(table))
                .map(|n| {
                    (
                        n,
                        ViewPos {
                            row,
                            col,
                            ..ViewPos::default()
                        },
                    )
                })
                .or_else(|| {
                    doc.projects
                        .iter()
                        .position(|p| p.table == Some(table))
                        .and_then(project_node)
                })
        };
        match &f.target {
            Target::Project { project: p } => match doc.projects.get(*p) {
                Some(pr) if pr.table.is_none() => pr
                    .sources
                    .iter()
                    .find_map(|s| {
                        Some((
                            s.table?,
                            s.row?,
                            s.amount.as_ref().map(|a| a.printed.clone()),
                        ))
                    })
                    .and_then(|(t, row, printed)| {
                        let col = figure_col(app, f.doc, t, row, printed.as_deref());
                        node_of(&NodeKind::Table(t)).map(|n| {
                            (
                                n,
                                ViewPos {
                                    row,
                                    col,
                                    ..ViewPos::default()
                                },
                            )
                        })
                    })
                    .or_else(|| project_node(*p)),
                _ => project_node(*p),
            },
            Target::Cell { table, row, col } => in_table(*table, *row, *col),
            Target::Row { table, row } => {
                let col = figure_col(
                    app,
                    f.doc,
                    *table,
                    *row,
                    f.amount.as_ref().map(|a| a.printed.as_str()),
                );
                in_table(*table, *row, col)
            }
            Target::Indicator { project, index } => {
                let kind = match project {
                    Some(p) => NodeKind::Project(*p),
                    None => NodeKind::DocIndicators,
                };
                let item = picks(doc, &kind)
                    .iter()
                    .position(|x| *x == Pick::Indicator(*index))
                    .unwrap_or(0);
                node_of(&kind).map(|n| {
                    (
                        n,
                        ViewPos {
                            item,
                            ..ViewPos::default()
                        },
                    )
                })
            }
            Target::Section { path } => {
                node_of(&NodeKind::Section(path.clone())).map(|n| (n, ViewPos::default()))
            }
        }
    };
    let Some((node, pos)) = plan else {
        app.message = Some("this result is not shown in the outline".to_string());
        return;
    };
    // A figure of a project's performance table (shown through the project,
    // not as a grid) that is not the project's amount: `y` copies it while
    // the cursor stays where the jump put it.
    app.pinned = None;
    if matches!(f.target, Target::Cell { .. } | Target::Row { .. })
        && let Some(amount) = f.amount.as_ref()
        && let Some(r) = app.docs.get(f.doc).and_then(|d| d.ready())
        && let Some(NodeKind::Project(p)) = r.nodes.get(node).map(|n| &n.kind)
        && r.doc
            .projects
            .get(*p)
            .and_then(|p| p.amount.as_ref())
            .map(|a| a.printed.as_str())
            != Some(amount.printed.as_str())
    {
        app.pinned = Some(Pinned {
            doc: f.doc,
            node,
            item: pos.item,
            figure: super::yank::Figure::Money(amount.clone()),
        });
    }
    if let Some(r) = app.docs.get_mut(f.doc).and_then(|d| d.ready_mut()) {
        let mut p = r.nodes.get(node).and_then(|n| n.parent);
        while let Some(k) = p {
            if let Some(e) = r.tree.expanded.get_mut(k) {
                *e = true;
            }
            p = r.nodes.get(k).and_then(|n| n.parent);
        }
        r.tree.selected = node;
        // Keep the scroll offsets of an earlier visit; the cursor is new.
        let old = r.views.get(&node).copied().unwrap_or_default();
        r.views.insert(
            node,
            ViewPos {
                row_off: old.row_off,
                col_off: old.col_off,
                scroll: if pos.item == old.item { old.scroll } else { 0 },
                ..pos
            },
        );
    }
    app.zoom = false;
    app.focus = Focus::Main;
}

/// Copy the highlighted result's amount (Ctrl-y in the prompt).
pub fn yank_selected(app: &mut App) {
    let Some(p) = app.prompt.as_ref() else {
        return;
    };
    let Some(f) = p.results.get(p.selected) else {
        app.message = Some("nothing to copy: no result".to_string());
        return;
    };
    match super::yank::hit_figure(f.amount.as_ref(), &app.yank) {
        Ok(req) => app.pending_copy = Some(req),
        Err(why) => app.message = Some(why),
    }
}

/// Run the queued search right here (tests, benchmarks, the demo).
pub fn run_now(app: &mut App, engine: &Engine) {
    if let Some(req) = app.search_request.take() {
        let results = engine.search(&req.query, LIMIT, None);
        done(
            app,
            SearchDone {
                generation: req.generation,
                query: req.query,
                results,
            },
        );
    }
}

enum Job {
    Add(usize, Arc<Document>),
    Query(SearchRequest, Arc<AtomicBool>),
}

/// The search thread: owns the index; searches one query at a time, the
/// newest; a newer query cancels the running one.
pub struct Worker {
    jobs: Sender<Job>,
    pub answers: Receiver<SearchDone>,
    running: Option<Arc<AtomicBool>>,
    /// Documents handed over (by `App::docs` index).
    indexed: Vec<bool>,
}

impl Worker {
    pub fn start() -> std::io::Result<Worker> {
        let (jobs, jobs_rx) = mpsc::channel::<Job>();
        let (answers_tx, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("budgettui-search".into())
            .spawn(move || worker_loop(&jobs_rx, &answers_tx))?;
        Ok(Worker {
            jobs,
            answers,
            running: None,
            indexed: Vec::new(),
        })
    }

    /// Hand over the documents that finished loading since the last call.
    pub fn index_new(&mut self, app: &App) {
        if self.indexed.len() < app.docs.len() {
            self.indexed.resize(app.docs.len(), false);
        }
        for (i, d) in app.docs.iter().enumerate() {
            if self.indexed[i] {
                continue;
            }
            if let Some(r) = d.ready() {
                self.indexed[i] = true;
                let _ = self.jobs.send(Job::Add(i, Arc::clone(&r.doc)));
            }
        }
    }

    /// Start a search, cancelling the one running.
    pub fn request(&mut self, req: SearchRequest) {
        self.cancel();
        let flag = Arc::new(AtomicBool::new(false));
        self.running = Some(Arc::clone(&flag));
        let _ = self.jobs.send(Job::Query(req, flag));
    }

    pub fn cancel(&mut self) {
        if let Some(f) = self.running.take() {
            f.store(true, Ordering::Relaxed);
        }
    }
}

fn worker_loop(jobs: &Receiver<Job>, answers: &Sender<SearchDone>) {
    let mut engine = Engine::default();
    let mut last: Option<(SearchRequest, Arc<AtomicBool>)> = None;
    while let Ok(first) = jobs.recv() {
        let mut added = false;
        let mut query = None;
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Add(id, doc) => {
                    engine.add(id, &doc);
                    added = true;
                }
                Job::Query(q, flag) => query = Some((q, flag)),
            }
            next = jobs.try_recv().ok();
        }
        let run = match query {
            Some(q) => {
                last = Some(q.clone());
                Some(q)
            }
            // New documents: the last search again, unless it was cancelled.
            None if added => last
                .clone()
                .filter(|(_, flag)| !flag.load(Ordering::Relaxed)),
            None => None,
        };
        let Some((req, flag)) = run else {
            continue;
        };
        let results = engine.search(&req.query, LIMIT, Some(&flag));
        if flag.load(Ordering::Relaxed) {
            continue;
        }
        let sent = answers.send(SearchDone {
            generation: req.generation,
            query: req.query,
            results,
        });
        if sent.is_err() {
            return;
        }
    }
}
