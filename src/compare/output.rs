//! A comparison written out: as a table of the model (what the explorer
//! shows), as aligned text, as CSV or as JSON (`budgettui compare`).
//!
//! Columns: the code (when any row has one), the name, then per document its
//! figure in 万元, each followed (for a department's later year) by the
//! change `增减 2020→2024` and its percentage `增减%`. Figures printed in 万元
//! are shown as printed; others converted exactly to 万元.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Comparison, wan};
use crate::model::{Table, Unit, group_thousands};
use crate::printable::escape;

/// What one output column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Value(usize),
    Diff(usize),
    Pct(usize),
}

fn layout(c: &Comparison) -> Vec<Col> {
    let mut out = Vec::new();
    for k in 0..c.columns.len() {
        out.push(Col::Value(k));
        for (i, ch) in c.changes.iter().enumerate() {
            if ch.to == k {
                out.push(Col::Diff(i));
                out.push(Col::Pct(i));
            }
        }
    }
    out
}

/// `+1,234.50`: signed, grouped by thousands.
fn signed(d: Decimal) -> String {
    let s = group_thousands(&d.abs().to_string());
    if d.is_sign_negative() && !d.is_zero() {
        format!("-{s}")
    } else if d.is_zero() {
        s
    } else {
        format!("+{s}")
    }
}

impl Comparison {
    fn has_codes(&self) -> bool {
        self.rows.iter().any(|r| r.code.is_some())
    }

    /// The text of one cell: a figure in 万元 (as printed when printed in
    /// 万元), a change, a percentage; empty when there is none. `plain`:
    /// decimals without grouping, signs or `%` (CSV).
    fn cell_text(&self, row: usize, col: Col, plain: bool) -> String {
        let change = |i: usize| self.change(row, self.changes[i]);
        match col {
            Col::Value(k) => {
                let cell = self.rows[row].cells.get(k).and_then(|c| c.as_ref());
                match cell.and_then(|c| c.value.as_ref()) {
                    Some(a) if plain => wan(a).map(|d| d.to_string()).unwrap_or_default(),
                    Some(a) if matches!(a.unit, None | Some(Unit::Wan)) => a.printed.clone(),
                    Some(a) => wan(a)
                        .map(|d| group_thousands(&d.to_string()))
                        .unwrap_or_default(),
                    None => String::new(),
                }
            }
            Col::Diff(i) => change(i)
                .map(|(d, _)| if plain { d.to_string() } else { signed(d) })
                .unwrap_or_default(),
            Col::Pct(i) => change(i)
                .and_then(|(_, p)| p)
                .map(|p| {
                    if plain {
                        p.to_string()
                    } else {
                        format!("{}%", signed(p))
                    }
                })
                .unwrap_or_default(),
        }
    }

    /// A column's name in one line (CSV).
    fn csv_name(&self, col: Col) -> String {
        let year = |k: usize| {
            self.columns[k]
                .year
                .map_or_else(String::new, |y| y.to_string())
        };
        match col {
            Col::Value(k) => self.columns[k].label(),
            Col::Diff(i) | Col::Pct(i) => {
                let ch = self.changes[i];
                let what = if matches!(col, Col::Diff(_)) {
                    "增减"
                } else {
                    "增减%"
                };
                format!(
                    "{} {what} {}→{}",
                    self.columns[ch.to].department,
                    year(ch.from),
                    year(ch.to)
                )
            }
        }
    }

    /// Two header lines for a column: the department, then the year (or the
    /// change's years).
    fn heads(&self, col: Col) -> (String, String) {
        let year = |k: usize| {
            self.columns[k]
                .year
                .map_or_else(|| "—".to_string(), |y| y.to_string())
        };
        match col {
            Col::Value(k) => (self.columns[k].department.clone(), year(k)),
            Col::Diff(i) => {
                let ch = self.changes[i];
                (
                    String::new(),
                    format!("增减 {}→{}", year(ch.from), year(ch.to)),
                )
            }
            Col::Pct(_) => (String::new(), "增减%".to_string()),
        }
    }

