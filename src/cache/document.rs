//! The binary form of the document model (see [`super::codec`]).
//!
//! Every type is written field by field in declaration order, taken apart
//! with a pattern that names every field: a field added to the model does
//! not compile here until it is written and read too. The path of a
//! document is not stored (an entry is shared by every file with the same
//! bytes); the reader sets it.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::codec::{Out, Reader, Source, Stream, Wire, put_len};
use crate::model::{
    Amount, CellsPlace, Content, DocKind, Document, Grid, Indicator, IndicatorTexts, Project,
    ProjectRole, ProjectSource, RowRole, Section, SectionKind, SourceKind, Table, TableDetail,
    TableKind, TableSide, TextLine, Total, Unit, Warning,
};
use crate::model::{Parents, RowCodes};

/// An enum of unit variants as one byte: its position in `all` (a list of
/// the variants, or the type's own `ALL`).
macro_rules! wire_enum {
    ($ty:ty, [$($v:path),+ $(,)?]) => {
        wire_enum!($ty, &[$($v),+]);
    };
    ($ty:ty, $all:expr) => {
        impl Wire for $ty {
            fn put(&self, w: &mut Out<'_>) {
                const ALL: &[$ty] = $all;
                let at = ALL.iter().position(|v| v == self).unwrap_or(0);
                w.push(at as u8);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                const ALL: &[$ty] = $all;
                ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    };
}

wire_enum!(Unit, &Unit::ALL);
wire_enum!(
    RowRole,
    [
        RowRole::Item,
        RowRole::Subtotal,
        RowRole::Total,
        RowRole::Blank
    ]
);
wire_enum!(
    ProjectRole,
    [
        ProjectRole::Item,
        ProjectRole::Category,
        ProjectRole::Subtotal
    ]
);
wire_enum!(
    DocKind,
    [
        DocKind::Budget,
        DocKind::FinalAccounts,
        DocKind::Performance,
        DocKind::Other
    ]
);
wire_enum!(SectionKind, [SectionKind::Heading, SectionKind::Contents]);
wire_enum!(TableKind, &TableKind::ALL);
wire_enum!(
    SourceKind,
    [
        SourceKind::PerformanceTable,
        SourceKind::ProjectTable,
        SourceKind::Procurement,
        SourceKind::Prose
    ]
);

/// `put` every expression, in order.
macro_rules! put_all {
    ($w:expr; $($field:expr),+ $(,)?) => {
        $( Wire::put($field, $w); )+
    };
}

impl Wire for Amount {
    fn put(&self, w: &mut Out<'_>) {
        let Amount {
            value,
            unit,
            printed,
        } = self;
        put_all!(w; value, unit, printed);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Amount {
            value: Wire::get(r)?,
            unit: Wire::get(r)?,
            printed: Wire::get(r)?,
        })
    }
}

impl Wire for Document {
    fn put(&self, w: &mut Out<'_>) {
        let Document {
            path: _,
            title,
            department,
            year,
            kind,
            sections,
            preamble,
            tables,
            projects,
            indicators,
            warnings,
            total,
            encoding,
            line_count,
            table_details,
            page_count,
        } = self;
        put_all!(w; title, department, year, kind, sections, preamble, tables);
        let cells = TablesOfCells::of(tables);
        put_len(w, projects.len());
        for p in projects {
            put_project(p, w, &cells);
        }
        put_len(w, indicators.len());
        for i in indicators {
            put_indicator(i, w, &cells);
        }
        put_all!(w; warnings, total, encoding, line_count, table_details, page_count);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        document_from(r)
    }
}

/// A document from `s`, its lists read element by element (see
/// [`Source`]).
fn document_from(s: &mut impl Source) -> Option<Document> {
    let title = s.next()?;
    let department = s.next()?;
    let year = s.next()?;
    let kind = s.next()?;
    let sections = s.list()?;
    let preamble = s.list()?;
    let tables: Vec<Table> = s.list()?;
    let cells: Vec<Arc<str>> = tables
        .iter()
        .map(|t| Arc::clone(t.rows.shared_text()))
        .collect();
    Some(Document {
        path: String::new(),
        title,
        department,
        year,
        kind,
        sections,
        preamble,
        projects: s.list_with(|r| get_project(r, &cells))?,
        indicators: s.list_with(|r| get_indicator(r, &cells))?,
        tables,
        warnings: s.list()?,
        total: s.next()?,
        encoding: s.next()?,
        line_count: s.next()?,
        table_details: s.list()?,
        page_count: s.next()?,
    })
}

/// The document encoded in the `len` bytes of `src`, read as it is decoded
/// ([`Stream`]): the encoding is never held whole beside the model it makes.
pub fn read_document(src: &mut impl std::io::Read, len: usize) -> Option<Document> {
    let mut s = Stream::new(src, len);
    let doc = document_from(&mut s)?;
    s.is_empty().then_some(doc)
}

impl Wire for Total {
    fn put(&self, w: &mut Out<'_>) {
        let Total {
            amount,
            label,
            line,
        } = self;
        put_all!(w; amount, label, line);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Total {
            amount: Wire::get(r)?,
            label: Wire::get(r)?,
            line: Wire::get(r)?,
        })
    }
}

