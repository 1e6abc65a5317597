//! The budget checks in the explorer: the `检查` node of each document lists
//! its findings, Enter on one goes to its cell (else its table, else its
//! text) and Esc comes back; cells that fail carry their severity's symbol
//! (in a monochrome theme too) and the status bar names the finding under
//! the cursor; the summary card and the document list count them, and the
//! list's sort by warnings puts errors first. On the samples: the 2024
//! 秦皇岛 三公 table prints 合计 124.59 beside a 小计 of 104.07 (an error);
//! 罗湖 2020 has 16 rounding differences (尾差) of 0.01 万元.

mod common;

use budgettui::check::Severity;
use budgettui::tui::{Focus, NodeKind, SortMode, checks};
use common::Explorer;

/// Both sizes every view of the checks is checked at.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

const QHD_2024: &str = "qinhuangdao-kaifaqu-2024-budget.txt";
const LUOHU: &str = "shenzhen-luohu-2020-budget.txt";

/// The samples at a size with document `doc`'s 检查 node open in the main
/// view.
fn on_checks(w: u16, h: u16, doc: &str) -> Explorer {
    let mut ex = Explorer::samples(w, h);
    ex.select_doc(doc);
    ex.select_node(|_, k, _| *k == NodeKind::Checks);
    ex.focus(Focus::Tree);
    ex.press("Enter");
    assert_eq!(ex.app().focus(), Focus::Main, "Enter opens the node");
    ex
}

/// The status bar's text.
fn status(ex: &mut Explorer) -> String {
    ex.screen().lines().last().unwrap_or("").to_string()
}

/// Indices into the findings in the order the node lists them (errors
/// first, then 尾差, then 存疑, each in the document's order).
fn listed(ex: &Explorer) -> Vec<usize> {
    let f = &ex.ready().checks.findings;
    let mut order: Vec<usize> = (0..f.len()).collect();
    order.sort_by_key(|&i| f[i].severity);
    order
}

#[test]
fn the_checks_node_lists_the_findings() {
    for (w, h) in SIZES {
        let mut ex = on_checks(w, h, QHD_2024);
        let r = ex.ready();
        assert_eq!(r.nodes[1].kind, NodeKind::Checks, "first under the root");
        assert_eq!(r.checks.counts, (1, 1, 0));
        let screen = ex.screen();
        assert!(
            screen.contains("检查 · 错误 1 · 尾差 1 · 存疑 0"),
            "{screen}"
        );
        assert!(screen.contains("✗ 错误  sums.rows"), "{screen}");
        assert!(screen.contains("≈ 尾差  sums.rows"), "{screen}");
        assert!(
            screen.contains("124.59") && screen.contains("104.07"),
            "{screen}"
        );
        assert!(status(&mut ex).contains("finding 1/2"));
        insta::assert_snapshot!(format!("checks_node_qhd2024_{w}x{h}"), screen);
    }
    // A document whose findings fill more than a screen scrolls with the
    // selection.
    let mut ex = on_checks(120, 40, LUOHU);
    assert_eq!(ex.ready().checks.counts, (1, 16, 0));
    ex.press("G");
    let screen = ex.screen();
    assert!(status(&mut ex).contains("finding 17/17"), "{screen}");
    insta::assert_snapshot!("checks_node_luohu_last_120x40", screen);
}

#[test]
fn a_document_without_findings_says_so() {
    let mut ex = on_checks(80, 24, "tangshan-gaoxin-2022-performance.txt");
    assert!(ex.ready().checks.findings.is_empty());
    let screen = ex.screen();
    assert!(screen.contains("检查 ✓"), "{screen}");
    assert!(screen.contains("No findings: every rule held."), "{screen}");
    ex.press("Enter");
    assert_eq!(
        ex.ready().selected_kind(),
        NodeKind::Checks,
        "nothing to go to"
    );
}