    /// Header and body as rows of strings: code, name, the columns.
    pub fn grid(&self) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        self.grid_as(false)
    }

    fn grid_as(&self, plain: bool) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        let cols = layout(self);
        let codes = self.has_codes();
        let mut top = Vec::new();
        let mut second = Vec::new();
        if codes {
            top.push("科目编码".to_string());
            second.push(String::new());
        }
        top.push("项目".to_string());
        second.push(String::new());
        let mut last_dept = None;
        for &c in &cols {
            let (dept, year) = self.heads(c);
            // One department over its years: a merged cell.
            let repeat = matches!(c, Col::Value(_)) && last_dept.as_ref() == Some(&dept);
            if matches!(c, Col::Value(_)) {
                last_dept = Some(dept.clone());
            }
            top.push(if repeat { String::new() } else { dept });
            second.push(year);
        }
        let body = (0..self.rows.len())
            .map(|r| {
                let mut row = Vec::with_capacity(cols.len() + 2);
                if codes {
                    row.push(self.rows[r].code.clone().unwrap_or_default());
                }
                row.push(self.rows[r].name.clone());
                row.extend(cols.iter().map(|&c| self.cell_text(r, c, plain)));
                row
            })
            .collect();
        (vec![top, second], body)
    }

    /// The comparison as a table of the model (the explorer's view).
    pub fn to_table(&self) -> Table {
        let (header, rows) = self.grid();
        Table {
            title: format!("{} · 对比", self.kind),
            unit: Some(Unit::Wan),
            row_lines: vec![0; rows.len()],
            header: header.into(),
            rows: rows.into(),
            pages: 1,
            ..Table::default()
        }
    }

    /// Which document column an output column shows (for opening the cell).
    pub fn column_of(&self, out_col: usize) -> Option<usize> {
        let skip = 1 + usize::from(self.has_codes());
        match layout(self).get(out_col.checked_sub(skip)?)? {
            Col::Value(k) => Some(*k),
            _ => None,
        }
    }
}

/// Aligned text: the kind and unit, the documents, then the table.
pub fn write_text(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} · 单位：{}", escape(&c.kind), c.unit())?;
    for col in &c.columns {
        writeln!(
            out,
            "  {}  {}  {}",
            escape(&col.label()),
            escape(&col.title),
            escape(&col.path)
        )?;
    }
    writeln!(out)?;
    let (header, body) = c.grid();
    let lines: Vec<Vec<String>> = header
        .into_iter()
        .chain(body)
        .map(|r| r.iter().map(|s| escape(s).into_owned()).collect())
        .collect();
    let ncols = lines.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..ncols)
        .map(|k| lines.iter().map(|l| l[k].width()).max().unwrap_or(0))
        .collect();
    let first_figure = 1 + usize::from(c.has_codes());
    for l in &lines {
        let mut s = String::new();
        for (k, cell) in l.iter().enumerate() {
            let pad = " ".repeat(widths[k] - cell.width());
            if k >= first_figure {
                s.push_str(&pad);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&pad);
            }
            s.push_str("  ");
        }
        writeln!(out, "{}", s.trim_end())?;
    }
    Ok(())
}

/// CSV: one header line (`code,name,2020 罗湖,…,秦皇岛开发区 增减 2020→2024,…`),
/// one line per item; figures as plain decimals in 万元.
pub fn write_csv(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let (_, body) = c.grid_as(true);
    let mut names = Vec::new();
    if c.has_codes() {
        names.push("code".to_string());
    }
    names.push("name".to_string());
    names.extend(layout(c).into_iter().map(|col| c.csv_name(col)));
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&names)?;
    for row in body {
        w.write_record(&row)?;
    }
    w.flush()
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    path: &'a str,
    department: &'a str,
    year: Option<u16>,
    table: &'a str,
}

#[derive(Serialize)]
struct JsonChange {
    from: usize,
    to: usize,
    change: Option<String>,
    percent: Option<String>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    code: Option<&'a str>,
    name: &'a str,
    /// Per document, the figure in 万元 (decimal string) or null.
    values: Vec<Option<String>>,
    /// Per document, the figure as printed.
    printed: Vec<Option<&'a str>>,
    changes: Vec<JsonChange>,
}

#[derive(Serialize)]
struct Json<'a> {
    kind: &'a str,
    unit: &'static str,
    documents: Vec<JsonDoc<'a>>,
    rows: Vec<JsonRow<'a>>,
}

/// JSON: `{kind, unit, documents: [{path, department, year, table}],
/// rows: [{code, name, values, printed, changes: [{from, to, change, percent}]}]}`.
pub fn write_json(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let rows = c
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| JsonRow {
            code: row.code.as_deref(),
            name: &row.name,
            values: (0..c.columns.len())
                .map(|k| c.wan(r, k).map(|d| d.to_string()))
                .collect(),
            printed: row
                .cells
                .iter()
                .map(|cell| cell.as_ref()?.value.as_ref().map(|a| a.printed.as_str()))
                .collect(),
            changes: c
                .changes
                .iter()
                .map(|&ch| {
                    let got = c.change(r, ch);
                    JsonChange {
                        from: ch.from,
                        to: ch.to,
                        change: got.map(|(d, _)| d.to_string()),
                        percent: got.and_then(|(_, p)| p).map(|p| p.to_string()),
                    }
                })
                .collect(),
        })
        .collect();
    let json = Json {
        kind: &c.kind,
        unit: Unit::Wan.as_str(),
        documents: c
            .columns
            .iter()
            .map(|col| JsonDoc {
                path: &col.path,
                department: &col.department,
                year: col.year,
                table: &col.title,
            })
            .collect(),
        rows,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}
