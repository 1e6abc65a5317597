//! Budget arithmetic (`budgettui check`): all rules on one parsed document
//! (target: ≤ 50 ms a document; the largest sample, 110 tables, sets the pace).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator the `budgettui` binary uses, so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SAMPLES: &[(&str, &[u8])] = &[
    (
        "qinhuangdao-kaifaqu-2020-budget",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2020-budget.txt"),
    ),
    (
        "qinhuangdao-kaifaqu-2024-budget",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
    ),
    (
        "shenzhen-luohu-2020-budget",
        include_bytes!("../samples/shenzhen-luohu-2020-budget.txt"),
    ),
    (
        "shenzhen-zhian-2023-budget",
        include_bytes!("../samples/shenzhen-zhian-2023-budget.txt"),
    ),
    (
        "tangshan-gaoxin-2022-performance",
        include_bytes!("../samples/tangshan-gaoxin-2022-performance.txt"),
    ),
];

fn bench(c: &mut Criterion) {
    let docs: Vec<_> = SAMPLES
        .iter()
        .map(|(name, bytes)| (*name, budgettui::parse::parse_bytes(name, bytes)))
        .collect();
    let mut group = c.benchmark_group("check");
    for (name, doc) in &docs {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(budgettui::check::check(black_box(doc))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
