//! Snapshot tests of every view (TestBackend + insta), on the bundled
//! samples and on small hand-made documents, plus robustness checks.

use budgettui::model::{Content, Document, Section, Table};
use budgettui::tui::app::{App, Focus};
use budgettui::tui::keymap::KeySpec;
use budgettui::tui::outline::NodeKind;
use budgettui::tui::theme::Theme;
use budgettui::tui::update::{Msg, fix_scroll, update};
use budgettui::tui::{demo, text, views};
use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The bundled samples, parsed (paths `samples/<file>`, no absolute paths in snapshots).
fn sample_docs() -> Vec<Document> {
    budgettui::load::sample_documents()
}

fn samples_app(w: u16, h: u16) -> App {
    App::with_documents(sample_docs(), (w, h), Theme::mono())
}

/// The screen as a terminal shows it: one line per row, the cell hidden
/// behind a wide character skipped.
fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("backend");
    term.draw(|f| views::draw(f, app)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (text::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let spec = KeySpec::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        update(app, Msg::Key(KeyEvent::new(spec.code, spec.mods)));
    }
}

/// Select a document by file name.
fn select_doc(app: &mut App, name: &str) {
    let pos = app
        .order
        .iter()
        .position(|&i| app.docs[i].path.ends_with(name))
        .expect("document listed");
    app.list_selected = pos;
    fix_scroll(app);
}

/// Select the first tree node matching, expanding its ancestors.
fn select_node(app: &mut App, pred: impl Fn(&Document, &NodeKind, &str) -> bool) -> usize {
    let r = app.current_ready_mut().expect("ready");
    let i = r
        .nodes
        .iter()
        .position(|n| pred(&r.doc, &n.kind, &n.label))
        .expect("node found");
    let mut p = r.nodes[i].parent;
    while let Some(k) = p {
        r.tree.expanded[k] = true;
        p = r.nodes[k].parent;
    }
    r.tree.selected = i;
    fix_scroll(app);
    i
}

