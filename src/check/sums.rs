//! Sums inside one table: a total or subtotal row equals the sum of the rows
//! below it, column by column (`sums.rows`: 合计 = Σ 类, 类 = Σ 款, 款 = Σ
//! 项); a 合计 column equals the sum of its component columns, row by row
//! (`sums.columns`: 支出总计 = 基本支出 + 项目支出); a category of projects is
//! not smaller than the projects it lists (`sums.projects`).
//!
//! Rows that all begin with `其中` are parts of their row, not a breakdown:
//! together they may not exceed it (`sums.part`).

use rust_decimal::Decimal;

use super::figures::{self, Figure, figure, row_label, sides};
use super::{Finding, Severity, judge, plain, show};
use crate::model::{Document, ProjectRole, Table, TableSide};
use crate::parse::compact;

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (i, t) in doc.tables.iter().enumerate() {
        for side in sides(doc, i) {
            rows(doc, i, t, side, out);
        }
        if !sides(doc, i).is_empty() {
            columns(doc, i, t, out);
        }
    }
    projects(doc, out);
}

/// Every parent row against its children, in every value column.
fn rows(doc: &Document, i: usize, t: &Table, side: &TableSide, out: &mut Vec<Finding>) {
    for (p, children) in side.children_index().iter().enumerate() {
        if !side.role[p].sums_children() {
            continue;
        }
        if children.is_empty() {
            continue;
        }
        // rows that all begin with 其中 are parts, not a breakdown
        let parts_only = children
            .iter()
            .all(|&c| compact(row_label(t, side, c)).starts_with("其中"));
        // one finding per difference: the same gap in several columns of a
        // row (总计, 小计, 一般性经费拨款 …) is one inconsistency
        let mut reported: Vec<(Finding, Decimal, usize)> = Vec::new();
        for &c in &side.value_columns {
            let Some(whole) = figure(doc, i, p, c) else {
                continue;
            };
            let parts: Vec<Figure> = children
                .iter()
                .filter_map(|&k| figure(doc, i, k, c))
                .collect();
            if parts.is_empty() {
                continue; // the column is not broken down
            }
            if parts_only {
                part_exceeds(doc, t, side, &whole, &parts, out);
                continue;
            }
            let Some((finding, gap)) = row_sum(doc, t, side, &whole, &parts) else {
                continue;
            };
            match reported.iter_mut().find(|(_, g, _)| *g == gap) {
                Some((_, _, same)) => *same += 1,
                None => reported.push((finding, gap, 0)),
            }
        }
        for (mut finding, _, same) in reported {
            if same > 0 {
                finding
                    .message
                    .push_str(&format!("（另有 {same} 列差额相同）"));
            }
            out.push(finding);
        }
    }
}

/// A parent row against its children in one column: the finding and the gap.
fn row_sum(
    doc: &Document,
    t: &Table,
    side: &TableSide,
    whole: &Figure,
    parts: &[Figure],
) -> Option<(Finding, Decimal)> {
    let (sum, scale) = sum_against(parts, whole);
    let severity = judge(sum, whole.printed, scale, parts.len())?;
    let label = row_label(t, side, whole.row);
    let column = column_phrase(t, side, whole.column);
    let unit = figures::unit_word(t);
    let message = format!(
        "“{label}”{column}为 {} {unit}，其下 {} 行之和为 {} {unit}，相差 {} {unit}",
        show(whole.printed, scale),
        parts.len(),
        show(sum, scale),
        show((whole.printed - sum).abs(), scale),
    );
    let finding = Finding::new("sums.rows", severity, message)
        .at_cell(doc, whole.table, whole.row, whole.column)
        .figures(plain(sum, scale), plain(whole.printed, scale));
    Some((finding, whole.printed - sum))
}

/// The printed parts' sum, and the decimals to compare it with `whole` at
/// (the most any of them prints).
fn sum_against(parts: &[Figure], whole: &Figure) -> (Decimal, u32) {
    let sum = parts.iter().map(|f| f.printed).sum();
    let scale = parts
        .iter()
        .map(Figure::scale)
        .chain([whole.scale()])
        .max()
        .unwrap_or(0);
    (sum, scale)
}

/// `其中` rows that add up to more than their row (a single one is reported
/// at itself, several at their row).
fn part_exceeds(
    doc: &Document,
    t: &Table,
    side: &TableSide,
    whole: &Figure,
    parts: &[Figure],
    out: &mut Vec<Finding>,
) {
    let (sum, scale) = sum_against(parts, whole);
    if judge(sum, whole.printed, scale, parts.len()) != Some(Severity::Error)
        || sum <= whole.printed
        || whole.printed.is_sign_negative()
    {
        return;
    }
    let at = if parts.len() == 1 { &parts[0] } else { whole };
    let what = if parts.len() == 1 {
        format!("“{}”", row_label(t, side, parts[0].row))
    } else {
        format!("{} 个“其中”项合计", parts.len())
    };
    let message = format!(
        "{what}{} {}，大于它所属的“{}” {}",
        column_phrase(t, side, at.column),
        show(sum, scale),
        row_label(t, side, whole.row),
        show(whole.printed, scale),
    );
    out.push(
        Finding::new("sums.part", Severity::Error, message)
            .at_cell(doc, at.table, at.row, at.column)
            .figures(
                format!("≤{}", plain(whole.printed, scale)),
                plain(sum, scale),
            ),
    );
}

