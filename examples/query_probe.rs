//! Time queries over the index of a folder (median of 7 runs each, with all
//! hits asked for and with the first 50): the time the thread ran (from
//! /proc/thread-self/schedstat, so that other processes on a busy machine
//! count less; wall-clock time where that file is missing): `cargo run --release --example query_probe -- DIR [QUERY…]`
use std::time::{Duration, Instant};

/// Nanoseconds this thread has run, if the system says.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

const QUERIES: &[&str] = &[
    "智慧",
    "智慧社区",
    "397.1",
    "公用经费",
    "zhihui",
    "zhsq",
    "1,234.5",
    "人员",
    "三公经费",
    ">=1000",
    "2040201",
    "（二期）",
];

fn main() {
    use rayon::prelude::*;
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "corpus".into());
    let queries: Vec<String> = args.collect();
    let queries: Vec<&str> = if queries.is_empty() {
        QUERIES.to_vec()
    } else {
        queries.iter().map(String::as_str).collect()
    };
    let found = budgettui::load::discover(&[dir.into()]);
    let docs: Vec<_> = found
        .files
        .par_iter()
        .filter_map(|p| budgettui::load::read_document(p).ok())
        .collect();
    let index = budgettui::search::Index::build(&docs);
    drop(docs);
    println!("{} items", index.len());
    for (part, bytes) in index.memory() {
        println!("  {part}: {:.1} MB", bytes as f64 / 1e6);
    }
    let median = |q: &str, limit: usize| {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..7 {
            let (t, cpu) = (Instant::now(), cpu_ns());
            n = budgettui::search::search(&index, q, limit, None).len();
            times.push(match (cpu, cpu_ns()) {
                (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
                _ => t.elapsed(),
            });
        }
        times.sort();
        (times[3], n)
    };
    let (mut all, mut first) = (Duration::ZERO, Duration::ZERO);
    for q in queries {
        let (t_all, n) = median(q, 0);
        let (t_first, _) = median(q, 50);
        all += t_all;
        first += t_first;
        println!(
            "{q}: {:.1} ms, {n} hits; first 50: {:.1} ms",
            t_all.as_secs_f64() * 1e3,
            t_first.as_secs_f64() * 1e3
        );
    }
    println!(
        "sum of medians: {:.1} ms (all hits), {:.1} ms (first 50)",
        all.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3
    );
}
