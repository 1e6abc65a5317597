//! The one harness for tests that drive the explorer: keys, mouse and
//! resizes go in as messages, exactly as the event loop sends them; what
//! comes out is the screen (a TestBackend buffer) and the effects `update`
//! returns (copies, quitting). Searches run at once over an index of the
//! same documents. The state is only read (through [`App`]'s accessors).
#![allow(dead_code)]

use budgettui::config::YankConfig;
use budgettui::model::Document;
use budgettui::tui::{
    App, CopyRequest, Effect, Engine, Focus, KeySpec, LIMIT, Msg, NodeKind, Ready, SearchDone,
    Settings, screen_text, update,
};
use crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The bundled text samples, parsed (paths `samples/<file>`, no absolute paths in
/// snapshots). The explorer's tests and snapshots are taken on these five; the two bundled
/// PDFs are read by tests/pdf_documents.rs and loaded by tests/tui_loader.rs.
pub fn sample_docs() -> Vec<Document> {
    budgettui::load::SAMPLES
        .iter()
        .filter(|(name, _)| name.ends_with(".txt"))
        .map(|(name, bytes)| budgettui::parse::parse_bytes(name, bytes))
        .collect()
}

/// The screen as a terminal shows it: one line per row, the cell hidden
/// behind a wide character skipped.
pub fn screen_of(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (screen_text::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

/// A key event for a key name (`j`, `Ctrl-y`, `Enter`…).
pub fn key_event(spec: &str) -> KeyEvent {
    let k = KeySpec::parse(spec).unwrap_or_else(|| panic!("bad key {spec}"));
    KeyEvent::new(k.code, k.mods)
}

/// What went in, to replay it.
#[derive(Debug, Clone, Copy)]
enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Draw,
}

/// An explorer driven like the event loop drives it.
pub struct Explorer {
    app: App,
    docs: Vec<Document>,
    settings: Settings,
    size: (u16, u16),
    engine: Option<Engine>,
    inputs: Vec<Input>,
    /// The copies asked for, oldest first.
    pub copies: Vec<CopyRequest>,
    /// The explorer asked to quit.
    pub quit: bool,
}

impl Explorer {
    /// An explorer over documents, in monochrome.
    pub fn new(docs: Vec<Document>, size: (u16, u16)) -> Explorer {
        Explorer::with_settings(docs, size, Settings::mono())
    }

    pub fn with_settings(docs: Vec<Document>, size: (u16, u16), settings: Settings) -> Explorer {
        Explorer {
            app: App::with_documents(docs.clone(), size, settings.clone()),
            docs,
            settings,
            size,
            engine: None,
            inputs: Vec::new(),
            copies: Vec::new(),
            quit: false,
        }
    }

    /// The bundled samples at a terminal size.
    pub fn samples(w: u16, h: u16) -> Explorer {
        Explorer::new(sample_docs(), (w, h))
    }

    /// Searches run (at once) over an index of the same documents.
    pub fn searchable(mut self) -> Explorer {
        self.engine = Some(Engine::build(
            self.app
                .docs()
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.ready().map(|r| (i, &*r.doc))),
        ));
        self
    }

    /// How far the help or the chart overlay is scrolled (panics when
    /// neither is open).
    pub fn overlay_scroll(&self) -> usize {
        match self.app().mode() {
            budgettui::tui::Mode::Help { scroll } | budgettui::tui::Mode::Chart { scroll } => {
                *scroll
            }
            m => panic!("no overlay open: {m:?}"),
        }
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// The selected document, loaded.
    pub fn ready(&self) -> &Ready {
        self.app.current_ready().expect("a loaded document")
    }

    /// Hand a message to `update`, and carry out what it asks for.
    pub fn send(&mut self, msg: Msg) {
        for effect in update(&mut self.app, msg) {
            match effect {
                Effect::Quit => self.quit = true,
                Effect::Copy(req) => self.copies.push(req),
                Effect::Search(req) => {
                    if let Some(engine) = &self.engine {
                        let results = engine.search(&req.query, LIMIT, None);
                        self.send(Msg::Search(SearchDone {
                            generation: req.generation,
                            query: req.query,
                            results,
                        }));
                    }
                }
                Effect::CancelSearch => {}
            }
        }
    }

    fn input(&mut self, input: Input) {
        self.inputs.push(input);
        match input {
            Input::Key(k) => self.send(Msg::Key(k)),
            Input::Mouse(m) => self.send(Msg::Mouse(m)),
            Input::Resize(w, h) => self.send(Msg::Resize(w, h)),
            Input::Draw => {
                self.buffer();
            }
        }
    }

    /// Press one key (`j`, `Ctrl-y`, `Enter`…).
    pub fn key(&mut self, spec: &str) {
        self.input(Input::Key(key_event(spec)));
    }

    /// Press keys, separated by spaces.
    pub fn press(&mut self, keys: &str) {
        for k in keys.split_whitespace() {
            self.key(k);
        }
    }

    /// Type text, one character at a time (into the search prompt).
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            let ev = KeyEvent::new(crossterm::event::KeyCode::Char(c), KeyModifiers::NONE);
            self.input(Input::Key(ev));
        }
    }

    /// Open the prompt and type a query.
    pub fn search(&mut self, query: &str) {
        self.press("/");
        assert!(self.app.prompt().is_some(), "/ opens the prompt");
        self.type_text(query);
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.input(Input::Resize(w, h));
    }

    /// A mouse event over the last frame (drawn first, as on a terminal).
    pub fn mouse(&mut self, kind: MouseEventKind, x: u16, y: u16) {
        self.input(Input::Draw);
        self.input(Input::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    }

    pub fn click(&mut self, x: u16, y: u16) {
        self.mouse(MouseEventKind::Down(MouseButton::Left), x, y);
    }

    /// Draw a frame (and tell the explorer what was drawn where).
    pub fn buffer(&mut self) -> Buffer {
        let (w, h) = self.app.size();
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("backend");
        let mut drawn = None;
        term.draw(|f| drawn = Some(budgettui::tui::draw(f, &self.app)))
            .expect("draw");
        if let Some(d) = drawn {
            self.send(Msg::Drawn(d));
        }
        term.backend().buffer().clone()
    }

    /// The screen as text.
    pub fn screen(&mut self) -> String {
        screen_of(&self.buffer())
    }

    /// The text of the last copy asked for (then forgotten).
    pub fn take_copy(&mut self) -> Option<String> {
        let last = self.copies.pop().map(|c| c.text);
        self.copies.clear();
        last
    }

    /// What `keys` ask to copy.
    pub fn copied(&mut self, keys: &str) -> String {
        self.copies.clear();
        self.press(keys);
        match self.take_copy() {
            Some(text) => text,
            None => panic!("nothing copied: {:?}", self.app.message()),
        }
    }

    /// Give a pane the focus with Tab / Shift-Tab.
    pub fn focus(&mut self, f: Focus) {
        if self.app.focus().prev() == f {
            self.press("Shift-Tab");
        }
        while self.app.focus() != f {
            self.press("Tab");
        }
    }

    /// Select a document by file name, moving in the list.
    pub fn select_doc(&mut self, name: &str) {
        let app = &self.app;
        let pos = app
            .list()
            .order
            .iter()
            .position(|&i| app.docs()[i].path.ends_with(name))
            .expect("document listed");
        self.select_doc_at(pos);
    }

    /// Select the document at a position of the list, moving in the list
    /// (the focus comes back where it was).
    pub fn select_doc_at(&mut self, pos: usize) {
        let focus = self.app.focus();
        self.focus(Focus::List);
        while self.app.list().selected != pos {
            let down = self.app.list().selected < pos;
            self.press(if down { "j" } else { "k" });
        }
        self.focus(focus);
    }

    /// Select the first tree node matching, opening its ancestors with Enter
    /// (the focus comes back where it was). Returns the node's index.
    pub fn select_node(&mut self, pred: impl Fn(&Document, &NodeKind, &str) -> bool) -> usize {
        let r = self.ready();
        let i = (0..r.nodes.len())
            .position(|i| pred(&r.doc, &r.nodes[i].kind, &r.label(i)))
            .expect("node found");
        self.select_node_at(i);
        i
    }

    /// Select tree node `node` (see [`Explorer::select_node`]).
    pub fn select_node_at(&mut self, node: usize) {
        let focus = self.app.focus();
        self.focus(Focus::Tree);
        let mut ancestors = Vec::new();
        let mut p = self.ready().nodes[node].parent();
        while let Some(k) = p {
            ancestors.push(k);
            p = self.ready().nodes[k].parent();
        }
        for &a in ancestors.iter().rev() {
            if !self.ready().tree.expanded[a] {
                self.tree_goto(a);
                self.press("Enter");
            }
        }
        self.tree_goto(node);
        self.focus(focus);
    }

    /// Move the tree's selection to a visible node with j / k.
    fn tree_goto(&mut self, node: usize) {
        loop {
            let r = self.ready();
            let visible = r.visible();
            let at = |n: usize| visible.iter().position(|&i| i == n);
            let want = at(node).expect("the node is visible");
            let cur = at(r.tree.selected).unwrap_or(0);
            if cur == want {
                return;
            }
            self.press(if cur < want { "j" } else { "k" });
        }
    }

    /// Wrap long table cells or not (`w`).
    pub fn set_wrap(&mut self, on: bool) {
        if self.app.wrapping() != on {
            self.press("w");
        }
    }

    /// The same explorer configured to copy figures this way: built again
    /// with the setting, and the same input replayed.
    pub fn set_yank(&mut self, yank: YankConfig) {
        self.settings.yank = yank;
        self.app = App::with_documents(self.docs.clone(), self.size, self.settings.clone());
        for input in std::mem::take(&mut self.inputs) {
            self.input(input);
        }
        self.copies.clear();
        self.quit = false;
    }
}
