//! TEMPORARY stand-in for `crate::load` (being written on branch `prims`),
//! with the same API so that the switch is one `use` line in `loader.rs`.
//! Delete this file once `crate::load` has `discover`, `read_document` and
//! `SAMPLES`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
    pub errors: Vec<LoadError>,
}

fn supported(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "text")
    )
}

fn walk(dir: &Path, out: &mut Discovery, depth: usize) {
    if depth > 32 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.errors.push(LoadError {
                path: dir.to_path_buf(),
                message: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let meta = std::fs::symlink_metadata(&p);
        match meta {
            Ok(m) if m.is_dir() => walk(&p, out, depth + 1),
            Ok(m) if m.is_file() && supported(&p) => out.files.push(p),
            Ok(_) => out.skipped.push(p.display().to_string()),
            Err(e) => out.errors.push(LoadError {
                path: p.clone(),
                message: e.to_string(),
            }),
        }
    }
}

pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, 0),
            Ok(_) => out.files.push(p.clone()),
            Err(e) => out.errors.push(LoadError {
                path: p.clone(),
                message: e.to_string(),
            }),
        }
    }
    out
}

pub fn read_document(path: &Path) -> Result<Document, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(crate::parse::parse_bytes(
        &path.display().to_string(),
        &bytes,
    ))
}

pub static SAMPLES: &[(&str, &[u8])] = &[
    (
        "samples/qinhuangdao-kaifaqu-2020-budget.txt",
        include_bytes!("../../samples/qinhuangdao-kaifaqu-2020-budget.txt"),
    ),
    (
        "samples/qinhuangdao-kaifaqu-2024-budget.txt",
        include_bytes!("../../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
    ),
    (
        "samples/shenzhen-luohu-2020-budget.txt",
        include_bytes!("../../samples/shenzhen-luohu-2020-budget.txt"),
    ),
    (
        "samples/shenzhen-zhian-2023-budget.txt",
        include_bytes!("../../samples/shenzhen-zhian-2023-budget.txt"),
    ),
    (
        "samples/tangshan-gaoxin-2022-performance.txt",
        include_bytes!("../../samples/tangshan-gaoxin-2022-performance.txt"),
    ),
];
