//! `budgettui check PATH... [--json]`: the findings of every document,
//! grouped by document, or as one JSON array.
//!
//! Text, per document a heading line (path, title, counts) then two lines
//! per finding — severity, rule and place; the message with the figures:
//!
//! ```text
//! samples/qinhuangdao-kaifaqu-2024-budget.txt
//!   秦皇岛市公安局经济技术开发区分局 2024 年部门预算公开 — 错误 2，尾差 3，存疑 0
//!   错误  sums.rows  第 508 行 · 表 9“部门预算财政拨款“三公”经费支出表” 第 1 行第 3 列
//!         “合计”（合计列）为 124.59 万元，其下 1 行之和为 104.07 万元，相差 20.52 万元。应为 104.07，实为 124.59。
//! ```
//!
//! JSON: `[{path, rule, severity, message, page, line, table, row, column,
//! expected, found}]`; `table`, `row` and `column` are 1-based (as in the
//! CSV export), `page` is null for text documents.

use std::io::{self, Write};

use serde::Serialize;

use super::{Finding, Severity, counts};
use crate::model::Document;
use crate::printable::escape;

/// The findings of each document (in the order of `docs`).
pub fn check_all(docs: &[Document]) -> Vec<Vec<Finding>> {
    use rayon::prelude::*;
    docs.par_iter().map(super::check).collect()
}

/// Write the findings; returns whether any is an error.
pub fn run(docs: &[Document], json: bool, out: &mut dyn Write) -> io::Result<bool> {
    let findings = check_all(docs);
    if json {
        write_json(docs, &findings, out)?;
    } else {
        write_text(docs, &findings, out)?;
    }
    Ok(findings
        .iter()
        .flatten()
        .any(|f| f.severity == Severity::Error))
}

/// Write the findings of documents checked as they come, `(document, its
/// findings)` in output order, each written before the next is taken (so a
/// folder is checked with a few documents in memory); returns whether any
/// finding is an error. The output is [`run`]'s.
pub fn run_stream(checked: Checked<'_>, json: bool, out: &mut dyn Write) -> io::Result<bool> {
    let is_error = |fs: &[Finding]| fs.iter().any(|f| f.severity == Severity::Error);
    if !json {
        let mut error = false;
        for (doc, fs) in checked {
            error |= is_error(&fs);
            write_text(std::slice::from_ref(&doc), std::slice::from_ref(&fs), out)?;
        }
        return Ok(error);
    }
    let rows = RowStream {
        checked: std::cell::RefCell::new(checked),
        error: std::cell::Cell::new(false),
    };
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    out.write_all(b"\n")?;
    Ok(rows.error.get())
}

/// Documents with their findings, as they come.
type Checked<'a> = &'a mut dyn Iterator<Item = (Document, Vec<Finding>)>;

/// The JSON rows of documents checked as they come; `error` is set when a
/// finding written is an error.
struct RowStream<'a> {
    checked: std::cell::RefCell<Checked<'a>>,
    error: std::cell::Cell<bool>,
}

impl Serialize for RowStream<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut checked = self.checked.borrow_mut();
        let mut seq = s.serialize_seq(None)?;
        for (doc, fs) in &mut **checked {
            for f in &fs {
                if f.severity == Severity::Error {
                    self.error.set(true);
                }
                seq.serialize_element(&json_finding(&doc, f))?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    page: Option<u32>,
    line: Option<u32>,
    table: Option<usize>,
    row: Option<usize>,
    column: Option<usize>,
    expected: Option<&'a str>,
    found: Option<&'a str>,
}

/// The findings as one pretty-printed JSON array.
pub fn write_json(
    docs: &[Document],
    findings: &[Vec<Finding>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<JsonFinding> = docs
        .iter()
        .zip(findings)
        .flat_map(|(d, fs)| fs.iter().map(move |f| json_finding(d, f)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    out.write_all(b"\n")
}

/// One finding of `d` as a JSON row (`table`, `row`, `column` 1-based).
fn json_finding<'a>(d: &'a Document, f: &'a Finding) -> JsonFinding<'a> {
    let one = |i: Option<usize>| i.map(|i| i + 1);
    JsonFinding {
        path: d.path.as_str(),
        rule: f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        page: f.page,
        line: f.line,
        table: one(f.table),
        row: one(f.row),
        column: one(f.column),
        expected: f.expected.as_deref(),
        found: f.found.as_deref(),
    }
}

/// Where a finding stands, in words: `第 508 行 · 表 9“…” 第 1 行第 3 列`.
fn place(doc: &Document, f: &Finding) -> String {
    let mut parts = Vec::new();
    if let Some(p) = f.page {
        parts.push(format!("第 {p} 页"));
    }
    if let Some(l) = f.line {
        parts.push(format!("第 {l} 行"));
    }
    if let Some(t) = f.table {
        let title = doc.tables.get(t).map_or("", |t| t.title.as_str());
        let mut s = format!("表 {}“{}”", t + 1, escape(title));
        match (f.row, f.column) {
            (Some(r), Some(c)) => s.push_str(&format!(" 第 {} 行第 {} 列", r + 1, c + 1)),
            (Some(r), None) => s.push_str(&format!(" 第 {} 行", r + 1)),
            _ => {}
        }
        parts.push(s);
    }
    parts.join(" · ")
}

/// Findings grouped by document, two lines each.
pub fn write_text(
    docs: &[Document],
    findings: &[Vec<Finding>],
    out: &mut dyn Write,
) -> io::Result<()> {
    for (doc, fs) in docs.iter().zip(findings) {
        let (errors, rounding, warnings) = counts(fs);
        writeln!(out, "{}", escape(&doc.path))?;
        if !super::checkable(doc) {
            let name = if doc.title.is_empty() {
                &doc.path
            } else {
                &doc.title
            };
            writeln!(out, "  {} — 无可检查的内容（没有文字或表格）", escape(name))?;
            writeln!(out)?;
            continue;
        }
        writeln!(
            out,
            "  {} — 错误 {errors}，尾差 {rounding}，存疑 {warnings}",
            escape(&doc.title)
        )?;
        for f in fs {
            writeln!(
                out,
                "  {}  {}  {}",
                f.severity.label_zh(),
                f.rule,
                place(doc, f)
            )?;
            let mut message = escape(&f.message).into_owned();
            if !message.ends_with('。') {
                message.push('。');
            }
            if let (Some(e), Some(found)) = (&f.expected, &f.found) {
                message.push_str(&format!("应为 {}，实为 {}。", escape(e), escape(found)));
            }
            writeln!(out, "        {message}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
