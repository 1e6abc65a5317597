//! The cache of parsed documents seen from the command line: a warm run gives
//! the same export as a fresh parse, a modified file is parsed again, damaged
//! entries are re-parsed, two processes filling the cache at once leave it
//! valid, and `--no-cache` writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn export(cache_dir: &Path, args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .arg("export")
        .args(args)
        .env("BUDGETTUI_CACHE_DIR", cache_dir)
        .current_dir(dir)
        .output()
        .expect("run budgettui")
}

fn entries(cache_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache_dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn warm_runs_export_what_a_fresh_parse_exports() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let fresh = export(
        &cache,
        &["--no-cache", "samples"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(fresh.status.success());
    assert!(entries(&cache).is_empty(), "--no-cache writes nothing");
    let cold = export(&cache, &["samples"], Path::new(env!("CARGO_MANIFEST_DIR")));
    // one entry per sample, the two PDFs cached like the five texts
    assert_eq!(entries(&cache).len(), 7);
    let warm = export(&cache, &["samples"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(cold.stdout, fresh.stdout);
    assert_eq!(warm.stdout, fresh.stdout);
    // damage every entry: the next run parses again and still agrees
    for e in entries(&cache) {
        let bytes = std::fs::read(&e).expect("entry");
        std::fs::write(&e, &bytes[..bytes.len() / 3]).expect("truncate");
    }
    let repaired = export(&cache, &["samples"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(repaired.stdout, fresh.stdout);
}

/// `copies` of a sample in one file, cached by `export`, then changed: the
/// next runs parse it again, for the model (`export`) and for the search
/// items (`search`), and never serve what was cached of the old bytes.
fn changed_after_caching_is_parsed_again(copies: usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let doc = tmp.path().join("zhian.txt");
    let text = std::fs::read_to_string(samples().join("shenzhen-zhian-2023-budget.txt"))
        .expect("sample")
        .repeat(copies);
    std::fs::write(&doc, &text).expect("write");
    let search = || {
        Command::new(env!("CARGO_BIN_EXE_budgettui"))
            .args(["search", "--json", "交通警察支队", "zhian.txt"])
            .env("BUDGETTUI_CACHE_DIR", &cache)
            .current_dir(tmp.path())
            .output()
            .expect("run budgettui")
    };
    let hits = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .matches("交通警察支队")
            .count()
    };
    let first = export(&cache, &["zhian.txt"], tmp.path());
    assert!(String::from_utf8_lossy(&first.stdout).contains("深圳市公安局治安管理支队"));
    assert_eq!(hits(&search()), 0);
    // a warm run serves what the cold one parsed
    assert_eq!(
        export(&cache, &["zhian.txt"], tmp.path()).stdout,
        first.stdout
    );
    std::fs::write(&doc, text.replace("治安管理支队", "交通警察支队")).expect("write");
    let second = export(&cache, &["zhian.txt"], tmp.path());
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(
        out.contains("深圳市公安局交通警察支队"),
        "stale model served"
    );
    assert!(!out.contains("治安管理支队"), "stale model served");
    assert!(hits(&search()) > 0, "stale items served");
}

#[test]
fn a_modified_file_is_parsed_again() {
    changed_after_caching_is_parsed_again(1);
}

#[test]
fn a_modified_large_file_is_parsed_again() {
    // a file of a megabyte or more is keyed as it is read, before it is read
    // whole (29 KB × 37 = 1.08 MB)
    changed_after_caching_is_parsed_again(37);
}

#[test]
fn two_processes_filling_the_cache_at_once_leave_it_valid() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_budgettui"))
            .args(["export", "samples"])
            .env("BUDGETTUI_CACHE_DIR", &cache)
            .current_dir(root)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (
        a.wait_with_output().expect("a"),
        b.wait_with_output().expect("b"),
    );
    let fresh = export(&cache, &["--no-cache", "samples"], root);
    assert_eq!(a.stdout, fresh.stdout);
    assert_eq!(b.stdout, fresh.stdout);
    let files = entries(&cache);
    assert_eq!(files.len(), 7, "one per sample, PDFs included: {files:?}");
    assert!(
        files
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "doc"))
    );
    let warm = export(&cache, &["samples"], root);
    assert_eq!(warm.stdout, fresh.stdout);
}

fn search(cache_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .arg("search")
        .args(args)
        .env("BUDGETTUI_CACHE_DIR", cache_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run budgettui")
}

#[test]
fn search_from_the_cache_finds_what_a_fresh_parse_finds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    for query in ["智慧社区", "zhsq", ">=1000", "2040201", "行政运行 100..500"] {
        let args = ["--json", "--limit", "0", query, "samples"];
        let fresh = search(&cache, &[&["--no-cache"][..], &args].concat());
        assert!(fresh.status.success());
        let cold = search(&cache, &args);
        let warm = search(&cache, &args);
        assert_eq!(cold.stdout, fresh.stdout, "{query}");
        assert_eq!(warm.stdout, fresh.stdout, "{query}");
    }
    // export after search reads the models the search stored
    let fresh = export(
        &cache,
        &["--no-cache", "samples"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let warm = export(&cache, &["samples"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(warm.stdout, fresh.stdout);
}

#[test]
fn entries_of_another_parser_version_are_parsed_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = tmp.path().join("cache");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = export(&cache, &["--no-cache", "samples"], root);
    export(&cache, &["samples"], root);
    let version_at = 12; // magic (8), version length (4), then the version
    let mut before = Vec::new();
    for e in entries(&cache) {
        let mut bytes = std::fs::read(&e).expect("entry");
        bytes[version_at] ^= 0x01;
        std::fs::write(&e, &bytes).expect("write");
        before.push(bytes);
    }
    let again = export(&cache, &["samples"], root);
    assert_eq!(again.stdout, fresh.stdout);
    // every entry was written anew by this parser
    let after: Vec<Vec<u8>> = entries(&cache)
        .iter()
        .map(|e| std::fs::read(e).expect("entry"))
        .collect();
    assert_eq!(after.len(), before.len());
    assert!(after.iter().all(|a| !before.contains(a)));
}

/// The explorer's list shows each document's check counts from the cached
/// items: they are there also where headless search filled the cache (it
/// does not show them itself).
#[test]
fn items_cached_by_search_carry_the_check_counts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache_dir = tmp.path().join("cache");
    assert!(
        search(&cache_dir, &["智慧社区", "samples"])
            .status
            .success()
    );
    let cache = budgettui::cache::Cache::at(&cache_dir);
    let mut with_findings = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(samples())
        .expect("samples")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        // `false`: the checks are not run here, so the counts come from the cache
        let items = budgettui::load::read_items(&path, Some(&cache), false).expect("read items");
        let doc = budgettui::load::read_document(&path).expect("read document");
        let expected = budgettui::check::counts(&budgettui::check::check(&doc));
        assert_eq!(items.summary.checks, Some(expected), "{}", path.display());
        with_findings += usize::from(expected != (0, 0, 0));
    }
    assert!(with_findings >= 3, "{with_findings} samples with findings");
}
