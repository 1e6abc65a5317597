//! The analyst's explorer on the samples: all projects (`P`) sorted and
//! filtered, Enter opening a project; sorting a hierarchical table; one
//! kind of table compared across documents (`C`); marks and sums; charts;
//! column widths, groups and jumps; the whole text of a cut cell; a figure
//! of a text copied. Each new view is a snapshot at 80×24 and 200×50.

mod common;

use budgettui::model::Document;
use budgettui::tui::{BoardKind, Focus, Mode, NodeKind};
use common::{Explorer, sample_docs};
use rust_decimal::Decimal;

/// Both sizes every new view is checked at.
const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// The samples at a size, with the document `doc` selected and its table
/// whose title holds `title` open in the main view.
fn on_table(w: u16, h: u16, doc: &str, title: &str) -> Explorer {
    let mut ex = Explorer::samples(w, h);
    ex.select_doc(doc);
    ex.select_node(|d: &Document, k, _| match k {
        NodeKind::Table(i) => d.tables[*i].title.contains(title),
        _ => false,
    });
    ex.focus(Focus::Main);
    ex
}

/// The text of the cell under the cursor, as the table has it.
fn cursor_cell(ex: &Explorer) -> String {
    let g = ex.app().grid().expect("a table");
    let r = g.row_at(g.pos.row).expect("a row");
    g.table.rows.row(r)[g.pos.col].trim().to_string()
}

/// The cells of column `col` of the rows shown, in order.
fn shown_column(ex: &Explorer, col: usize) -> Vec<String> {
    let g = ex.app().grid().expect("a table");
    (0..g.shown())
        .map(|i| g.table.rows.row(g.row_at(i).expect("row"))[col].to_string())
        .collect()
}

fn dec(s: &str) -> Decimal {
    budgettui::parse::amount::parse_amount(s).expect("a figure")
}

/// The largest project of the five samples: 警务辅助专项经费 (罗湖 2020), once
/// the projects that group others (一般性项目, 政府投资项目) are left out.
#[test]
fn all_projects_sorted_by_amount_and_opened() {
    for (w, h) in SIZES {
        let mut ex = Explorer::samples(w, h);
        ex.press("P");
        let b = ex.app().board().expect("the projects board");
        assert_eq!(b.kind, BoardKind::Projects { all: false });
        let names = shown_column(&ex, 2);
        assert!(!names.iter().any(|n| n == "一般性项目"), "groups left out");
        // The cursor opens on the amounts; s sorts them, largest first.
        ex.press("s");
        assert_eq!(shown_column(&ex, 2)[0], "警务辅助专项经费");
        assert_eq!(cursor_cell(&ex), "28,565.01");
        let amounts: Vec<Decimal> = shown_column(&ex, 3)
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| dec(s))
            .collect();
        assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "largest first");
        let screen = ex.screen();
        assert!(screen.contains("↓金额"), "the title shows the sort");
        assert!(screen.contains("合计"), "the total of the rows shown");
        insta::assert_snapshot!(format!("projects_by_amount_{w}x{h}"), screen);
        // Enter opens the project in its document: the row of 表.5.
        ex.press("Enter");
        assert!(ex.app().board().is_none());
        assert!(
            ex.ready()
                .doc
                .path
                .ends_with("shenzhen-luohu-2020-budget.txt")
        );
        assert_eq!(cursor_cell(&ex), "28,565.01");
        // Esc: back to the board as it was.
        ex.press("Esc");
        assert_eq!(shown_column(&ex, 2)[0], "警务辅助专项经费");
        // P again: with the groups, 一般性项目 leads.
        ex.press("P");
        assert_eq!(
            ex.app().board().map(|b| b.kind.clone()),
            Some(BoardKind::Projects { all: true })
        );
        assert_eq!(shown_column(&ex, 2)[0], "一般性项目");
    }
}

