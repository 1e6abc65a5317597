//! The parsing core: extracted disclosure text → [`crate::model::Document`].
//! It knows nothing of the terminal.
//!
//! The stages are declared below in the order data flows, one module each; a
//! stage imports the stages before it and the shared modules, never a stage
//! after it. The shared modules import no stage. [`parse_text`] runs them.
//!
//! Domain words: 万元 = 10,000 yuan (the usual unit); 项目 = a spending item;
//! 一级/二级/三级指标 = the three levels of a performance indicator; 栏次 = the
//! column-number row under a table header; page furniture = what is printed
//! on every page (page numbers, repeated titles, unit lines).

// 1. bytes → text (UTF-8, UTF-16, GBK / GB18030)
mod decode;
// 2. text → numbered lines, residue of PDF / Word conversion removed
mod normalize;
// 3. tables aligned with spaces (`pdftotext -layout`) → tab-separated rows
mod space_aligned;
// 4. lines → prose lines, the table of contents, raw tables
mod blocks;
// 4′. (PDF input) page layouts → the same blocks, every line numbered with its page
mod pages;
// 5. title, department, year, kind of document
mod meta;
// 6. raw tables → model tables: pages merged, header found, cells repaired
mod tables;
// 7. headings nested by numbering into the outline
mod sections;
// 8. what each table is (收支总表, 支出总表, …), once untitled tables are named
mod table_kind;
// 9. the row hierarchy of every table: parent and role of each row
mod hierarchy;
// 10. performance indicators (绩效指标) from tables and prose
mod indicators;
// 11. spending items (项目) with their amounts, sources and indicators
mod projects;
// 12. projects in categories; subtotal rows that are no project
mod project_tree;
// 13. tables, sections and projects tied together; the headline total
mod link;

// Shared by several stages:
// figures as printed → exact decimals
pub mod amount;
// spaces and cuts inside table cells
mod cell_repair;
// a raw table row's cells read from its text, repaired
mod row_cells;
// character helpers: compact, char counts, name folding, the CJK class
mod chars;
// line classifiers: table title, table label, page furniture, document title
mod line_kinds;
// heading numbers (一、 （一） 1.) and Chinese numerals
mod numbering;
// money units as printed (万元 …)
mod units;

// Page geometry (PDF pages, text on a grid of cells) → lines and tables
pub mod geometry;

pub use chars::{compact, fold_char, name_key};
pub use decode::looks_binary;
pub use table_kind::kind_of_title;
pub use units::{unit_in_label, unit_word};

use crate::model::{Document, LineNo, TableDetail, Warning};
use sections::Emphasis;

/// Parse one file's bytes. Never panics; problems become warnings in the document.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Document {
    let decoded = decode::decode(bytes);
    let read = read_text(&decoded.text);
    let doc = read.finish(path);
    with_encoding(doc, decoded.encoding, decoded.warnings)
}

/// [`parse_bytes`], taking the bytes and dropping them (and their text) as
/// soon as the lines are read into blocks: a large file's text is not held
/// beside the model built from it.
pub fn parse_owned(path: &str, bytes: Vec<u8>) -> Document {
    let decode::Decoded {
        text,
        encoding,
        warnings,
    } = decode::decode(&bytes);
    let read = read_text(&text);
    drop(text);
    drop(bytes);
    with_encoding(read.finish(path), encoding, warnings)
}

/// The decoder's encoding and warnings (these first) given to `doc`.
fn with_encoding(mut doc: Document, encoding: &str, mut warnings: Vec<Warning>) -> Document {
    doc.encoding = encoding.to_string();
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    doc
}

/// Parse already-decoded text.
pub fn parse_text(path: &str, text: &str) -> Document {
    read_text(text).finish(path)
}

/// Text read as far as blocks and metadata (stages 2–5): all owned, so that
/// the text can be dropped before the rest of the parse.
struct ReadText {
    blocks: Vec<blocks::Block>,
    meta: meta::Meta,
    warnings: Vec<Warning>,
    empty: bool,
    line_count: LineNo,
}

