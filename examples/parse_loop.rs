//! Parse bundled samples N times (for profiling):
//! `cargo run --release --example parse_loop -- 50 [name-filter]`.

#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let filter = args.next().unwrap_or_default();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let data: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter(|p| p.display().to_string().contains(&filter))
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let total: usize = data.iter().map(|(_, b)| b.len()).sum();
    let start = std::time::Instant::now();
    let mut sections = 0;
    for _ in 0..n {
        for (name, bytes) in &data {
            sections += budgettui::parse::parse_bytes(name, bytes).section_count();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes x {n} in {secs:.3}s = {:.1} MB/s ({sections} sections)",
        total,
        (total * n) as f64 / secs / 1e6
    );
}