impl Wire for Section {
    fn put(&self, w: &mut Out<'_>) {
        let Section {
            title,
            number,
            level,
            line,
            end_line,
            kind,
            children,
            content,
            page,
        } = self;
        put_all!(w; title, number, level, line, end_line, kind, children, content, page);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Section {
            title: Wire::get(r)?,
            number: Wire::get(r)?,
            level: Wire::get(r)?,
            line: Wire::get(r)?,
            end_line: Wire::get(r)?,
            kind: Wire::get(r)?,
            children: Wire::get(r)?,
            content: Wire::get(r)?,
            page: Wire::get(r)?,
        })
    }
}

impl Wire for Content {
    fn put(&self, w: &mut Out<'_>) {
        match self {
            Content::Paragraph { line, text } => {
                w.push(0);
                put_all!(w; line, text);
            }
            Content::Table { index } => {
                w.push(1);
                index.put(w);
            }
            Content::Project { index } => {
                w.push(2);
                index.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Content::Paragraph {
                line: Wire::get(r)?,
                text: Wire::get(r)?,
            },
            1 => Content::Table {
                index: Wire::get(r)?,
            },
            2 => Content::Project {
                index: Wire::get(r)?,
            },
            _ => return None,
        })
    }
}

/// A grid as its text, then each cell's length and each row's number of
/// cells (small numbers, one byte each mostly).
impl Wire for Grid {
    fn put(&self, w: &mut Out<'_>) {
        let text = self.shared_text();
        put_len(w, text.len());
        w.extend_from_slice(text.as_bytes());
        put_len(w, self.cell_count());
        for row in self.iter() {
            for cell in row {
                put_len(w, cell.len());
            }
        }
        put_len(w, self.len());
        for row in self.iter() {
            put_len(w, row.len());
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let text = r.str()?;
        let ends_of = |r: &mut Reader<'_>| -> Option<Vec<u32>> {
            let n = r.len()?;
            let mut ends = Vec::with_capacity(n);
            let mut last = 0u32;
            for _ in 0..n {
                last = last.checked_add(u32::get(r)?)?;
                ends.push(last);
            }
            Some(ends)
        };
        let ends = ends_of(r)?;
        let rows = ends_of(r)?;
        Grid::from_parts(text, ends, rows)
    }
}

