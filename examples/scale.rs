//! Parse the samples concatenated N times as one file (linearity check):
//! `cargo run --release --example scale -- 16`.

#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let base: Vec<u8> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .flatten()
        .collect();
    let big = base.repeat(n);
    let start = std::time::Instant::now();
    let doc = budgettui::parse::parse_bytes("big.txt", &big);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes in {secs:.3}s = {:.1} MB/s, {} tables, {} projects",
        big.len(),
        big.len() as f64 / secs / 1e6,
        doc.tables.len(),
        doc.projects.len()
    );
}
