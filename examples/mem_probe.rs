//! Where the memory goes with a folder loaded: models, the explorer's
//! derived data, the search index. `cargo run --release --example mem_probe -- DIR`
use std::time::Instant;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The shipped allocator (mimalloc), counting the bytes live.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        unsafe { budgettui::allocator::Allocator.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { budgettui::allocator::Allocator.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        LIVE.fetch_add(n, Ordering::Relaxed);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { budgettui::allocator::Allocator.realloc(p, l, n) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1e6
}

fn rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    println!("(MB = live heap bytes requested / 1e6; RSS adds allocator rounding)");
    use rayon::prelude::*;
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus".into());
    let found = budgettui::load::discover(&[dir.into()]);
    let base = live_mb();
    let t = Instant::now();
    let docs: Vec<_> = found
        .files
        .par_iter()
        .filter_map(|p| budgettui::load::read_document(p).ok())
        .collect();
    let after_docs = live_mb();
    println!("models: {:.0} MB ({:?})", after_docs - base, t.elapsed());
    part_sizes(&docs);
    let t = Instant::now();
    let index = budgettui::search::Index::build(&docs);
    let after_index = live_mb();
    println!(
        "index: {:.0} MB ({:?}) {} items",
        after_index - after_docs,
        t.elapsed(),
        index.len()
    );
    for (part, bytes) in index.memory() {
        println!("  {part}: {:.1} MB", bytes as f64 / 1e6);
    }
    let t = Instant::now();
    let ready: Vec<_> = docs
        .into_par_iter()
        .map(budgettui::tui::Ready::new)
        .collect();
    let after_ready = live_mb();
    println!(
        "ready (tree, layouts): {:.0} MB more ({:?})",
        after_ready - after_index,
        t.elapsed()
    );
    println!("total live {:.0} MB, RSS {:.0} MB", after_ready, rss_mb());
    drop((ready, index));
}

/// Bytes of the cache's parts for `docs`: the model, the search items, and
/// the items' pieces.
#[allow(dead_code)]
fn part_sizes(docs: &[budgettui::model::Document]) {
    let (mut model, mut items, mut n, mut arena) = (0, 0, 0, 0);
    for d in docs {
        model += budgettui::cache::codec::to_bytes(d).len();
        let it = budgettui::search::document_items(d);
        items += it.to_bytes().len();
        n += it.len();
        arena += it.arena_len();
    }
    println!(
        "cache parts: model {:.1} MB, items {:.1} MB ({} items, arena {:.1} MB)",
        model as f64 / 1e6,
        items as f64 / 1e6,
        n,
        arena as f64 / 1e6
    );
}
