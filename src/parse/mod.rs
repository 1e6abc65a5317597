//! The parsing core: extracted disclosure text → [`crate::model::Document`].
//!
//! Pipeline: [`decode`] bytes → [`normalize`] lines (original line numbers
//! kept) → [`layout`] (space-aligned tables as tab-separated rows) → [`blocks`] (prose lines, table of contents, raw tables) →
//! [`meta`] (title, department, year, kind), [`table`] (pages merged, header,
//! repaired cells), [`outline`] (headings nested by numbering), [`projects`]
//! and [`indicators`].
//!
//! Domain words: 万元 = 10,000 yuan (the usual unit); 项目 = a spending item;
//! 一级/二级/三级指标 = the three levels of a performance indicator; 栏次 = the
//! column-number row under a table header (page furniture).

pub mod amount;
pub mod blocks;
pub mod decode;
pub mod geometry;
pub mod indicators;
pub mod layout;
pub mod meta;
pub mod normalize;
pub mod numbering;
pub mod outline;
pub mod projects;
pub mod repair;
pub mod table;
pub mod text;

use crate::model::{Content, Document, Section, TableKind, Total, Warning};
use amount::{amounts_in_text, parse_amount, to_wan};
use blocks::Block;
use text::compact;

/// Parse one file's bytes. Never panics; problems become warnings in the document.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Document {
    let decoded = decode::decode(bytes);
    let mut doc = parse_text(path, &decoded.text);
    doc.encoding = decoded.encoding.to_string();
    let mut warnings = decoded.warnings;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    doc
}

