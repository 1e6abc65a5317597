//! PDF reading throughput: pages per second through the reader and the geometry builder, on the
//! real PDFs in tests/data/pdf. Target: all of them in less time than `pdftotext -layout`
//! takes for the same files on one core.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The allocator the `budgettui` binary uses, so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

fn files() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/pdf");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}

/// Read one PDF and rebuild every page; the number of pages.
fn read_and_build(bytes: &[u8]) -> usize {
    let doc = budgettui::pdf::read_pdf(bytes).expect("readable PDF");
    for page in &doc.pages {
        black_box(budgettui::parse::geometry::build_page(page));
    }
    doc.pages.len()
}

fn bench(c: &mut Criterion) {
    let files = files();
    let pages: Vec<usize> = files.iter().map(|(_, b)| read_and_build(b)).collect();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages.iter().sum::<usize>() as u64));
    group.bench_function("all of tests/data/pdf", |b| {
        b.iter(|| {
            for (_, bytes) in &files {
                black_box(read_and_build(black_box(bytes)));
            }
        })
    });
    for ((name, bytes), n) in files.iter().zip(&pages) {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(read_and_build(black_box(bytes))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