/// The total in the title is the sum of the amounts of the rows shown.
#[test]
fn projects_filtered_by_amount_and_by_words() {
    let mut ex = Explorer::samples(200, 50);
    ex.press("P");
    let all = ex.app().grid().expect("grid").shown();
    ex.press("f");
    ex.type_text(">=1000");
    assert!(
        matches!(ex.app().mode(), Mode::Line(_)),
        "the filter prompt"
    );
    insta::assert_snapshot!("filter_prompt_200x50", ex.screen());
    ex.press("Enter");
    let amounts = shown_column(&ex, 3);
    assert!(!amounts.is_empty() && amounts.len() < all);
    assert!(
        amounts.iter().all(|a| dec(a) >= Decimal::from(1000)),
        "{amounts:?}"
    );
    let total: Decimal = amounts.iter().map(|a| dec(a)).sum();
    let screen = ex.screen();
    let want = budgettui::tui::screen_text::group_thousands(&total.to_string());
    assert!(
        screen.contains(&format!("合计 {want} 万元")),
        "{want}\n{screen}"
    );
    assert!(screen.contains(">=1000"), "the title shows the filter");
    // Words on a column of names: c goes there by name.
    ex.press("Esc");
    assert_eq!(ex.app().grid().expect("grid").shown(), all, "Esc clears");
    ex.press("c");
    ex.type_text("项目");
    ex.press("Enter");
    assert_eq!(ex.app().grid().expect("grid").pos.col, 2);
    ex.press("f");
    ex.type_text("智慧");
    ex.press("Enter");
    let names = shown_column(&ex, 2);
    assert!(
        names.len() >= 3 && names.iter().all(|n| n.contains("智慧")),
        "{names:?}"
    );
}

#[test]
fn filter_prompt_at_80x24() {
    let mut ex = on_table(
        80,
        24,
        "shenzhen-luohu-2020-budget.txt",
        "一般公共预算支出情况表",
    );
    ex.press("f");
    ex.type_text("100..3000");
    insta::assert_snapshot!("filter_prompt_80x24", ex.screen());
    // Esc in the prompt puts back what was there: no filter.
    ex.press("Esc");
    assert!(ex.app().grid().expect("grid").grid.filter.is_none());
}

/// 罗湖 表.7 by function class: sorted, each 类 is followed by its 款 and each
/// 款 by its 项, largest first at every level; again smallest first; again
/// document order.
#[test]
fn sorting_keeps_children_under_their_parents() {
    let mut ex = on_table(
        80,
        24,
        "shenzhen-luohu-2020-budget.txt",
        "一般公共预算支出情况表",
    );
    assert_eq!(
        cursor_cell(&ex),
        "145,863.63",
        "the cursor opens on the figures"
    );
    ex.press("s");
    let codes = shown_column(&ex, 1);
    let roots: Vec<&str> = codes
        .iter()
        .filter(|c| c.len() == 3)
        .map(String::as_str)
        .collect();
    assert_eq!(roots, ["204", "221", "208", "210", "213"]);
    for (i, code) in codes.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        if code.len() > 3 {
            let parent = &code[..code.len() - 2];
            let above = codes[..i].iter().rposition(|c| c.len() < code.len());
            assert_eq!(
                above.map(|k| codes[k].as_str()),
                Some(parent),
                "{code} under {parent}"
            );
        }
    }
    let figures = shown_column(&ex, 3);
    let kids_of_20402: Vec<Decimal> = codes
        .iter()
        .zip(&figures)
        .filter(|(c, _)| c.len() == 7 && c.starts_with("20402"))
        .map(|(_, f)| dec(f))
        .collect();
    assert!(
        kids_of_20402.windows(2).all(|w| w[0] >= w[1]),
        "{kids_of_20402:?}"
    );
    ex.press("s");
    let roots: Vec<String> = shown_column(&ex, 1)
        .into_iter()
        .filter(|c| c.len() == 3)
        .collect();
    assert_eq!(roots, ["213", "210", "208", "221", "204"]);
    ex.press("s");
    assert!(
        ex.app().grid().expect("grid").grid.order.is_none(),
        "document order"
    );
}

