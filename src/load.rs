//! Finding and reading documents (TODO: helper replaces this stub).
use std::path::{Path, PathBuf};

pub struct Discovery {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
    pub errors: Vec<LoadError>,
}

#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    files.push(e.path());
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    Discovery {
        files,
        skipped: vec![],
        errors: vec![],
    }
}

pub fn read_document(path: &Path) -> Result<crate::model::Document, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        path: path.into(),
        message: e.to_string(),
    })?;
    Ok(crate::parse::parse_bytes(
        &path.display().to_string(),
        &bytes,
    ))
}
