//! Projects in a hierarchy, so that the amounts of the leaf projects add up:
//! a row of a project table whose rows below add up to it (`一般性项目`) is
//! a subtotal, not a project, and its rows are its children; a sentence
//! `公安证照制发预算 4,800 万元，主要包括：第二代居民身份证…项目 4,800 万元…`
//! makes `公安证照制发` the category of the projects it lists.
//!
//! Domain words: 项目 = a spending item; 类别 / 分类 = a category of them;
//! 小计 = subtotal.

use super::amount::amounts_in_text;
use super::chars::name_key;
use super::numbering::numbering;
use crate::model::{
    LineNo, Project, ProjectRole, RowRole, SourceKind, Table, TableDetail, TableSide,
};
use rustc_hash::FxHashMap;

/// Give every project its role and parent.
pub(super) fn build(
    projects: &mut [Project],
    tables: &[Table],
    details: &[TableDetail],
    paragraphs: &[(LineNo, &str)],
) {
    from_tables(projects, tables, details);
    // made at the first sentence that lists projects (most documents have none)
    let mut ahead: Option<Lookups> = None;
    // every word the sentence is looked for by holds 包括: one vector search
    // over the paragraph spares three searchers on most lines
    let includes = memchr::memmem::Finder::new("包括");
    for (line, text) in paragraphs {
        if let Some(at) = list_word(&includes, text) {
            from_sentence(projects, &mut ahead, *line, text, at);
        }
    }
}

/// What [`from_sentence`] looks up, made once per document (a file of many
/// documents has many sentences and many projects).
struct Lookups {
    /// Category keys to the first project with that key.
    category: FxHashMap<String, usize>,
    /// Lines to the projects mentioned in prose on them, in order.
    prose_on: FxHashMap<LineNo, Vec<usize>>,
}

impl Lookups {
    fn of(projects: &[Project]) -> Lookups {
        let mut category = FxHashMap::default();
        category.reserve(projects.len());
        let mut prose_on: FxHashMap<LineNo, Vec<usize>> = FxHashMap::default();
        for (i, p) in projects.iter().enumerate() {
            category.entry(category_key(&p.name)).or_insert(i);
            for s in p.sources.iter().filter(|s| s.kind == SourceKind::Prose) {
                let on = prose_on.entry(s.line).or_default();
                if on.last() != Some(&i) {
                    on.push(i);
                }
            }
        }
        Lookups { category, prose_on }
    }
}

/// The side of a table that reads its rows (the first).
fn side_of(details: &[TableDetail], table: usize) -> Option<&TableSide> {
    details.get(table).and_then(|d| d.sides.first())
}

/// Rows of project tables: a project all of whose rows have children is a
/// subtotal; the projects of its child rows are its children.
fn from_tables(projects: &mut [Project], tables: &[Table], details: &[TableDetail]) {
    // (table, row) → project
    let mut at: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    at.reserve(projects.iter().map(|p| p.sources.len()).sum());
    for (p, project) in projects.iter().enumerate() {
        for s in &project.sources {
            if let (Some(t), Some(r)) = (s.table, s.row) {
                at.entry((t, r)).or_insert(p);
            }
        }
    }
    for (p, project) in projects.iter_mut().enumerate() {
        let rows: Vec<(usize, usize)> = project
            .sources
            .iter()
            .filter(|s| matches!(s.kind, SourceKind::ProjectTable | SourceKind::Procurement))
            .filter_map(|s| Some((s.table?, s.row?)))
            .filter(|&(t, _)| t < tables.len())
            .collect();
        let role_of = |&(t, r): &(usize, usize)| {
            side_of(details, t).and_then(|side| side.role.get(r).copied())
        };
        let parents = rows.iter().filter(|tr| {
            role_of(tr).is_some_and(|role| matches!(role, RowRole::Subtotal | RowRole::Total))
        });
        if !rows.is_empty() && parents.count() == rows.len() {
            project.role = ProjectRole::Subtotal;
        }
        if project.parent.is_none() {
            let parent = rows.iter().find_map(|&(t, r)| {
                let up = side_of(details, t)?.parent.get(r)?;
                at.get(&(t, up)).copied().filter(|&q| q != p)
            });
            project.parent = parent;
        }
    }
}

/// `N. <category>预算 X 万元，主要包括：<project> A 万元，…；<project> B 万元…`:
/// the projects the sentence lists (prose mentions on its line) belong to
/// the category, when the category is a project of the document.
/// `at`: where the word that opens the list starts and its length (see [`list_word`]).
fn from_sentence(
    projects: &mut [Project],
    ahead: &mut Option<Lookups>,
    line: LineNo,
    text: &str,
    at: (usize, usize),
) {
    let (head, list) = (&text[..at.0], &text[at.0 + at.1..]);
    let Some(first) = amounts_in_text(head).into_iter().next() else {
        return;
    };
    let mut name = head[..first.start].trim();
    if let Some(n) = numbering(name)
        && !n.rest.is_empty()
    {
        name = n.rest;
    }
    for suffix in ["预算数", "预算", "安排", "为"] {
        name = name.strip_suffix(suffix).unwrap_or(name).trim_end();
    }
    let key = category_key(name);
    if key.chars().count() < 2 {
        return;
    }
    let ahead = ahead.get_or_insert_with(|| Lookups::of(projects));
    let Some(&category) = ahead.category.get(&key) else {
        return;
    };
    let children: Vec<usize> = ahead
        .prose_on
        .get(&line)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&i| i != category && list.contains(projects[i].name.as_str()))
        .collect();
    if children.is_empty() {
        return;
    }
    for c in children {
        if projects[c].parent.is_none() && projects[category].parent != Some(c) {
            projects[c].parent = Some(category);
        }
    }
    if projects[category].role == ProjectRole::Item {
        projects[category].role = ProjectRole::Category;
    }
}

/// Where the word opening a sentence's list of projects starts and its
/// length: the first `主要包括`, else the first `具体包括`, else the first
/// `包括` (`includes` finds `包括`; each of the longer words is a `包括`
/// preceded by 主要 or 具体, so one pass over its places finds all three).
fn list_word(includes: &memchr::memmem::Finder<'_>, text: &str) -> Option<(usize, usize)> {
    let mut first = None;
    let mut specific = None;
    for p in includes.find_iter(text.as_bytes()) {
        first.get_or_insert(p);
        let before = &text.as_bytes()[..p];
        if before.ends_with("主要".as_bytes()) {
            return Some((p - "主要".len(), "主要包括".len()));
        }
        if specific.is_none() && before.ends_with("具体".as_bytes()) {
            specific = Some(p - "具体".len());
        }
    }
    match (specific, first) {
        (Some(p), _) => Some((p, "具体包括".len())),
        (None, Some(p)) => Some((p, "包括".len())),
        (None, None) => None,
    }
}

/// A category name for comparison: folded, without a trailing `项目`.
fn category_key(name: &str) -> String {
    let key = name_key(name);
    key.strip_suffix("项目").map(str::to_string).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list word as first looked for: three searches in turn.
    fn reference_list_word(text: &str) -> Option<(usize, usize)> {
        ["主要包括", "具体包括", "包括"]
            .iter()
            .find_map(|w| text.find(w).map(|p| (p, w.len())))
    }

    proptest::proptest! {
        #[test]
        fn list_word_is_the_three_searches(text in "[主要具体包括项目a ]{0,24}") {
            let includes = memchr::memmem::Finder::new("包括");
            proptest::prop_assert_eq!(list_word(&includes, &text), reference_list_word(&text));
        }
    }
}
