//! Sums inside one table: a total or subtotal row equals the sum of the rows
//! below it, column by column (`sums.rows`: 合计 = Σ 类, 类 = Σ 款, 款 = Σ
//! 项); a 合计 column equals the sum of its component columns, row by row
//! (`sums.columns`: 支出总计 = 基本支出 + 项目支出); a category of projects is
//! not smaller than the projects it lists (`sums.projects`).
//!
//! Rows that all begin with `其中` are parts of their row, not a breakdown:
//! together they may not exceed it (`sums.part`).
//!
//! A heading over several blocks of (code, name, figure) columns (公用经费
//! over two blocks in a 基本支出决算表) may print its 合计 across them: the
//! label in the first block, the figure in the last. That figure is the sum
//! of the top rows of every block under the heading (`sums.rows` too).

use rust_decimal::Decimal;

use super::figures::{self, Figure, figure, row_label, sides};
use super::{Finding, Severity, judge, plain, show};
use crate::model::{Document, ProjectRole, RowRole, Table, TableSide};
use crate::parse::compact;

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for (i, t) in doc.tables.iter().enumerate() {
        for side in sides(doc, i) {
            rows(doc, i, t, side, out);
        }
        if !sides(doc, i).is_empty() {
            spanning_totals(doc, i, t, out);
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
                let message = format!("{}（另有 {same} 列差额相同）", finding.message);
                finding.message = message.into_boxed_str();
            }
            out.push(finding);
        }
    }
}

/// Totals printed across the blocks under one heading: sides next to each
/// other with one name (the header cell over them), a total row whose label
/// is in the first and whose own figure cells are empty, and a figure on
/// that row in the last side, where the row has no label. The figure is
/// checked against the top rows of every side of the run (those under no row
/// or under the total itself, not blank, not totals), column by column.
fn spanning_totals(doc: &Document, i: usize, t: &Table, out: &mut Vec<Finding>) {
    let all = sides(doc, i);
    let mut start = 0;
    while start < all.len() {
        let name = all[start].name.trim();
        let end = start
            + 1
            + all[start + 1..]
                .iter()
                .take_while(|s| !name.is_empty() && s.name.trim() == name)
                .count();
        if let [first, .., last] = &all[start..end]
            && continued(t, &all[start..end])
        {
            for r in 0..first.role.len() {
                let spans = first.role[r] == RowRole::Total
                    && first
                        .value_columns
                        .iter()
                        .all(|&c| figure(doc, i, r, c).is_none())
                    && cell(t, r, last.label_column).is_empty()
                    && last.code_columns.iter().all(|&c| cell(t, r, c).is_empty());
                if spans {
                    spanning_total(doc, i, t, &all[start..end], r, out);
                }
            }
        }
        start = end;
    }
}

/// The sides of `run` are one list continued block after block: their
/// columns have the same headers under the heading they share (科目代码 /
/// 科目名称 / 决算数 twice). Blocks headed differently (功能分类 beside
/// 支出用途) are two breakdowns of one total, not parts of it.
fn continued(t: &Table, run: &[TableSide]) -> bool {
    let paths = t.column_paths();
    let path = |c: usize| paths.get(c).map(|p| p.trim());
    let columns = |s: &TableSide| -> Vec<Option<&str>> {
        std::iter::once(s.label_column)
            .chain(s.code_columns.iter().copied())
            .chain(s.value_columns.iter().copied())
            .map(path)
            .collect()
    };
    let first = columns(&run[0]);
    run[1..].iter().all(|s| columns(s) == first)
}

