//! The search prompt in the explorer: typing, results with highlighted
//! (CJK) matches, jumping to the exact place, Esc back, `n` / `N`, Ctrl-y;
//! the search worker off the UI thread with cancellation.

use std::time::{Duration, Instant};

use budgettui::model::Document;
use budgettui::tui::app::{App, Focus};
use budgettui::tui::find::{self, Engine, SearchRequest, Target, Worker};
use budgettui::tui::keymap::KeySpec;
use budgettui::tui::outline::NodeKind;
use budgettui::tui::theme::Theme;
use budgettui::tui::update::{Msg, update};
use budgettui::tui::{text, views};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

/// The bundled samples, parsed (paths `samples/<file>`, no absolute paths in snapshots).
fn sample_docs() -> Vec<Document> {
    budgettui::load::sample_documents()
}

/// The explorer over the samples and a search engine over the same documents.
fn setup(w: u16, h: u16) -> (App, Engine) {
    let app = App::with_documents(sample_docs(), (w, h), Theme::mono());
    let engine = Engine::build(
        app.docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.ready().map(|r| (i, &*r.doc))),
    );
    (app, engine)
}

fn key(app: &mut App, spec: &str) {
    let k = KeySpec::parse(spec).unwrap_or_else(|| panic!("bad key {spec}"));
    update(app, Msg::Key(KeyEvent::new(k.code, k.mods)));
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        key(app, k);
    }
}

/// Type text into the prompt, searching after every character as the
/// event loop would.
fn type_text(app: &mut App, engine: &Engine, s: &str) {
    for c in s.chars() {
        update(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        find::run_now(app, engine);
    }
}

fn search(app: &mut App, engine: &Engine, query: &str) {
    press(app, "/");
    assert!(app.prompt.is_some(), "/ opens the prompt");
    type_text(app, engine, query);
}

fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let mut term = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("backend");
    term.draw(|f| views::draw(f, app)).expect("draw");
    term.backend().buffer().clone()
}

/// The screen as text; then, per line, the matched characters of the
/// search overlay (underlined in the mono theme) and the selected text
/// (reversed: the highlighted result, the selected line or table cell).
fn screen(app: &App) -> String {
    let buf = buffer(app);
    let mut out = String::new();
    let mut matched = String::new();
    let mut selected = String::new();
    let overlay = views::search::rect(app);
    // The status bar is reversed as a whole; it is left out.
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut hl = String::new();
        let mut sel = String::new();
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            out.push_str(sym);
            let in_overlay =
                app.prompt.is_some() && overlay.contains(ratatui::layout::Position { x, y });
            if in_overlay && cell.modifier.contains(Modifier::UNDERLINED) {
                hl.push_str(sym);
            } else if !hl.ends_with(' ') && !hl.is_empty() {
                hl.push(' ');
            }
            if y + 1 < buf.area.height && cell.modifier.contains(Modifier::REVERSED) {
                sel.push_str(sym);
            } else if !sel.ends_with('|') && !sel.is_empty() {
                sel.push('|');
            }
            x += (text::width(sym) as u16).max(1);
        }
        out.push('\n');
        let hl = hl.trim();
        if !hl.is_empty() {
            matched.push_str(&format!("row {y:2}: {hl}\n"));
        }
        let sel = sel.trim_end_matches('|').trim();
        if !sel.is_empty() {
            selected.push_str(&format!("row {y:2}: {sel}\n"));
        }
    }
    if !matched.is_empty() {
        out.push_str("--- matched ---\n");
        out.push_str(&matched);
    }
    if !selected.is_empty() {
        out.push_str("--- selected ---\n");
        out.push_str(&selected);
    }
    out
}

fn current_doc_path(app: &App) -> String {
    app.current().map(|d| d.path.clone()).unwrap_or_default()
}

