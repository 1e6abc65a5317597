//! Search benchmarks.
//!
//! - `search_100k/*`: one query over a generated corpus of ≥ 100,000 indexed
//!   items (budget-like names, figures, indicators, sections); the target is
//!   ≤ 16 ms per query (one keystroke).
//! - `search_samples/*`: the same queries over the five bundled samples.
//! - `index_build/*`: building the index for the samples, for the generated
//!   corpus, and for 1,000 real documents (the samples repeated).
//!
//! `cargo bench --bench search`; quick check: `cargo bench --bench search -- --quick`.

use std::hint::black_box;
use std::str::FromStr;

use budgettui::model::{
    Amount, Document, Grid, Indicator, IndicatorTexts, Project, Section, Table, Unit,
};
use budgettui::search::{Index, search};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

const WORDS: &[&str] = &[
    "智慧",
    "社区",
    "公安",
    "平安",
    "建设",
    "经费",
    "视频",
    "监控",
    "系统",
    "运行",
    "维护",
    "行政",
    "管理",
    "信息",
    "网络",
    "专项",
    "设备",
    "购置",
    "服务",
    "治安",
    "交通",
    "执法",
    "办案",
    "派出所",
    "装备",
    "租赁",
    "安全",
    "防护",
    "工程",
    "改造",
    "保障",
    "培训",
    "人员",
    "劳务",
    "辅警",
    "物业",
    "数字",
    "平台",
    "应用",
    "采购",
    "重点",
    "区域",
    "出入境",
    "户政",
    "档案",
    "禁毒",
    "反恐",
    "指挥",
    "通信",
    "车辆",
];

const QUERIES: &[&str] = &[
    "智慧社区",
    "zhsq",
    "zhihuishequ",
    "公安经费",
    "公",
    "z",
    "4800",
    ">=1000",
    "100..500",
    "智慧 300",
    "行政运行",
    "不存在的名字",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn name(&mut self, min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        (0..n).map(|_| WORDS[self.below(WORDS.len())]).collect()
    }

    fn amount(&mut self) -> (Decimal, String) {
        let cents = self.below(10_000_000) as i64;
        let d = Decimal::new(cents, 2);
        (d, d.to_string())
    }
}

/// One generated document: 40 projects with 5 indicators each, a table of
/// 80 rows with 3 figures, 20 sections (≈ 700 items).
fn generated_doc(rng: &mut Rng, i: usize) -> Document {
    let projects = (0..40)
        .map(|p| {
            let (amount, printed) = rng.amount();
            Project {
                name: rng.name(2, 6),
                amount: Some(Amount {
                    value: amount,
                    unit: Some(Unit::Wan),
                    printed,
                }),
                line: 100 + p as u32,
                indicators: (0..5)
                    .map(|k| {
                        let texts = IndicatorTexts {
                            level1: "产出指标",
                            level2: "数量指标",
                            name: &rng.name(2, 4),
                            target: &format!("≤{} 万元", rng.below(1000)),
                            ..IndicatorTexts::default()
                        };
                        Indicator::new(texts, 200 + k)
                    })
                    .collect(),
                ..Project::default()
            }
        })
        .collect();
    let rows: Vec<Vec<String>> = (0..80)
        .map(|_| {
            let mut row = vec![rng.name(1, 4)];
            for _ in 0..3 {
                row.push(rng.amount().1);
            }
            row
        })
        .collect();
    let table = Table {
        title: "一般公共预算支出表".into(),
        unit: Some(Unit::Wan),
        header: Grid::from_rows([["科目名称", "合计", "基本支出", "项目支出"]]),
        row_lines: (0..rows.len() as u32).map(|r| 1000 + r).collect(),
        rows: rows.into(),
        ..Table::default()
    };
    let sections = (0..20)
        .map(|s| Section {
            title: rng.name(2, 5),
            level: 1,
            line: 10 + s,
            ..Section::default()
        })
        .collect();
    Document {
        path: format!("generated/{i}.txt"),
        department: Some("深圳市公安局罗湖分局".into()),
        year: Some(2020 + (i % 5) as u16),
        projects,
        tables: vec![table],
        sections,
        ..Document::default()
    }
}

/// Documents until the index holds at least `items` items.
fn generated_corpus(items: usize) -> (Vec<Document>, Index) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::new();
    let mut count = 0;
    while count < items {
        let d = generated_doc(&mut rng, docs.len());
        count += budgettui::search::document_items(&d).len();
        docs.push(d);
    }
    // A known name and figure to find.
    if let Some(d) = docs.get_mut(7)
        && let Some(p) = d.projects.get_mut(3)
    {
        p.name = "智慧社区".into();
        p.amount = Decimal::from_str("4800").ok().map(|value| Amount {
            value,
            unit: Some(Unit::Wan),
            printed: "4800".into(),
        });
    }
    let index = Index::build(&docs);
    (docs, index)
}

fn bench(c: &mut Criterion) {
    let (gen_docs, gen_index) = generated_corpus(100_000);
    eprintln!(
        "generated corpus: {} documents, {} items",
        gen_docs.len(),
        gen_index.len()
    );
    let mut g = c.benchmark_group("search_100k");
    g.sample_size(30);
    for q in QUERIES {
        g.bench_function(*q, |b| {
            b.iter(|| search(black_box(&gen_index), black_box(q), 50, None))
        });
    }
    g.finish();

    let samples = budgettui::load::sample_documents();
    let sample_index = Index::build(&samples);
    eprintln!("samples: {} items", sample_index.len());
    let mut g = c.benchmark_group("search_samples");
    for q in QUERIES {
        g.bench_function(*q, |b| {
            b.iter(|| search(black_box(&sample_index), black_box(q), 50, None))
        });
    }
    g.finish();

    let thousand: Vec<Document> = samples.iter().cycle().take(1000).cloned().collect();
    eprintln!("1,000 documents: {} items", Index::build(&thousand).len());
    let mut g = c.benchmark_group("index_build");
    g.sample_size(10);
    g.bench_function("samples", |b| b.iter(|| Index::build(black_box(&samples))));
    g.bench_function("generated_100k", |b| {
        b.iter(|| Index::build(black_box(&gen_docs)))
    });
    g.bench_function("samples_x200_1000_docs", |b| {
        b.iter(|| Index::build(black_box(&thousand)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
