//! What `y` and `Y` copy, exactly: the cell under the table cursor, the
//! selected project's amount, the selected indicator's target (as printed,
//! or converted to 元), the selected row as tab-separated text; why nothing
//! is copied; and the exact OSC 52 bytes a copy writes.

mod common;

use budgettui::clipboard::{self, ClipboardConfig, Env, ProviderChoice, YankUnit};
use budgettui::config::YankConfig;
use budgettui::model::{Document, Unit};
use budgettui::parse::amount::parse_figure;
use budgettui::tui::{Focus, Msg, NodeKind, hit_figure};
use common::Explorer;

fn app() -> Explorer {
    Explorer::samples(120, 40)
}

/// Change how figures are copied (the same explorer, configured so).
fn yank(ex: &mut Explorer, change: impl FnOnce(&mut YankConfig)) {
    let mut cfg = ex.app().settings().yank;
    change(&mut cfg);
    ex.set_yank(cfg);
}

fn project_node(ex: &mut Explorer, name: &str) {
    ex.select_node(|doc, k, _| matches!(k, NodeKind::Project(i) if doc.projects[*i].name == name));
}

/// The government procurement table of the 2024 Qinhuangdao budget, on the
/// 智慧社区 row.
fn procurement_row(ex: &mut Explorer) {
    ex.select_doc("qinhuangdao-kaifaqu-2024-budget.txt");
    ex.select_node(|_, _, label| label.contains("部门政府采购预算"));
    ex.focus(Focus::Main);
    let r = ex.ready();
    let row = match r.selected_kind() {
        NodeKind::Table(t) => r.doc.tables[t]
            .rows
            .iter()
            .position(|row| &row[0] == "智慧社区")
            .expect("row"),
        k => panic!("not a table: {k:?}"),
    };
    let pos = r.pos();
    let figure_col = match r.selected_kind() {
        NodeKind::Table(t) => r.layouts.get(&r.doc, t).and_then(|l| l.figure_col),
        _ => None,
    };
    assert_eq!(
        (pos.row, Some(pos.col)),
        (0, figure_col),
        "a table seen for the first time opens on its first column of figures"
    );
    for _ in 0..pos.col {
        ex.press("h");
    }
    for _ in 0..row {
        ex.press("j");
    }
}

#[test]
fn cell_under_the_cursor() {
    let mut ex = app();
    procurement_row(&mut ex);
    assert_eq!(ex.copied("y"), "智慧社区", "a text cell as it reads");
    assert_eq!(ex.copied("l y"), "397.10");
    assert_eq!(ex.copied("l l l l l l y"), "397.10", "合计 column");
    // An empty cell (基金预算拨款): nothing, and the status bar says why.
    ex.press("l l");
    ex.copies.clear();
    ex.press("y");
    assert!(ex.copies.is_empty());
    assert_eq!(
        ex.app().message(),
        Some("nothing to copy: the cell is empty")
    );
}

#[test]
fn cell_in_yuan_and_with_its_unit() {
    let mut ex = app();
    procurement_row(&mut ex);
    ex.set_yank(YankConfig {
        unit: YankUnit::Yuan,
        append_unit: false,
    });
    assert_eq!(ex.copied("l y"), "3971000");
    yank(&mut ex, |y| y.append_unit = true);
    assert_eq!(ex.copied("y"), "3971000元");
    yank(&mut ex, |y| y.unit = YankUnit::AsPrinted);
    assert_eq!(ex.copied("y"), "397.10万元");
    // Text is never converted nor given a unit.
    assert_eq!(ex.copied("h y"), "智慧社区");
}

#[test]
fn row_as_tab_separated_text() {
    let mut ex = app();
    procurement_row(&mut ex);
    assert_eq!(
        ex.copied("Y"),
        "智慧社区\t397.10\t其他电信和信息传输服务\tC17990000\t项\t1\t397.10\t397.10\t397.10\t\t\t\t\t\t"
    );
}

#[test]
fn project_amount() {
    let mut ex = app();
    ex.select_doc("qinhuangdao-kaifaqu-2024-budget.txt");
    project_node(&mut ex, "智慧社区");
    // From the outline: the selected project's amount.
    assert_eq!(ex.app().focus(), Focus::List);
    assert_eq!(ex.copied("y"), "397.10");
    yank(&mut ex, |y| y.unit = YankUnit::Yuan);
    assert_eq!(ex.copied("y"), "3971000");
    yank(&mut ex, |y| y.unit = YankUnit::AsPrinted);
    yank(&mut ex, |y| y.append_unit = true);
    assert_eq!(ex.copied("y"), "397.10万元");
    yank(&mut ex, |y| y.append_unit = false);
    assert_eq!(ex.copied("Y"), "智慧社区\t397.10\t万元");
}

