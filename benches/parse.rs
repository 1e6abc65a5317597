//! Parsing throughput on the bundled samples (issue 12 asks ≥ 100 MB/s per core;
//! where it stands and why: `benches/SCALE.md`, "Not met").

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The allocator the `budgettui` binary uses, so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

mod text_samples;
use text_samples::SAMPLES;

fn bench(c: &mut Criterion) {
    let total: usize = SAMPLES.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all samples", |b| {
        b.iter(|| {
            for (name, bytes) in SAMPLES {
                black_box(budgettui::parse::parse_bytes(name, black_box(bytes)));
            }
        })
    });
    for (name, bytes) in SAMPLES {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| black_box(budgettui::parse::parse_bytes(name, black_box(bytes))))
        });
    }
    group.finish();

    // linear time: throughput must stay flat as one document grows
    let mut scaling = c.benchmark_group("parse scaling");
    scaling.sample_size(10);
    let base: Vec<u8> = SAMPLES
        .iter()
        .flat_map(|(_, b)| b.iter().copied())
        .collect();
    for copies in [1usize, 4, 16] {
        let big: Vec<u8> = base.repeat(copies);
        scaling.throughput(Throughput::Bytes(big.len() as u64));
        scaling.bench_function(format!("{copies}x samples in one file"), |b| {
            b.iter(|| black_box(budgettui::parse::parse_bytes("big.txt", black_box(&big))))
        });
    }
    scaling.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
