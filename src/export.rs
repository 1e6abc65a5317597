//! `budgettui export`: documents as JSON (`{"documents": [...]}`) or CSV (one
//! row per table cell). The JSON schema is the stable contract documented in
//! the README.

use std::io::Write;

use serde::Serialize;

use crate::model::{Document, Unit};
use crate::parse::amount::parse_amount;

/// Output format of `budgettui export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Json,
    Csv,
}

#[derive(Serialize)]
struct Export {
    documents: Vec<serde_json::Value>,
}

/// Write `{"documents": [...]}` (pretty-printed, documents as given). Each
/// table carries its row hierarchy and furniture (`sides`, `furniture`,
/// from [`Document::table_details`]).
pub fn write_json(docs: &[Document], out: &mut dyn Write) -> std::io::Result<()> {
    let documents = docs
        .iter()
        .map(document_json)
        .collect::<Result<Vec<_>, _>>()?;
    serde_json::to_writer_pretty(&mut *out, &Export { documents })?;
    out.write_all(b"\n")
}

/// A document as JSON, its table details written into its tables.
fn document_json(doc: &Document) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(doc)?;
    let Some(object) = value.as_object_mut() else {
        return Ok(value);
    };
    let details = object.shift_remove("table_details");
    if let (Some(serde_json::Value::Array(details)), Some(serde_json::Value::Array(tables))) =
        (details, object.get_mut("tables"))
    {
        for (table, detail) in tables.iter_mut().zip(details) {
            if let (Some(table), serde_json::Value::Object(detail)) =
                (table.as_object_mut(), detail)
            {
                table.extend(detail);
            }
        }
    }
    Ok(value)
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
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(io_error)?;
    for d in docs {
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
    }
    w.flush()?;
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
    match format {
        Format::Json => write_json(docs, out),
        Format::Csv => write_csv(docs, out),
    }
}
