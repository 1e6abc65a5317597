//! Department, year and kind of a PDF completed from what its pages say besides the title
//! lines: a labelled line on the cover (`预算主管部门：…`, `单位名称：…`), the table captions
//! (`部门：江苏省政协办公厅 单位：万元`), the table titles (`2019年政府采购预算表`), and, for
//! the year, the year the text names most.

use std::collections::HashMap;

use super::super::blocks::Block;
use super::super::chars::compact;
use super::super::line_kinds::find_year;
use super::super::meta::{Meta, kind_of};
use super::captions::{department_label, unit_line};
use crate::model::{DocKind, PageNo};

/// Complete `meta` (read from the first text blocks) from the rest of the document.
pub(super) fn complete(
    meta: &mut Meta,
    blocks: &[Block],
    line_pages: &[PageNo],
    caption_units: &[(PageNo, String)],
) {
    if let Some(d) = cover_department(blocks, line_pages) {
        meta.department = Some(d);
    }
    if meta.department.is_none() {
        meta.department = most_common(
            caption_units
                .iter()
                .filter_map(|(_, text)| unit_line(text).and_then(|(_, d)| d)),
        );
    }
    let titles: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.title.as_str()),
            _ => None,
        })
        .collect();
    if meta.year.is_none() {
        meta.year = titles
            .iter()
            .copied()
            .chain(caption_units.iter().map(|(_, t)| t.as_str()))
            .find_map(find_year)
            .or_else(|| most_named_year(blocks));
    }
    if meta.kind == DocKind::Other {
        meta.kind = kind_of_tables(&titles);
    }
}

/// A department named by a labelled line before the contents and the first table.
fn cover_department(blocks: &[Block], line_pages: &[PageNo]) -> Option<String> {
    let first_page = line_pages.first().copied().unwrap_or(1);
    blocks
        .iter()
        .take_while(|b| matches!(b, Block::Text { .. }))
        .filter_map(|b| match b {
            Block::Text { line, text } => Some((*line, text)),
            _ => None,
        })
        .take_while(|(line, _)| {
            let page = line_pages.get(*line as usize - 1).copied();
            page.is_some_and(|p| p <= first_page + 1)
        })
        .find_map(|(_, text)| department_label(&compact(text)))
}

fn most_common(names: impl Iterator<Item = String>) -> Option<String> {
    let mut count: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, n) in names.enumerate() {
        let e = count.entry(n).or_insert((0, i));
        e.0 += 1;
    }
    count
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, usize::MAX - first))
        .map(|(name, _)| name)
}

/// The kind the table titles name: final accounts when one says 决算, performance when most
/// say 绩效, a budget when one says 预算.
fn kind_of_tables(titles: &[&str]) -> DocKind {
    let kinds: Vec<DocKind> = titles.iter().map(|t| kind_of(t)).collect();
    let performance = kinds.iter().filter(|&&k| k == DocKind::Performance).count();
    if kinds.contains(&DocKind::FinalAccounts) {
        DocKind::FinalAccounts
    } else if performance > 0 && performance * 2 >= kinds.len() {
        DocKind::Performance
    } else if kinds.contains(&DocKind::Budget) {
        DocKind::Budget
    } else if performance > 0 {
        DocKind::Performance
    } else {
        DocKind::Other
    }
}

/// The year the text and the table cells name most (`2026年`, not the end of a range such as
/// `2023-2026年`).
fn most_named_year(blocks: &[Block]) -> Option<u16> {
    let mut count: HashMap<u16, usize> = HashMap::new();
    let mut add = |s: &str| {
        for y in years_in(s) {
            *count.entry(y).or_default() += 1;
        }
    };
    for b in blocks {
        match b {
            Block::Text { text, .. } => add(text),
            Block::Table(t) => {
                for row in t.segments.iter().flatten() {
                    row.cells.iter().for_each(&mut add);
                }
            }
            Block::Contents { .. } => {}
        }
    }
    count
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// Every `YYYY年` in a text that does not end a range.
fn years_in(s: &str) -> Vec<u16> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = chars[i..i + 4].iter().all(char::is_ascii_digit);
        let before = i.checked_sub(1).map(|j| chars[j]);
        let starts =
            !before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '至' | '~'));
        let mut j = i + 4;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        if digits && starts && chars.get(j) == Some(&'年') {
            let y: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = y.parse::<u16>()
                && (1949..=2099).contains(&y)
            {
                out.push(y);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_named() {
        assert_eq!(years_in("完成2026年度约400个"), vec![2026]);
        assert!(years_in("2023-2026年信息化运维项目").is_empty());
        assert_eq!(years_in("截至 2024 年 12 月"), vec![2024]);
    }

    #[test]
    fn kinds_from_table_titles() {
        assert_eq!(
            kind_of_tables(&["收支预算总表", "2019年政府采购预算表"]),
            DocKind::Budget
        );
        assert_eq!(
            kind_of_tables(&["项目支出绩效目标表（含转移支付项目）"]),
            DocKind::Performance
        );
        assert_eq!(
            kind_of_tables(&["收入支出决算总表", "项目绩效自评表"]),
            DocKind::FinalAccounts
        );
        assert_eq!(kind_of_tables(&[]), DocKind::Other);
    }
}