impl Wire for Table {
    fn put(&self, w: &mut Out<'_>) {
        let Table {
            title,
            label,
            unit,
            line,
            end_line,
            kind,
            header,
            rows,
            row_lines,
            pages,
            notes,
            page,
            row_pages,
        } = self;
        put_all!(w; title, label, unit, line, end_line, kind, header, rows,
            row_lines, pages, notes, page, row_pages);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Table {
            title: Wire::get(r)?,
            label: Wire::get(r)?,
            unit: Wire::get(r)?,
            line: Wire::get(r)?,
            end_line: Wire::get(r)?,
            kind: Wire::get(r)?,
            header: Wire::get(r)?,
            rows: Wire::get(r)?,
            row_lines: Wire::get(r)?,
            pages: Wire::get(r)?,
            notes: Wire::get(r)?,
            page: Wire::get(r)?,
            row_pages: Wire::get(r)?,
        })
    }
}

impl Wire for ProjectSource {
    fn put(&self, w: &mut Out<'_>) {
        let ProjectSource {
            kind,
            line,
            table,
            row,
            amount,
            page,
        } = self;
        put_all!(w; kind, line, table, row, amount, page);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(ProjectSource {
            kind: Wire::get(r)?,
            line: Wire::get(r)?,
            table: Wire::get(r)?,
            row: Wire::get(r)?,
            amount: Wire::get(r)?,
            page: Wire::get(r)?,
        })
    }
}

/// The tables whose cells indicators are read from (see
/// [`Indicator::in_cells`]), by where their body's text is.
struct TablesOfCells(FxHashMap<usize, u32>);

impl TablesOfCells {
    fn of(tables: &[Table]) -> TablesOfCells {
        let by_text = tables.iter().enumerate().filter_map(|(t, table)| {
            let text = table.rows.shared_text();
            let t = u32::try_from(t).ok()?;
            (!text.is_empty()).then_some((text.as_ptr().addr(), t))
        });
        TablesOfCells(by_text.collect())
    }

    /// The table whose body's text is `cells`.
    fn table_of(&self, cells: &Arc<str>) -> Option<u32> {
        self.0.get(&cells.as_ptr().addr()).copied()
    }
}

/// A project, its indicators by [`put_indicator`].
fn put_project(p: &Project, w: &mut Out<'_>, cells: &TablesOfCells) {
    let Project {
        name,
        amount,
        code,
        line,
        indicators,
        goals,
        purpose,
        table,
        sources,
        role,
        parent,
        page,
    } = p;
    put_all!(w; name, amount, code, line);
    put_len(w, indicators.len());
    for i in indicators {
        put_indicator(i, w, cells);
    }
    put_all!(w; goals, purpose, table, sources, role, parent, page);
}

/// A project written by [`put_project`]; `cells`: each table's body text.
fn get_project(r: &mut Reader<'_>, cells: &[Arc<str>]) -> Option<Project> {
    Some(Project {
        name: Wire::get(r)?,
        amount: Wire::get(r)?,
        code: Wire::get(r)?,
        line: Wire::get(r)?,
        indicators: r.list_with(|r| get_indicator(r, cells))?,
        goals: Wire::get(r)?,
        purpose: Wire::get(r)?,
        table: Wire::get(r)?,
        sources: Wire::get(r)?,
        role: Wire::get(r)?,
        parent: Wire::get(r)?,
        page: Wire::get(r)?,
    })
}

impl Wire for TableDetail {
    fn put(&self, w: &mut Out<'_>) {
        let TableDetail { sides, furniture } = self;
        put_all!(w; sides, furniture);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(TableDetail {
            sides: Wire::get(r)?,
            furniture: Wire::get(r)?,
        })
    }
}

impl Wire for TableSide {
    fn put(&self, w: &mut Out<'_>) {
        let TableSide {
            name,
            label_column,
            code_columns,
            value_columns,
            parent,
            role,
            code,
        } = self;
        put_all!(w; name, label_column, code_columns, value_columns, parent, role, code);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(TableSide {
            name: Wire::get(r)?,
            label_column: Wire::get(r)?,
            code_columns: Wire::get(r)?,
            value_columns: Wire::get(r)?,
            parent: Wire::get(r)?,
            role: Wire::get(r)?,
            code: Wire::get(r)?,
        })
    }
}