#[test]
fn list_at_80x24() {
    let app = samples_app(80, 24);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn list_at_200x50_sorted_by_year() {
    let mut app = samples_app(200, 50);
    press(&mut app, "s");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn tree_with_expanded_sections() {
    let mut app = samples_app(100, 30);
    select_doc(&mut app, "shenzhen-luohu-2020-budget.txt");
    press(&mut app, "Tab");
    // A collapsed heading with children: Enter opens it.
    let node = select_node(
        &mut app,
        |_, k, _| matches!(k, NodeKind::Section(p) if p.len() == 2),
    );
    let r = app.current_ready().expect("ready");
    assert!(r.nodes[node].has_children(node) && !r.tree.expanded[node]);
    press(&mut app, "Enter j j");
    let r = app.current_ready().expect("ready");
    assert!(r.tree.expanded[node]);
    assert_eq!(app.focus, Focus::Tree);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn prose_section_wrapped() {
    let mut app = samples_app(80, 24);
    select_doc(&mut app, "shenzhen-luohu-2020-budget.txt");
    select_node(&mut app, |_, k, label| {
        matches!(k, NodeKind::Section(_)) && label.contains("主要职能")
    });
    press(&mut app, "Tab Tab");
    assert_eq!(app.focus, Focus::Main);
    insta::assert_snapshot!(screen(&app));
}

/// The widest multi-page table of the 2024 Qinhuangdao budget, scrolled to the
/// right: the label columns stay, the header stays.
#[test]
fn multi_page_table_scrolled_right_keeps_labels() {
    let mut app = samples_app(80, 24);
    select_doc(&mut app, "qinhuangdao-kaifaqu-2024-budget.txt");
    let (index, width) = {
        let r = app.current_ready().expect("ready");
        let (i, t) = r
            .doc
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.pages > 1 && !t.header.is_empty())
            .max_by_key(|(_, t)| t.width())
            .expect("a multi-page table");
        (i, t.width())
    };
    select_node(&mut app, |_, k, _| *k == NodeKind::Table(index));
    press(&mut app, "l");
    app.focus = Focus::Main;
    for _ in 0..width {
        press(&mut app, "l");
    }
    press(&mut app, "j j j");
    let r = app.current_ready().expect("ready");
    let frozen = r.layouts[index].frozen;
    assert!(frozen >= 1, "label column frozen");
    assert!(r.pos().col_off > frozen, "scrolled right: {:?}", r.pos());
    let out = screen(&app);
    // The first label column's header is still on screen.
    let label = r.doc.tables[index].header[0][0].trim().to_string();
    assert!(out.contains(&label), "frozen header {label} visible");
    insta::assert_snapshot!(out);
}

#[test]
fn project_indicator_view() {
    let mut app = samples_app(120, 40);
    select_doc(&mut app, "tangshan-gaoxin-2022-performance.txt");
    select_node(&mut app, |doc, k, _| match k {
        NodeKind::Project(i) => !doc.projects[*i].indicators.is_empty(),
        _ => false,
    });
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn document_summary_card() {
    let mut app = samples_app(100, 30);
    select_doc(&mut app, "shenzhen-zhian-2023-budget.txt");
    press(&mut app, "Tab");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay_lists_every_key_once() {
    let mut app = samples_app(80, 30);
    press(&mut app, "?");
    assert!(app.help);
    let out = screen(&app);
    for b in budgettui::tui::keymap::DEFAULT_BINDINGS {
        for k in b.keys {
            let name = k.to_string();
            assert!(out.contains(&name), "{name} listed");
        }
    }
    insta::assert_snapshot!(out);
    press(&mut app, "x");
    assert!(!app.help, "any key closes help");
}

#[test]
fn tiny_terminal() {
    let mut out = String::new();
    for (w, h) in [(20, 5), (19, 4), (10, 2), (1, 1)] {
        let app = samples_app(w, h);
        out.push_str(&format!("{w}x{h}:\n{}\n", screen(&app)));
    }
    insta::assert_snapshot!(out);
}

/// A hand-made table: frozen label columns, pinned header, numbers right
/// aligned, merged header cell carried when scrolled into.
#[test]
fn synthetic_table_scrolled_right() {
    let mut app = App::with_documents(vec![demo::document(40)], (80, 20), Theme::mono());
    select_node(&mut app, |_, k, _| matches!(k, NodeKind::Table(_)));
    app.focus = Focus::Main;
    press(&mut app, "l l l l l l j j");
    insta::assert_snapshot!(screen(&app));
    press(&mut app, "w");
    insta::assert_snapshot!("synthetic_table_wrapped", screen(&app));
}

#[test]
fn synthetic_project() {
    let mut app = App::with_documents(vec![demo::document(5)], (90, 28), Theme::mono());
    select_node(&mut app, |_, k, _| matches!(k, NodeKind::Project(_)));
    insta::assert_snapshot!(screen(&app));
}

/// Every view draws without panicking at sizes from 1×1 up, around the
/// "too small" threshold and at ordinary sizes.
#[test]
fn every_view_at_every_small_size() {
    let docs = vec![demo::document(30), sample_docs().swap_remove(1)];
    let mut app = App::with_documents(docs, (80, 24), Theme::mono());
    let sizes_w = [1, 2, 5, 10, 19, 20, 21, 30, 39, 40, 41, 47, 55, 80];
    let sizes_h = [1, 2, 4, 5, 7, 8, 9, 12, 24];
    for doc in 0..app.order.len() {
        app.list_selected = doc;
        let nodes = app.current_ready().map(|r| r.nodes.len()).unwrap_or(0);
        for node in (0..nodes).step_by((nodes / 30).max(1)) {
            if let Some(r) = app.current_ready_mut() {
                r.tree.selected = node;
            }
            app.wrap = node % 2 == 0;
            for &w in &sizes_w {
                for &h in &sizes_h {
                    app.size = (w, h);
                    fix_scroll(&mut app);
                    let _ = screen(&app);
                }
            }
        }
    }
}

/// Control and bidi-override characters never reach the screen.
#[test]
fn document_text_is_sanitized() {
    let evil = "恶意\u{202E}txt.exe\u{1b}[2J\u{7}标题";
    let doc = Document {
        path: "evil\u{202E}.txt".into(),
        title: evil.into(),
        department: Some(evil.into()),
        sections: vec![Section {
            title: evil.into(),
            level: 1,
            content: vec![
                Content::Paragraph {
                    line: 1,
                    text: evil.into(),
                },
                Content::Table { index: 0 },
            ],
            ..Section::default()
        }],
        tables: vec![Table {
            title: evil.into(),
            header: vec![vec![evil.into(), "金额".into()]],
            rows: vec![vec![evil.into(), "1.00".into()]],
            ..Table::default()
        }],
        ..Document::default()
    };
    let mut app = App::with_documents(vec![doc], (100, 24), Theme::mono());
    for node in 0..3 {
        if let Some(r) = app.current_ready_mut() {
            r.tree.selected = node;
            r.tree.expanded = vec![true; r.nodes.len()];
        }
        fix_scroll(&mut app);
        let out = screen(&app);
        assert!(!out.contains('\u{202E}'), "{out}");
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(!out.contains('\u{7}'), "{out}");
        assert!(out.contains("恶意"), "{out}");
    }
}

/// Nothing is cut in the middle of a wide character: every line of every
/// view is exactly the terminal width in cells.
#[test]
fn lines_are_whole_characters() {
    let mut app = samples_app(81, 24);
    for doc in 0..app.order.len() {
        app.list_selected = doc;
        let nodes = app.current_ready().map(|r| r.nodes.len()).unwrap_or(0);
        for node in (0..nodes).step_by(3) {
            if let Some(r) = app.current_ready_mut() {
                r.tree.selected = node;
            }
            fix_scroll(&mut app);
            let out = screen(&app);
            for line in out.lines() {
                assert_eq!(text::width(line), 81, "{line}");
            }
        }
    }
}