/// 三公经费 across the documents: one column per document that has the
/// table, the items matched whatever their numbering.
#[test]
fn compare_sangong_across_documents() {
    for (w, h) in SIZES {
        let mut ex = on_table(w, h, "qinhuangdao-kaifaqu-2024-budget.txt", "三公");
        ex.press("C");
        let b = ex.app().board().expect("the comparison board");
        assert_eq!(
            b.kind,
            BoardKind::Compare {
                kind: "三公经费".into()
            }
        );
        let cmp = b.comparison.as_ref().expect("comparison");
        let depts: Vec<&str> = cmp.columns.iter().map(|c| c.department.as_str()).collect();
        assert_eq!(depts, ["深圳治安", "秦皇岛开发区", "罗湖"]);
        let t = &b.table;
        // The code column (codes the parser found), then the names.
        let name = usize::from(cmp.rows.iter().any(|r| r.code.is_some()));
        let r = t
            .rows
            .iter()
            .position(|r| &r[name] == "公务接待费")
            .expect("公务接待费 matched");
        assert_eq!(
            t.rows.row(r).to_vec()[name + 1..],
            ["1.95", "6.81", "10.29"]
        );
        let screen = ex.screen();
        for d in ["深圳治安", "秦皇岛开发区", "罗湖"] {
            assert!(screen.contains(d), "{d} on screen");
        }
        insta::assert_snapshot!(format!("compare_sangong_{w}x{h}"), screen);
        // Enter on the 罗湖 figure opens it in 罗湖's table.
        for _ in 0..r {
            ex.press("j");
        }
        ex.press("l l");
        assert_eq!(cursor_cell(&ex), "10.29");
        ex.press("Enter");
        assert!(
            ex.ready()
                .doc
                .path
                .ends_with("shenzhen-luohu-2020-budget.txt")
        );
        assert_eq!(cursor_cell(&ex), "10.29");
    }
}