#[test]
fn indicator_target() {
    let mut ex = app();
    ex.select_doc("qinhuangdao-kaifaqu-2024-budget.txt");
    project_node(&mut ex, "智慧社区");
    ex.focus(Focus::Main);
    // The cursor starts on the amount; ↓ goes through the indicators.
    assert_eq!(ex.copied("y"), "397.10");
    assert_eq!(ex.copied("j y"), "90 个");
    assert_eq!(ex.copied("j y"), "100%");
    assert_eq!(ex.copied("j j y"), "≤397.1 万元");
    // Targets are copied as printed whatever the unit setting.
    yank(&mut ex, |y| y.unit = YankUnit::Yuan);
    yank(&mut ex, |y| y.append_unit = true);
    assert_eq!(ex.copied("y"), "≤397.1 万元");
    assert_eq!(
        ex.copied("Y"),
        "产出指标\t成本指标\t预算金额\t控制在预算范围内\t≤397.1 万元\t拨付预算金额"
    );
    assert_eq!(ex.copied("G y"), "≥90%");
    ex.set_yank(YankConfig::default());
    assert_eq!(ex.copied("g y"), "397.10");
    assert_eq!(ex.copied("k y"), "397.10", "stays on the amount");
}

#[test]
fn department_indicator_target() {
    let mut ex = app();
    ex.select_doc("qinhuangdao-kaifaqu-2024-budget.txt");
    ex.select_node(|_, k, _| *k == NodeKind::DocIndicators);
    ex.focus(Focus::Main);
    assert_eq!(ex.copied("y"), "比上年有所降低");
    let r = ex.ready();
    let second = r.doc.indicators[1].target().to_string();
    assert_eq!(ex.copied("j y"), second);
}

#[test]
fn nothing_to_copy_says_why() {
    let mut ex = app();
    ex.select_doc("shenzhen-luohu-2020-budget.txt");
    ex.select_node(|_, k, _| matches!(k, NodeKind::Section(_)));
    ex.press("y");
    assert!(ex.copies.is_empty());
    assert_eq!(
        ex.app().message(),
        Some("nothing to copy here: select a table cell, a project or an indicator")
    );
    ex.press("Y");
    assert!(ex.copies.is_empty());
    assert!(
        ex.app()
            .message()
            .is_some_and(|m| m.starts_with("nothing to copy"))
    );
}

#[test]
fn summary_copies_the_total() {
    let mut ex = app();
    ex.select_doc("shenzhen-zhian-2023-budget.txt");
    let total = ex
        .app()
        .current_ready()
        .and_then(|r| r.doc.total.clone())
        .expect("a total");
    assert_eq!(ex.copied("y"), total.amount.printed.trim());
}

#[test]
fn copy_request_label_for_the_status_bar() {
    let mut ex = app();
    procurement_row(&mut ex);
    ex.press("l y");
    let req = ex.copies.pop().expect("copied");
    assert_eq!(req.label, "397.10");
    // The event loop reports the copy; the status bar confirms it.
    let report = clipboard::copy(
        &req.text,
        &ClipboardConfig {
            provider: ProviderChoice::Osc52,
            ..ClipboardConfig::default()
        },
        &Env::default(),
        &mut Vec::new(),
    );
    ex.send(Msg::Copied {
        label: req.label,
        report,
    });
    assert_eq!(ex.app().message(), Some("copied 397.10 (osc52)"));
}

#[test]
fn exact_osc52_bytes_for_a_figure() {
    let cfg = ClipboardConfig {
        provider: ProviderChoice::Osc52,
        ..ClipboardConfig::default()
    };
    let mut term = Vec::new();
    clipboard::copy("397.10", &cfg, &Env::default(), &mut term);
    assert_eq!(term, b"\x1b]52;c;Mzk3LjEw\x1b\\");
    // Inside tmux: also wrapped for passthrough, every ESC doubled.
    let mut term = Vec::new();
    let tmux = Env {
        tmux: true,
        ..Env::default()
    };
    clipboard::copy("397.10", &cfg, &tmux, &mut term);
    assert_eq!(
        term,
        b"\x1b]52;c;Mzk3LjEw\x1b\\\x1bPtmux;\x1b\x1b]52;c;Mzk3LjEw\x1b\x1b\\\x1b\\"
    );
}