fn read_text(text: &str) -> ReadText {
    let lines = space_aligned::tabulate(normalize::split_lines(text));
    let line_count = lines.last().map(|l| l.no).unwrap_or(0);
    let mut warnings: Vec<Warning> = Vec::new();
    let empty = lines.iter().all(|l| l.text.trim().is_empty());
    if empty {
        warnings.push(Warning {
            line: 1,
            message: "empty file: no text to parse".into(),
            page: None,
        });
    }
    let blocks = blocks::blocks(lines);
    let meta = meta::extract(&blocks);
    ReadText {
        blocks,
        meta,
        warnings,
        empty,
        line_count,
    }
}

impl ReadText {
    /// Stages 6–13.
    fn finish(self, path: &str) -> Document {
        let mut doc = finish(
            path,
            self.blocks,
            self.meta,
            &Emphasis::default(),
            projects::Cells::FromText,
            self.warnings,
            self.empty,
        );
        doc.line_count = self.line_count;
        doc
    }
}

/// Parse a PDF's pages, rebuilt from their geometry ([`geometry::build_page`]). `notes` are
/// the reader's problems, each with its page. Never panics on any layout; problems become
/// warnings in the document.
pub fn parse_pages(
    path: &str,
    pages: Vec<geometry::PageLayout>,
    notes: Vec<(crate::model::PageNo, String)>,
) -> Document {
    let page_count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let mut paged = pages::read(pages, notes);
    let empty = paged.blocks.is_empty();
    let mut meta = meta::extract(&paged.blocks);
    paged.complete_meta(&mut meta);
    let line_pages = std::mem::take(&mut paged.line_pages);
    let warnings = std::mem::take(&mut paged.warnings);
    let mut doc = finish(
        path,
        paged.blocks,
        meta,
        &paged.emphasis,
        projects::Cells::FromPages,
        warnings,
        empty,
    );
    doc.encoding = "PDF".into();
    doc.line_count = u32::try_from(line_pages.len()).unwrap_or(u32::MAX);
    doc.page_count = Some(page_count);
    pages::Paged::fill_pages(&line_pages, &mut doc);
    doc
}

/// Stages 6–10, shared by text and page input: blocks and metadata → the document.
/// `emphasis` is what the page geometry says of each line's look (nothing for text);
/// `cells` where the table cells come from.
fn finish(
    path: &str,
    mut blocks: Vec<blocks::Block>,
    mut meta: meta::Meta,
    emphasis: &Emphasis,
    cells: projects::Cells,
    mut warnings: Vec<Warning>,
    empty: bool,
) -> Document {
    if meta.title.is_empty() && meta.department.is_none() && !empty {
        warnings.push(Warning {
            line: 1,
            message: "no title found".into(),
            page: None,
        });
    }

    let (mut tables, furniture) = tables::assemble_all(&mut blocks, &meta, &mut warnings);
    // after the tables: furniture is told from the title lines, not a composed title
    meta::compose_title(&mut meta);

    let outline = sections::build(&blocks, &meta, emphasis);
    // the text is in the outline now (and the tables were taken out before)
    drop(blocks);
    warnings.extend(outline.warnings);
    let mut preamble = outline.preamble;
    let mut sections = outline.sections;
    link::name_untitled_tables(&sections, &mut tables, &mut warnings);
    table_kind::classify_all(&mut tables);
    let table_details: Vec<TableDetail> = hierarchy::build_all(&tables, meta.department.as_deref())
        .into_iter()
        .zip(furniture)
        // kept for the document's life: no room to spare
        .map(|(sides, furniture)| TableDetail {
            sides: sides.into_boxed_slice(),
            furniture: furniture.into_boxed_slice(),
        })
        .collect();

    let all_contents = link::contents_in_order(&preamble, &sections);
    let paragraphs = projects::paragraphs_of(all_contents.iter().copied());
    let (mut projects, by_table) =
        projects::extract(&tables, &paragraphs, meta.department.as_deref(), cells);
    project_tree::build(&mut projects, &tables, &table_details, &paragraphs);

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
        table_details,
        projects,
        indicators,
        warnings,
        total,
        encoding: "UTF-8".into(),
        line_count: 0,
        page_count: None,
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