/// Parse already-decoded text.
pub fn parse_text(path: &str, text: &str) -> Document {
    let lines = layout::tabulate(normalize::split_lines(text));
    let line_count = lines.last().map(|l| l.no).unwrap_or(0);
    let mut warnings: Vec<Warning> = Vec::new();
    let empty = lines.iter().all(|l| l.text.trim().is_empty());
    if empty {
        warnings.push(Warning {
            line: 0,
            message: "empty file: no text to parse".into(),
        });
    }

    let mut blocks = blocks::blocks(lines);
    let meta = meta::extract(&blocks);
    if meta.title.is_empty() && !empty {
        warnings.push(Warning {
            line: 1,
            message: "no title found".into(),
        });
    }

    let mut tables = Vec::new();
    for b in &mut blocks {
        if let Block::Table(raw) = b {
            report_guessed_furniture(raw, &meta, &mut warnings);
            tables.push(table::assemble(std::mem::take(raw), &mut warnings));
        }
    }

    let outline = outline::build(&blocks, &meta);
    warnings.extend(outline.warnings);
    let mut preamble = outline.preamble;
    let mut sections = outline.sections;
    name_untitled_tables(&sections, &mut tables, &mut warnings);

    // every paragraph, in document order
    let mut all_contents: Vec<&Content> = preamble.iter().collect();
    collect_contents(&sections, &mut all_contents);
    let paragraphs = projects::paragraphs_of(all_contents.iter().copied());
    let (projects, by_table) = projects::extract(&tables, &paragraphs, meta.department.as_deref());

    // department-wide indicators: tables and prose
    let mut indicators = Vec::new();
    for t in &tables {
        if t.kind == TableKind::DepartmentPerformance {
            indicators.extend(indicators::from_table(t));
        }
    }
    indicators.extend(indicators::from_prose(&all_contents));

    let total = find_total(&tables, &paragraphs);

    // a project performance table is shown as its project
    let relink = |c: &mut Content| {
        if let Content::Table { index } = *c {
            if let Some(Some(p)) = by_table.get(index) {
                *c = Content::Project { index: *p };
            }
        }
    };
    preamble.iter_mut().for_each(relink);
    for s in &mut sections {
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

    for (i, t) in tables.iter().enumerate() {
        if t.kind == TableKind::ProjectPerformance && by_table.get(i).copied().flatten().is_none() {
            warnings.push(Warning {
                line: t.line,
                message: format!("performance table “{}” names no project", t.title),
            });
        }
    }
    warnings.sort_by_key(|w| w.line);

    Document {
        path: path.to_string(),
        title: meta.title,
        department: meta.department,
        year: meta.year,
        kind: meta.kind,
        sections,
        preamble,
        tables,
        projects,
        indicators,
        warnings,
        total,
        encoding: "UTF-8".into(),
        line_count,
    }
}

/// Lines consumed as page furniture only because a table continued after them
/// are reported, unless they are pieces of the department name or a title
/// (`312 秦皇岛市公安局经济技术开` + `发区分局`): no text is dropped silently.
fn report_guessed_furniture(
    raw: &blocks::RawTable,
    meta: &meta::Meta,
    warnings: &mut Vec<Warning>,
) {
    let known: Vec<String> = [
        meta.department.as_deref().unwrap_or(""),
        meta.title.as_str(),
        raw.title.as_str(),
    ]
    .iter()
    .map(|s| compact(s).into_owned())
    .collect();
    for (line, text) in &raw.guessed {
        let c = compact(text);
        if known.iter().any(|k| !c.is_empty() && k.contains(&*c)) {
            continue;
        }
        warnings.push(Warning {
            line: *line,
            message: format!(
                "“{}” between two pages of table “{}” was taken for page furniture and left out",
                text.trim(),
                raw.title.trim()
            ),
        });
    }
}

/// A table printed without a title takes the title of the section it stands in.
fn name_untitled_tables(
    sections: &[Section],
    tables: &mut [crate::model::Table],
    warnings: &mut Vec<Warning>,
) {
    fn go(secs: &[Section], tables: &mut [crate::model::Table]) {
        for s in secs {
            for c in &s.content {
                if let Content::Table { index } = c {
                    if let Some(t) = tables.get_mut(*index) {
                        if t.title.is_empty() {
                            t.title = s.title.clone();
                        }
                    }
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

/// The headline total: `收入总计` / `支出总计` in a table, else the first
/// `预算收入…万元` / `支出预算…万元` sentence.
fn find_total(tables: &[crate::model::Table], paragraphs: &[(u32, &str)]) -> Option<Total> {
    for label in ["收入总计", "支出总计", "收支总计"] {
        for t in tables {
            for (r, row) in t.rows.iter().enumerate() {
                if let Some(j) = row.iter().position(|c| c == label) {
                    if let Some(v) = row[j + 1..].iter().find(|c| !c.trim().is_empty()) {
                        if let Some(d) = parse_amount(v) {
                            let unit = t.unit.as_deref().unwrap_or("万元");
                            if let Some(amount) = to_wan(d, unit) {
                                return Some(Total {
                                    amount,
                                    printed: v.trim().to_string(),
                                    label: label.to_string(),
                                    line: t.row_lines.get(r).copied().unwrap_or(t.line),
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    for (line, text) in paragraphs {
        let c = compact(text);
        for key in ["预算收入", "部门预算支出", "支出预算", "预算收支"] {
            if let Some(p) = c.find(key) {
                let tail = &c[p + key.len()..];
                if let Some(a) = amounts_in_text(tail).into_iter().next() {
                    if a.start <= 6 {
                        if let Some(amount) = to_wan(a.value, a.unit) {
                            return Some(Total {
                                amount,
                                printed: a.printed,
                                label: key.to_string(),
                                line: *line,
                            });
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_guesses_are_reported_unless_they_are_the_department() {
        let text = "2024年某某局部门预算\n\n收支总表\n\n单位：万元\n\n项目\t金额\n甲\t1\n乙\t2\n\n续表说明\n某某局\n\n项目\t金额\n丙\t3\n";
        let doc = parse_text("t.txt", text);
        let t = &doc.tables[0];
        assert_eq!(t.rows.len(), 3, "{t:?}");
        let w: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(doc.warnings.len(), 1, "{w:?}");
        assert_eq!(doc.warnings[0].line, 11);
        assert!(w[0].contains("续表说明"), "{w:?}");
    }
}
