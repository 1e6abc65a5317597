//! The same kind of table across documents, side by side: `C` in the
//! explorer and `budgettui compare KIND PATH...`.
//!
//! Each document gives the first table of the kind asked for
//! ([`crate::rows::table_kind_key`]: `三公经费`, `收支总表`, …); its items
//! ([`items`]) are matched across documents by classification code (the
//! one printed, or the one the parser found for the subject elsewhere in
//! the document), else by
//! name normalized ([`crate::rows::match_key`]: numbering, widths, brackets
//! and `其中：` do not matter). One column per document (department and year),
//! documents ordered by department then year; for one department, each year
//! also gets the change from the nearest earlier year loaded and its
//! percentage. Figures are compared in 万元, converted exactly; the
//! percentage is rounded to one decimal.

pub mod items;
pub mod output;

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Amount, Document, TableDetail, Unit};
use crate::rows::{match_key, table_kind_key};
use crate::search::short_department;
use items::{Item, table_items};

/// One document's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The caller's index of the document.
    pub doc: usize,
    /// Index of the table in the document.
    pub table: usize,
    /// Short department (`秦皇岛开发区`), or the file name.
    pub department: String,
    pub year: Option<u16>,
    pub path: String,
    /// The table's title as printed.
    pub title: String,
}

impl Column {
    /// `2024 秦皇岛开发区`.
    pub fn label(&self) -> String {
        match self.year {
            Some(y) => format!("{y} {}", self.department),
            None => self.department.clone(),
        }
    }
}

/// A change between two columns of one department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub from: usize,
    pub to: usize,
}

/// One matched item across the documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub code: Option<String>,
    pub name: String,
    /// Per column: the figure as printed and where (body row, column).
    pub cells: Vec<Option<Cell>>,
}

/// An item's figure in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub value: Option<Amount>,
    pub at: (usize, usize),
}

/// The comparison of one kind of table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub kind: String,
    pub columns: Vec<Column>,
    pub changes: Vec<Change>,
    pub rows: Vec<Row>,
}

/// The kinds of table the documents hold, with how many documents hold
/// each, most common first.
pub fn kinds<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Vec<(String, usize)> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for d in docs {
        let mut seen: Vec<String> = d.tables.iter().map(table_kind_key).collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *count.entry(k).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = count.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The kind a typed word names: a kind equal to it, else the most common
/// kind containing it (`三公` → `三公经费`).
pub fn resolve_kind<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    word: &str,
) -> Option<String> {
    let word: String = crate::parse::compact(word).into_owned();
    let all = kinds(docs);
    all.iter()
        .find(|(k, _)| *k == word)
        .or_else(|| all.iter().find(|(k, _)| k.contains(&word)))
        .map(|(k, _)| k.clone())
}

/// A figure in 万元 (no unit stated: taken as 万元).
pub fn wan(a: &Amount) -> Option<Decimal> {
    a.in_wan()
}

impl Comparison {
    /// Compare the first table of kind `kind` of each document (given with
    /// the caller's index).
    pub fn build<'a>(
        docs: impl IntoIterator<Item = (usize, &'a Document)>,
        kind: &str,
    ) -> Comparison {
        let mut found: Vec<(Column, Vec<Item>)> = Vec::new();
        for (doc, d) in docs {
            let Some(table) = d.tables.iter().position(|t| table_kind_key(t) == kind) else {
                continue;
            };
            let t = &d.tables[table];
            let department = d
                .department
                .as_deref()
                .map(short_department)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| file_stem(&d.path));
            let column = Column {
                doc,
                table,
                department,
                year: d.year,
                path: d.path.clone(),
                title: t.title.trim().to_string(),
            };
            let mut items = table_items(t, d.year);
            parser_codes(&mut items, d.table_details.get(table));
            found.push((column, items));
        }
        found.sort_by(|(a, _), (b, _)| {
            (&a.department, a.year, &a.path).cmp(&(&b.department, b.year, &b.path))
        });
        let mut cmp = Comparison {
            kind: kind.to_string(),
            ..Comparison::default()
        };
        let mut matcher = Matcher::default();
        let n = found.len();
        for (k, (column, items)) in found.into_iter().enumerate() {
            matcher.add(&mut cmp.rows, k, n, items);
            cmp.columns.push(column);
        }
        cmp.rows = matcher.order.iter().map(|&i| cmp.rows[i].clone()).collect();
        cmp.changes = changes(&cmp.columns);
        cmp
    }

    /// The figure of a row in a column, in 万元.
    pub fn wan(&self, row: usize, col: usize) -> Option<Decimal> {
        let cell = self.rows.get(row)?.cells.get(col)?.as_ref()?;
        cell.value.as_ref().and_then(wan)
    }

    /// The change of a row (in 万元) and its percentage of the earlier
    /// figure (one decimal; `None` when the earlier figure is zero). A blank
    /// figure counts as zero when the item is printed in both tables.
    pub fn change(&self, row: usize, change: Change) -> Option<(Decimal, Option<Decimal>)> {
        let r = self.rows.get(row)?;
        let (a, b) = (
            r.cells.get(change.from)?.as_ref()?,
            r.cells.get(change.to)?.as_ref()?,
        );
        if a.value.is_none() && b.value.is_none() {
            return None;
        }
        let old = a.value.as_ref().map_or(Some(Decimal::ZERO), wan)?;
        let new = b.value.as_ref().map_or(Some(Decimal::ZERO), wan)?;
        let diff = new.checked_sub(old)?;
        let pct = (!old.is_zero())
            .then(|| diff.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(old))
            .flatten()
            .map(|p| p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero));
        Some((diff, pct))
    }

    /// The unit every figure is compared in.
    pub fn unit(&self) -> Unit {
        Unit::Wan
    }
}

