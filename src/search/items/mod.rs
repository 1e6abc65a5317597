//! What becomes a search item of a document, and how: [`document_items`].
//!
//! Items, per document, in this order:
//! - `section`: every heading of the outline (title without its number);
//! - `table`: every table's label and title (`表.12 “三公”经费财政拨款预算情况表`);
//! - `text`: every sentence of the prose (paragraphs under the headings and
//!   before the first one; not the table of contents), matched as written
//!   only (no pinyin or fuzzy match on running text);
//! - `project`: every project, with its amount and the distinct amounts of
//!   its mentions;
//! - `indicator`: every 三级指标 of every project, then the department-wide
//!   ones (the name, or the description when the name is blank), with the
//!   amount its target states (`≤397.1 万元`);
//! - `row`: every body row of an ordinary table (rows of performance tables
//!   only when they carry figures), labelled by its text cells, with all its
//!   figures and its classification code;
//! - `amount`: every figure cell of every table, labelled by the nearest text
//!   cell to its left in the row, with the column's header path.
//!
//! A cell is a figure when it parses as an amount (`145,863.63`, `.04`,
//! `(12.5)`) in a column whose header does not name a code, a count, a year
//! or a rank (编码 / 代码 / 编号 / 类 / 款 / 项, 序号, 数量, 年度, 年限, 栏次, 比例,
//! `%`, …) and whose label cell to the left does not either (`项目编码 2040299`
//! in a performance table). Its unit is the one its header states
//! (`预算数（万元）`), else the table's; an unknown unit (`个`) is not money; no
//! unit at all is taken as 万元 and reported as `None`.
//!
//! Where things are: [`builder`] stores a document's items (texts once in
//! its arena, names with their keys, figures); [`model_items`] makes the
//! `section`, `project` and `indicator` items; [`table_items`] the `row` and
//! `amount` items, classifying each cell; the `table` and `text` items are
//! made here from [`super::prose`].

mod builder;
mod model_items;
mod table_items;

use builder::{Builder, Figures};
use model_items::{indicator_items, project_items, section_items, take_indicator_items};
use table_items::{RowScratch, table_items};

use super::index::{DocItems, Kind, Location};
use crate::model::Document;

/// Every item of one document.
pub fn document_items(doc: &Document) -> DocItems {
    let mut out = Builder::for_document(doc);
    section_items(doc, &mut out);
    project_items(doc, &mut out);
    indicator_items(doc, &mut out);
    let mut scratch = RowScratch::default();
    for (t, table) in doc.tables.iter().enumerate() {
        table_items(t, table, &mut scratch, &mut out);
    }
    prose_items(doc, super::prose::table_titles(doc), &mut out);
    out.finish()
}

/// [`document_items`] of a document not needed afterwards: each part of the
/// model is freed once its items are made (each project's indicators, then
/// the projects, then each table's cells), so that the items of a large document
/// are not held beside all of its model. The same items.
pub fn into_items(mut doc: Document) -> DocItems {
    let mut out = Builder::for_document(&doc);
    section_items(&doc, &mut out);
    project_items(&doc, &mut out);
    take_indicator_items(&mut doc, &mut out);
    doc.projects = Vec::new();
    doc.indicators = Vec::new();
    doc.table_details = Vec::new();
    let titles = super::prose::table_titles(&doc);
    for t in 0..doc.tables.len() {
        let mut scratch = RowScratch::default();
        table_items(t, &doc.tables[t], &mut scratch, &mut out);
        let table = &mut doc.tables[t];
        table.header = Default::default();
        table.rows = Default::default();
        table.row_lines = Vec::new();
    }
    prose_items(&doc, titles, &mut out);
    out.finish()
}

