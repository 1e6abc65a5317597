//! Reading figures out of the model for the rules: cells as exact decimals,
//! in their table's unit and in 万元, row labels, header words, the total
//! rows of a table side.

use rust_decimal::Decimal;

use crate::model::{Document, RowRole, Table, TableKind, TableSide, Unit};
use crate::parse::amount::parse_amount;
use crate::parse::compact;

/// A figure of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Figure {
    pub(super) table: usize,
    pub(super) row: usize,
    pub(super) column: usize,
    /// As printed, in the table's unit.
    pub(super) printed: Decimal,
    /// In 万元.
    pub(super) wan: Decimal,
}

impl Figure {
    /// Decimals printed.
    pub(super) fn scale(&self) -> u32 {
        self.printed.scale()
    }

    /// Decimals of the figure in 万元 (`156,211,123` 元 → `15621.1123`: 4).
    pub(super) fn wan_scale(&self) -> u32 {
        self.wan.scale()
    }
}

/// The unit of a table's figures (万元 when it states none).
pub(super) fn unit_of(t: &Table) -> Unit {
    t.unit.unwrap_or(Unit::Wan)
}

/// The figure in a cell, if it holds one.
pub(super) fn figure(doc: &Document, table: usize, row: usize, column: usize) -> Option<Figure> {
    let t = doc.tables.get(table)?;
    let printed = parse_amount(t.rows.get(row)?.get(column)?)?;
    let wan = unit_of(t).convert(printed, Unit::Wan)?;
    Some(Figure {
        table,
        row,
        column,
        printed,
        wan,
    })
}

/// The sides of table `i`.
pub(super) fn sides(doc: &Document, i: usize) -> &[TableSide] {
    doc.table_details
        .get(i)
        .map(|d| &d.sides[..])
        .unwrap_or(&[])
}

/// The label of a row on a side: its label cell, else the first text cell
/// outside the side's figures (the unit's name).
pub(super) fn row_label<'a>(t: &'a Table, side: &TableSide, row: usize) -> &'a str {
    let Some(cells) = t.rows.get(row) else {
        return "";
    };
    let own = cells.get(side.label_column).map(|c| c.trim()).unwrap_or("");
    if !own.is_empty() {
        return own;
    }
    // else a text outside the figures: a unit's name, or a label printed
    // across the code columns (`合计`)
    let text = |c: &&str| !c.is_empty() && parse_amount(c).is_none();
    let digits = |c: &str| c.bytes().all(|b| b.is_ascii_digit() || b == b' ');
    cells
        .iter()
        .enumerate()
        .filter(|(j, _)| !side.value_columns.contains(j) && !side.code_columns.contains(j))
        .map(|(_, c)| c.trim())
        .find(text)
        .or_else(|| {
            side.code_columns
                .iter()
                .filter_map(|&j| cells.get(j).map(|c| c.trim()))
                .find(|c| text(c) && !digits(c))
        })
        .unwrap_or("")
}

/// The header path of each column, as compacted segments (`本年收入`, `小计`).
pub(super) fn header_segments(t: &Table) -> Vec<Vec<String>> {
    t.column_paths()
        .iter()
        .map(|p| {
            p.split(" / ")
                .map(|s| compact(s).into_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect()
}

/// The last header word of a column (`基本支出`), compacted.
pub(super) fn column_name(t: &Table, column: usize) -> String {
    header_segments(t)
        .get(column)
        .and_then(|s| s.last().cloned())
        .unwrap_or_default()
}

/// The first value column of a side whose header names one of `words`:
/// its own header word, else a heading above it (`2023年政府采购项目 / 小计`);
/// never a `其中` column (a part).
pub(super) fn column_with(t: &Table, side: &TableSide, words: &[&str]) -> Option<usize> {
    let segments = header_segments(t);
    let path = |c: usize| segments.get(c).map(Vec::as_slice).unwrap_or(&[]);
    let part = |c: usize| path(c).last().is_some_and(|l| l.starts_with("其中"));
    let own = |c: usize, w: &str| path(c).last().is_some_and(|l| l.contains(w));
    let above = |c: usize, w: &str| path(c).iter().any(|l| l.contains(w));
    words.iter().find_map(|w| {
        let columns = side.value_columns.iter().copied().filter(|&c| !part(c));
        let mut again = columns.clone();
        columns
            .clone()
            .find(|&c| own(c, w))
            .or_else(|| again.find(|&c| above(c, w)))
    })
}

/// The number of rows below each row (all generations), in one pass from
/// the leaves up.
fn descendants(side: &TableSide) -> Vec<usize> {
    let n = side.parent.len();
    let mut below = vec![0usize; n];
    // rows in an order where children come before their parents
    let mut order = Vec::with_capacity(n);
    let index = side.children_index();
    let mut stack: Vec<usize> = (0..n).filter(|&r| side.parent.get(r).is_none()).collect();
    while let Some(r) = stack.pop() {
        order.push(r);
        stack.extend(index[r].iter().copied());
    }
    for &r in order.iter().rev() {
        if let Some(p) = side.parent.get(r) {
            below[p] += below[r] + 1;
        }
    }
    below
}

/// The grand total of a side: the parentless total row with the most rows
/// below it (`收入总计`, a `合计` at the top, the department's row).
pub(super) fn grand_total(side: &TableSide) -> Option<usize> {
    let tops: Vec<usize> = (0..side.role.len())
        .filter(|&r| side.role[r] == RowRole::Total && side.parent.get(r).is_none())
        .collect();
    if tops.len() <= 1 {
        return tops.first().copied();
    }
    let below = descendants(side);
    tops.into_iter()
        .max_by_key(|&r| (below[r], std::cmp::Reverse(r)))
}

/// The total of the year's own money: `本年收入合计` / `本年支出合计` under
/// the grand total when there is one, else the grand total.
pub(super) fn year_total(t: &Table, side: &TableSide) -> Option<usize> {
    let grand = grand_total(side)?;
    side.children(grand)
        .find(|&r| {
            side.role[r] == RowRole::Total && compact(row_label(t, side, r)).starts_with("本年")
        })
        .or(Some(grand))
}

/// Indices of the tables of a kind.
pub(super) fn tables_of(doc: &Document, kind: TableKind) -> impl Iterator<Item = usize> + '_ {
    doc.tables
        .iter()
        .enumerate()
        .filter(move |(_, t)| t.kind == kind)
        .map(|(i, _)| i)
}

/// The money unit to name in a message about a table.
pub(super) fn unit_word(t: &Table) -> &'static str {
    unit_of(t).as_str()
}

/// `第一部分 `, `一、`, `(一) `, `1. `: the numbering of an entry, and the rest.
pub(super) fn strip_number(s: &str) -> (bool, &str) {
    let t = s.trim();
    let numerals = |c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit();
    if let Some(rest) = t.strip_prefix('第')
        && let Some(p) = rest.find("部分")
        && rest[..p].chars().all(numerals)
    {
        return (true, rest[p + "部分".len()..].trim());
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some(p) = rest.find(close)
            && rest[..p].chars().all(numerals)
        {
            return (true, rest[p + close.len_utf8()..].trim());
        }
    }
    let n: usize = t
        .chars()
        .take_while(|&c| numerals(c))
        .map(char::len_utf8)
        .sum();
    if n > 0
        && let Some(rest) = t[n..].strip_prefix(['、', '.', '．'])
    {
        return (true, rest.trim());
    }
    (false, t)
}
