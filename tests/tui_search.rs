//! The search prompt in the explorer: typing, results with highlighted
//! (CJK) matches, jumping to the exact place, Esc back, `n` / `N`, Ctrl-y;
//! the search worker off the UI thread with cancellation.

use std::time::{Duration, Instant};

mod common;

use budgettui::model::Document;
use budgettui::tui::{
    Engine, Focus, FoundKind, LIMIT, NodeKind, SearchRequest, Target, Worker, panes, screen_text,
};
use common::Explorer;
use ratatui::style::Modifier;

/// The explorer over the samples, searching an index of the same documents.
fn setup(w: u16, h: u16) -> Explorer {
    Explorer::samples(w, h).searchable()
}

/// The screen as text; then, per line, the matched characters of the
/// search overlay (underlined in the mono theme) and the selected text
/// (reversed: the highlighted result, the selected line or table cell).
fn screen(ex: &mut Explorer) -> String {
    let buf = ex.buffer();
    let app = ex.app();
    let mut out = String::new();
    let mut matched = String::new();
    let mut selected = String::new();
    let overlay = app.search_overlay();
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
                app.prompt().is_some() && overlay.contains(ratatui::layout::Position { x, y });
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
            x += (screen_text::width(sym) as u16).max(1);
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

fn current_doc_path(ex: &Explorer) -> String {
    ex.app()
        .current()
        .map(|d| d.path.clone())
        .unwrap_or_default()
}

#[test]
fn prompt_shows_ranked_results_with_cjk_highlights() {
    let mut ex = setup(120, 40);
    ex.search("智慧社区");
    let p = ex.app().prompt().expect("prompt");
    assert_eq!(p.query, "智慧社区");
    assert!(!p.pending);
    let names: Vec<(&str, &str)> = p
        .results
        .iter()
        .filter(|f| f.kind == FoundKind::Project)
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
    let out = screen(&mut ex);
    assert!(out.contains("/ 智慧社区"), "{out}");
    assert!(out.contains("397.10 万元"), "{out}");
    assert!(out.contains("row  3: 智慧社区"), "highlighted: {out}");
    // 智慧平安社区建设费: 智慧 and 社区 are highlighted, 平安 is not.
    assert!(out.contains(": 智慧 社区"), "split highlight: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn prompt_at_80x24_is_widened_over_the_outline() {
    let mut ex = setup(80, 24);
    ex.search("zhsq");
    let r = ex.app().search_overlay();
    assert_eq!(r.width, panes::SEARCH_MIN_WIDTH);
    let out = screen(&mut ex);
    assert!(out.contains("/ zhsq"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn long_text_shows_the_match() {
    let mut ex = setup(120, 40);
    ex.search("加快智慧社区项目");
    let out = screen(&mut ex);
    // The department-wide indicator is a long sentence; the match is far in.
    assert!(out.contains("…"), "{out}");
    assert!(
        out.contains("加快智慧社区项目"),
        "the match is in view: {out}"
    );
}

#[test]
fn letters_type_and_arrows_choose() {
    let mut ex = setup(120, 40);
    ex.search("jkq");
    assert_eq!(ex.app().prompt().map(|p| p.query.as_str()), Some("jkq"));
    assert!(!ex.quit, "q types");
    ex.press("Backspace Backspace Backspace");
    ex.type_text("智慧社区");
    ex.press("Down Down");
    assert_eq!(ex.app().prompt().map(|p| p.selected), Some(2));
    ex.press("Up");
    assert_eq!(ex.app().prompt().map(|p| p.selected), Some(1));
    ex.press("PgDn");
    let n = ex.app().prompt().map(|p| p.results.len()).unwrap_or(0);
    assert_eq!(ex.app().prompt().map(|p| p.selected), Some(n - 1));
    ex.press("Home");
    assert_eq!(ex.app().prompt().map(|p| p.selected), Some(0));
    // Esc: the prompt closes and nothing moved.
    let before = (ex.app().list().selected, ex.app().focus());
    ex.press("Esc");
    assert!(ex.app().prompt().is_none());
    assert_eq!((ex.app().list().selected, ex.app().focus()), before);
}

#[test]
fn enter_jumps_to_the_project_with_its_amount_selected() {
    let mut ex = setup(120, 40);
    let start = current_doc_path(&ex);
    ex.search("智慧社区");
    ex.press("Enter");
    assert!(ex.app().prompt().is_none());
    assert_eq!(
        current_doc_path(&ex),
        "samples/qinhuangdao-kaifaqu-2024-budget.txt"
    );
    let r = ex.ready();
    let node = &r.nodes[r.tree.selected];
    assert_eq!(r.label(r.tree.selected), "智慧社区");
    assert!(matches!(node.kind, NodeKind::Project(_)));
    assert!(r.visible().contains(&r.tree.selected), "ancestors open");
    assert_eq!(r.pos().item, 0, "the amount is the selected figure");
    assert_eq!(ex.app().focus(), Focus::Main);
    let out = screen(&mut ex);
    assert!(out.contains("result 1/"), "{out}");
    insta::assert_snapshot!(out);
    // y copies the amount exactly as printed.
    ex.press("y");
    assert_eq!(ex.take_copy().as_deref(), Some("397.10"));
    // Esc goes back to where we were.
    ex.press("Esc");
    assert_eq!(current_doc_path(&ex), start);
    assert_eq!(ex.app().focus(), Focus::List);
}

#[test]
fn n_and_shift_n_walk_the_results() {
    let mut ex = setup(120, 40);
    ex.search("智慧社区");
    let results = ex
        .app()
        .prompt()
        .map(|p| p.results.clone())
        .unwrap_or_default();
    ex.press("Enter");
    assert_eq!(ex.app().results().current, 0);
    // n up to the first table row among the results: the cursor on its figure.
    let k = results
        .iter()
        .position(|f| matches!(f.target, Target::Row { .. }))
        .expect("a row result");
    for _ in 0..k {
        ex.press("n");
    }
    assert_eq!(ex.app().results().current, k);
    let r = ex.ready();
    let Target::Row { table, row } = results[k].target else {
        unreachable!()
    };
    assert_eq!(r.selected_kind(), NodeKind::Table(table));
    assert_eq!(r.pos().row, row);
    let cell = &r.doc.tables[table].rows.row(row)[r.pos().col];
    assert_eq!(
        Some(cell.trim()),
        results[k].amount.as_ref().map(|a| a.printed.as_str()),
        "the cursor is on the row's figure"
    );
    // Every result jumps into its own document.
    for (i, f) in results.iter().enumerate().skip(k + 1) {
        ex.press("n");
        assert_eq!(ex.app().results().current, i);
        assert_eq!(ex.app().selected_doc(), Some(f.doc), "{f:?}");
    }
    ex.press("n");
    assert_eq!(ex.app().results().current, 0, "wraps around");
    ex.press("N");
    assert_eq!(ex.app().results().current, results.len() - 1, "wraps back");
    // Without results, n says how to search.
    let mut fresh = setup(80, 24);
    fresh.press("n");
    assert!(fresh.app().message().is_some_and(|m| m.contains("press /")));
}

#[test]
fn amount_query_jumps_to_the_cell() {
    let mut ex = setup(120, 40);
    ex.search("397.1");
    let p = ex.app().prompt().expect("prompt");
    let k = p
        .results
        .iter()
        .position(|f| matches!(f.target, Target::Cell { table: 23, .. }))
        .expect("the procurement cell");
    for _ in 0..k {
        ex.key("Down");
    }
    // Ctrl-y copies the highlighted result's amount without leaving the prompt.
    ex.key("Ctrl-y");
    assert!(ex.app().prompt().is_some());
    assert_eq!(ex.take_copy(), Some("397.10".to_string()));
    ex.press("Enter");
    let r = ex.ready();
    assert_eq!(r.selected_kind(), NodeKind::Table(23));
    let pos = r.pos();
    assert_eq!((pos.row, pos.col), (10, 1));
    let out = screen(&mut ex);
    assert!(out.contains("row 11/"), "{out}");
    insta::assert_snapshot!(out);
    ex.press("y");
    assert_eq!(ex.take_copy().as_deref(), Some("397.10"));
}

#[test]
fn indicator_and_section_results_jump_there() {
    let mut ex = setup(120, 40);
    ex.search("建设智慧平安社区数量");
    ex.press("Enter");
    let r = ex.ready();
    assert!(matches!(r.selected_kind(), NodeKind::Project(_)));
    assert_eq!(
        current_doc_path(&ex),
        "samples/tangshan-gaoxin-2022-performance.txt"
    );
    // The indicator is the selected item: y copies its target.
    ex.press("y");
    let want = {
        let r = ex.ready();
        let NodeKind::Project(p) = r.selected_kind() else {
            panic!()
        };
        r.doc.projects[p]
            .indicators
            .iter()
            .find(|i| {
                i.name().contains("建设智慧平安社区数量")
                    || i.description().contains("建设智慧平安社区数量")
            })
            .map(|i| i.target().trim().to_string())
            .expect("indicator")
    };
    assert_eq!(ex.take_copy(), Some(want));

    ex.search("政府采购预算情况");
    ex.press("Enter");
    let r = ex.ready();
    assert!(matches!(r.selected_kind(), NodeKind::Section(_)));
}

#[test]
fn worker_searches_off_the_ui_thread_and_cancels() {
    let ex = setup(80, 24);
    let mut w = Worker::start().expect("thread");
    w.index_new(ex.app());
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
    let ex = setup(80, 24);
    let docs: Vec<Document> = (0..40)
        .flat_map(|_| {
            ex.app()
                .docs()
                .iter()
                .filter_map(|d| d.ready().map(|r| (*r.doc).clone()))
        })
        .collect();
    let engine = Engine::build(docs.iter().enumerate());
    assert!(engine.len() > 50_000, "{}", engine.len());
    for q in ["智", "智慧", "智慧社区", "zhsq", "397.1", ">=1000"] {
        let t = Instant::now();
        let hits = engine.search(q, LIMIT, None);
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
    let mut ex = setup(120, 40);
    ex.search("警务辅助专项经费");
    let first = ex.app().prompt().and_then(|p| p.results.first().cloned());
    let first = first.expect("a result");
    assert_eq!(first.kind, FoundKind::Project);
    assert_eq!(first.label, "2020 罗湖");
    ex.press("Enter");
    assert_eq!(
        current_doc_path(&ex),
        "samples/shenzhen-luohu-2020-budget.txt"
    );
    let r = ex.ready();
    let NodeKind::Table(t) = r.selected_kind() else {
        panic!("a table: {:?}", r.selected_kind());
    };
    let pos = r.pos();
    let row = &r.doc.tables[t].rows.row(pos.row);
    assert!(
        row.iter().any(|c| c.contains("警务辅助专项经费")),
        "{row:?}"
    );
    assert_eq!(row[pos.col].trim(), "28,565.01");
    ex.press("y");
    assert_eq!(ex.take_copy().as_deref(), Some("28,565.01"));
}