/// The `table` and `text` items of a document (see [`super::prose`]).
/// `titles`: the tables' (see [`super::prose::table_titles`]), made while
/// the tables were whole.
fn prose_items(doc: &Document, titles: Vec<super::prose::Piece<'static>>, out: &mut Builder) {
    use super::prose::{At, section_paths, sentences};
    let paths = section_paths(doc);
    for piece in titles.into_iter().chain(sentences(doc, &paths)) {
        let name = out.name(&piece.text);
        let context = out.context(&piece.context);
        let (kind, location, table) = match piece.at {
            At::Table(t) => (Kind::Table, Location::Table { table: t }, Some(t)),
            At::Text(path) => (
                Kind::Text,
                Location::Text {
                    path: path.to_vec(),
                    line: piece.line,
                },
                None,
            ),
        };
        out.push(
            kind,
            piece.line,
            name,
            Figures::New(None),
            None,
            location,
            context,
            table,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Index;

    #[test]
    fn items_made_as_the_model_is_freed_are_the_same() {
        let docs = crate::load::sample_documents();
        for d in &docs {
            let made = document_items(d).to_bytes();
            assert!(made.len() > 1000, "{}", d.path);
            assert!(into_items(d.clone()).to_bytes() == made, "{}", d.path);
        }
    }

    #[test]
    fn documents_added_one_by_one_equal_a_build() {
        let docs = crate::load::sample_documents();
        let built = Index::build(&docs);
        let mut grown = Index::new();
        for (i, d) in docs.iter().enumerate() {
            grown.push_document(i, d);
        }
        // into room made first, every document is copied; into an empty
        // index without room, the first is moved
        let reserved = Index::from_parts(docs.iter().map(document_items).collect());
        for index in [&grown, &reserved] {
            assert_eq!(built.items, index.items);
            assert_eq!(built.hot, index.hot);
            assert_eq!(built.figures, index.figures);
            assert_eq!(built.bigs, index.bigs);
            assert_eq!(built.paths, index.paths);
            assert_eq!(built.longs, index.longs);
            assert_eq!(built.arena, index.arena);
        }
        // every bundled sample: five text extractions and two PDFs
        assert_eq!(built.doc_count(), 7);
        assert_eq!(grown.doc_count(), 7);
        // and merging stored items gives the same index
        let mut stored = Index::new();
        for (i, d) in docs.iter().enumerate() {
            let bytes = document_items(d).to_bytes();
            let items = DocItems::from_bytes(&bytes, &d.path).expect("items");
            stored.append(i, items);
        }
        assert_eq!(built.hot, stored.hot);
        assert_eq!(built.items, stored.items);
        assert_eq!(built.arena, stored.arena);
        for id in 0..built.len() {
            assert_eq!(built.location(id), stored.location(id));
        }
    }

    /// A document whose table title (a context), row code and project's
    /// printed amount are too long for their records' length fields.
    fn long_texts() -> Document {
        use crate::model::{Amount, Grid, Project, Table, Unit};
        let long_code = "1".repeat(70_000);
        let table = Table {
            title: "表".repeat(30_000),
            unit: Some(Unit::Wan),
            header: Grid::from_rows(vec![vec!["科目编码", "科目名称", "合计"]]),
            rows: Grid::from_rows(vec![
                vec!["2040201", "行政运行", "4,800.00"],
                vec![long_code.as_str(), "其他", "5"],
            ]),
            row_lines: vec![3, 4],
            ..Table::default()
        };
        let printed = format!("{}397.10", "0".repeat(300));
        let project = Project {
            name: "智慧社区".into(),
            code: Some("9".repeat(65_535)),
            amount: Some(Amount {
                value: "397.10".parse().expect("decimal"),
                unit: Some(Unit::Wan),
                printed: printed.clone(),
            }),
            table: Some(0),
            line: 2,
            ..Project::default()
        };
        Document {
            projects: vec![project],
            tables: vec![table],
            ..Document::default()
        }
    }

    #[test]
    fn long_contexts_codes_and_figures_come_back_whole() {
        let doc = long_texts();
        let part = document_items(&doc);
        assert!(part.longs.len() >= 4, "{:?}", part.longs);
        let bytes = part.to_bytes();
        // merged after another document, and from the cache's bytes
        let samples = crate::load::sample_documents();
        let mut index = Index::new();
        index.push_document(0, &samples[0]);
        let stored = DocItems::from_bytes(&bytes, &doc.path).expect("items");
        index.append(1, stored);
        let first = (0..index.len())
            .find(|&i| index.doc(i) == 1)
            .expect("items");
        let of = |kind: Kind| -> Vec<usize> {
            (first..index.len())
                .filter(|&i| index.kind(i) == kind)
                .collect()
        };
        let project = of(Kind::Project)[0];
        assert_eq!(index.code(project), Some("9".repeat(65_535).as_str()));
        assert_eq!(index.context(project), doc.tables[0].title);
        assert_eq!(index.table(project), Some(0));
        assert_eq!(index.line(project), 2);
        let amount = index.amount(&index.figures(project)[0]);
        assert_eq!(amount.printed, format!("{}397.10", "0".repeat(300)));
        let rows = of(Kind::Row);
        assert_eq!(index.code(rows[0]), Some("2040201"));
        assert_eq!(index.code(rows[1]), Some("1".repeat(70_000).as_str()));
        assert_eq!(index.context(rows[1]), doc.tables[0].title);
        assert_eq!(index.line(rows[1]), 4);
        let cells = of(Kind::Amount);
        assert_eq!(
            index.context(cells[0]),
            format!("{} / 合计", doc.tables[0].title)
        );
        assert_eq!(index.printed(&index.figures(cells[0])[0]), "4,800.00");
        assert_eq!(index.table(cells[1]), Some(0));
        // and the search finds them by their code and figure
        let hits = crate::search::search(&index, "2040201", 0, None);
        assert!(
            hits.iter().any(|h| h.doc == 1 && h.text == "行政运行"),
            "{hits:?}"
        );
        let hits = crate::search::search(&index, "智慧 397.1", 0, None);
        assert!(
            hits.iter().any(|h| h.doc == 1 && h.kind == Kind::Project),
            "{hits:?}"
        );
    }
}
