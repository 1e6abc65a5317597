//! The layers, as ARCHITECTURE.md states them, checked on the source: every
//! file of `src/` imports only its own layer and the layers below (the crate's
//! layers, and inside the explorer the explorer's), and no files import each
//! other, directly or in a circle. Test modules (`#[cfg(test)]` to the end of
//! a file) are left out: tests may use anything. Imports are read from `use` trees and from inline
//! `crate::` / `super::` paths (comments and strings left out); an item
//! taken from a folder's `mod.rs` (a re-export) counts as an import of that
//! `mod.rs`, and `pub use child::…` there as an import of the child.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first; names on one line form one layer. `tui::*` are
/// the explorer's layers (`tui::demo`, synthetic documents, is test data).
const LAYERS: &[&[&str]] = &[
    &["model", "printable"],
    &["parse"],
    &[
        "clipboard",
        "cache",
        "export",
        "search",
        "pdf",
        "check",
        "rows",
    ],
    &["compare"],
    &["load"],
    &["tui::base", "tui::demo"],
    &["config"],
    &["tui::document"],
    &["tui::state"],
    &["tui::content"],
    &["tui::update"],
    &["tui::views"],
    &["tui::run"],
    &["tui"],
];

/// A module path (`["tui", "state", "app"]`) and its file.
type Modules = BTreeMap<Vec<String>, PathBuf>;

fn modules(src: &Path) -> Modules {
    let mut out = Modules::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(src).expect("under src").with_extension("");
                let mut m: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if m.last().is_some_and(|l| l == "mod") {
                    m.pop();
                }
                out.insert(m, p);
            }
        }
    }
    out
}

/// The code without its test module, comments, string and char literals,
/// `pub(in …)`.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if text[i..].starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if text[i..].starts_with("/*") {
            i += text[i..].find("*/").map_or(b.len() - i, |e| e + 2);
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('x', '\n'), not a lifetime.
            i += text[i + 1..].find('\'').map_or(1, |e| e + 2);
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out.replace("pub(in crate::tui)", "pub")
}

/// The paths of a `use` tree (`a::{b, c::{d}}` → `a::b`, `a::c::d`).
fn expand(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut depth = 0;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tree[start..]);
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let part = part.split(" as ").next().unwrap_or(part).trim();
        let (head, inner) = match part.find('{') {
            Some(k) => (&part[..k], Some(&part[k + 1..part.len() - 1])),
            None => (part, None),
        };
        let mut path = prefix.to_vec();
        path.extend(
            head.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
        match inner {
            Some(inner) => expand(inner, &path, out),
            None => out.push(path),
        }
    }
}

/// Every path a file names.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(k) = rest.find("use ") {
        let before = rest[..k].chars().last();
        rest = &rest[k + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        expand(
            &rest[..end].replace(char::is_whitespace, " "),
            &[],
            &mut out,
        );
    }
    let words: Vec<char> = code.chars().collect();
    let text: String = words.iter().collect();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(k) = text[from..].find(start) {
            let at = from + k;
            from = at + start.len();
            if text[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                continue;
            }
            let end = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| at + e);
            let path: Vec<String> = text[at..end]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            out.push(path);
        }
    }
    out
}

/// The files a path from module `cur` imports: the module it ends in and,
/// when it takes an item from a folder's `mod.rs`, that `mod.rs`.
fn resolve(mods: &Modules, cur: &[String], path: &[String]) -> Option<Vec<String>> {
    let (mut m, mut rest): (Vec<String>, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (cur.to_vec(), &path[1..]),
        "super" => {
            let mut m = cur[..cur.len().saturating_sub(1)].to_vec();
            let mut rest = &path[1..];
            while rest.first().is_some_and(|s| s == "super") {
                m.pop();
                rest = &rest[1..];
            }
            (m, rest)
        }
        first => {
            // A child of this module (`pub use app::App` in a mod.rs).
            let mut child = cur.to_vec();
            child.push(first.to_string());
            if !mods.contains_key(&child) {
                return None;
            }
            (cur.to_vec(), path)
        }
    };
    while let Some(next) = rest.first() {
        let mut child = m.clone();
        child.push(next.clone());
        if !mods.contains_key(&child) {
            break;
        }
        m = child;
        rest = &rest[1..];
    }
    mods.contains_key(&m).then_some(m)
}

fn layer(m: &[String]) -> Option<usize> {
    let name = match m {
        [t, l, ..] if t == "tui" => format!("tui::{l}"),
        [first, ..] => first.clone(),
        [] => return None,
    };
    LAYERS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .or_else(|| (name.starts_with("tui::")).then(|| LAYERS.len() - 1))
}

fn graph() -> (Modules, BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mods = modules(&src);
    let mut edges = BTreeMap::new();
    for (m, file) in &mods {
        let text = code(&std::fs::read_to_string(file).expect("read a source file"));
        let to: BTreeSet<Vec<String>> = paths(&text)
            .iter()
            .filter_map(|p| resolve(&mods, m, p))
            .filter(|t| t != m)
            .collect();
        edges.insert(m.clone(), to);
    }
    (mods, edges)
}

fn name(mods: &Modules, m: &[String]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    mods.get(m).map_or_else(
        || m.join("::"),
        |p| p.strip_prefix(root).unwrap_or(p).display().to_string(),
    )
}

#[test]
fn every_file_imports_only_its_layer_and_those_below() {
    let (mods, edges) = graph();
    let mut upward = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if let (Some(a), Some(b)) = (layer(from), layer(to))
                && b > a
            {
                upward.push(format!("{} → {}", name(&mods, from), name(&mods, to)));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports up the layers:\n{}",
        upward.join("\n")
    );
    // The check sees imports: the views draw the state, update uses content.
    let views = vec!["tui".to_string(), "views".into(), "main_pane".into()];
    assert!(
        edges[&views]
            .iter()
            .any(|t| layer(t) == layer(&["tui".into(), "state".into()])),
        "{edges:?}"
    );
}

#[test]
fn no_files_import_each_other() {
    let (mods, edges) = graph();
    // Depth-first search for a path back to the start.
    let mut cycles = Vec::new();
    for start in edges.keys().filter(|m| layer(m).is_some()) {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((m, trail)) = stack.pop() {
            for t in edges.get(&m).into_iter().flatten() {
                if t == start {
                    let names: Vec<String> = trail.iter().map(|m| name(&mods, m)).collect();
                    cycles.push(names.join(" → "));
                } else if seen.insert(t.clone()) {
                    let mut trail = trail.clone();
                    trail.push(t.clone());
                    stack.push((t.clone(), trail));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}
