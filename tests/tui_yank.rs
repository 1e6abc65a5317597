//! What `y` and `Y` copy, exactly: the cell under the table cursor, the
//! selected project's amount, the selected indicator's target (as printed,
//! or converted to 元), the selected row as tab-separated text; why nothing
//! is copied; and the exact OSC 52 bytes a copy writes.

use budgettui::clipboard::{self, ClipboardConfig, Env, ProviderChoice, YankUnit};
use budgettui::config::YankConfig;
use budgettui::model::{Document, Unit};
use budgettui::parse::amount::parse_figure;
use budgettui::tui::app::{App, Focus};
use budgettui::tui::keymap::KeySpec;
use budgettui::tui::outline::NodeKind;
use budgettui::tui::theme::Theme;
use budgettui::tui::update::{Msg, fix_scroll, update};
use budgettui::tui::yank;
use crossterm::event::KeyEvent;

/// The bundled samples, parsed (paths `samples/<file>`, no absolute paths in snapshots).
fn sample_docs() -> Vec<Document> {
    budgettui::load::sample_documents()
}

fn app() -> App {
    App::with_documents(sample_docs(), (120, 40), Theme::mono())
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let spec = KeySpec::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        update(app, Msg::Key(KeyEvent::new(spec.code, spec.mods)));
    }
}

fn select_doc(app: &mut App, name: &str) {
    let pos = app
        .order
        .iter()
        .position(|&i| app.docs[i].path.ends_with(name))
        .expect("document listed");
    app.list_selected = pos;
    fix_scroll(app);
}

fn select_node(app: &mut App, pred: impl Fn(&Document, &NodeKind, &str) -> bool) {
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
}

/// What `keys` ask to copy (the copy itself is the event loop's job).
fn copied(app: &mut App, keys: &str) -> String {
    app.pending_copy = None;
    press(app, keys);
    match app.pending_copy.take() {
        Some(req) => req.text,
        None => panic!("nothing copied: {:?}", app.message),
    }
}

fn project_node(app: &mut App, name: &str) {
    select_node(
        app,
        |doc, k, _| matches!(k, NodeKind::Project(i) if doc.projects[*i].name == name),
    );
}

/// The government procurement table of the 2024 Qinhuangdao budget, on the
/// 智慧社区 row.
fn procurement_row(app: &mut App) {
    select_doc(app, "qinhuangdao-kaifaqu-2024-budget.txt");
    select_node(app, |_, _, label| label.contains("部门政府采购预算"));
    app.focus = Focus::Main;
    let r = app.current_ready_mut().expect("ready");
    let row = match r.selected_kind() {
        NodeKind::Table(t) => r.doc.tables[t]
            .rows
            .iter()
            .position(|row| row[0] == "智慧社区")
            .expect("row"),
        k => panic!("not a table: {k:?}"),
    };
    let pos = r.pos_mut();
    pos.row = row;
    pos.col = 0;
    fix_scroll(app);
}

#[test]
fn cell_under_the_cursor() {
    let mut app = app();
    procurement_row(&mut app);
    assert_eq!(copied(&mut app, "y"), "智慧社区", "a text cell as it reads");
    assert_eq!(copied(&mut app, "l y"), "397.10");
    assert_eq!(copied(&mut app, "l l l l l l y"), "397.10", "合计 column");
    // An empty cell (基金预算拨款): nothing, and the status bar says why.
    press(&mut app, "l l");
    app.pending_copy = None;
    press(&mut app, "y");
    assert!(app.pending_copy.is_none());
    assert_eq!(
        app.message.as_deref(),
        Some("nothing to copy: the cell is empty")
    );
}

#[test]
fn cell_in_yuan_and_with_its_unit() {
    let mut app = app();
    procurement_row(&mut app);
    app.yank = YankConfig {
        unit: YankUnit::Yuan,
        append_unit: false,
    };
    assert_eq!(copied(&mut app, "l y"), "3971000");
    app.yank.append_unit = true;
    assert_eq!(copied(&mut app, "y"), "3971000元");
    app.yank.unit = YankUnit::AsPrinted;
    assert_eq!(copied(&mut app, "y"), "397.10万元");
    // Text is never converted nor given a unit.
    assert_eq!(copied(&mut app, "h y"), "智慧社区");
}

#[test]
fn row_as_tab_separated_text() {
    let mut app = app();
    procurement_row(&mut app);
    assert_eq!(
        copied(&mut app, "Y"),
        "智慧社区\t397.10\t其他电信和信息传输服务\tC17990000\t项\t1\t397.10\t397.10\t397.10\t\t\t\t\t\t"
    );
}

#[test]
fn project_amount() {
    let mut app = app();
    select_doc(&mut app, "qinhuangdao-kaifaqu-2024-budget.txt");
    project_node(&mut app, "智慧社区");
    // From the outline: the selected project's amount.
    assert_eq!(app.focus, Focus::List);
    assert_eq!(copied(&mut app, "y"), "397.10");
    app.yank.unit = YankUnit::Yuan;
    assert_eq!(copied(&mut app, "y"), "3971000");
    app.yank.unit = YankUnit::AsPrinted;
    app.yank.append_unit = true;
    assert_eq!(copied(&mut app, "y"), "397.10万元");
    app.yank.append_unit = false;
    assert_eq!(copied(&mut app, "Y"), "智慧社区\t397.10\t万元");
}

