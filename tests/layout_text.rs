//! Space-aligned text (`pdftotext -layout`): the same tables as the
//! tab-separated sample, with the same figures in the same rows.

use budgettui::model::{Document, Table};
use budgettui::parse::parse_bytes;

fn parse(rel: &str) -> Document {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_bytes(rel, &bytes)
}

fn layout() -> Document {
    parse("tests/data/layout/qinhuangdao-2024-pdftotext-layout.txt")
}

fn table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    let found: Vec<&Table> = doc.tables.iter().filter(|t| t.title == title).collect();
    assert_eq!(
        found.len(),
        1,
        "{title}: {:?}",
        doc.tables.iter().map(|t| &t.title).collect::<Vec<_>>()
    );
    found[0]
}

/// Every row as (its non-figure cells joined, its figures in order).
fn figures(t: &Table) -> Vec<(String, Vec<String>)> {
    t.rows
        .iter()
        .map(|r| {
            let is_fig = |c: &&str| budgettui::parse::amount::parse_amount(c).is_some();
            let words: String = r.iter().filter(|c| !is_fig(c)).collect();
            let figs: Vec<String> = r.iter().filter(|c| is_fig(c)).map(str::to_string).collect();
            (words, figs)
        })
        .collect()
}

#[test]
fn metadata_and_no_warnings() {
    let doc = layout();
    assert_eq!(
        doc.department.as_deref(),
        Some("秦皇岛市公安局经济技术开发区分局")
    );
    assert_eq!(doc.year, Some(2024));
    assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
    let titles: Vec<&str> = doc.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "部门预算收支总表",
            "部门预算收入总表",
            "部门预算财政拨款收支总表",
            "部门预算一般公共预算财政拨款基本支出表",
            "部门预算财政拨款“三公”经费支出表",
        ]
    );
    assert!(
        doc.tables
            .iter()
            .all(|t| t.unit.map(|u| u.as_str()) == Some("万元"))
    );
}

#[test]
fn rows_wrapped_over_lines_and_pages_match_the_original() {
    let doc = layout();
    let original = parse("samples/qinhuangdao-kaifaqu-2024-budget.txt");
    for title in [
        "部门预算收支总表",
        "部门预算收入总表",
        "部门预算财政拨款收支总表",
        "部门预算一般公共预算财政拨款基本支出表",
        "部门预算财政拨款“三公”经费支出表",
    ] {
        let got = figures(table(&doc, title));
        let want = figures(table(&original, title));
        assert_eq!(got.len(), want.len(), "{title}: row count");
        for (g, w) in got.iter().zip(&want) {
            // the same figures, and the same words up to the spaces the PDF's wrapping left
            assert_eq!(g.1, w.1, "{title}: figures of {}", w.0);
            assert_eq!(g.0.replace(' ', ""), w.0.replace(' ', ""), "{title}: words");
        }
    }
}

#[test]
fn a_name_wrapped_above_and_below_its_figures_is_one_cell() {
    let doc = layout();
    let t = table(&doc, "部门预算收入总表");
    let r = t
        .rows
        .iter()
        .find(|r| r.iter().any(|c| c == "2080505"))
        .expect("row 2080505");
    assert!(
        r.iter().any(|c| c == "机关事业单位基本养老保险缴费支出"),
        "{r:?}"
    );
    assert!(r.iter().any(|c| c == "301.45"), "{r:?}");
    // the header repeated on the next page is not a row
    assert!(t.rows.iter().all(|r| !r.iter().any(|c| c == "科目编码")));
}