/// As the list of optional rows it stands for.
impl Wire for Parents {
    fn put(&self, w: &mut Out<'_>) {
        put_len(w, self.len());
        for p in self.iter() {
            p.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        (0..n).map(|_| Option::<usize>::get(r)).collect()
    }
}

/// As the list of strings it stands for.
impl Wire for RowCodes {
    fn put(&self, w: &mut Out<'_>) {
        put_len(w, self.len());
        for code in self.iter() {
            put_len(w, code.len());
            w.extend_from_slice(code.as_bytes());
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        (0..n).map(|_| r.str()).collect()
    }
}

impl Wire for TextLine {
    fn put(&self, w: &mut Out<'_>) {
        let TextLine { line, text } = self;
        line.put(w);
        put_len(w, text.len());
        w.extend_from_slice(text.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(TextLine {
            line: Wire::get(r)?,
            text: r.str()?.into(),
        })
    }
}

/// An indicator: read from a table's cells ([`Indicator::cells_place`]), 1
/// then the table and where its texts are there; else 0 then its six texts.
/// Then its line and page.
fn put_indicator(i: &Indicator, w: &mut Out<'_>, cells: &TablesOfCells) {
    let in_table = i
        .cells_place()
        .and_then(|(text, place)| Some((cells.table_of(text)?, place)));
    match in_table {
        Some((table, place)) => {
            w.push(1);
            table.put(w);
            for (start, len) in place.starts.iter().zip(&place.lens) {
                put_all!(w; start, len);
            }
            w.extend_from_slice(&place.levels);
        }
        None => {
            w.push(0);
            for text in i.texts().to_array() {
                put_len(w, text.len());
                w.extend_from_slice(text.as_bytes());
            }
        }
    }
    put_all!(w; &i.line, &i.page());
}

/// An indicator written by [`put_indicator`]; `cells`: each table's body text.
fn get_indicator(r: &mut Reader<'_>, cells: &[Arc<str>]) -> Option<Indicator> {
    match r.byte()? {
        0 => {
            // read in place: the six texts are copied once, into the indicator
            let texts = [r.str()?, r.str()?, r.str()?, r.str()?, r.str()?, r.str()?];
            let texts = IndicatorTexts::from_array(texts);
            let line = Wire::get(r)?;
            let page = Wire::get(r)?;
            let mut indicator = Indicator::new(texts, line);
            indicator.set_page(page);
            Some(indicator)
        }
        1 => {
            let table: usize = Wire::get(r)?;
            let mut place = CellsPlace {
                starts: [0; 6],
                lens: [0; 6],
                levels: [0; 2],
            };
            for (start, len) in place.starts.iter_mut().zip(&mut place.lens) {
                *start = Wire::get(r)?;
                *len = Wire::get(r)?;
            }
            place.levels = [r.byte()?, r.byte()?];
            let line = Wire::get(r)?;
            let page = Wire::get(r)?;
            Indicator::from_cells_place(cells.get(table)?, place, line, page)
        }
        _ => None,
    }
}

impl Wire for Warning {
    fn put(&self, w: &mut Out<'_>) {
        let Warning {
            line,
            message,
            page,
        } = self;
        put_all!(w; line, message, page);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Warning {
            line: Wire::get(r)?,
            message: Wire::get(r)?,
            page: Wire::get(r)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::codec::{from_bytes, to_bytes};
    use crate::model::{Document, Indicator};

    #[test]
    fn indicators_read_from_cells_share_them_again() {
        let docs = crate::load::sample_documents();
        let mut shared = 0;
        for doc in &docs {
            let back: Document = from_bytes(&to_bytes(doc)).expect("decodes");
            let pairs = doc.projects.iter().zip(&back.projects);
            let indicators = pairs.flat_map(|(a, b)| a.indicators.iter().zip(&b.indicators));
            for (before, after) in indicators.chain(doc.indicators.iter().zip(&back.indicators)) {
                assert_eq!(before, after);
                let cells =
                    |i: &Indicator| i.cells_place().map(|(text, place)| (text.clone(), place));
                match (cells(before), cells(after)) {
                    (Some((a, pa)), Some((b, pb))) => {
                        // the same place, in the decoded table's text
                        assert_eq!(pa, pb);
                        let t = doc
                            .tables
                            .iter()
                            .position(|t| Arc::ptr_eq(t.rows.shared_text(), &a));
                        let t = t.expect("the text of a table");
                        assert!(Arc::ptr_eq(back.tables[t].rows.shared_text(), &b));
                        shared += 1;
                    }
                    (None, None) => {}
                    (a, b) => panic!(
                        "{}: kept {:?}, read back {:?}",
                        doc.path,
                        a.is_some(),
                        b.is_some()
                    ),
                }
            }
        }
        // most indicators of the samples are read from their tables' cells
        assert!(shared > 1500, "{shared}");
    }

    #[test]
    fn every_sample_comes_back_equal_and_small() {
        for ((name, bytes), doc) in crate::load::SAMPLES
            .iter()
            .zip(crate::load::sample_documents())
        {
            let encoded = to_bytes(&doc);
            let mut back: Document = from_bytes(&encoded).expect("decodes");
            back.path = doc.path.clone();
            assert_eq!(back, doc, "{name}");
            assert!(encoded.len() < bytes.len() * 2, "{name}: {}", encoded.len());
            // a damaged encoding fails, never panics
            for cut in [1, encoded.len() / 2, encoded.len() - 1] {
                assert!(from_bytes::<Document>(&encoded[..cut]).is_none());
            }
        }
    }

    #[test]
    fn a_table_detail_comes_back_with_its_parents_and_codes() {
        use crate::model::{RowRole, TableDetail, TableSide, TextLine};
        let detail = TableDetail {
            sides: vec![TableSide {
                name: "支出".into(),
                label_column: 3,
                code_columns: vec![0, 1, 2],
                value_columns: vec![4, 5],
                parent: [None, Some(0), Some(1), None].into_iter().collect(),
                role: vec![
                    RowRole::Total,
                    RowRole::Subtotal,
                    RowRole::Item,
                    RowRole::Blank,
                ],
                code: ["", "204", "20402", ""].into_iter().collect(),
            }]
            .into(),
            furniture: vec![TextLine {
                line: 7,
                text: "单位：万元".into(),
            }]
            .into(),
        };
        let encoded = to_bytes(&detail);
        assert_eq!(from_bytes::<TableDetail>(&encoded), Some(detail));
        for cut in 1..encoded.len() {
            assert!(
                from_bytes::<TableDetail>(&encoded[..cut]).is_none(),
                "{cut}"
            );
        }
    }

    /// Reads of at most `step` bytes, as a pipe or a decompressor may give.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.step).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_document_read_as_it_is_decoded_is_the_same() {
        let mut docs = crate::load::sample_documents();
        // one table far longer than the window read ahead
        let mut long = docs[3].clone();
        long.tables[0].title = "预算".repeat(100_000);
        docs.push(long);
        for doc in docs {
            let encoded = to_bytes(&doc);
            for step in [7, 4096, usize::MAX] {
                let mut src = Trickle {
                    bytes: &encoded,
                    step,
                };
                let mut back = super::read_document(&mut src, encoded.len()).expect("decodes");
                back.path = doc.path.clone();
                assert!(back == doc, "{} in reads of {step}", doc.path);
            }
            // cut short, or followed by more bytes: no document
            for cut in [1, encoded.len() / 2, encoded.len() - 1] {
                assert!(super::read_document(&mut &encoded[..cut], cut).is_none());
            }
            let mut longer = encoded.clone();
            longer.push(0);
            assert!(super::read_document(&mut &longer[..], longer.len()).is_none());
        }
    }
}
