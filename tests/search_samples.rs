//! Search over the five bundled disclosures: names, pinyin, heteronyms,
//! every amount-query form, ranges, words plus amounts, highlighting,
//! locations, labels, and queries that must not panic.

use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use budgettui::model::Document;
use budgettui::search::{
    self, AmountFilter, Hit, Index, Kind, Location, doc_label, parse_query, search,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

struct Fixture {
    docs: Vec<Document>,
    index: Index,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let docs = budgettui::load::sample_documents();
        let index = Index::build(&docs);
        Fixture { docs, index }
    })
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn run(q: &str, limit: usize) -> Vec<Hit> {
    search(&fixture().index, q, limit, None)
}

fn label(h: &Hit) -> String {
    doc_label(&fixture().docs[h.doc])
}

/// Position of the project hit named `name` in a document labelled `doc`.
fn project_pos(hits: &[Hit], doc: &str, name: &str) -> Option<usize> {
    hits.iter()
        .position(|h| h.kind == Kind::Project && h.text == name && label(h) == doc)
}

fn chars_at(text: &str, idx: &[usize]) -> String {
    let chars: Vec<char> = text.chars().collect();
    idx.iter().filter_map(|&i| chars.get(i)).collect()
}

#[test]
fn labels_of_the_samples() {
    let labels: Vec<String> = fixture().docs.iter().map(doc_label).collect();
    assert_eq!(
        labels,
        vec![
            "2020 秦皇岛开发区",
            "2024 秦皇岛开发区",
            "2020 罗湖",
            "2023 深圳治安",
            "2022 唐山高新",
            // the two bundled PDFs
            "2026 广州信访",
            "2026 广州政务服务和数",
        ]
    );
}

#[test]
fn smart_community_projects_across_documents() {
    let hits = run("智慧社区", 50);
    let first = &hits[0];
    assert_eq!(
        (first.kind, first.text.as_str(), label(first).as_str()),
        (Kind::Project, "智慧社区", "2024 秦皇岛开发区")
    );
    assert_eq!(first.wan(), Some(d("397.10")));
    assert_eq!(first.printed(), Some("397.10"));
    assert_eq!(
        first
            .amount
            .as_ref()
            .and_then(|a| a.unit)
            .map(|u| u.as_str()),
        Some("万元")
    );
    assert_eq!(first.matched, vec![0, 1, 2, 3]);
    let p2020 = project_pos(&hits, "2020 秦皇岛开发区", "智慧社区建设经费").expect("2020 project");
    let p2022 = project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费").expect("2022 project");
    // Exact substring matches (2020) above fuzzy ones (2022).
    assert!(p2020 < p2022);
    assert_eq!(hits[p2020].matched, vec![0, 1, 2, 3]);
    assert_eq!(hits[p2022].matched, vec![0, 1, 4, 5]);
    // Every exact match comes before every fuzzy one.
    let exact: Vec<bool> = hits
        .iter()
        .map(|h| search::text::normalize(&h.text).contains("智慧社区"))
        .collect();
    let first_fuzzy = exact.iter().position(|e| !e).unwrap_or(exact.len());
    assert!(exact[first_fuzzy..].iter().all(|e| !e), "{exact:?}");
    // The project jumps to the project.
    let Location::Project { project } = first.location else {
        panic!("not a project location: {:?}", first.location)
    };
    assert_eq!(fixture().docs[first.doc].projects[project].name, "智慧社区");
}

#[test]
fn pinyin_initials_and_full_pinyin() {
    for q in ["zhsq", "zhihuishequ", "ZHSQ", "zhihuisq"] {
        let hits = run(q, 50);
        assert_eq!(hits[0].text, "智慧社区", "{q}");
        assert_eq!(label(&hits[0]), "2024 秦皇岛开发区", "{q}");
        assert_eq!(hits[0].matched, vec![0, 1, 2, 3], "{q}");
        let p2020 = project_pos(&hits, "2020 秦皇岛开发区", "智慧社区建设经费");
        assert!(p2020.is_some(), "{q}");
        assert_eq!(hits[p2020.unwrap_or(0)].matched, vec![0, 1, 2, 3], "{q}");
        // Characters skipped: 智慧(平安)社区.
        let p2022 = project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费");
        assert!(p2022.is_some(), "{q}");
        assert_eq!(hits[p2022.unwrap_or(0)].matched, vec![0, 1, 4, 5], "{q}");
    }
}