/// Matches items to rows: by code, else by name (the k-th item of one name
/// in a table matches the k-th of that name elsewhere); a new row goes right
/// after the row of the item before it.
#[derive(Default)]
struct Matcher {
    by_code: HashMap<String, usize>,
    by_name: HashMap<(String, usize), usize>,
    /// Rows in display order (indices into the rows).
    order: Vec<usize>,
}

impl Matcher {
    fn add(&mut self, rows: &mut Vec<Row>, col: usize, ncols: usize, items: Vec<Item>) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut prev: Option<usize> = None;
        for item in items {
            let name_key = match_key(&item.name);
            let nth = seen.entry(name_key.clone()).or_default();
            *nth += 1;
            let by_name = (name_key, *nth);
            let free = |r: &usize| rows[*r].cells[col].is_none();
            let hit = item
                .code
                .as_ref()
                .and_then(|c| self.by_code.get(c).copied())
                .filter(free)
                .or_else(|| self.by_name.get(&by_name).copied().filter(free));
            let r = match hit {
                Some(r) => r,
                None => {
                    rows.push(Row {
                        code: item.code.clone(),
                        name: item.name.clone(),
                        cells: vec![None; ncols],
                    });
                    let r = rows.len() - 1;
                    let at = prev
                        .and_then(|p| self.order.iter().position(|&x| x == p))
                        .map_or(self.order.len(), |i| i + 1);
                    self.order.insert(at, r);
                    r
                }
            };
            if let Some(code) = &item.code {
                self.by_code.entry(code.clone()).or_insert(r);
                if rows[r].code.is_none() {
                    rows[r].code = Some(code.clone());
                }
            }
            self.by_name.entry(by_name).or_insert(r);
            rows[r].cells[col] = Some(Cell {
                value: item.value,
                at: item.at,
            });
            prev = Some(r);
        }
    }
}

/// Codes the parser knows for rows that print none (a subject named in a
/// coded table of the same document).
fn parser_codes(items: &mut [Item], detail: Option<&TableDetail>) {
    let Some(detail) = detail else { return };
    for item in items.iter_mut().filter(|i| i.code.is_none()) {
        let (row, col) = item.at;
        let code = detail
            .sides
            .iter()
            .find(|s| s.value_columns.contains(&col))
            .and_then(|s| s.code.get(row))
            .filter(|c| !c.is_empty());
        item.code = code.map(str::to_string);
    }
}

/// For each column, the change from the nearest earlier year of the same
/// department.
fn changes(columns: &[Column]) -> Vec<Change> {
    let mut out = Vec::new();
    for (to, c) in columns.iter().enumerate() {
        let from = columns[..to]
            .iter()
            .enumerate()
            .filter(|(_, e)| e.department == c.department && e.year.is_some() && e.year < c.year)
            .max_by_key(|(_, e)| e.year)
            .map(|(i, _)| i);
        if let Some(from) = from {
            out.push(Change { from, to });
        }
    }
    out
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}
