//! No input may crash the parser: arbitrary bytes, mutated samples,
//! pathological shapes. (Throughput and scaling are measured in `cargo bench`.)

use budgettui::model::{Document, Parents};
use budgettui::parse::parse_bytes;
use proptest::prelude::*;

const SAMPLES: &[&[u8]] = &[
    include_bytes!("../samples/qinhuangdao-kaifaqu-2020-budget.txt"),
    include_bytes!("../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
    include_bytes!("../samples/shenzhen-luohu-2020-budget.txt"),
    include_bytes!("../samples/shenzhen-zhian-2023-budget.txt"),
    include_bytes!("../samples/tangshan-gaoxin-2022-performance.txt"),
];

/// Every index in the model points at something that exists.
fn consistent(doc: &Document) {
    use budgettui::model::Content;
    let check = |c: &Content| match c {
        Content::Table { index } => assert!(*index < doc.tables.len()),
        Content::Project { index } => assert!(*index < doc.projects.len()),
        Content::Paragraph { .. } => {}
    };
    doc.preamble.iter().for_each(check);
    doc.walk_sections(|_, s| s.content.iter().for_each(check));
    for t in &doc.tables {
        assert_eq!(t.rows.len(), t.row_lines.len());
        let w = t.width();
        assert!(t.rows.iter().chain(t.header.iter()).all(|r| r.len() == w));
    }
    for p in &doc.projects {
        if let Some(t) = p.table {
            assert!(t < doc.tables.len());
        }
    }
    let last = doc.line_count.max(1);
    assert!(doc.warnings.iter().all(|w| w.line <= last));
    hierarchy_consistent(doc);
    // the rules never panic, and every finding points at something that exists
    for f in budgettui::check::check(doc) {
        if let Some(t) = f.table {
            let table = &doc.tables[t];
            assert!(f.row.is_none_or(|r| r < table.rows.len()), "{f:?}");
            assert!(f.column.is_none_or(|c| c < table.width()), "{f:?}");
        }
    }
}

/// Every chain of parents ends (in linear time: each row is walked once).
fn no_cycle(parent: &Parents) {
    // 0 unseen, 1 on the current chain, 2 known to end
    let mut state = vec![0u8; parent.len()];
    for start in 0..parent.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(r) = at {
            match state[r] {
                2 => break,
                1 => panic!("row {r}: a cycle of parents"),
                _ => {
                    state[r] = 1;
                    chain.push(r);
                    at = parent.get(r);
                }
            }
        }
        for r in chain {
            state[r] = 2;
        }
    }
}

/// The row hierarchy has one entry per row; parents are other rows, with no cycle.
fn hierarchy_consistent(doc: &Document) {
    assert_eq!(doc.table_details.len(), doc.tables.len());
    for (t, d) in doc.tables.iter().zip(&doc.table_details) {
        for side in &d.sides {
            assert_eq!(side.parent.len(), t.rows.len());
            assert_eq!(side.role.len(), t.rows.len());
            assert_eq!(side.code.len(), t.rows.len());
            for (r, p) in side.parent.iter().enumerate() {
                assert!(
                    p.is_none_or(|p| p != r && p < t.rows.len()),
                    "row {r} parent {p:?}"
                );
            }
            no_cycle(&side.parent);
            assert!(side.value_columns.iter().all(|&c| c < t.width()));
        }
    }
    for p in &doc.projects {
        assert!(p.parent.is_none_or(|q| q < doc.projects.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let doc = parse_bytes("fuzz.txt", &bytes);
        consistent(&doc);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[\\t\\n\\r 0-9.,一二三四五六七八九十（）()、：表合计万元预算绩效指标\\u{3000}\\u{c}a-z]{0,2000}") {
        let doc = parse_bytes("fuzz.txt", text.as_bytes());
        consistent(&doc);
    }

    #[test]
    fn mutated_samples_never_panic(
        which in 0..SAMPLES.len(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), 0u8..6, any::<u8>()), 1..40),
    ) {
        let mut bytes = SAMPLES[which].to_vec();
        for (at, op, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                2 => bytes.insert(i, b'\t'),
                3 => bytes.insert(i, b'\n'),
                4 => {
                    // duplicate a slice (repeated furniture, repeated rows)
                    let end = (i + 200).min(bytes.len());
                    let piece = bytes[i..end].to_vec();
                    bytes.splice(i..i, piece);
                }
                _ => bytes.truncate(i),
            }
        }
        let doc = parse_bytes("mutated.txt", &bytes);
        consistent(&doc);
    }
}