#[test]
fn heteronyms_match_by_every_reading() {
    // 行 reads xing and hang: both spell 行政运行.
    for q in [
        "xzyx",
        "xingzhengyunxing",
        "hangzhengyunhang",
        "xingzhengyunhang",
    ] {
        let hits = run(q, 20);
        assert!(!hits.is_empty(), "{q}");
        assert_eq!(hits[0].text, "行政运行", "{q}");
        assert_eq!(hits[0].kind, Kind::Row, "{q}");
        assert_eq!(hits[0].matched, vec![0, 1, 2, 3], "{q}");
    }
    // 重 reads zhong and chong.
    for q in ["zhongdianquyu", "chongdianquyu"] {
        let hits = run(q, 5);
        assert!(
            hits.iter().any(|h| h.text.starts_with("重点区域")),
            "{q}: {:?}",
            hits.iter().map(|h| &h.text).collect::<Vec<_>>()
        );
    }
}

fn assert_all_amounts(q: &str, want: Decimal) -> Vec<Hit> {
    let hits = run(q, 0);
    assert!(!hits.is_empty(), "{q}");
    for h in &hits {
        assert_eq!(h.wan(), Some(want), "{q}: {h:?}");
    }
    hits
}

#[test]
fn amount_queries_whatever_the_printing() {
    let mut sets = Vec::new();
    for q in ["397.1", "397.10", "=397.1", "397.1万元", "3971000元"] {
        let hits = assert_all_amounts(q, d("397.1"));
        assert!(
            project_pos(&hits, "2024 秦皇岛开发区", "智慧社区").is_some(),
            "{q}"
        );
        // The indicator target `≤397.1 万元` too.
        assert!(hits.iter().any(|h| h.kind == Kind::Indicator), "{q}");
        sets.push(hits);
    }
    assert!(sets.windows(2).all(|w| w[0] == w[1]));

    let mut sets = Vec::new();
    for q in [
        "4800",
        "4,800",
        "4800.00",
        "4800万元",
        "4800 万元",
        "48000000元",
    ] {
        let hits = assert_all_amounts(q, d("4800"));
        let p = project_pos(
            &hits,
            "2023 深圳治安",
            "第二代居民身份证及居住证制作服务项目",
        )
        .unwrap_or_else(|| panic!("{q}"));
        assert_eq!(hits[p].printed(), Some("4,800"));
        // The figure cell, with its exact location.
        let cell = hits
            .iter()
            .find(|h| h.kind == Kind::Amount)
            .unwrap_or_else(|| panic!("{q}: no cell"));
        let Location::Cell { table, row, col } = cell.location else {
            panic!("{q}: {:?}", cell.location)
        };
        let t = &fixture().docs[cell.doc].tables[table];
        assert_eq!(Some(t.rows.row(row)[col].trim()), cell.printed());
        sets.push(hits);
    }
    assert!(sets.windows(2).all(|w| w[0] == w[1]));
    // Projects first in an amount-only query.
    let hits = run("4800", 0);
    assert_eq!(hits[0].kind, Kind::Project);
}

#[test]
fn ranges_filter_every_hit() {
    for (q, f) in [
        (">=1000", AmountFilter::Ge(d("1000"))),
        (">1000", AmountFilter::Gt(d("1000"))),
        ("<50", AmountFilter::Lt(d("50"))),
        ("<=50", AmountFilter::Le(d("50"))),
        ("100..500", AmountFilter::Between(d("100"), d("500"))),
        ("100-500", AmountFilter::Between(d("100"), d("500"))),
        ("≥1000", AmountFilter::Ge(d("1000"))),
    ] {
        assert_eq!(parse_query(q).filter, Some(f), "{q}");
        let hits = run(q, 0);
        assert!(hits.len() > 10, "{q}: {}", hits.len());
        for h in &hits {
            let a = h.wan().unwrap_or_else(|| panic!("{q}: no amount {h:?}"));
            assert!(f.matches(a), "{q}: {a} in {h:?}");
        }
    }
    let hits = run("100..500", 0);
    assert!(project_pos(&hits, "2024 秦皇岛开发区", "智慧社区").is_some());
    assert!(project_pos(&hits, "2020 秦皇岛开发区", "智慧社区建设经费").is_some());
    assert!(project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费").is_none());
}

#[test]
fn words_and_an_amount_combine() {
    let hits = run("智慧 300", 0);
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h.wan(), Some(d("300")), "{h:?}");
        assert!(search::text::normalize(&h.text).contains("智慧"), "{h:?}");
        assert_eq!(chars_at(&h.text, &h.matched), "智慧");
    }
    assert!(project_pos(&hits, "2020 秦皇岛开发区", "智慧社区建设经费").is_some());
    // Order of words and number does not matter.
    assert_eq!(run("300 智慧", 0), hits);
    // No 智慧 item of 924 other than the 2022 project.
    let hits = run("智慧 924", 0);
    assert!(project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费").is_some());
    assert!(run("智慧 123456", 0).is_empty());
}