/// Enter on every finding of every sample: a finding at a cell lands on
/// that cell of its table (as the table has it), a finding at a table on
/// that table, any other on the node of its line; the status bar names a
/// cell's finding; Esc comes back to the list with the finding selected.
#[test]
fn enter_on_a_finding_goes_to_its_place_and_esc_comes_back() {
    let mut cells = 0;
    for doc in common::sample_docs() {
        let name = doc.path.rsplit('/').next().unwrap_or("").to_string();
        let mut ex = on_checks(120, 40, &name);
        for (k, i) in listed(&ex).into_iter().enumerate() {
            ex.press("g");
            for _ in 0..k {
                ex.press("j");
            }
            let f = ex.ready().checks.findings[i].clone();
            ex.press("Enter");
            let kind = ex.ready().selected_kind();
            match (f.cell(), f.table) {
                (Some((t, row, col)), _) if kind == NodeKind::Table(t) => {
                    let g = ex.app().grid().expect("the table");
                    assert_eq!(g.row_at(g.pos.row), Some(row), "{name}: {f:?}");
                    assert_eq!(g.pos.col, col, "{name}: {f:?}");
                    assert_eq!(g.finding_mark(row, col), Some(f.severity));
                    let bar = status(&mut ex);
                    assert!(
                        bar.contains(&format!(
                            "{} {}",
                            checks::symbol(f.severity),
                            f.severity.label_zh()
                        )),
                        "{name}: the status bar names the finding: {bar}"
                    );
                    cells += 1;
                }
                // A project's own table is shown through the project.
                (Some((t, ..)), _) | (None, Some(t)) => assert!(
                    kind == NodeKind::Table(t)
                        || matches!(kind, NodeKind::Project(p) if ex.ready().doc.projects[p].table == Some(t)),
                    "{name}: {f:?} → {kind:?}"
                ),
                (None, None) => assert!(
                    matches!(
                        kind,
                        NodeKind::Section(_) | NodeKind::Preamble | NodeKind::Root
                    ),
                    "{name}: {f:?} → {kind:?}"
                ),
            }
            assert_eq!(ex.app().focus(), Focus::Main);
            ex.press("Esc");
            let r = ex.ready();
            assert_eq!(
                r.selected_kind(),
                NodeKind::Checks,
                "{name}: Esc comes back"
            );
            assert_eq!(r.pos().item, k, "{name}: with the finding selected");
        }
    }
    assert!(cells >= 15, "findings at cells landed on: {cells}");
}

/// The 三公 table of the 2024 秦皇岛 budget: its 合计 (row 1, column 3)
/// marked `✗` — in the monochrome theme the harness draws with, so the
/// symbol is what shows it — and named in the status bar under the cursor.
#[test]
fn a_failing_cell_is_marked_and_named() {
    for (w, h) in SIZES {
        let mut ex = on_checks(w, h, QHD_2024);
        ex.press("Enter");
        assert!(matches!(ex.ready().selected_kind(), NodeKind::Table(_)));
        let g = ex.app().grid().expect("the 三公 table");
        assert!(g.table.title.contains("三公"), "{}", g.table.title);
        assert_eq!((g.row_at(g.pos.row), g.pos.col), (Some(0), 2));
        let bar = status(&mut ex);
        assert!(bar.contains("✗ 错误 “合计”"), "{bar}");
        // Off the cell, the symbol shows beside the figure.
        ex.press("j");
        let screen = ex.screen();
        assert!(screen.contains("✗124.59"), "{screen}");
        assert!(
            !status(&mut ex).contains("错误"),
            "the next cell has no finding"
        );
        insta::assert_snapshot!(format!("checks_sangong_qhd2024_{w}x{h}"), screen);
    }
}

