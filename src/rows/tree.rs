//! The hierarchy of a table's rows: each row's parent, if any.
//!
//! - By classification codes when the table has them: a row's parent is the
//!   nearest row above whose code is a prefix of its own (204 → 20402 →
//!   2040201; economic 301 → 30101).
//! - Else by sums, on the first column of figures: a row is the parent of
//!   the rows right under it when they add up to it (to one unit of its last
//!   printed decimal), blank cells counting as zero; a run of children never
//!   crosses a total row (合计 / 总计). A single child is accepted when it has
//!   the parent's name or children of its own.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::columns::{Columns, is_total_label};
use crate::model::Table;

/// Rows looked at below one row for its children (cost bound on long tables).
const MAX_RUN: usize = 500;

/// The parent of every body row (`None` for top-level rows).
pub fn row_parents(t: &Table, cols: &Columns) -> Vec<Option<usize>> {
    let labels: Vec<String> = (0..t.rows.len()).map(|r| cols.label(t, r)).collect();
    row_parents_by(t, cols, &labels)
}

/// [`row_parents`] with each row's label ([`Columns::label`]) already read.
pub fn row_parents_by(t: &Table, cols: &Columns, labels: &[String]) -> Vec<Option<usize>> {
    let codes: Vec<Option<String>> = (0..t.rows.len()).map(|r| cols.code(t, r)).collect();
    // Some code is a prefix of another (linear: every prefix looked up).
    let known: HashSet<&str> = codes.iter().flatten().map(String::as_str).collect();
    let nested = codes
        .iter()
        .flatten()
        .any(|c| (1..c.len()).any(|n| c.is_char_boundary(n) && known.contains(&c[..n])));
    if nested {
        by_codes(&codes)
    } else {
        by_sums(t, cols, labels)
    }
}

fn by_codes(codes: &[Option<String>]) -> Vec<Option<usize>> {
    let mut parents = vec![None; codes.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (r, code) in codes.iter().enumerate() {
        let Some(code) = code else { continue };
        while let Some(&top) = stack.last() {
            let prefix = codes[top].as_deref().unwrap_or("");
            if prefix.len() < code.len() && code.starts_with(prefix) {
                break;
            }
            stack.pop();
        }
        parents[r] = stack.last().copied();
        stack.push(r);
    }
    parents
}

fn by_sums(t: &Table, cols: &Columns, labels: &[String]) -> Vec<Option<usize>> {
    let n = t.rows.len();
    let mut parents = vec![None; n];
    let Some(col) = cols.first_figure() else {
        return parents;
    };
    let value = |r: usize| cols.figure(t, r, col).map(|a| a.value);
    let values: Vec<Option<Decimal>> = (0..n).map(value).collect();
    let totals: Vec<bool> = labels.iter().map(|l| is_total_label(l)).collect();
    // One past the last row of each row's subtree.
    let mut end: Vec<usize> = (1..=n).collect();
    for j in (0..n).rev() {
        let Some(v) = values[j].filter(|v| v.is_sign_positive() && !v.is_zero()) else {
            continue;
        };
        if totals[j] {
            continue;
        }
        let tolerance = Decimal::new(1, v.scale());
        let (mut k, mut sum, mut kids, mut nested) = (j + 1, Decimal::ZERO, 0usize, false);
        while k < n && k - j <= MAX_RUN && sum < v - tolerance && !totals[k] {
            sum += values[k].unwrap_or_default();
            nested |= end[k] > k + 1;
            kids += 1;
            k = end[k];
        }
        let adds_up = (sum - v).abs() <= tolerance;
        let single_ok = kids == 1 && (nested || labels[j + 1] == labels[j]);
        if adds_up && (kids >= 2 || single_ok) {
            end[j] = k;
        }
    }
    for j in 0..n {
        let mut k = j + 1;
        while k < end[j] {
            parents[k] = Some(j);
            k = end[k];
        }
    }
    parents
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, &str, &str)]) -> Table {
        Table {
            header: crate::model::Grid::from_rows(vec![vec!["科目编码", "科目名称", "合计"]]),
            rows: rows
                .iter()
                .map(|(a, b, c)| vec![a.to_string(), b.to_string(), c.to_string()])
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn parents_by_codes() {
        let t = table(&[
            ("204", "公共安全支出", "10"),
            ("20402", "公安", "10"),
            ("2040201", "行政运行", "6"),
            ("2040202", "一般行政管理事务", "4"),
            ("208", "社会保障和就业支出", "3"),
            ("", "合计", "13"),
        ]);
        let p = row_parents(&t, &Columns::read(&t));
        assert_eq!(p, vec![None, Some(0), Some(1), Some(1), None, None]);
    }

    #[test]
    fn parents_by_sums() {
        let t = table(&[
            ("", "单位", "53,239.76"),
            ("", "一般性项目", "49,244.32"),
            ("", "经常性业务费", "3,936.15"),
            ("", "警务辅助专项经费", "45,308.17"),
            ("", "政府投资项目", "3,995.44"),
            ("", "政府投资项目", "3,995.44"),
            ("", "合计", "53,239.76"),
        ]);
        let p = row_parents(&t, &Columns::read(&t));
        assert_eq!(
            p,
            vec![None, Some(0), Some(1), Some(1), Some(0), Some(4), None]
        );
    }

    #[test]
    fn unrelated_rows_have_no_parent() {
        let t = table(&[("", "甲", "500"), ("", "乙", "500"), ("", "丙", "20")]);
        assert_eq!(row_parents(&t, &Columns::read(&t)), vec![None; 3]);
    }
}