/// The total at row `r` printed across `run`, against the top rows of every
/// side of the run, in each of the last side's value columns (the sides'
/// value columns pair up in order).
fn spanning_total(
    doc: &Document,
    i: usize,
    t: &Table,
    run: &[TableSide],
    r: usize,
    out: &mut Vec<Finding>,
) {
    let Some(last) = run.last() else { return };
    for (k, &c) in last.value_columns.iter().enumerate() {
        let Some(whole) = figure(doc, i, r, c) else {
            continue;
        };
        let mut parts = Vec::new();
        for side in run {
            let Some(&column) = side.value_columns.get(k) else {
                return; // the blocks do not pair up: no claim
            };
            let top = (0..side.role.len()).filter(|&row| {
                row != r
                    && row < side.parent.len()
                    && side.parent.get(row).is_none_or(|p| p == r)
                    && matches!(side.role[row], RowRole::Item | RowRole::Subtotal)
            });
            parts.extend(top.filter_map(|row| figure(doc, i, row, column)));
        }
        if parts.is_empty() {
            continue;
        }
        let (sum, scale) = sum_against(&parts, &whole);
        let Some(severity) = judge(sum, whole.printed, scale, parts.len()) else {
            continue;
        };
        let first = &run[0];
        let label = std::iter::once(first.label_column)
            .chain(first.code_columns.iter().copied())
            .map(|c| cell(t, r, c))
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let unit = figures::unit_word(t);
        let message = format!(
            "“{label}”为 {} {unit}，“{}”下 {} 栏 {} 行之和为 {} {unit}，相差 {} {unit}",
            show(whole.printed, scale),
            first.name.trim(),
            run.len(),
            parts.len(),
            show(sum, scale),
            show((whole.printed - sum).abs(), scale),
        );
        out.push(
            Finding::new("sums.rows", severity, message)
                .at_cell(doc, whole.table, whole.row, whole.column)
                .figures(plain(sum, scale), plain(whole.printed, scale)),
        );
    }
}

/// A cell's text, trimmed ("" past the row's end).
fn cell(t: &Table, row: usize, column: usize) -> &str {
    t.rows.cell(row, column).map_or("", str::trim)
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

    /// The names of the sides of the first table of `text`.
    fn side_names(text: &str) -> Vec<String> {
        let doc = parse_text("t.txt", text);
        doc.table_details[0]
            .sides
            .iter()
            .map(|s| s.name.clone())
            .collect()
    }

    /// 基本支出决算表 as the central departments print it: 人员经费 in one
    /// block, 公用经费 over two, whose 合计 has its label in the first block
    /// and its figure in the last.
    #[test]
    fn a_total_printed_across_the_blocks_of_its_heading() {
        let table = |total: &str| {
            format!(
                "2024年某局部门决算\n\n一般公共预算财政拨款基本支出决算表\n\n单位：万元\n\n\
                 人员经费\t\t\t公用经费\t\t\t\t\t\n\
                 科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n\
                 301\t工资福利支出\t70.00\t302\t商品和服务支出\t25.00\t310\t资本性支出\t5.00\n\
                 30101\t基本工资\t70.00\t30201\t办公费\t25.00\t31002\t办公设备购置\t5.00\n\
                 人员经费合计\t\t70.00\t公用经费合计\t\t\t\t\t{total}\n"
            )
        };
        assert_eq!(
            side_names(&table("30.00")),
            ["人员经费", "公用经费", "公用经费"],
            "the blocks"
        );
        assert!(sums(&table("30.00")).is_empty());
        let f = sums(&table("31.00"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].rule, f[0].severity), ("sums.rows", Severity::Error));
        assert_eq!((f[0].row, f[0].column), (Some(2), Some(8)));
        assert_eq!(
            (f[0].expected.as_deref(), f[0].found.as_deref()),
            (Some("30.00"), Some("31.00"))
        );
        assert!(
            f[0].message.starts_with("“公用经费合计”为 31.00 万元"),
            "{}",
            f[0].message
        );
        // two blocks headed differently under one heading are two breakdowns
        // of the total (功能分类, 支出用途), each its whole: not summed
        let breakdowns = "2019年某局部门预算\n\n收支预算总表\n\n单位：万元\n\n\
            收入\t\t支出\t\t\t\n\
            项目名称\t金额\t功能分类\t\t支出用途\t\n\
            \t\t功能科目名称\t金额\t项目名称\t金额\n\
            一、财政拨款\t100.00\t一、一般公共服务支出\t60.00\t一、基本支出\t70.00\n\
            二、其他资金\t\t二、住房保障支出\t40.00\t二、项目支出\t30.00\n\
            收入合计\t100.00\t支出合计\t\t\t100.00\n";
        assert_eq!(
            side_names(breakdowns),
            ["收入", "支出", "支出"],
            "the blocks"
        );
        assert!(sums(breakdowns).is_empty(), "{:?}", sums(breakdowns));
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