/// 罗湖's 一般公共预算支出情况表: its 支出总计 of 145,863.63, 121,423.64 and
/// 120,703.64 are each 0.01 more than their rows (or 基本支出 + 项目支出)
/// sum to: rounding differences, marked `≈`.
#[test]
fn rounding_differences_are_marked() {
    for (w, h) in SIZES {
        let mut ex = Explorer::samples(w, h);
        ex.select_doc(LUOHU);
        ex.select_node(|d, k, _| match k {
            NodeKind::Table(i) => d.tables[*i].title.contains("一般公共预算支出情况表"),
            _ => false,
        });
        ex.focus(Focus::Main);
        let t = match ex.ready().selected_kind() {
            NodeKind::Table(t) => t,
            k => panic!("{k:?}"),
        };
        let marked: Vec<_> = ex
            .ready()
            .checks
            .marks
            .iter()
            .filter(|((table, ..), _)| *table == t)
            .map(|(&(_, row, col), s)| (row, col, *s))
            .collect();
        assert_eq!(
            marked,
            [0, 1, 2].map(|row| (row, 3, Severity::Rounding)),
            "{marked:?}"
        );
        // The cursor below them, so that each shows its symbol.
        ex.press("j j j j");
        let screen = ex.screen();
        for figure in ["145,863.63", "121,423.64", "120,703.64"] {
            assert!(
                screen.contains(&format!("≈{figure}")),
                "{figure}:\n{screen}"
            );
        }
        insta::assert_snapshot!(format!("checks_rounding_luohu_{w}x{h}"), screen);
    }
}

/// The document list counts each document's findings: the full tally where
/// there is room, the worst severity's count at 80 columns; the summary
/// card counts them too.
#[test]
fn the_list_and_the_card_count_the_findings() {
    let row = |screen: &str, dept: &str| {
        screen
            .lines()
            .find(|l| l.contains(dept))
            .unwrap_or_else(|| panic!("{dept} in\n{screen}"))
            .to_string()
    };
    let mut wide = Explorer::samples(120, 40);
    let screen = wide.screen();
    assert!(row(&screen, "年度").contains("检查"), "{screen}");
    for (dept, tally) in [
        ("2024 秦皇岛市公安局", "✗1 ≈1"),
        ("深圳市公安局罗湖", "✗1 ≈16"),
        ("深圳市公安局治安", "✗4 ≈4"),
        ("2020 秦皇岛经济技术开发", "?2"),
        ("唐山市公安局", "✓"),
    ] {
        assert!(row(&screen, dept).contains(tally), "{dept}: {tally}");
    }
    let mut narrow = Explorer::samples(80, 24);
    let screen = narrow.screen();
    for (dept, tally) in [("2024 秦皇岛市", "✗1"), ("2023 深圳市", "✗4")] {
        let line = row(&screen, dept);
        let list = line.split('│').nth(1).unwrap_or("");
        assert!(
            list.trim_end().ends_with(tally),
            "{dept}: {tally} in {line:?}"
        );
    }
    // The summary card (the root) counts them.
    wide.select_doc(LUOHU);
    wide.focus(Focus::Tree);
    let screen = wide.screen();
    assert!(
        screen.contains("检查  ✗ 错误 1 · ≈ 尾差 16 · ? 存疑 0"),
        "{screen}"
    );
}

/// "By warnings" orders by the checks' errors, then warnings (the
/// parser's and 存疑), then rounding differences.
#[test]
fn sorting_by_warnings_puts_errors_first() {
    let mut ex = Explorer::samples(120, 40);
    while ex.app().list().sort != SortMode::Warnings {
        ex.press("s");
    }
    let app = ex.app();
    let order: Vec<&str> = app
        .list()
        .order
        .iter()
        .map(|&i| app.docs()[i].path.rsplit('/').next().unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        [
            "shenzhen-zhian-2023-budget.txt",
            LUOHU,
            QHD_2024,
            "qinhuangdao-kaifaqu-2020-budget.txt",
            "tangshan-gaoxin-2022-performance.txt",
        ]
    );
}
