//! The parsing core: extracted disclosure text → [`crate::model::Document`].
//!
//! Pipeline: [`decode`] bytes → [`normalize`] lines (original line numbers
//! kept) → [`space_aligned`] (space-aligned tables as tab-separated rows) → [`blocks`] (prose lines, table of contents, raw tables) →
//! [`meta`] (title, department, year, kind), [`tables`] (pages merged, header,
//! repaired cells), [`sections`] (headings nested by numbering), [`projects`]
//! and [`indicators`].
//!
//! Domain words: 万元 = 10,000 yuan (the usual unit); 项目 = a spending item;
//! 一级/二级/三级指标 = the three levels of a performance indicator; 栏次 = the
//! column-number row under a table header (page furniture).

pub mod amount;
pub mod blocks;
pub mod cell_repair;
pub mod chars;
pub mod decode;
pub mod indicators;
pub mod line_kinds;
mod link;
pub mod meta;
pub mod normalize;
pub mod numbering;
pub mod projects;
pub mod sections;
pub mod space_aligned;
pub mod tables;
pub mod units;

/// The paths the search and the explorer import these helpers by.
pub mod text {
    pub use super::chars::{compact, fold_char, name_key};
    pub use super::units::{unit_in_label, unit_word};
}

use crate::model::{Document, Warning};

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
    let lines = space_aligned::tabulate(normalize::split_lines(text));
    let line_count = lines.last().map(|l| l.no).unwrap_or(0);
    let mut warnings: Vec<Warning> = Vec::new();
    let empty = lines.iter().all(|l| l.text.trim().is_empty());
    if empty {
        warnings.push(Warning {
            line: 1,
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

    let mut tables = tables::assemble_all(&mut blocks, &meta, &mut warnings);

    let outline = sections::build(&blocks, &meta);
    warnings.extend(outline.warnings);
    let mut preamble = outline.preamble;
    let mut sections = outline.sections;
    link::name_untitled_tables(&sections, &mut tables, &mut warnings);

    let all_contents = link::contents_in_order(&preamble, &sections);
    let paragraphs = projects::paragraphs_of(all_contents.iter().copied());
    let (projects, by_table) = projects::extract(&tables, &paragraphs, meta.department.as_deref());

    let indicators = indicators::department_wide(&tables, &all_contents);

    let total = link::find_total(&tables, &paragraphs);
    link::show_tables_as_projects(&mut preamble, &mut sections, &by_table, &projects, &tables);
    link::warn_tables_without_project(&tables, &by_table, &mut warnings);
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
