//! `budgettui search QUERY PATH... [--json] [--limit N]`: the ranked results
//! as text (one hit per line) or as a JSON array.
//!
//! Text line, fields separated by two spaces (empty `where` shown as `-`):
//! `2024 秦皇岛开发区  project  智慧社区绩效目标表  智慧社区  397.10 万元  samples/…:932`
//! (a figure printed in 元 also shows its 万元 value: `48,000,000 元 (4800 万元)`).
//!
//! JSON: `[{path, department, year, kind, text, amount, unit, table, line,
//! score}]`, `amount` the decimal string in 万元 (or null), `unit` the unit of
//! `amount` (`万元`, or null with it), `table` the title of the table the hit
//! is in or belongs to (or null).

use std::io::{self, Write};

use serde::Serialize;

use super::{Hit, Index, search};
use crate::model::{Amount, Unit};
use crate::printable::escape;

/// Search `index` and write the results.
pub fn run(
    index: &Index,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let hits = search(index, query, limit, None);
    write(index, &hits, json, out)
}

/// Write `hits` of `index` (whose summaries name their documents) as JSON or
/// as text.
pub fn write(index: &Index, hits: &[Hit], json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        write_json(index, hits, out)
    } else {
        write_text(index, hits, out)
    }
}

#[derive(Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    department: Option<&'a str>,
    year: Option<u16>,
    kind: &'static str,
    text: &'a str,
    amount: Option<String>,
    unit: Option<&'static str>,
    table: Option<&'a str>,
    line: u32,
    score: i64,
}

/// The hits as a pretty-printed JSON array.
pub fn write_json(index: &Index, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<JsonHit> = hits
        .iter()
        .map(|h| {
            let doc = index.summary(h.doc);
            JsonHit {
                path: doc.map_or("", |d| d.path.as_str()),
                department: doc.and_then(|d| d.department.as_deref()),
                year: doc.and_then(|d| d.year),
                kind: h.kind.as_str(),
                text: &h.text,
                amount: h
                    .amount
                    .as_ref()
                    .and_then(Amount::in_wan)
                    .map(|a| a.to_string()),
                unit: h.amount.as_ref().map(|_| Unit::Wan.as_str()),
                table: doc.and_then(|d| d.table_title(h.table?)),
                line: h.line,
                score: h.score,
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    out.write_all(b"\n")
}

/// One line per hit.
pub fn write_text(index: &Index, hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    for h in hits {
        let doc = index.summary(h.doc);
        let label = doc.map(|d| d.label()).unwrap_or_default();
        let place = if h.context.is_empty() {
            "-"
        } else {
            h.context.as_str()
        };
        let path = doc.map_or("", |d| d.path.as_str());
        // Document text and file names may hold control characters.
        let (label, place, text, path) =
            (escape(&label), escape(place), escape(&h.text), escape(path));
        write!(out, "{label}  {}  {place}  {text}", h.kind.as_str())?;
        if let Some(amount) = amount_text(h) {
            write!(out, "  {amount}")?;
        }
        writeln!(out, "  {path}:{}", h.line)?;
    }
    Ok(())
}

/// `397.10 万元`, `48,000,000 元 (4800 万元)`, `55` (no unit stated).
pub fn amount_text(h: &Hit) -> Option<String> {
    let a = h.amount.as_ref()?;
    let printed = &a.printed;
    Some(match a.unit {
        Some(Unit::Wan) => format!("{printed} {}", Unit::Wan),
        Some(u) => {
            let wan = a.in_wan()?;
            format!("{printed} {u} ({wan} {})", Unit::Wan)
        }
        None => printed.clone(),
    })
}
