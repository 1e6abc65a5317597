//! Snapshot tests of every view (TestBackend + insta), on the bundled
//! samples and on small hand-made documents, plus robustness checks.

mod common;

use budgettui::model::{Content, Document, Section, Table};
use budgettui::tui::{Focus, Mode, NodeKind, demo, screen_text};
use common::{Explorer, sample_docs};

#[test]
fn list_at_80x24() {
    let mut ex = Explorer::samples(80, 24);
    insta::assert_snapshot!(ex.screen());
}

#[test]
fn list_at_200x50_sorted_by_year() {
    let mut ex = Explorer::samples(200, 50);
    ex.press("s");
    insta::assert_snapshot!(ex.screen());
}

#[test]
fn tree_with_expanded_sections() {
    let mut ex = Explorer::samples(100, 30);
    ex.select_doc("shenzhen-luohu-2020-budget.txt");
    ex.press("Tab");
    // A collapsed heading with children: Enter opens it.
    let second_level = {
        let r = ex.ready();
        (0..r.nodes.len())
            .find(|&i| matches!(r.nodes[i].kind, NodeKind::Section(_)) && r.nodes[i].depth == 2)
            .expect("a second-level heading")
    };
    ex.select_node_at(second_level);
    let node = second_level;
    let r = ex.ready();
    assert!(r.nodes[node].has_children(node) && !r.tree.expanded[node]);
    ex.press("Enter j j");
    let r = ex.ready();
    assert!(r.tree.expanded[node]);
    assert_eq!(ex.app().focus(), Focus::Tree);
    insta::assert_snapshot!(ex.screen());
}

#[test]
fn prose_section_wrapped() {
    let mut ex = Explorer::samples(80, 24);
    ex.select_doc("shenzhen-luohu-2020-budget.txt");
    ex.select_node(|_, k, label| matches!(k, NodeKind::Section(_)) && label.contains("主要职能"));
    ex.press("Tab Tab");
    assert_eq!(ex.app().focus(), Focus::Main);
    insta::assert_snapshot!(ex.screen());
}

