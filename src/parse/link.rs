//! Link: once tables, sections, projects and indicators are extracted, tie
//! them together — a table printed without a title takes its section's title,
//! a project performance table (绩效目标表, the targets of one spending item)
//! is shown in the outline as its project, a section's line range covers its
//! tables and children, and the headline total (收入总计 / 支出总计, total
//! income / expenditure) is found.

use super::amount::{amounts_in_text, parse_figure};
use super::chars::compact;
use crate::model::{Content, LineNo, Project, Section, Table, TableKind, Total, Unit, Warning};

/// Every content item of the document, in document order: the preamble first,
/// then each section's own content before its children's.
pub(super) fn contents_in_order<'a>(
    preamble: &'a [Content],
    sections: &'a [Section],
) -> Vec<&'a Content> {
    let mut all: Vec<&Content> = preamble.iter().collect();
    collect_contents(sections, &mut all);
    all
}

/// A project performance table is shown as its project (`by_table`: the
/// project of each table, if any); a project shown twice in one section (two
/// tables of one project) is shown once; every section's range then covers
/// the tables it shows and its children.
pub(super) fn show_tables_as_projects(
    preamble: &mut [Content],
    sections: &mut [Section],
    by_table: &[Option<usize>],
    projects: &[Project],
    tables: &[Table],
) {
    let relink = |c: &mut Content| {
        if let Content::Table { index } = *c
            && let Some(Some(p)) = by_table.get(index)
        {
            *c = Content::Project { index: *p };
        }
    };
    preamble.iter_mut().for_each(relink);
    for s in sections {
        walk_mut(s, &mut |sec| {
            sec.content.iter_mut().for_each(relink);
            // de-duplicate projects shown twice in one section (two tables of one project)
            let mut seen = std::collections::HashSet::new();
            sec.content.retain(|c| match c {
                Content::Project { index } => seen.insert(*index),
                _ => true,
            });
            for c in &sec.content {
                let table = match c {
                    Content::Table { index } => Some(*index),
                    Content::Project { index } => projects.get(*index).and_then(|p| p.table),
                    Content::Paragraph { .. } => None,
                };
                if let Some(t) = table.and_then(|i| tables.get(i)) {
                    sec.end_line = sec.end_line.max(t.end_line);
                }
            }
        });
        cover_children(s);
    }
}

/// A project performance table that names no project is reported.
pub(super) fn warn_tables_without_project(
    tables: &[Table],
    by_table: &[Option<usize>],
    warnings: &mut Vec<Warning>,
) {
    for (i, t) in tables.iter().enumerate() {
        if t.kind == TableKind::ProjectPerformance && by_table.get(i).copied().flatten().is_none() {
            warnings.push(Warning {
                line: t.line,
                message: format!("performance table “{}” names no project", t.title),
                page: None,
            });
        }
    }
}

/// A table printed without a title takes the title of the section it stands in.
pub(super) fn name_untitled_tables(
    sections: &[Section],
    tables: &mut [Table],
    warnings: &mut Vec<Warning>,
) {
    fn go(secs: &[Section], tables: &mut [Table]) {
        for s in secs {
            for c in &s.content {
                if let Content::Table { index } = c
                    && let Some(t) = tables.get_mut(*index)
                    && t.title.is_empty()
                {
                    t.title = s.title.clone();
                }
            }
            go(&s.children, tables);
        }
    }
    go(sections, tables);
    for t in tables.iter() {
        if t.title.is_empty() {
            warnings.push(Warning {
                line: t.line,
                message: "table without a title".into(),
                page: None,
            });
        }
    }
}

fn collect_contents<'a>(sections: &'a [Section], out: &mut Vec<&'a Content>) {
    for s in sections {
        out.extend(s.content.iter());
        collect_contents(&s.children, out);
    }
}

fn walk_mut(s: &mut Section, f: &mut impl FnMut(&mut Section)) {
    f(s);
    for c in &mut s.children {
        walk_mut(c, f);
    }
}

/// A section's range covers its children's (their tables included).
fn cover_children(s: &mut Section) {
    for c in &mut s.children {
        cover_children(c);
        s.end_line = s.end_line.max(c.end_line);
    }
}

/// The labels of a document's total row, the most telling first.
const TOTAL_LABELS: [&str; 4] = ["收入总计", "支出总计", "收支总计", "总计"];

/// The words of a sentence stating the total, the most telling first; each
/// holds 预算.
const TOTAL_KEYS: [&str; 4] = ["预算收入", "部门预算支出", "支出预算", "预算收支"];

