//! Budget arithmetic (`budgettui check`): all rules on one parsed document
//! (target: ≤ 50 ms a document; the largest sample, 110 tables, sets the pace),
//! and on one file holding the five samples eight times over (a compilation of
//! many departments' disclosures: the checks must stay linear in its size).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

/// The allocator the `budgettui` binary uses, so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

mod text_samples;
use text_samples::SAMPLES;

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
    // 40 documents in one file: 8 × the samples' text (linear: ≈ 40 × one)
    let joined: Vec<u8> = (0..8)
        .flat_map(|_| SAMPLES.iter().flat_map(|(_, b)| b.iter().chain(b"\n")))
        .copied()
        .collect();
    let big = budgettui::parse::parse_bytes("joined", &joined);
    group.sample_size(10);
    group.bench_function("forty_documents_in_one_file", |b| {
        b.iter(|| black_box(budgettui::check::check(black_box(&big))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