/// The widest multi-page table of the 2024 Qinhuangdao budget, scrolled to the
/// right: the label columns stay, the header stays.
#[test]
fn multi_page_table_scrolled_right_keeps_labels() {
    let mut ex = Explorer::samples(80, 24);
    ex.select_doc("qinhuangdao-kaifaqu-2024-budget.txt");
    let (index, width) = {
        let r = ex.ready();
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
    ex.select_node(|_, k, _| *k == NodeKind::Table(index));
    ex.press("l");
    ex.focus(Focus::Main);
    for _ in 0..width {
        ex.press("l");
    }
    ex.press("j j j");
    let r = ex.ready();
    let frozen = r.layouts.get(&r.doc, index).expect("layout").frozen;
    assert!(frozen >= 1, "label column frozen");
    assert!(r.pos().col_off > frozen, "scrolled right: {:?}", r.pos());
    // The first label column's header is still on screen.
    let label = r.doc.tables[index].header.row(0)[0].trim().to_string();
    let out = ex.screen();
    assert!(out.contains(&label), "frozen header {label} visible");
    insta::assert_snapshot!(out);
}

#[test]
fn project_indicator_view() {
    let mut ex = Explorer::samples(120, 40);
    ex.select_doc("tangshan-gaoxin-2022-performance.txt");
    ex.select_node(|doc, k, _| match k {
        NodeKind::Project(i) => !doc.projects[*i].indicators.is_empty(),
        _ => false,
    });
    insta::assert_snapshot!(ex.screen());
}

#[test]
fn document_summary_card() {
    let mut ex = Explorer::samples(100, 30);
    ex.select_doc("shenzhen-zhian-2023-budget.txt");
    ex.press("Tab");
    insta::assert_snapshot!(ex.screen());
}

#[test]
fn help_overlay_lists_every_key_once() {
    let mut ex = Explorer::samples(80, 30);
    ex.press("?");
    assert!(matches!(ex.app().mode(), Mode::Help { .. }));
    let out = ex.screen();
    // The help is longer than the screen: read it page by page.
    let mut all = out.clone();
    for _ in 0..6 {
        ex.press("PgDn");
        all.push_str(&ex.screen());
    }
    for b in budgettui::tui::keymap::DEFAULT_BINDINGS {
        for k in b.keys {
            let name = k.to_string();
            assert!(all.contains(&name), "{name} listed");
        }
    }
    for legend in ["Search results: 项 project · 表 table", "[ ] the cursor"] {
        assert!(all.contains(legend), "the legend: {legend}");
    }
    insta::assert_snapshot!(out);
    ex.press("x");
    assert!(
        !matches!(ex.app().mode(), Mode::Help { .. }),
        "any key closes help"
    );
}

/// The help scrolls by what it shows, `g` / `G` go to its ends without
/// closing it, and it never scrolls past its last line.
#[test]
fn help_scrolls_by_pages_and_to_its_ends() {
    let mut ex = Explorer::samples(80, 24);
    ex.press("?");
    let scroll = |ex: &Explorer| {
        assert!(matches!(ex.app().mode(), Mode::Help { .. }));
        ex.overlay_scroll()
    };
    ex.press("G");
    let last = scroll(&ex);
    assert!(last > 0, "the help is longer than the screen");
    ex.press("j");
    assert_eq!(scroll(&ex), last, "not past the end");
    ex.press("k");
    assert_eq!(scroll(&ex), last - 1);
    ex.press("g");
    assert_eq!(scroll(&ex), 0);
    ex.press("PgDn");
    let page = scroll(&ex);
    // the overlay at 24 rows shows about 20 lines: a page is that, not 10
    assert!(page > 10 && page <= 22, "{page}");
    ex.press("PgUp");
    assert_eq!(scroll(&ex), 0);
}

#[test]
fn tiny_terminal() {
    let mut out = String::new();
    for (w, h) in [(20, 5), (19, 4), (10, 2), (1, 1)] {
        let mut ex = Explorer::samples(w, h);
        out.push_str(&format!("{w}x{h}:\n{}\n", ex.screen()));
    }
    insta::assert_snapshot!(out);
}

/// A hand-made table: frozen label columns, pinned header, numbers right
/// aligned, merged header cell carried when scrolled into.
#[test]
fn synthetic_table_scrolled_right() {
    let mut ex = Explorer::new(vec![demo::document(40)], (80, 20));
    ex.select_node(|_, k, _| matches!(k, NodeKind::Table(_)));
    ex.focus(Focus::Main);
    ex.press("l l l l l l j j");
    insta::assert_snapshot!(ex.screen());
    ex.press("w");
    insta::assert_snapshot!("synthetic_table_wrapped", ex.screen());
}

#[test]
fn synthetic_project() {
    let mut ex = Explorer::new(vec![demo::document(5)], (90, 28));
    ex.select_node(|_, k, _| matches!(k, NodeKind::Project(_)));
    insta::assert_snapshot!(ex.screen());
}

/// Every view draws without panicking at sizes from 1×1 up, around the
/// "too small" threshold and at ordinary sizes.
#[test]
fn every_view_at_every_small_size() {
    let docs = vec![demo::document(30), sample_docs().swap_remove(1)];
    let mut ex = Explorer::new(docs, (80, 24));
    let sizes_w = [1, 2, 5, 10, 19, 20, 21, 30, 39, 40, 41, 47, 55, 80];
    let sizes_h = [1, 2, 4, 5, 7, 8, 9, 12, 24];
    for doc in 0..ex.app().list().order.len() {
        ex.select_doc_at(doc);
        let nodes = ex.ready().nodes.len();
        for node in (0..nodes).step_by((nodes / 30).max(1)) {
            ex.select_node_at(node);
            ex.set_wrap(node % 2 == 0);
            for &w in &sizes_w {
                for &h in &sizes_h {
                    ex.resize(w, h);
                    let _ = ex.screen();
                }
            }
        }
    }
}

/// Ctrl-c quits from anywhere, whatever the configuration: while browsing,
/// in the help (where other keys close it) and in the search prompt (where
/// characters type), even when `quit` has other keys.
#[test]
fn ctrl_c_always_quits() {
    let cfg = budgettui::config::Config::from_str(
        "[keys]\nquit = [\"x\"]\n",
        std::path::Path::new("x.toml"),
    )
    .expect("valid");
    let settings = budgettui::tui::Settings {
        theme: budgettui::tui::Theme::mono(),
        ..budgettui::tui::Settings::resolve(&cfg)
    };
    for keys in ["", "?", "/ a b"] {
        let mut ex = Explorer::with_settings(sample_docs(), (100, 30), settings.clone());
        ex.press(keys);
        let mode = ex.app().mode().clone();
        ex.press("Ctrl-c");
        assert!(ex.quit, "{keys:?}: Ctrl-c quits");
        assert_eq!(ex.app().mode(), &mode, "{keys:?}: and does nothing else");
    }
    let mut ex = Explorer::with_settings(sample_docs(), (100, 30), settings.clone());
    ex.press("q");
    assert!(!ex.quit, "q no longer quits");
    ex.press("x");
    assert!(ex.quit, "x does");
    // The help says so.
    let mut ex = Explorer::with_settings(sample_docs(), (100, 30), settings);
    ex.press("? PgDn PgDn PgDn");
    assert!(ex.screen().contains("x Ctrl-c"), "quit's keys in the help");
}

/// The status bar's position in a view of text is the file's line of the
/// text at the top of the view, not the line of the view.
#[test]
fn status_bar_shows_the_files_line() {
    let paragraphs = (0..100)
        .map(|i| Content::Paragraph {
            line: 1000 + 3 * i,
            text: format!("第{i}段"),
        })
        .collect();
    let doc = Document {
        path: "long.txt".into(),
        sections: vec![Section {
            title: "长节".into(),
            level: 1,
            line: 990,
            content: paragraphs,
            ..Section::default()
        }],
        ..Document::default()
    };
    let mut ex = Explorer::new(vec![doc], (80, 24));
    ex.select_node(|_, k, _| matches!(k, NodeKind::Section(_)));
    ex.focus(Focus::Main);
    let status = |ex: &mut Explorer| ex.screen().lines().last().unwrap_or("").to_string();
    assert!(status(&mut ex).contains("line 990 │"), "the heading");
    // The view: the heading, a blank line, then each paragraph and a blank line.
    for scroll in [2usize, 3, 9, 40] {
        ex.press("g");
        for _ in 0..scroll {
            ex.press("j");
        }
        assert_eq!(ex.ready().pos().scroll, scroll);
        // The paragraph at the top (or the blank line after it).
        let line = 1000 + 3 * ((scroll - 2) / 2);
        let first = format!("│第{}段", (scroll - 1) / 2);
        let screen = ex.screen();
        assert!(screen.contains(&first), "{first} on screen:\n{screen}");
        assert!(
            status(&mut ex).contains(&format!("line {line} │")),
            "scrolled {scroll}: {}",
            status(&mut ex)
        );
    }
    // The summary card is not text of the file: no line.
    let mut ex = Explorer::samples(100, 30);
    ex.focus(Focus::Main);
    assert!(!status(&mut ex).contains("line"), "{}", status(&mut ex));
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
            header: budgettui::model::Grid::from_rows([[evil, "金额"]]),
            rows: budgettui::model::Grid::from_rows([[evil, "1.00"]]),
            ..Table::default()
        }],
        ..Document::default()
    };
    let mut ex = Explorer::new(vec![doc], (100, 24));
    for node in 0..3 {
        ex.select_node_at(node);
        let out = ex.screen();
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
    let mut ex = Explorer::samples(81, 24);
    for doc in 0..ex.app().list().order.len() {
        ex.select_doc_at(doc);
        let nodes = ex.ready().nodes.len();
        for node in (0..nodes).step_by(3) {
            ex.select_node_at(node);
            let out = ex.screen();
            for line in out.lines() {
                assert_eq!(screen_text::width(line), 81, "{line}");
            }
        }
    }
}