#[test]
fn marks_sum_and_copy() {
    for (w, h) in SIZES {
        let mut ex = on_table(
            w,
            h,
            "shenzhen-luohu-2020-budget.txt",
            "一般公共预算支出情况表",
        );
        // 204 and 208: 121,423.64 + 10,638.36.
        ex.press("j m");
        for _ in 0..9 {
            ex.press("j");
        }
        assert_eq!(cursor_cell(&ex), "10,638.36");
        ex.press("m");
        let screen = ex.screen();
        assert!(
            screen.contains("2 marked · Σ 132,062.00 万元 · mean 66,031.00 万元"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("marks_{w}x{h}"), screen);
        ex.press("k");
        assert_eq!(
            ex.copied("y"),
            "121,423.64\n10,638.36",
            "y on a mark copies the marks"
        );
        ex.press("Esc");
        assert!(
            ex.app().grid().expect("grid").grid.marks.is_empty(),
            "Esc clears marks"
        );
    }
}

#[test]
fn chart_of_the_projects() {
    for (w, h) in SIZES {
        let mut ex = Explorer::samples(w, h);
        ex.press("P v");
        assert!(matches!(ex.app().mode(), Mode::Chart { .. }));
        let screen = ex.screen();
        let first = screen.lines().find(|l| l.contains('█')).expect("a bar");
        assert!(
            first.contains("警务辅助专项经费") && first.contains("28,565.01"),
            "{first}"
        );
        insta::assert_snapshot!(format!("chart_projects_{w}x{h}"), screen);
        ex.press("x");
        assert!(matches!(ex.app().mode(), Mode::Browse), "any key closes");
    }
}

/// The chart scrolls within its bars: `G` shows the last page and `k` moves
/// up from there at once (the scroll is never past the end), a page is
/// what the pane shows.
#[test]
fn chart_scrolls_within_its_bars() {
    let mut ex = Explorer::samples(80, 24);
    ex.press("P v");
    let scroll = |ex: &Explorer| {
        assert!(matches!(ex.app().mode(), Mode::Chart { .. }));
        ex.overlay_scroll()
    };
    ex.press("G");
    let last = scroll(&ex);
    assert!(last > 0, "more bars than rows");
    let screen = ex.screen();
    let (bars, shown) = screen
        .lines()
        .find_map(|l| {
            let range = l.split(" · j/k").next()?.rsplit(' ').next()?;
            let (span, total) = range.split_once('/')?;
            let (from, to) = span.split_once('-')?;
            let from: usize = from.trim_start_matches('─').parse().ok()?;
            Some((
                total.parse::<usize>().ok()?,
                to.parse::<usize>().ok()? - from + 1,
            ))
        })
        .expect("the chart's range");
    assert_eq!(last, bars - shown, "the last page: {screen}");
    ex.press("j j");
    assert_eq!(scroll(&ex), last, "not past the end");
    ex.press("k");
    assert_eq!(scroll(&ex), last - 1, "up at once");
    ex.press("g");
    assert_eq!(scroll(&ex), 0);
    ex.press("PgDn");
    assert_eq!(
        scroll(&ex),
        shown.min(last),
        "a page is what the pane shows"
    );
    ex.press("PgUp");
    assert_eq!(scroll(&ex), 0);
}

/// 罗湖 表.5: column 9 is 事业收入, not 事业收入 / 政府性基金预算拨款; `c` finds
/// it; `H` / `L` go by the groups of the top header row.
#[test]
fn header_paths_groups_and_column_jumps() {
    let mut ex = on_table(200, 50, "shenzhen-luohu-2020-budget.txt", "项目支出预算表");
    ex.press("c");
    ex.type_text("事业");
    ex.press("Enter");
    let g = ex.app().grid().expect("grid");
    assert_eq!(g.pos.col, 8);
    assert_eq!(g.layout.paths[8], "事业收入");
    assert!(
        ex.screen().contains("─ 事业收入 ┘"),
        "the header path at the bottom"
    );
    ex.press("H");
    assert_eq!(
        ex.app().grid().expect("grid").pos.col,
        2,
        "back to 财政预算拨款"
    );
    ex.press("L");
    assert_eq!(ex.app().grid().expect("grid").pos.col, 8, "on to 事业收入");
    ex.press("L");
    assert_eq!(ex.app().grid().expect("grid").pos.col, 9);
}

#[test]
fn columns_narrow_to_their_widest_figure_and_widen() {
    let mut ex = on_table(
        80,
        24,
        "shenzhen-luohu-2020-budget.txt",
        "一般公共预算支出情况表",
    );
    let natural = ex.app().grid().expect("grid").widths()[3];
    assert!(natural >= 10);
    ex.press("< < < < < <");
    assert_eq!(
        ex.app().grid().expect("grid").widths()[3],
        10,
        "145,863.63 stays whole"
    );
    assert!(ex.app().message().unwrap_or("").contains("never cut"));
    ex.press("> >");
    assert_eq!(
        ex.app().grid().expect("grid").widths()[3],
        14,
        "two cells a press"
    );
}

/// A cut text cell under the cursor shows whole under it.
#[test]
fn cut_text_shows_whole_under_the_cursor() {
    for (w, h) in SIZES {
        let mut ex = on_table(
            w,
            h,
            "shenzhen-luohu-2020-budget.txt",
            "政府采购项目支出预算表",
        );
        ex.press("c");
        ex.type_text("品目");
        ex.press("Enter");
        let whole = cursor_cell(&ex);
        assert_eq!(whole, "预算金额在 100 万元以上（含 100 万元）的其他服务");
        let screen = ex.screen();
        // Whole, over as many lines as it takes.
        let parts: &[&str] = if w >= 200 {
            &[whole.as_str()]
        } else {
            &["│ 预算金额在 100 万元以上（含 100 万元）的", "│ 其他服务"]
        };
        for part in parts {
            assert!(screen.contains(part), "{part:?} on screen:\n{screen}");
        }
        insta::assert_snapshot!(format!("cut_cell_popup_{w}x{h}"), screen);
    }
}

/// `l` selects the first figure of a text, `y` copies it; the figure is
/// marked on the pane's border.
#[test]
fn a_figure_of_a_text_is_copied() {
    for (w, h) in SIZES {
        let mut ex = Explorer::samples(w, h);
        ex.select_doc("shenzhen-luohu-2020-budget.txt");
        ex.select_node(|_, k, label| {
            matches!(k, NodeKind::Section(_)) && label.contains("部门预算支出具体情况")
        });
        ex.focus(Focus::Main);
        ex.press("l");
        assert_eq!(ex.copied("y"), "145,863.63", "as printed");
        ex.press("l l");
        assert_eq!(ex.copied("y"), "5,419.21");
        insta::assert_snapshot!(format!("text_figure_{w}x{h}"), ex.screen());
        // h goes back figure by figure, then (before the first) to the tree.
        let mut presses = 0;
        while ex.app().focus() == Focus::Main && presses < 5 {
            ex.press("h");
            presses += 1;
        }
        assert_eq!(
            ex.app().focus(),
            Focus::Tree,
            "h at the first figure leaves"
        );
        assert_eq!(presses, 3, "figures 2, 1, then out");
    }
}

/// Table titles and prose are searched; Enter goes there.
#[test]
fn search_finds_tables_and_sentences() {
    let mut ex = Explorer::samples(120, 40).searchable();
    ex.search("三公经费支出表");
    let p = ex.app().prompt().expect("prompt");
    assert!(
        p.results
            .iter()
            .any(|f| f.kind == budgettui::tui::FoundKind::Table)
    );
    ex.press("Enter");
    assert!(matches!(ex.ready().selected_kind(), NodeKind::Table(_)));
    ex.search("发力智慧警务");
    let p = ex.app().prompt().expect("prompt");
    assert_eq!(p.results[0].kind, budgettui::tui::FoundKind::Text);
    ex.press("Enter");
    assert!(
        ex.screen().contains("发力智慧警务"),
        "the paragraph on screen"
    );
    // Ctrl-w deletes a word, Ctrl-u the line.
    ex.search("智慧 社区");
    ex.press("Ctrl-w");
    assert_eq!(ex.app().prompt().expect("prompt").query, "智慧 ");
    ex.press("Ctrl-u");
    assert_eq!(ex.app().prompt().expect("prompt").query, "");
}

/// Rows of a table sorted and filtered keep `y` and search jumps right.
#[test]
fn a_search_jump_lands_on_the_row_whatever_the_sort() {
    let mut ex = on_table(
        120,
        40,
        "shenzhen-luohu-2020-budget.txt",
        "一般公共预算支出情况表",
    )
    .searchable();
    ex.press("s");
    ex.press("f");
    ex.type_text(">=100000");
    ex.press("Enter");
    ex.search("行政单位医疗");
    // The result in this table (罗湖 表.7).
    let doc = ex.app().selected_doc();
    let table = match ex.ready().selected_kind() {
        NodeKind::Table(t) => t,
        k => panic!("{k:?}"),
    };
    let k = ex
        .app()
        .prompt()
        .expect("prompt")
        .results
        .iter()
        .position(|f| {
            Some(f.doc) == doc
                && matches!(f.target, budgettui::tui::Target::Row { table: t, .. } if t == table)
        })
        .expect("a row of this table");
    for _ in 0..k {
        ex.press("Down");
    }
    ex.press("Enter");
    assert_eq!(
        cursor_cell(&ex),
        "2,292.38",
        "the row hidden by the filter is shown"
    );
    assert!(ex.app().grid().expect("grid").grid.filter.is_none());
    let _ = sample_docs;
}

/// A two-sided table (收支总表): sorting the expenditure side's figures keeps
/// that side's hierarchy (the parser's) and its totals last.
#[test]
fn sorting_one_side_of_a_two_sided_table() {
    let mut ex = on_table(120, 40, "shenzhen-luohu-2020-budget.txt", "收支预算总表");
    ex.press("l l s");
    assert_eq!(ex.app().grid().expect("grid").pos.col, 3);
    let names = shown_column(&ex, 2);
    let figures = shown_column(&ex, 3);
    assert_eq!(names[0], "公共安全支出");
    assert_eq!(figures[0], "121,423.64");
    assert_eq!(names[1], "公安", "its child next");
    let last: Vec<&str> = names.iter().rev().take(2).map(String::as_str).collect();
    assert!(last.contains(&"支出总计"), "totals last: {last:?}");
}
