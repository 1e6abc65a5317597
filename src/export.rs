//! `budgettui export`: documents as JSON (`{"documents": [...]}`), JSON Lines
//! (one document per line, for DuckDB's `read_json` and Spark) or CSV (one
//! row per table cell). The JSON schema is the stable contract documented in
//! the README.
//!
//! Every format is written as the documents come ([`write_stream`]): a
//! document is written, then dropped, so memory holds a few documents, never
//! the corpus.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::io::Write;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::model::{Document, Table, TableDetail, Unit};
use crate::parse::amount::parse_amount;

/// Output format of `budgettui export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Json,
    /// One document per line (JSON Lines).
    Jsonl,
    Csv,
}

#[derive(Serialize)]
struct Export<S: Serialize> {
    documents: S,
}

/// A sequence serialized as it is read from an iterator (once).
struct Stream<I>(RefCell<I>);

impl<I> Serialize for Stream<I>
where
    I: Iterator,
    I::Item: Borrow<Document>,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut docs = self.0.borrow_mut();
        s.collect_seq(docs.by_ref().map(DocRef))
    }
}

/// A document, owned or borrowed, as exported: its fields as
/// [`Document`]'s derived `Serialize` writes them (same names, order and
/// skips), except that each table carries its [`TableDetail`]'s fields
/// (`sides`, `furniture`) and `table_details` itself is left out. Written
/// straight to the serializer: no `serde_json::Value` of the document is
/// built.
struct DocRef<D>(D);

impl<D: Borrow<Document>> Serialize for DocRef<D> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Every field is named (no `..`): a field added to Document stops
        // this from compiling instead of being left out of the export. The
        // names, order and skips follow model.rs; tests/export_json.rs
        // compares this with the derived Serialize on every sample.
        let Document {
            path,
            title,
            department,
            year,
            kind,
            sections,
            preamble,
            tables,
            table_details,
            projects,
            indicators,
            warnings,
            total,
            encoding,
            line_count,
            page_count,
        } = self.0.borrow();
        let fields = 15 + usize::from(page_count.is_some());
        let mut m = s.serialize_struct("Document", fields)?;
        m.serialize_field("path", path)?;
        m.serialize_field("title", title)?;
        m.serialize_field("department", department)?;
        m.serialize_field("year", year)?;
        m.serialize_field("kind", kind)?;
        m.serialize_field("sections", sections)?;
        m.serialize_field("preamble", preamble)?;
        m.serialize_field(
            "tables",
            &Tables {
                tables,
                details: table_details,
            },
        )?;
        m.serialize_field("projects", projects)?;
        m.serialize_field("indicators", indicators)?;
        m.serialize_field("warnings", warnings)?;
        m.serialize_field("total", total)?;
        m.serialize_field("encoding", encoding)?;
        m.serialize_field("line_count", line_count)?;
        match page_count {
            Some(_) => m.serialize_field("page_count", page_count)?,
            None => m.skip_field("page_count")?,
        }
        m.end()
    }
}

/// A document's tables, table `i` with the fields of detail `i` after its
/// own (a table without a detail has none).
struct Tables<'a> {
    tables: &'a [Table],
    details: &'a [TableDetail],
}

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.tables.iter().enumerate().map(|(i, table)| TableOut {
            table,
            detail: self.details.get(i),
        }))
    }
}

/// One exported table: the table's fields, then its detail's (both as
/// their derived `Serialize` writes them; the two share no field name).
#[derive(Serialize)]
struct TableOut<'a> {
    #[serde(flatten)]
    table: &'a Table,
    #[serde(flatten)]
    detail: Option<&'a TableDetail>,
}

/// Write `{"documents": [...]}` (pretty-printed, documents as given). Each
/// table carries its row hierarchy and furniture (`sides`, `furniture`,
/// from [`Document::table_details`]).
pub fn write_json(docs: &[Document], out: &mut dyn Write) -> std::io::Result<()> {
    write_stream(docs.iter(), Format::Json, out)
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "document",
    "table",
    "table_label",
    "table_title",
    "unit",
    "row",
    "column",
    "header",
    "value",
    "amount",
    "line",
];

/// One row per non-empty body cell of every table:
/// document path, table number (1-based), label, title, unit, row and column
/// (1-based), the header path above the cell, the cell as printed, the cell as
/// a plain decimal when it is a figure, and the source line.
pub fn write_csv(docs: &[Document], out: &mut dyn Write) -> std::io::Result<()> {
    write_stream(docs.iter(), Format::Csv, out)
}

/// The CSV rows of one document.
fn csv_rows<W: Write>(w: &mut csv::Writer<W>, d: &Document) -> std::io::Result<()> {
    for (ti, t) in d.tables.iter().enumerate() {
        let paths = t.column_paths();
        let table_no = (ti + 1).to_string();
        for (ri, row) in t.rows.iter().enumerate() {
            let row_no = (ri + 1).to_string();
            let line = t.row_lines.get(ri).copied().unwrap_or(t.line).to_string();
            for (ci, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let amount = parse_amount(cell)
                    .map(|a| a.to_string())
                    .unwrap_or_default();
                w.write_record([
                    d.path.as_str(),
                    &table_no,
                    &t.label,
                    &t.title,
                    t.unit.map_or("", Unit::as_str),
                    &row_no,
                    &(ci + 1).to_string(),
                    paths.get(ci).map(|s| s.as_str()).unwrap_or(""),
                    cell,
                    &amount,
                    &line,
                ])
                .map_err(io_error)?;
            }
        }
    }
    Ok(())
}

/// A CSV error as the I/O error it wraps (so that a closed pipe stays a
/// closed pipe for the caller), else as an I/O error of its own.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Write documents in the chosen format.
pub fn write(docs: &[Document], format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    write_stream(docs.iter(), format, out)
}

/// Write documents in the chosen format as they come from `docs`, each
/// written before the next is read.
pub fn write_stream<I>(docs: I, format: Format, out: &mut dyn Write) -> std::io::Result<()>
where
    I: Iterator,
    I::Item: Borrow<Document>,
{
    match format {
        Format::Json => {
            let export = Export {
                documents: Stream(RefCell::new(docs)),
            };
            serde_json::to_writer_pretty(&mut *out, &export)?;
            out.write_all(b"\n")
        }
        Format::Jsonl => {
            for d in docs {
                serde_json::to_writer(&mut *out, &DocRef(d.borrow()))?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_COLUMNS).map_err(io_error)?;
            for d in docs {
                csv_rows(&mut w, d.borrow())?;
            }
            w.flush()
        }
    }
}