#[test]
fn figures_in_yuan_from_the_helpers() {
    let yuan = YankConfig {
        unit: YankUnit::Yuan,
        append_unit: false,
    };
    let money = |printed: &str, unit| {
        budgettui::tui::Figure::Money(parse_figure(printed, unit).expect("a figure"))
    };
    let fig = money("397.096", Some(Unit::Wan));
    assert_eq!(fig.text(&yuan), Ok("3970960".to_string()));
    let no_unit = money("12", None);
    assert!(no_unit.text(&yuan).is_err_and(|e| e.contains("no unit")));
    let hit = parse_figure("4,800", Some(Unit::Wan));
    assert_eq!(
        hit_figure(hit.as_ref(), &yuan).map(|r| r.text),
        Ok("48000000".to_string())
    );
    assert!(hit_figure(None, &yuan).is_err());
}

/// Every figure the explorer can copy is read by the one parser of printed
/// figures: what `y` copies as a figure is what search finds as that figure,
/// with the same value, and what search does not take for a figure is
/// copied as printed.
#[test]
fn copy_and_search_agree_on_every_figure() {
    use budgettui::model::{Content, Section, Table};
    use budgettui::search::{Index, Kind, Location, search};
    let cells = ["(12.5)", "1,2", "-", "4,800.00", "48000000元", "397.10"];
    let table = Table {
        title: "支出表".into(),
        unit: Some(Unit::Wan),
        header: vec![
            std::iter::once("项目".to_string())
                .chain(cells.iter().enumerate().map(|(i, _)| format!("金额{i}")))
                .collect(),
        ]
        .into(),
        rows: vec![
            std::iter::once("公安证照".to_string())
                .chain(cells.iter().map(|c| c.to_string()))
                .collect(),
        ]
        .into(),
        row_lines: vec![2],
        ..Table::default()
    };
    let doc = Document {
        path: "figures.txt".into(),
        sections: vec![Section {
            title: "表".into(),
            level: 1,
            content: vec![Content::Table { index: 0 }],
            ..Section::default()
        }],
        tables: vec![table.clone()],
        ..Document::default()
    };
    let index = Index::build(std::slice::from_ref(&doc));
    let yuan = YankConfig {
        unit: YankUnit::Yuan,
        append_unit: false,
    };
    let mut found = 0;
    for (i, printed) in cells.iter().enumerate() {
        let col = i + 1;
        let copied = budgettui::tui::cell_figure(&table, 0, col).expect("a cell");
        // what search indexes at this cell as a figure
        let indexed = (0..index.len())
            .find(|&it| {
                index.kind(it) == Kind::Amount
                    && index.location(it)
                        == Location::Cell {
                            table: 0,
                            row: 0,
                            col,
                        }
            })
            .and_then(|it| index.figures(it).first())
            .map(|f| index.amount(f));
        match (&copied, &indexed) {
            (budgettui::tui::Figure::Money(a), Some(h)) => {
                found += 1;
                assert_eq!(h.in_wan(), a.in_wan(), "{printed}");
                assert_eq!(h.printed, a.printed, "{printed}");
                assert_eq!(h.unit, a.unit, "{printed}");
                // the 元 figure copied is the indexed 万元 figure × 10000
                let text = copied.text(&yuan).expect("converts");
                let wan = h.in_wan().expect("value");
                assert_eq!(
                    text,
                    (wan * rust_decimal::Decimal::from(10_000))
                        .normalize()
                        .to_string()
                );
                // and searching that figure finds this cell
                let hits = search(&index, &wan.to_string(), 0, None);
                assert!(
                    hits.iter().any(|h| h.location
                        == Location::Cell {
                            table: 0,
                            row: 0,
                            col
                        }),
                    "{printed}: {hits:?}"
                );
            }
            (budgettui::tui::Figure::Text(t), None) => assert_eq!(t, printed),
            _ => panic!("{printed}: copied {copied:?}, indexed {indexed:?}"),
        }
    }
    assert_eq!(
        found, 4,
        "(12.5), 4,800.00, 48000000元 and 397.10 are figures"
    );
    let copy = |col: usize| {
        budgettui::tui::cell_figure(&table, 0, col)
            .and_then(|f| f.text(&yuan))
            .expect("copied")
    };
    assert_eq!(copy(1), "-125000");
    assert_eq!(copy(2), "1,2");
    assert_eq!(copy(3), "-");
    assert_eq!(copy(4), "48000000");
    assert_eq!(copy(5), "48000000");
}