/// `（基本支出列）` when the side has several value columns, else nothing.
fn column_phrase(t: &Table, side: &TableSide, column: usize) -> String {
    if side.value_columns.len() < 2 {
        return String::new();
    }
    let name = figures::column_name(t, column);
    if name.is_empty() {
        String::new()
    } else {
        format!("（{name}列）")
    }
}

/// Every 合计 / 小计 / 总计 column against its components, row by row. The
/// components are read from the header (the columns beside the total under
/// the same heading, a sub-heading counting by its own total), and kept
/// only when they add up on most rows of the table: an unfamiliar header
/// never produces findings on every row.
fn columns(doc: &Document, i: usize, t: &Table, out: &mut Vec<Finding>) {
    let value_columns: Vec<usize> = sides(doc, i)
        .iter()
        .flat_map(|s| s.value_columns.iter().copied())
        .collect();
    for (total, runs) in column_sums(t, &value_columns) {
        let Some(parts) = calibrated(doc, i, t, total, &runs) else {
            continue;
        };
        for r in 0..t.rows.len() {
            column_row(doc, i, t, r, total, &parts, out);
        }
    }
}

fn column_row(
    doc: &Document,
    i: usize,
    t: &Table,
    r: usize,
    total: usize,
    parts: &[usize],
    out: &mut Vec<Finding>,
) {
    let Some(whole) = figure(doc, i, r, total) else {
        return;
    };
    let figures: Vec<Figure> = parts.iter().filter_map(|&c| figure(doc, i, r, c)).collect();
    if figures.is_empty() {
        return;
    }
    let (sum, scale) = sum_against(&figures, &whole);
    let Some(severity) = judge(sum, whole.printed, scale, parts.len()) else {
        return;
    };
    let names: Vec<String> = parts
        .iter()
        .map(|&c| format!("“{}”", figures::column_name(t, c)))
        .collect();
    let label = sides(doc, i)
        .first()
        .map(|s| row_label(t, s, r))
        .unwrap_or("");
    let message = format!(
        "“{label}”行：“{}”为 {}，而{}之和为 {}",
        figures::column_name(t, total),
        show(whole.printed, scale),
        names.join(""),
        show(sum, scale),
    );
    out.push(
        Finding::new("sums.columns", severity, message)
            .at_cell(doc, i, r, total)
            .figures(plain(sum, scale), plain(whole.printed, scale)),
    );
}

/// Is a header word a total word?
fn total_word(w: &str) -> bool {
    ["合计", "小计", "总计", "总额"]
        .iter()
        .any(|t| w.ends_with(t))
}

/// The candidate column sums a header shows: for each total column, the
/// runs of columns beside it under the same heading (a heading with its own
/// total column counts as that column; `其中` columns never count).
fn column_sums(t: &Table, value_columns: &[usize]) -> Vec<(usize, Vec<Vec<usize>>)> {
    let segments = figures::header_segments(t);
    let parent = |c: usize| segments[c][..segments[c].len().saturating_sub(1)].to_vec();
    let mut out = Vec::new();
    for &total in value_columns {
        let Some(word) = segments[total].last() else {
            continue;
        };
        if !total_word(word) {
            continue;
        }
        let heading = parent(total);
        // the members beside the total: each a column, or a sub-heading's total
        let mut members: Vec<Option<usize>> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for &c in value_columns {
            let s = &segments[c];
            if c == total || s.len() <= heading.len() || s[..heading.len()] != heading[..] {
                continue;
            }
            let own = &s[heading.len()];
            if own.starts_with("其中") || seen.contains(own) {
                continue;
            }
            seen.push(own.clone());
            members.push(if s.len() == heading.len() + 1 {
                Some(c)
            } else {
                sub_total(&segments, value_columns, &s[..=heading.len()])
            });
        }
        let runs = prefixes(&members);
        if !runs.is_empty() {
            out.push((total, runs));
        }
    }
    out
}

/// The total column directly under a sub-heading (`公务用车购置及运行维护费 / 小计`).
fn sub_total(
    segments: &[Vec<String>],
    value_columns: &[usize],
    heading: &[String],
) -> Option<usize> {
    value_columns.iter().copied().find(|&c| {
        let s = &segments[c];
        s.len() == heading.len() + 1
            && s[..heading.len()] == heading[..]
            && total_word(&s[heading.len()])
    })
}

