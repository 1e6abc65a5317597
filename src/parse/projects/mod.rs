//! Projects (项目): every project the document names, with its amount in 万元.
//!
//! Sources, strongest first: per-project performance target tables, project
//! tables (项目支出表, 项目情况表, key-project tables), procurement tables
//! (政府采购), and prose (`经常性业务费 3,936.15 万元，主要用于…`). Mentions of one
//! project are merged by normalized name; its code and every source location
//! are kept.
//!
//! Where things are: [`mention`] holds a mention and what it says;
//! [`performance_table`] reads one project's performance table, [`project_lists`]
//! the tables listing many projects, [`prose`] the projects named in running text;
//! this file merges the mentions into projects.

mod mention;
mod performance_table;
mod project_lists;
mod prose;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::chars::name_key;

use crate::model::{
    Amount, Content, LineNo, Project, ProjectSource, SourceKind, Table, TableKind, Unit,
};
use mention::{Mention, Said};
use performance_table::from_performance_table;
pub(super) use project_lists::Cells;
use project_lists::from_grid;
use prose::from_paragraph;

fn rank(kind: SourceKind) -> u8 {
    match kind {
        SourceKind::PerformanceTable => 0,
        SourceKind::ProjectTable => 1,
        SourceKind::Procurement => 2,
        SourceKind::Prose => 3,
    }
}

/// Every project of a document, merged by name, ordered by first mention.
/// Returns the projects and, per table index, the project a performance table belongs to.
pub(super) fn extract(
    tables: &[Table],
    paragraphs: &[(LineNo, &str)],
    department: Option<&str>,
    cells: Cells,
) -> (Vec<Project>, Vec<Option<usize>>) {
    // about one mention a performance table (most are): room for them
    let mut mentions: Vec<Mention> = Vec::with_capacity(tables.len());
    // the department's name as a key, made once for every table
    let department = department.map(name_key);
    let department = department.as_deref();
    for (i, t) in tables.iter().enumerate() {
        match t.kind {
            TableKind::ProjectPerformance => mentions.extend(from_performance_table(i, t)),
            TableKind::DepartmentPerformance => {}
            _ => mentions.extend(from_grid(i, t, department, cells)),
        }
    }
    // a project named in prose is followed by 用于 (used for): one vector
    // search per paragraph spares reading the amounts of most paragraphs
    let used_for = memchr::memmem::Finder::new("用于");
    for (line, text) in paragraphs {
        if used_for.find(text.as_bytes()).is_some() {
            mentions.extend(from_paragraph(*line, text));
        }
    }

    // merge by normalized name, in order of first mention; a group lists its
    // mentions by index, so that they are moved only once, into their project
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    index.reserve(mentions.len());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let keys: Vec<String> = mentions
        .iter_mut()
        .map(|m| std::mem::take(&mut m.key))
        .collect();
    for (k, (m, key)) in mentions.iter().zip(keys).enumerate() {
        match index.get(&key) {
            Some(&g) if !another_row(groups[g].iter().map(|&i| &mentions[i]), m) => {
                groups[g].push(k);
            }
            // two rows of one project table with different amounts: two projects
            Some(_) => groups.push(vec![k]),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![k]);
            }
        }
    }
    drop(index);
    let mut slots: Vec<Option<Mention>> = mentions.into_iter().map(Some).collect();
    let mut projects: Vec<Project> = Vec::with_capacity(groups.len());
    for group in groups {
        projects.push(merge(
            group.iter().filter_map(|&i| slots[i].take()).collect(),
        ));
    }
    drop(slots);
    projects.sort_by_key(|p| p.line);
    let mut by_table = vec![None; tables.len()];
    for (pi, p) in projects.iter().enumerate() {
        for s in &p.sources {
            if s.kind == SourceKind::PerformanceTable
                && let Some(t) = s.table
            {
                by_table[t] = Some(pi);
            }
        }
    }
    (projects, by_table)
}

/// Whether `m` is another row of a project table the group already has a row of, with
/// another amount (two spending units each with a project of this name).
fn another_row<'a>(mut group: impl Iterator<Item = &'a Mention>, m: &Mention) -> bool {
    let wan = |s: &ProjectSource| s.amount.as_ref().and_then(Amount::in_wan);
    m.source.kind == SourceKind::ProjectTable
        && group.any(|g| {
            g.source.kind == SourceKind::ProjectTable
                && g.source.table == m.source.table
                && g.source.row != m.source.row
                && wan(&g.source) != wan(&m.source)
        })
}

fn merge(mut group: Vec<Mention>) -> Project {
    group.sort_by_key(|m| (m.source.line, rank(m.source.kind)));
    // (the mentions' names are not read after: the best is taken, not copied)
    let best_name = group
        .iter_mut()
        .min_by_key(|m| (rank(m.source.kind), m.source.line))
        .map(|m| std::mem::take(&mut m.name))
        .unwrap_or_default();
    let line = group.iter().map(|m| m.source.line).min().unwrap_or(0);
    let mut project = Project {
        name: best_name,
        line,
        ..Project::default()
    };
    // the amount: the strongest kind of source that states one
    for kind in [
        SourceKind::PerformanceTable,
        SourceKind::ProjectTable,
        SourceKind::Procurement,
        SourceKind::Prose,
    ] {
        let with = || {
            group
                .iter()
                .map(|m| &m.source)
                .filter(move |s| s.kind == kind && s.amount.is_some())
        };
        let Some(first) = with().next() else {
            continue;
        };
        let wan = |s: &ProjectSource| s.amount.as_ref().and_then(Amount::in_wan);
        let all_equal = with().all(|s| wan(s) == wan(first));
        if kind == SourceKind::Procurement && !all_equal {
            // several procurement lines of one project: their sum, in 万元
            let sum: Decimal = with().filter_map(wan).sum();
            project.amount = Some(Amount {
                value: sum,
                unit: Some(Unit::Wan),
                printed: sum.to_string(),
            });
        } else {
            project.amount = first.amount.clone();
        }
        break;
    }
    // kept in the model: sized to the mentions (a list grown from one
    // source would hold room for four)
    project.sources = Vec::with_capacity(group.len());
    // the indicators of every mention in one list sized once (grown by
    // doubling, it would hold up to twice their room)
    let indicators: usize = group
        .iter()
        .filter_map(|m| m.said.as_ref())
        .map(|s| s.indicators.len())
        .sum();
    for m in group {
        if project.code.is_none() {
            project.code = m.code;
        }
        if m.source.kind == SourceKind::PerformanceTable && project.table.is_none() {
            project.table = m.source.table;
        }
        if let Some(said) = m.said {
            let Said {
                indicators: said_indicators,
                goals,
                purpose,
            } = *said;
            if project.indicators.is_empty() {
                project.indicators = said_indicators;
                let more = indicators.saturating_sub(project.indicators.len());
                project.indicators.reserve_exact(more);
            } else {
                project.indicators.extend(said_indicators);
            }
            if project.goals.is_empty() {
                project.goals = goals;
            }
            if project.purpose.is_none() {
                project.purpose = purpose;
            }
        }
        project.sources.push(m.source);
    }
    project
}

/// Paragraph texts of a document outline, for prose mentions.
pub(super) fn paragraphs_of<'a>(
    contents: impl Iterator<Item = &'a Content>,
) -> Vec<(LineNo, &'a str)> {
    contents
        .filter_map(|c| match c {
            Content::Paragraph { line, text } => Some((*line, text.as_str())),
            _ => None,
        })
        .collect()
}