/// The warnings of `doc` whose message has `word`.
fn warnings_about<'a>(doc: &'a Document, word: &str) -> Vec<&'a budgettui::model::Warning> {
    doc.warnings
        .iter()
        .filter(|w| w.message.contains(word))
        .collect()
}

#[test]
fn empty_and_blank_files_warn() {
    for input in [&b""[..], b"\n\n\n", b"   \t  \n"] {
        let doc = parse_bytes("empty.txt", input);
        assert!(doc.sections.is_empty());
        let empty = warnings_about(&doc, "empty");
        assert_eq!(empty.len(), 1, "{:?}", doc.warnings);
        // Lines are 1-based everywhere, also for what concerns the whole file.
        assert_eq!(empty[0].line, 1, "{:?}", doc.warnings);
        assert!(
            doc.warnings.iter().all(|w| w.line >= 1),
            "{:?}",
            doc.warnings
        );
    }
}

#[test]
fn a_stray_nul_byte_is_a_warning_not_a_binary_file() {
    let mut bytes = SAMPLES[3].to_vec();
    // a NUL inside the first 64 KiB, on line 3
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("three lines");
    bytes.insert(third_line, 0);
    assert!(!budgettui::parse::looks_binary(&bytes));
    let doc = parse_bytes("nul.txt", &bytes);
    let clean = parse_bytes("nul.txt", SAMPLES[3]);
    assert_eq!(doc.department, clean.department);
    assert_eq!(doc.tables.len(), clean.tables.len());
    let nul = warnings_about(&doc, "NUL");
    assert_eq!(nul.len(), 1, "{:?}", doc.warnings);
    assert_eq!(nul[0].line, 3);
    // NUL bytes inside a CR LF and after the last line break (found by
    // `arbitrary_bytes_never_panic`): reported on a line that exists
    let doc = parse_bytes("nul.txt", &[13, 0, 10, 0, 0, 0, 0, 0]);
    consistent(&doc);
    let nul = warnings_about(&doc, "NUL");
    assert_eq!(nul.len(), 1, "{:?}", doc.warnings);
    assert_eq!((nul[0].line, doc.line_count.max(1)), (1, 1));
}

#[test]
fn pathological_shapes_complete() {
    // one very long line, many tiny rows, many headings, deep numbering
    let long_line = "预算数924万元，".repeat(200_000);
    let many_rows: String = (0..50_000)
        .map(|i| format!("{i}\t项目{i}\t{i}.00\n"))
        .collect();
    let many_headings: String = (1..20_000).map(|i| format!("{i}、标题{i}\n\n")).collect();
    let nested: String = (0..5_000)
        .map(|_| "（一）小标题\n\n一、标题\n\n1、条目\n\n")
        .collect();
    // many sentences, changes, percentages and breakdowns in one paragraph;
    // many subtotals in one table
    let sentences = "收入预算924万元，其中：甲100万元，比上年增加1万元，增长1%。".repeat(20_000);
    let subtotals: String = std::iter::once("项目\t金额\n".to_string())
        .chain((0..20_000).map(|i| format!("甲{i}\t1\n小计\t1\n")))
        .chain(std::iter::once("合计\t20000\n".to_string()))
        .collect();
    for text in [
        long_line,
        many_rows,
        many_headings,
        nested,
        sentences,
        subtotals,
    ] {
        let doc = parse_bytes("big.txt", text.as_bytes());
        consistent(&doc);
    }
}

#[test]
fn lines_wider_than_any_table_are_not_tables() {
    // a line of 200,000 tab-separated figures with rows under it, and as
    // many cells one per line: each column of a table costs memory in every
    // later stage, so such lines are no table (nor a table that wide)
    let wide = format!("{}\n甲\t1\n乙\t2\n", vec!["1.00"; 200_000].join("\t"));
    let tall = vec!["\t1.00"; 200_000].join("\n");
    for text in [wide, tall] {
        let doc = parse_bytes("wide.txt", text.as_bytes());
        consistent(&doc);
        for t in &doc.tables {
            assert!(t.width() <= 1024, "a table {} columns wide", t.width());
        }
    }
}

#[test]
fn binary_garbage_is_still_a_document() {
    let bytes: Vec<u8> = (0..65_536u64)
        .map(|i| (i.wrapping_mul(2_654_435_761) % 251) as u8)
        .collect();
    let doc = parse_bytes("garbage.bin", &bytes);
    consistent(&doc);
}
