//! Header levels and tables continued over pages, on the real PDFs in tests/data/pdf
//! (checked against the rendered pages).

use std::path::PathBuf;

use budgettui::parse::geometry::continuation::{continuation, is_cut_row, join};
use budgettui::parse::geometry::header::{column_headers, header_rows};
use budgettui::parse::geometry::{Table, build_page};
use budgettui::pdf::read_pdf;

/// The first table on each of the given pages (1-based) of a file in tests/data/pdf.
fn tables(file: &str, pages: &[usize]) -> Vec<Table> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pdf")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = read_pdf(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    pages
        .iter()
        .map(|&p| {
            let layout = build_page(&doc.pages[p - 1]);
            layout
                .tables()
                .next()
                .cloned()
                .unwrap_or_else(|| panic!("no table on page {p}"))
        })
        .collect()
}

/// Join tables page after page; panics if one does not continue the last.
fn join_all(tables: Vec<Table>) -> Table {
    let mut it = tables.into_iter();
    let mut joined = it.next().expect("a table");
    for next in it {
        let (next, skip) = continuation(&joined, &next).expect("a continuation");
        let cut = is_cut_row(&joined, &next, skip);
        joined = join(&joined, &next, skip, cut);
    }
    joined
}

fn assert_covered_once(t: &Table) {
    for r in 0..t.rows {
        for c in 0..t.cols {
            let n = t.cells.iter().filter(|cell| cell.covers(r, c)).count();
            assert_eq!(n, 1, "slot ({r}, {c})");
        }
    }
}

#[test]
fn header_levels_of_a_three_row_header() {
    let t = &tables("shanghai-putuo-wanli-jiedao-2024-budget.pdf", &[11])[0];
    assert_eq!(header_rows(t), 3);
    let headers = column_headers(t, 3);
    assert_eq!(headers[0], ["项目", "功能分类科目编码", "类"]);
    assert_eq!(headers[2], ["项目", "功能分类科目编码", "项"]);
    assert_eq!(headers[3], ["项目", "功能分类科目名称"]);
    assert_eq!(headers[5], ["收入预算", "财政拨款收入"]);
}

#[test]
fn column_number_rows_belong_to_the_header() {
    let t = &tables("foshan-guidao-jiaotong-2019-final.pdf", &[8])[0];
    assert_eq!(header_rows(t), 3);
    let headers = column_headers(t, 3);
    assert_eq!(headers[0], ["项目", "功能分类科目编码"]);
    assert_eq!(headers[1], ["项目", "科目名称"]);
    assert_eq!(headers[2], ["本年收入合计"]);
}

#[test]
fn two_sided_summary_over_two_pages_is_one_table() {
    let pages = tables("guangzhou-xinfangju-2026-budget.pdf", &[5, 6]);
    assert_eq!(header_rows(&pages[0]), 2);
    assert_eq!(
        column_headers(&pages[0], 2),
        [
            ["收入", "项目"],
            ["收入", "预算"],
            ["支出", "项目"],
            ["支出", "预算"]
        ]
    );
    let (next, skip) = continuation(&pages[0], &pages[1]).expect("continues");
    assert_eq!(skip, 2);
    assert!(!is_cut_row(&pages[0], &next, skip));
    let t = join(&pages[0], &next, skip, false);
    assert_eq!((t.rows, t.cols), (24 + 9, 4));
    assert_covered_once(&t);
    assert_eq!(
        t.row_texts(23),
        ["", "", "二十二、灾害防治及应急管理支出", "0.00"]
    );
    assert_eq!(t.row_texts(24), ["", "", "二十三、其他支出", "0.00"]);
    assert_eq!(
        t.row_texts(32),
        ["收入总计", "3,944.08", "支出总计", "3,944.08"]
    );
    assert!(t.ys.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn final_accounts_summary_over_three_pages() {
    let t = join_all(tables("foshan-guidao-jiaotong-2019-final.pdf", &[5, 6, 7]));
    assert_eq!((t.rows, t.cols), (13 + 13 + 3, 6));
    assert_covered_once(&t);
    assert_eq!(t.find_row("一、一般公共预算财政拨款收入"), Some(3));
    assert_eq!(
        t.row_texts(14),
        ["", "12", "", "十二、农林水支出", "38", "0.00"]
    );
    assert_eq!(
        t.row_texts(28),
        ["总计", "26", "1668.14", "总计", "52", "1668.14"]
    );
}

#[test]
fn self_evaluation_continues_with_fewer_columns_and_no_header() {
    let pages = tables("national-xinfangju-2024-final.pdf", &[30, 31]);
    assert_eq!((pages[0].cols, pages[1].cols), (11, 9));
    let (next, skip) = continuation(&pages[0], &pages[1]).expect("continues");
    assert_eq!(skip, 0);
    assert_eq!(next.cols, 11);
    // The first row on the next page is a new indicator (it has figures), not a cut row.
    assert!(!is_cut_row(&pages[0], &next, skip));
    let t = join(&pages[0], &next, 0, false);
    assert_covered_once(&t);
    let r = t
        .find_row("信访系统干部整体素质")
        .expect("row from the next page");
    assert_eq!(r, pages[0].rows);
    let texts = t.row_texts(r);
    assert_eq!(texts[3], "信访系统干部整体素质");
    assert_eq!(texts[5], "有所提高");
    assert_eq!(t.text(t.rows - 1, 0), "总分");
}

#[test]
fn a_different_table_on_the_next_page_is_not_a_continuation() {
    // 收支总体情况表 (4 columns) then 收入总体情况表.
    let pages = tables("guangzhou-xinfangju-2026-budget.pdf", &[6, 7]);
    assert!(continuation(&pages[0], &pages[1]).is_none());
    // 收入决算表 then 支出决算表: the same frame width, other columns and header.
    let pages = tables("foshan-guidao-jiaotong-2019-final.pdf", &[9, 10]);
    assert!(continuation(&pages[0], &pages[1]).is_none());
    // Performance tables of one project after another, with the same header repeated: one
    // long table over pages.
    let pages = tables(
        "guangzhou-zhengshuju-2026-performance-projects.pdf",
        &[1, 2],
    );
    let (_, skip) = continuation(&pages[0], &pages[1]).expect("continues");
    assert_eq!(skip, 1);
}

#[test]
fn income_table_over_five_pages_ends_with_its_total_alone_on_a_page() {
    // 2024年部门收入预算总表: header on page 11 only, rows on 12–14, and the 合计 row alone
    // on page 15, where it spans the code and name columns (a grid of fewer columns).
    let pages = tables(
        "shanghai-putuo-wanli-jiedao-2024-budget.pdf",
        &[11, 12, 13, 14, 15],
    );
    assert_eq!((pages[0].cols, pages[4].cols), (9, 6));
    let t = join_all(pages);
    assert_eq!((t.rows, t.cols), (15 + 18 * 3 + 1, 9));
    assert_covered_once(&t);
    let r = t.find_row("公共法律服务").expect("a row from page 12");
    assert_eq!(
        t.row_texts(r)[..5],
        ["204", "06", "07", "公共法律服务", "300,000"]
    );
    let last = t.rows - 1;
    let total = t.cell(last, 0).expect("total");
    assert_eq!((total.text.as_str(), total.col_span), ("合计", 4));
    assert_eq!(t.text(last, 4), "156,211,123");
}