#[test]
fn indicator_target() {
    let mut app = app();
    select_doc(&mut app, "qinhuangdao-kaifaqu-2024-budget.txt");
    project_node(&mut app, "智慧社区");
    app.focus = Focus::Main;
    // The cursor starts on the amount; ↓ goes through the indicators.
    assert_eq!(copied(&mut app, "y"), "397.10");
    assert_eq!(copied(&mut app, "j y"), "90 个");
    assert_eq!(copied(&mut app, "j y"), "100%");
    assert_eq!(copied(&mut app, "j j y"), "≤397.1 万元");
    // Targets are copied as printed whatever the unit setting.
    app.yank.unit = YankUnit::Yuan;
    app.yank.append_unit = true;
    assert_eq!(copied(&mut app, "y"), "≤397.1 万元");
    assert_eq!(
        copied(&mut app, "Y"),
        "产出指标\t成本指标\t预算金额\t控制在预算范围内\t≤397.1 万元\t拨付预算金额"
    );
    assert_eq!(copied(&mut app, "G y"), "≥90%");
    app.yank = YankConfig::default();
    assert_eq!(copied(&mut app, "g y"), "397.10");
    assert_eq!(copied(&mut app, "k y"), "397.10", "stays on the amount");
}

#[test]
fn department_indicator_target() {
    let mut app = app();
    select_doc(&mut app, "qinhuangdao-kaifaqu-2024-budget.txt");
    select_node(&mut app, |_, k, _| *k == NodeKind::DocIndicators);
    app.focus = Focus::Main;
    assert_eq!(copied(&mut app, "y"), "比上年有所降低");
    let r = app.current_ready().expect("ready");
    let second = r.doc.indicators[1].target.clone();
    assert_eq!(copied(&mut app, "j y"), second);
}

#[test]
fn nothing_to_copy_says_why() {
    let mut app = app();
    select_doc(&mut app, "shenzhen-luohu-2020-budget.txt");
    select_node(&mut app, |_, k, _| matches!(k, NodeKind::Section(_)));
    press(&mut app, "y");
    assert!(app.pending_copy.is_none());
    assert_eq!(
        app.message.as_deref(),
        Some("nothing to copy here: select a table cell, a project or an indicator")
    );
    press(&mut app, "Y");
    assert!(app.pending_copy.is_none());
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("nothing to copy"))
    );
}

#[test]
fn summary_copies_the_total() {
    let mut app = app();
    select_doc(&mut app, "shenzhen-zhian-2023-budget.txt");
    let total = app
        .current_ready()
        .and_then(|r| r.doc.total.clone())
        .expect("a total");
    assert_eq!(copied(&mut app, "y"), total.amount.printed.trim());
}

#[test]
fn copy_request_label_for_the_status_bar() {
    let mut app = app();
    procurement_row(&mut app);
    press(&mut app, "l y");
    let req = app.pending_copy.take().expect("copied");
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
    update(
        &mut app,
        Msg::Copied {
            label: req.label,
            report,
        },
    );
    assert_eq!(app.message.as_deref(), Some("copied 397.10 (osc52)"));
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
    let money =
        |printed: &str, unit| yank::Figure::Money(parse_figure(printed, unit).expect("a figure"));
    let fig = money("397.096", Some(Unit::Wan));
    assert_eq!(fig.text(&yuan), Ok("3970960".to_string()));
    let no_unit = money("12", None);
    assert!(no_unit.text(&yuan).is_err_and(|e| e.contains("no unit")));
    let hit = parse_figure("4,800", Some(Unit::Wan));
    assert_eq!(
        yank::hit_figure(hit.as_ref(), &yuan).map(|r| r.text),
        Ok("48000000".to_string())
    );
    assert!(yank::hit_figure(None, &yuan).is_err());
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
        ],
        rows: vec![
            std::iter::once("公安证照".to_string())
                .chain(cells.iter().map(|c| c.to_string()))
                .collect(),
        ],
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
        let copied = yank::cell_figure(&table, 0, col).expect("a cell");
        // what search indexes at this cell as a figure
        let indexed = index
            .items()
            .iter()
            .find(|it| {
                it.kind == Kind::Amount
                    && it.location
                        == Location::Cell {
                            table: 0,
                            row: 0,
                            col,
                        }
            })
            .and_then(|it| index.figures(it).first())
            .map(|f| index.amount(f));
        match (&copied, &indexed) {
            (yank::Figure::Money(a), Some(h)) => {
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
            (yank::Figure::Text(t), None) => assert_eq!(t, printed),
            _ => panic!("{printed}: copied {copied:?}, indexed {indexed:?}"),
        }
    }
    assert_eq!(
        found, 4,
        "(12.5), 4,800.00, 48000000元 and 397.10 are figures"
    );
    let copy = |col: usize| {
        yank::cell_figure(&table, 0, col)
            .and_then(|f| f.text(&yuan))
            .expect("copied")
    };
    assert_eq!(copy(1), "-125000");
    assert_eq!(copy(2), "1,2");
    assert_eq!(copy(3), "-");
    assert_eq!(copy(4), "48000000");
    assert_eq!(copy(5), "48000000");
}