/// The runs of members from the first, stopping at a member that cannot be
/// read; a run of one only when it is the only member (the other component
/// columns are empty throughout).
fn prefixes(members: &[Option<usize>]) -> Vec<Vec<usize>> {
    let known: Vec<usize> = members.iter().map_while(|m| *m).collect();
    let shortest = if members.len() == 1 { 1 } else { 2 };
    (shortest..=known.len())
        .map(|n| known[..n].to_vec())
        .collect()
}

/// Of the candidate runs of a total column, the longest that adds up on the
/// most rows, if it adds up on at least two thirds of the rows where the
/// total column holds a figure (all of them when there is one such row).
fn calibrated(
    doc: &Document,
    i: usize,
    t: &Table,
    total: usize,
    runs: &[Vec<usize>],
) -> Option<Vec<usize>> {
    let rows: Vec<usize> = (0..t.rows.len())
        .filter(|&r| figure(doc, i, r, total).is_some())
        .collect();
    let holds = |run: &[usize]| {
        rows.iter()
            .filter(|&&r| {
                let Some(whole) = figure(doc, i, r, total) else {
                    return false;
                };
                let figs: Vec<Figure> = run.iter().filter_map(|&c| figure(doc, i, r, c)).collect();
                let (sum, scale) = sum_against(&figs, &whole);
                judge(sum, whole.printed, scale, run.len()) != Some(Severity::Error)
            })
            .count()
    };
    let (best, count) = runs
        .iter()
        .map(|run| (run, holds(run)))
        .max_by_key(|(run, n)| (*n, run.len()))?;
    (count > 0 && count * 3 >= rows.len() * 2).then(|| best.clone())
}

/// A category of projects against the projects it lists: they may not add
/// up to more than the category (a list `主要包括` may leave some out).
fn projects(doc: &Document, out: &mut Vec<Finding>) {
    for (c, category) in doc.projects.iter().enumerate() {
        // subtotal rows of a table are checked with the table's rows
        if category.role != ProjectRole::Category {
            continue;
        }
        let Some(whole) = category.amount.as_ref().and_then(|a| a.in_wan()) else {
            continue;
        };
        let parts: Vec<Decimal> = doc
            .projects
            .iter()
            .filter(|p| p.parent == Some(c))
            .filter_map(|p| p.amount.as_ref()?.in_wan())
            .collect();
        if parts.is_empty() {
            continue;
        }
        let sum: Decimal = parts.iter().sum();
        let scale = parts
            .iter()
            .map(Decimal::scale)
            .chain([whole.scale()])
            .max()
            .unwrap_or(0);
        if sum <= whole {
            continue;
        }
        let Some(severity) = judge(sum, whole, scale, parts.len()) else {
            continue;
        };
        let message = format!(
            "项目类别“{}”为 {} 万元，其下 {} 个项目合计 {} 万元，超出 {} 万元",
            category.name,
            show(whole, scale),
            parts.len(),
            show(sum, scale),
            show(sum - whole, scale),
        );
        out.push(
            Finding::new("sums.projects", severity, message)
                .at_line(category.line)
                .figures(format!("≤{}", plain(whole, scale)), plain(sum, scale)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{Finding, Severity};
    use crate::parse::parse_text;

    fn sums(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        super::check(&parse_text("t.txt", text), &mut out);
        out
    }

    #[test]
    fn parts_never_exceed_their_row() {
        let table = |part: &str| {
            format!(
                "2023年某局部门预算\n\n支出表\n\n单位：万元\n\n项目\t金额\n合计\t100\n一、工资\t60\n其中：奖金\t{part}\n二、公用\t40\n"
            )
        };
        assert!(sums(&table("30")).is_empty());
        let f = sums(&table("70"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].rule, f[0].severity), ("sums.part", Severity::Error));
        assert_eq!(f[0].found.as_deref(), Some("70"));
    }

    #[test]
    fn a_total_row_and_a_total_column() {
        let text = "2023年某局部门预算\n\n支出总表\n\n单位：万元\n\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t30\t20\t10\n204\t公共安全支出\t30\t20\t10\n20402\t公安\t30\t20\t10\n2040201\t行政运行\t20\t20\t0\n2040202\t一般行政管理事务\t11\t0\t10\n";
        let f = sums(text);
        let rules: Vec<(&str, Option<usize>)> = f.iter().map(|f| (f.rule, f.row)).collect();
        // 公安 30 ≠ 20 + 11 (合计 column), and 11 ≠ 0 + 10 on its own row
        assert_eq!(
            rules,
            [("sums.rows", Some(2)), ("sums.columns", Some(4))],
            "{f:?}"
        );
    }
}
