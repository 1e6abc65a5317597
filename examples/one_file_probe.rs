//! Where one large file's memory goes: live heap before, at the peak of and
//! after parsing, and what the model is made of.
//! `cargo run --release --example one_file_probe -- FILE`
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The shipped allocator (mimalloc), counting the bytes live and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        unsafe { budgettui::allocator::Allocator.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { budgettui::allocator::Allocator.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        grew(n);
        unsafe { budgettui::allocator::Allocator.realloc(p, l, n) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let size = bytes.len();
    // the bytes are counted: parse_owned drops them once read into blocks
    let base = LIVE.load(Ordering::Relaxed) - size;
    PEAK.store(base + size, Ordering::Relaxed);
    let t = std::time::Instant::now();
    let doc = budgettui::parse::parse_owned(&path, bytes);
    let elapsed = t.elapsed();
    let live = LIVE.load(Ordering::Relaxed) - base;
    let peak = PEAK.load(Ordering::Relaxed) - base;
    println!("file {} parsed in {elapsed:?}", mb(size));
    println!(
        "parse: peak {} ({:.1} × the file, its bytes included), model {} ({:.1} ×)",
        mb(peak),
        peak as f64 / size as f64,
        mb(live),
        live as f64 / size as f64
    );
    let (mut cells, mut cell_len, mut rows) = (0usize, 0usize, 0usize);
    for t in &doc.tables {
        for grid in [&t.header, &t.rows] {
            rows += grid.len();
            cells += grid.cell_count();
            cell_len += grid.text_len();
        }
    }
    println!(
        "tables {}: {rows} rows, {cells} cells, text {}",
        doc.tables.len(),
        mb(cell_len),
    );
    let ind: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    println!(
        "projects {}, indicators {ind}, sections {}",
        doc.projects.len(),
        doc.section_count()
    );
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let model_bytes = budgettui::cache::codec::to_bytes(&doc);
    let compressed: usize = model_bytes
        .chunks(budgettui::cache::codec::PIECE)
        .map(|piece| lz4_flex::block::compress(piece).len())
        .sum();
    println!(
        "model as cached: {} ({} compressed)",
        mb(model_bytes.len()),
        mb(compressed)
    );
    drop(model_bytes);
    let items = budgettui::search::document_items(&doc);
    println!(
        "search items ({}): {} live, peak {} more while built",
        items.len(),
        mb(LIVE.load(Ordering::Relaxed) - before),
        mb(PEAK.load(Ordering::Relaxed) - before)
    );
    // what the items take once in a search index (`Index::memory`)
    let mut index = budgettui::search::Index::new();
    index.append(0, items);
    for (name, bytes) in index.memory() {
        println!("  items' {name}: {}", mb(bytes));
    }
    drop(index);
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let checks = budgettui::check::check(&doc);
    println!(
        "checks: {} findings, {} live, peak {} more while run",
        checks.len(),
        mb(LIVE.load(Ordering::Relaxed) - before),
        mb(PEAK.load(Ordering::Relaxed) - before)
    );
    drop(checks);
    let mut doc = doc;
    let mut step = |name: &str, f: &mut dyn FnMut(&mut budgettui::model::Document)| {
        let before = LIVE.load(Ordering::Relaxed);
        f(&mut doc);
        let after = LIVE.load(Ordering::Relaxed);
        println!("  {name}: {}", mb(before - after));
    };
    step("table details", &mut |d| d.table_details = Vec::new());
    step("projects", &mut |d| d.projects = Vec::new());
    step("indicators", &mut |d| d.indicators = Vec::new());
    step("tables", &mut |d| d.tables = Vec::new());
    step("sections", &mut |d| {
        d.sections = Vec::new();
        d.preamble = Vec::new();
    });
    step("warnings", &mut |d| d.warnings = Vec::new());
    println!("  rest: {}", mb(LIVE.load(Ordering::Relaxed) - base));
}
