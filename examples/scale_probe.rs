//! Time the stages of a headless search over a folder: read, parse (or
//! cache), index, search. `cargo run --release --example scale_probe -- DIR`
use std::time::Instant;

#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .unwrap_or("")
        .to_string()
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus".into());
    let t = Instant::now();
    let found = budgettui::load::discover(&[dir.into()]);
    let files: Vec<(String, Vec<u8>)> = found
        .files
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(p).unwrap_or_default(),
            )
        })
        .collect();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!(
        "read {} files {} MB in {:?}",
        files.len(),
        bytes / 1_000_000,
        t.elapsed()
    );
    let t = Instant::now();
    let docs: Vec<_> = files
        .iter()
        .map(|(n, b)| budgettui::parse::parse_bytes(n, b))
        .collect();
    println!("parse (1 core) {:?} {}", t.elapsed(), rss());
    drop(files);
    println!("files dropped {}", rss());
    let t = Instant::now();
    let enc: Vec<Vec<u8>> = docs.iter().map(budgettui::cache::codec::to_bytes).collect();
    println!(
        "binary encode {:?} {} MB",
        t.elapsed(),
        enc.iter().map(Vec::len).sum::<usize>() / 1_000_000
    );
    let t = Instant::now();
    let mut n = 0;
    for e in &enc {
        let d: Option<budgettui::model::Document> = budgettui::cache::codec::from_bytes(e);
        n += usize::from(d.is_some());
    }
    println!("binary decode, one at a time {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let back: Vec<Option<budgettui::model::Document>> = enc
        .iter()
        .map(|e| budgettui::cache::codec::from_bytes(e))
        .collect();
    let decode = t.elapsed();
    let ok = back
        .into_iter()
        .zip(&docs)
        .filter(|(b, d)| {
            b.as_ref().is_some_and(|b| {
                let mut b = b.clone();
                b.path = d.path.clone();
                &b == *d
            })
        })
        .count();
    println!("binary decode {decode:?}, equal to the parse: {ok}");
    let t = Instant::now();
    let items: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| budgettui::search::document_items(d).to_bytes())
        .collect();
    println!(
        "search items {:?} {} MB",
        t.elapsed(),
        items.iter().map(Vec::len).sum::<usize>() / 1_000_000
    );
    let t = Instant::now();
    let index = budgettui::search::Index::build(&docs);
    println!("index {:?} items {} {}", t.elapsed(), index.len(), rss());
    drop(enc);
    drop(items);
    println!("encodings dropped {}", rss());
    let t = Instant::now();
    let hits = budgettui::search::search(&index, "智慧社区", 20, None);
    println!("search {:?} hits {}", t.elapsed(), hits.len());
}