#[test]
fn prompt_shows_ranked_results_with_cjk_highlights() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "智慧社区");
    let p = app.prompt.as_ref().expect("prompt");
    assert_eq!(p.query, "智慧社区");
    assert!(!p.pending);
    let names: Vec<(&str, &str)> = p
        .results
        .iter()
        .filter(|f| f.kind == find::FoundKind::Project)
        .map(|f| (f.label.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("2024 秦皇岛开发区", "智慧社区"),
            ("2020 秦皇岛开发区", "智慧社区建设经费"),
            ("2022 唐山高新", "智慧平安社区建设费"),
        ]
    );
    // Exact match first.
    assert_eq!(p.results[0].text, "智慧社区");
    assert_eq!(p.results[0].matched, vec![0, 1, 2, 3]);
    let out = screen(&app);
    assert!(out.contains("/ 智慧社区"), "{out}");
    assert!(out.contains("397.10 万元"), "{out}");
    assert!(out.contains("row  3: 智慧社区"), "highlighted: {out}");
    // 智慧平安社区建设费: 智慧 and 社区 are highlighted, 平安 is not.
    assert!(out.contains(": 智慧 社区"), "split highlight: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn prompt_at_80x24_is_widened_over_the_outline() {
    let (mut app, engine) = setup(80, 24);
    search(&mut app, &engine, "zhsq");
    let r = views::search::rect(&app);
    assert_eq!(r.width, views::search::MIN_WIDTH);
    let out = screen(&app);
    assert!(out.contains("/ zhsq"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn long_text_shows_the_match() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "加快智慧社区项目");
    let out = screen(&app);
    // The department-wide indicator is a long sentence; the match is far in.
    assert!(out.contains("…"), "{out}");
    assert!(
        out.contains("加快智慧社区项目"),
        "the match is in view: {out}"
    );
}

#[test]
fn letters_type_and_arrows_choose() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "jkq");
    assert_eq!(app.prompt.as_ref().map(|p| p.query.as_str()), Some("jkq"));
    assert!(!app.quit, "q types");
    press(&mut app, "Backspace Backspace Backspace");
    type_text(&mut app, &engine, "智慧社区");
    press(&mut app, "Down Down");
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(2));
    press(&mut app, "Up");
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(1));
    press(&mut app, "PgDn");
    let n = app.prompt.as_ref().map(|p| p.results.len()).unwrap_or(0);
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(n - 1));
    press(&mut app, "Home");
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(0));
    // Esc: the prompt closes and nothing moved.
    let before = (app.list_selected, app.focus);
    press(&mut app, "Esc");
    assert!(app.prompt.is_none());
    assert_eq!((app.list_selected, app.focus), before);
}

#[test]
fn enter_jumps_to_the_project_with_its_amount_selected() {
    let (mut app, engine) = setup(120, 40);
    let start = current_doc_path(&app);
    search(&mut app, &engine, "智慧社区");
    press(&mut app, "Enter");
    assert!(app.prompt.is_none());
    assert_eq!(
        current_doc_path(&app),
        "samples/qinhuangdao-kaifaqu-2024-budget.txt"
    );
    let r = app.current_ready().expect("ready");
    let node = &r.nodes[r.tree.selected];
    assert_eq!(node.label, "智慧社区");
    assert!(matches!(node.kind, NodeKind::Project(_)));
    assert!(r.visible().contains(&r.tree.selected), "ancestors open");
    assert_eq!(r.pos().item, 0, "the amount is the selected figure");
    assert_eq!(app.focus, Focus::Main);
    let out = screen(&app);
    assert!(out.contains("result 1/"), "{out}");
    insta::assert_snapshot!(out);
    // y copies the amount exactly as printed.
    press(&mut app, "y");
    assert_eq!(
        app.pending_copy.as_ref().map(|c| c.text.as_str()),
        Some("397.10")
    );
    // Esc goes back to where we were.
    press(&mut app, "Esc");
    assert_eq!(current_doc_path(&app), start);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn n_and_shift_n_walk_the_results() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "智慧社区");
    let results = app
        .prompt
        .as_ref()
        .map(|p| p.results.clone())
        .unwrap_or_default();
    press(&mut app, "Enter");
    assert_eq!(app.results.current, 0);
    // n up to the first table row among the results: the cursor on its figure.
    let k = results
        .iter()
        .position(|f| matches!(f.target, Target::Row { .. }))
        .expect("a row result");
    for _ in 0..k {
        press(&mut app, "n");
    }
    assert_eq!(app.results.current, k);
    let r = app.current_ready().expect("ready");
    let Target::Row { table, row } = results[k].target else {
        unreachable!()
    };
    assert_eq!(r.selected_kind(), NodeKind::Table(table));
    assert_eq!(r.pos().row, row);
    let cell = &r.doc.tables[table].rows[row][r.pos().col];
    assert_eq!(
        Some(cell.trim()),
        results[k].amount.as_ref().map(|a| a.printed.as_str()),
        "the cursor is on the row's figure"
    );
    // Every result jumps into its own document.
    for (i, f) in results.iter().enumerate().skip(k + 1) {
        press(&mut app, "n");
        assert_eq!(app.results.current, i);
        assert_eq!(app.selected_doc(), Some(f.doc), "{f:?}");
    }
    press(&mut app, "n");
    assert_eq!(app.results.current, 0, "wraps around");
    press(&mut app, "N");
    assert_eq!(app.results.current, results.len() - 1, "wraps back");
    // Without results, n says how to search.
    let (mut fresh, _) = setup(80, 24);
    press(&mut fresh, "n");
    assert!(
        fresh
            .message
            .as_deref()
            .is_some_and(|m| m.contains("press /"))
    );
}

#[test]
fn amount_query_jumps_to_the_cell() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "397.1");
    let p = app.prompt.as_ref().expect("prompt");
    let k = p
        .results
        .iter()
        .position(|f| matches!(f.target, Target::Cell { table: 23, .. }))
        .expect("the procurement cell");
    for _ in 0..k {
        key(&mut app, "Down");
    }
    // Ctrl-y copies the highlighted result's amount without leaving the prompt.
    key(&mut app, "Ctrl-y");
    assert!(app.prompt.is_some());
    assert_eq!(
        app.pending_copy.take().map(|c| c.text),
        Some("397.10".to_string())
    );
    press(&mut app, "Enter");
    let r = app.current_ready().expect("ready");
    assert_eq!(r.selected_kind(), NodeKind::Table(23));
    let pos = r.pos();
    assert_eq!((pos.row, pos.col), (10, 1));
    let out = screen(&app);
    assert!(out.contains("row 11/"), "{out}");
    insta::assert_snapshot!(out);
    press(&mut app, "y");
    assert_eq!(
        app.pending_copy.as_ref().map(|c| c.text.as_str()),
        Some("397.10")
    );
}