/// `TOTAL_KEYS.map(|k| c.find(k))`, in one pass over the places of 预算
/// (`budget` finds it): each key is a 预算 with its own words before or after.
fn total_keys_at(budget: &memchr::memmem::Finder<'_>, c: &str) -> [Option<usize>; 4] {
    let b = c.as_bytes();
    let mut at = [None; 4];
    for p in budget.find_iter(b) {
        let (before, after) = (&b[..p], &b[p + "预算".len()..]);
        let hits = [
            after.starts_with("收入".as_bytes()).then_some(p),
            (before.ends_with("部门".as_bytes()) && after.starts_with("支出".as_bytes()))
                .then(|| p - "部门".len()),
            before
                .ends_with("支出".as_bytes())
                .then(|| p - "支出".len()),
            after.starts_with("收支".as_bytes()).then_some(p),
        ];
        for (first, hit) in at.iter_mut().zip(hits) {
            if first.is_none() {
                *first = hit;
            }
        }
        if at.iter().all(Option::is_some) {
            break;
        }
    }
    at
}

/// The headline total: `收入总计` / `支出总计` in a table (or a bare `总计`, as final
/// accounts print it), else the first `预算收入…万元` / `支出预算…万元` sentence.
pub(super) fn find_total(tables: &[Table], paragraphs: &[(LineNo, &str)]) -> Option<Total> {
    // The first label of the list found in a table (tables, then rows, in
    // order) with an amount after it in its row: one pass over the cells,
    // keeping the first such row of each label.
    let mut found: [Option<Total>; TOTAL_LABELS.len()] = Default::default();
    'tables: for t in tables {
        // a column numbering the rows (行次) holds no amounts (its paths made
        // only for a table with a label)
        let mut paths: Option<Vec<String>> = None;
        for (r, row) in t.rows.iter().enumerate() {
            // each label at its first cell in the row only
            let mut seen = [false; TOTAL_LABELS.len()];
            for (j, c) in row.iter().enumerate() {
                // (the labels are four or two characters long: most cells are
                // told apart by their length)
                if !matches!(c.len(), 6 | 12) {
                    continue;
                }
                let Some(k) = TOTAL_LABELS.iter().position(|l| *l == c) else {
                    continue;
                };
                if std::mem::replace(&mut seen[k], true) || found[k].is_some() {
                    continue;
                }
                let paths = paths.get_or_insert_with(|| t.column_paths());
                let counts_rows = |k: usize| paths.get(k).is_some_and(|p| p.contains("行次"));
                if let Some(v) = row
                    .iter()
                    .enumerate()
                    .skip(j + 1)
                    .find(|&(k, c)| !c.trim().is_empty() && !counts_rows(k))
                    .map(|(_, c)| c)
                    && let Some(amount) = parse_figure(v, t.unit).map(|a| a.or_unit(Unit::Wan))
                    && amount.in_wan().is_some()
                {
                    found[k] = Some(Total {
                        amount,
                        label: TOTAL_LABELS[k].to_string(),
                        line: t.row_lines.get(r).copied().unwrap_or(t.line),
                    });
                    if k == 0 {
                        break 'tables; // the first label: nothing comes before it
                    }
                }
            }
        }
    }
    if let Some(total) = found.into_iter().flatten().next() {
        return Some(total);
    }
    // (paragraphs are long: one vector search for 预算, its set-up made once)
    let budget = memchr::memmem::Finder::new("预算");
    for (line, text) in paragraphs {
        let c = compact(text);
        for (key, at) in TOTAL_KEYS.iter().zip(total_keys_at(&budget, &c)) {
            if let Some(p) = at {
                let tail = &c[p + key.len()..];
                if let Some(a) = amounts_in_text(tail).into_iter().next()
                    && a.start <= 6
                    && a.amount.in_wan().is_some()
                {
                    return Some(Total {
                        amount: a.amount,
                        label: key.to_string(),
                        line: *line,
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn total_keys_are_found_as_by_str_find(c in "[部门支出预算收入a]{0,30}") {
            let budget = memchr::memmem::Finder::new("预算");
            proptest::prop_assert_eq!(total_keys_at(&budget, &c), TOTAL_KEYS.map(|k| c.find(k)));
        }
    }

    #[test]
    fn total_labels_have_the_lengths_find_total_lets_through() {
        assert!(TOTAL_LABELS.iter().all(|l| matches!(l.len(), 6 | 12)));
    }
}
