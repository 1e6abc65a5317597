//! Time the stages of a headless search over a folder: read, parse (or
//! cache), index, search. `cargo run --release --example scale_probe -- DIR`
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let enc: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| rmp_serde::to_vec_named(d).unwrap())
        .collect();
    println!(
        "msgpack named encode {:?} {} MB",
        t.elapsed(),
        enc.iter().map(Vec::len).sum::<usize>() / 1_000_000
    );
    let t = Instant::now();
    for e in &enc {
        let _d: budgettui::model::Document = rmp_serde::from_slice(e).unwrap();
    }
    println!("msgpack named decode {:?}", t.elapsed());
    let t = Instant::now();
    let enc2: Vec<Vec<u8>> = docs.iter().map(|d| rmp_serde::to_vec(d).unwrap()).collect();
    println!(
        "msgpack compact encode {:?} {} MB",
        t.elapsed(),
        enc2.iter().map(Vec::len).sum::<usize>() / 1_000_000
    );
    let t = Instant::now();
    let mut ok = 0;
    for (e, d) in enc2.iter().zip(&docs) {
        match rmp_serde::from_slice::<budgettui::model::Document>(e) {
            Ok(x) => {
                if &x == d {
                    ok += 1
                }
            }
            Err(err) => {
                if ok == 0 {
                    println!("compact decode error {err}");
                }
            }
        }
    }
    println!("msgpack compact decode {:?} ok {ok}", t.elapsed());
    let t = Instant::now();
    let index = budgettui::search::Index::build(&docs);
    println!("index {:?} items {} {}", t.elapsed(), index.len(), rss());
    drop(enc);
    drop(enc2);
    println!("encodings dropped {}", rss());
    let t = Instant::now();
    let hits = budgettui::search::search(&index, "智慧社区", 20, None);
    println!("search {:?} hits {}", t.elapsed(), hits.len());
}