#[test]
fn indicator_and_section_results_jump_there() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "建设智慧平安社区数量");
    press(&mut app, "Enter");
    let r = app.current_ready().expect("ready");
    assert!(matches!(r.selected_kind(), NodeKind::Project(_)));
    assert_eq!(
        current_doc_path(&app),
        "samples/tangshan-gaoxin-2022-performance.txt"
    );
    // The indicator is the selected item: y copies its target.
    press(&mut app, "y");
    let want = {
        let r = app.current_ready().expect("ready");
        let NodeKind::Project(p) = r.selected_kind() else {
            panic!()
        };
        r.doc.projects[p]
            .indicators
            .iter()
            .find(|i| {
                i.name.contains("建设智慧平安社区数量")
                    || i.description.contains("建设智慧平安社区数量")
            })
            .map(|i| i.target.trim().to_string())
            .expect("indicator")
    };
    assert_eq!(
        app.pending_copy.as_ref().map(|c| c.text.clone()),
        Some(want)
    );

    search(&mut app, &engine, "政府采购预算情况");
    press(&mut app, "Enter");
    let r = app.current_ready().expect("ready");
    assert!(matches!(r.selected_kind(), NodeKind::Section(_)));
}

#[test]
fn worker_searches_off_the_ui_thread_and_cancels() {
    let (app, _) = setup(80, 24);
    let mut w = Worker::start().expect("thread");
    w.index_new(&app);
    // A search that is replaced at once is never answered.
    w.request(SearchRequest {
        generation: 1,
        query: "公安".into(),
    });
    w.request(SearchRequest {
        generation: 2,
        query: "智慧社区".into(),
    });
    let start = Instant::now();
    let done = loop {
        match w.answers.recv_timeout(Duration::from_secs(30)) {
            Ok(d) if d.generation == 2 => break d,
            Ok(d) => assert_eq!(d.generation, 1, "only an old answer may come first"),
            Err(e) => panic!("no answer: {e}"),
        }
    };
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(done.query, "智慧社区");
    assert_eq!(
        done.results.first().map(|f| f.text.as_str()),
        Some("智慧社区")
    );
    // A cancelled search sends nothing.
    w.request(SearchRequest {
        generation: 3,
        query: "社区".into(),
    });
    w.cancel();
    if let Ok(d) = w.answers.recv_timeout(Duration::from_millis(500)) {
        // It may have finished before the flag was seen.
        assert_eq!(d.generation, 3);
    }
}

/// 100,000 items; a keystroke's search stays well within a frame.
#[test]
fn search_per_keystroke_is_fast_enough_inline() {
    let (app, _) = setup(80, 24);
    let docs: Vec<Document> = (0..40)
        .flat_map(|_| {
            app.docs
                .iter()
                .filter_map(|d| d.ready().map(|r| (*r.doc).clone()))
        })
        .collect();
    let engine = Engine::build(docs.iter().enumerate());
    assert!(engine.len() > 50_000, "{}", engine.len());
    for q in ["智", "智慧", "智慧社区", "zhsq", "397.1", ">=1000"] {
        let t = Instant::now();
        let hits = engine.search(q, find::LIMIT, None);
        let el = t.elapsed();
        assert!(!hits.is_empty(), "{q}");
        // Generous for debug builds on a loaded machine; the worker thread
        // keeps the UI responsive regardless.
        assert!(el < Duration::from_secs(2), "{q}: {el:?}");
    }
}

/// A project without a performance table of its own: the jump lands on the
/// row of the table that lists it, the cursor on its amount.
#[test]
fn project_without_its_own_table_jumps_to_its_row() {
    let (mut app, engine) = setup(120, 40);
    search(&mut app, &engine, "警务辅助专项经费");
    let first = app.prompt.as_ref().and_then(|p| p.results.first().cloned());
    let first = first.expect("a result");
    assert_eq!(first.kind, find::FoundKind::Project);
    assert_eq!(first.label, "2020 罗湖");
    press(&mut app, "Enter");
    assert_eq!(
        current_doc_path(&app),
        "samples/shenzhen-luohu-2020-budget.txt"
    );
    let r = app.current_ready().expect("ready");
    let NodeKind::Table(t) = r.selected_kind() else {
        panic!("a table: {:?}", r.selected_kind());
    };
    let pos = r.pos();
    let row = &r.doc.tables[t].rows[pos.row];
    assert!(
        row.iter().any(|c| c.contains("警务辅助专项经费")),
        "{row:?}"
    );
    assert_eq!(row[pos.col].trim(), "28,565.01");
    press(&mut app, "y");
    assert_eq!(
        app.pending_copy.as_ref().map(|c| c.text.as_str()),
        Some("28,565.01")
    );
}