#[test]
fn highlighting_uses_character_indices() {
    let hits = run("智慧", 0);
    let h = &hits[project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费").expect("hit")];
    assert_eq!(h.matched, vec![0, 1]);
    let hits = run("社区", 0);
    let h = &hits[project_pos(&hits, "2022 唐山高新", "智慧平安社区建设费").expect("hit")];
    assert_eq!(h.matched, vec![4, 5]);
    // Spaces in the display text are skipped by the key but not by the indices.
    let hits = run("2021分局", 5);
    let h = hits
        .iter()
        .find(|h| h.kind == Kind::Project && h.text.starts_with("戴河派出所"))
        .expect("戴河 project");
    assert_eq!(chars_at(&h.text, &h.matched), "2021分局");
    // Every hit's indices are inside its text and point at characters.
    for q in [
        "智慧社区",
        "zhsq",
        "公安",
        "视频 600",
        "xzyx",
        "(二期)",
        "dna",
    ] {
        for h in run(q, 50) {
            let n = h.text.chars().count();
            assert!(h.matched.iter().all(|&i| i < n), "{q}: {h:?}");
            assert!(h.matched.windows(2).all(|w| w[0] < w[1]), "{q}: {h:?}");
        }
    }
}

#[test]
fn full_width_and_bracket_variants_match() {
    let hits = run("大围合+视频经费(二期)", 5);
    assert_eq!(hits[0].text, "大围合+视频经费（二期）");
    let hits = run("ＤＮＡ", 5);
    assert!(hits.iter().any(|h| h.text == "DNA 实验室"));
}

#[test]
fn classification_codes_find_rows() {
    let hits = run("2040201", 0);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .any(|h| h.kind == Kind::Row && h.text == "行政运行")
    );
}

#[test]
fn every_location_points_at_its_item() {
    let f = fixture();
    for q in [
        "智慧",
        "公安",
        "397.1",
        ">=1000",
        "zhsq",
        "经费 100..500",
        "概况",
        "满意度",
    ] {
        for h in run(q, 0) {
            let doc = &f.docs[h.doc];
            match &h.location {
                Location::Project { project } => {
                    assert_eq!(doc.projects[*project].name.trim(), h.text, "{q}")
                }
                Location::Cell { table, row, col } => {
                    let cell = doc.tables[*table]
                        .rows
                        .cell(*row, *col)
                        .unwrap_or_default()
                        .trim();
                    assert_eq!(Some(cell), h.printed(), "{q}");
                    assert_eq!(doc.tables[*table].row_lines[*row], h.line, "{q}");
                }
                Location::Row { table, row } => {
                    assert_eq!(doc.tables[*table].row_lines[*row], h.line, "{q}");
                    assert_eq!(h.table, Some(*table));
                }
                Location::Indicator { project, index } => {
                    let ind = match project {
                        Some(p) => &doc.projects[*p].indicators[*index],
                        None => &doc.indicators[*index],
                    };
                    assert_eq!(ind.line, h.line, "{q}");
                }
                Location::Section { path } => {
                    let mut secs = &doc.sections;
                    let mut title = "";
                    for &i in path {
                        title = secs[i].title.trim();
                        secs = &secs[i].children;
                    }
                    assert_eq!(title, h.text, "{q}");
                    assert_eq!(h.kind, Kind::Section);
                }
                Location::Table { table } => {
                    let t = &doc.tables[*table];
                    assert!(h.text.ends_with(t.title.trim()), "{q}: {}", h.text);
                    assert_eq!(t.line, h.line, "{q}");
                    assert_eq!(h.kind, Kind::Table);
                }
                Location::Text { path, line } => {
                    // The sentence is in a paragraph at `line` of that section.
                    let content = if path.is_empty() {
                        &doc.preamble
                    } else {
                        let mut secs = &doc.sections;
                        let mut sec = None;
                        for &i in path {
                            sec = Some(&secs[i]);
                            secs = &secs[i].children;
                        }
                        &sec.expect("a section").content
                    };
                    let holds = content.iter().any(|c| {
                        matches!(c, budgettui::model::Content::Paragraph { line: l, text }
                            if l == line && text.contains(h.text.trim()))
                    });
                    assert!(holds, "{q}: {:?} at line {line}", h.text);
                    assert_eq!(h.kind, Kind::Text);
                }
            }
        }
    }
}

#[test]
fn ties_keep_document_order_then_line() {
    let hits = run("2040201", 0);
    let keys: Vec<(i64, usize, u32)> = hits.iter().map(|h| (-h.score, h.doc, h.line)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(run("公安", 30), run("公安", 30));
}

#[test]
fn limits_and_cancel() {
    assert_eq!(run("公安", 7).len(), 7);
    let all = run("公安", 0);
    assert!(all.len() > 7);
    assert_eq!(run("公安", 7), all[..7].to_vec());
    let stop = AtomicBool::new(true);
    assert!(search(&fixture().index, "公安", 10, Some(&stop)).is_empty());
}

#[test]
fn odd_queries_do_not_panic() {
    let long_cjk = "智".repeat(100_000);
    let long_ascii = "a".repeat(100_000);
    let long_num = "9".repeat(1000);
    for q in [
        "",
        " ",
        "\t\n",
        ">=",
        "<=",
        "..",
        "...",
        "-",
        "--",
        "=",
        "==",
        "<",
        ">",
        "((",
        "）",
        "【",
        "\u{0}",
        "\u{200b}",
        "😀",
        "e\u{301}",
        "1e10",
        ">=-",
        "1..2..3",
        "9999999999999999999999999999999",
        ">=99999999999999999999999999999999999",
        "0.0000000000000000000000000000001",
        "-0",
        ">=1000 <50",
        "智慧 300 400",
        "\\",
        "%",
        "?*",
        long_cjk.as_str(),
        long_ascii.as_str(),
        long_num.as_str(),
    ] {
        let _ = run(q, 20);
        let _ = run(q, 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_queries_do_not_panic(q in any::<String>()) {
        let hits = run(&q, 10);
        prop_assert!(hits.len() <= 10);
        for h in hits {
            let n = h.text.chars().count();
            prop_assert!(h.matched.iter().all(|&i| i < n));
        }
    }

    #[test]
    fn budget_shaped_queries_do_not_panic(
        q in "[智慧社区公安行政运行经费 zhsqxy0-9.,<>=~元万-]{0,24}"
    ) {
        let hits = run(&q, 10);
        prop_assert!(hits.len() <= 10);
        if let Some(f) = parse_query(&q).filter {
            // every hit passes the filter, or holds what was typed as text
            let phrase: String = q.chars().filter(|c| !c.is_whitespace()).collect();
            for h in &hits {
                let code_hit = parse_query(&q).code.is_some();
                let text: String = h.text.chars().filter(|c| !c.is_whitespace()).collect();
                prop_assert!(
                    code_hit || h.wan().is_some_and(|a| f.matches(a)) || text.contains(&phrase)
                );
            }
        }
    }
}

#[test]
fn names_holding_numbers_are_found_as_typed() {
    // a standalone number in a name is not only an amount filter
    let hits = run("350 兆 PDT 数字集群终端无线通信指挥设备采购", 5);
    assert_eq!(hits[0].kind, Kind::Project, "{hits:#?}");
    assert_eq!(hits[0].text, "350 兆 PDT 数字集群终端无线通信指挥设备采购");
    let hits = run("2023 年新增电子政务运维经费", 5);
    assert_eq!(hits[0].text, "2023 年新增电子政务运维经费", "{hits:#?}");
    // words and an amount still combine
    let hits = run("智慧 300", 5);
    assert!(hits.iter().all(|h| h.wan() == Some(d("300"))), "{hits:#?}");
}

#[test]
fn indicator_targets_are_searchable_text() {
    for (q, want) in [
        ("较上年提高", "维护社会稳定能力增强：较上年提高"),
        ("≥95%", "出勤及时率：≥95%"),
        ("90 个", "建设数量：90 个"),
    ] {
        let hits = run(q, 50);
        assert!(
            hits.iter()
                .any(|h| h.kind == Kind::Indicator && h.text == want),
            "{q}: {:#?}",
            hits.iter().map(|h| &h.text).collect::<Vec<_>>()
        );
    }
}
