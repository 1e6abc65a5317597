//! A table continued on the next page: recognised by its columns, its repeated header dropped,
//! its rows appended, and a row cut by the page break put back together.
//!
//! The caller decides which two tables to try (the last table of a page and the first of the
//! next, with no title between them); these functions only look at the tables.

use super::header::{header_rows, is_figure};
use super::lines::push_joined;
use super::table::{Cell, Table};

/// Column edges may differ this much (points) between the pages of one table.
const SAME_EDGE: f32 = 3.0;

/// If `next` continues `prev`, `next` laid on `prev`'s columns and how many of its leading rows
/// repeat `prev`'s header (to drop). It continues when each of its column edges is one of
/// `prev`'s (within a few points; a form-like table whose upper rows split more columns goes on
/// with fewer) with the same outer edges, and it either repeats the header exactly or has no
/// header of its own. A totals row printed right under the header on every page (`合计`,
/// repeated with the header as a print title) is part of the repeat.
pub fn continuation(prev: &Table, next: &Table) -> Option<(Table, usize)> {
    let next = on_columns(next, prev)?;
    let repeated = header_rows(prev);
    let repeats = repeated > 0
        && repeated <= next.rows
        && (0..repeated).all(|r| prev.row_texts(r) == next.row_texts(r));
    if repeats {
        let mut skip = repeated;
        while skip < next.rows.min(prev.rows)
            && prev.row_texts(skip) == next.row_texts(skip)
            && next.row_texts(skip).iter().any(|t| is_total_label(t))
        {
            skip += 1;
        }
        return Some((next, skip));
    }
    (header_rows(&next) == 0).then_some((next, 0))
}

/// A totals label: `合计`, `总计`, `本年收入合计`, `小计`.
fn is_total_label(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() <= 12 && ["合计", "总计", "小计"].iter().any(|w| t.ends_with(w))
}

/// `table` re-expressed on the column edges of `like`, if every edge of it is one of `like`'s
/// and the outer edges agree.
pub fn on_columns(table: &Table, like: &Table) -> Option<Table> {
    let mut map: Vec<usize> = Vec::with_capacity(table.xs.len());
    let mut from = 0;
    for &x in &table.xs {
        let j = (from..like.xs.len()).find(|&j| (like.xs[j] - x).abs() <= SAME_EDGE)?;
        map.push(j);
        from = j + 1;
    }
    if map.first() != Some(&0) || map.last() != Some(&(like.xs.len() - 1)) {
        return None;
    }
    let mut out = table.clone();
    for cell in &mut out.cells {
        let (a, b) = (map[cell.col], map[cell.col + cell.col_span]);
        cell.col = a;
        cell.col_span = b - a;
    }
    out.cols = like.cols;
    out.xs = like.xs.clone();
    Some(out)
}

/// Whether the first row of `next` (after its repeated header) is the rest of `prev`'s last
/// row cut by the page break: it holds no figure, `prev`'s last row does, every text it holds
/// continues a non-blank cell of that row, and none starts like a new item (a numbering
/// marker or a code).
pub fn is_cut_row(prev: &Table, next: &Table, skip: usize) -> bool {
    let (Some(last), true) = (prev.rows.checked_sub(1), skip < next.rows) else {
        return false;
    };
    let first: Vec<&Cell> = next.row_cells(skip).filter(|c| !c.is_blank()).collect();
    let last_has_figure = prev.row_cells(last).any(|c| is_figure(&c.text));
    !first.is_empty()
        && last_has_figure
        && first.iter().all(|c| {
            !is_figure(&c.text)
                && !starts_like_item(&c.text)
                && prev.cell(last, c.col).is_some_and(|p| !p.is_blank())
        })
}

/// A numbering marker or a code at the start: `一、` `（一）` `1.` `1、` `[30201]` `2080505`.
fn starts_like_item(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    matches!(first, '（' | '(' | '[' | '【' | '第')
        || first.is_ascii_digit()
        || ("一二三四五六七八九十".contains(first) && matches!(second, Some('、' | '是')))
}

/// `prev` with the rows of `next` appended (its first `skip` rows, a repeated header, left
/// out). With `cut_row`, the first appended row is joined into `prev`'s last row, cell by cell
/// (a cell of it spanning further down stays, cut to the rows that follow). Row edges of the
/// appended rows continue below `prev` (they are not page positions).
pub fn join(prev: &Table, next: &Table, skip: usize, cut_row: bool) -> Table {
    let mut out = prev.clone();
    let cut_row = cut_row && skip < next.rows && prev.rows > 0;
    let rows_from = if cut_row { skip + 1 } else { skip };
    if cut_row {
        let last = prev.rows - 1;
        for cell in next.row_cells(skip).filter(|c| c.row_span == 1) {
            if let Some(target) = out.cells.iter_mut().find(|c| c.covers(last, cell.col)) {
                push_joined(&mut target.text, &cell.text, ' ');
                target.lines.extend(cell.lines.iter().cloned());
            }
        }
    }
    let bottom = out.ys.last().copied().unwrap_or(0.0);
    let shift = bottom - next.ys.get(rows_from).copied().unwrap_or(0.0);
    for cell in next.cells.iter().filter(|c| c.row + c.row_span > rows_from) {
        let mut moved = cell.clone();
        let start = cell.row.max(rows_from);
        moved.row = start - rows_from + prev.rows;
        moved.row_span = cell.row + cell.row_span - start;
        moved.rect.y0 = next.ys[start] + shift;
        moved.rect.y1 += shift;
        out.cells.push(moved);
    }
    out.cells.sort_by_key(|c| (c.row, c.col));
    out.ys
        .extend(next.ys.iter().skip(rows_from + 1).map(|y| y + shift));
    out.rows = out.ys.len() - 1;
    out.rect.y1 = out.ys.last().copied().unwrap_or(out.rect.y1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::geometry::page::Rect;

    /// A plain grid table of the given rows (every cell one slot), 100 points per column and
    /// 20 per row.
    fn table(rows: &[&[&str]]) -> Table {
        let cols = rows[0].len();
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(r, texts)| {
                texts.iter().enumerate().map(move |(c, t)| Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    rect: Rect::new(
                        c as f32 * 100.0,
                        r as f32 * 20.0,
                        c as f32 * 100.0 + 100.0,
                        r as f32 * 20.0 + 20.0,
                    ),
                    text: t.to_string(),
                    lines: Vec::new(),
                })
            })
            .collect();
        Table {
            rect: Rect::new(0.0, 0.0, cols as f32 * 100.0, rows.len() as f32 * 20.0),
            rows: rows.len(),
            cols,
            cells,
            xs: (0..=cols).map(|c| c as f32 * 100.0).collect(),
            ys: (0..=rows.len()).map(|r| r as f32 * 20.0).collect(),
            ruled: true,
        }
    }

    #[test]
    fn a_row_cut_by_the_page_break_is_put_back_together() {
        let prev = table(&[
            &["科目编码", "科目名称", "金额"],
            &["2080505", "机关事业单位基本养老保险", "199.06"],
        ]);
        let next = table(&[
            &["科目编码", "科目名称", "金额"],
            &["", "缴费支出", ""],
            &["2080506", "机关事业单位职业年金缴费支出", "96.76"],
        ]);
        let (next, skip) = continuation(&prev, &next).expect("continues");
        assert_eq!(skip, 1);
        assert!(is_cut_row(&prev, &next, skip));
        let t = join(&prev, &next, skip, true);
        assert_eq!(t.rows, 3);
        assert_eq!(
            t.row_texts(1),
            ["2080505", "机关事业单位基本养老保险缴费支出", "199.06"]
        );
        assert_eq!(
            t.row_texts(2),
            ["2080506", "机关事业单位职业年金缴费支出", "96.76"]
        );
    }

    #[test]
    fn a_totals_row_repeated_under_the_header_is_dropped_with_it() {
        let prev = table(&[
            &["科目编码", "科目名称", "金额"],
            &["", "合计", "30.00"],
            &["208", "社会保障和就业支出", "10.00"],
        ]);
        let next = table(&[
            &["科目编码", "科目名称", "金额"],
            &["", "合计", "30.00"],
            &["221", "住房保障支出", "20.00"],
        ]);
        let (_, skip) = continuation(&prev, &next).expect("continues");
        assert_eq!(skip, 2);
        // a repeated body row that is no total stays
        let prev = table(&[&["项目", "金额"], &["办公费", "5.00"]]);
        let next = table(&[&["项目", "金额"], &["办公费", "5.00"]]);
        let (_, skip) = continuation(&prev, &next).expect("continues");
        assert_eq!(skip, 1);
    }

    #[test]
    fn a_new_item_or_a_figure_on_top_of_the_page_is_not_a_cut_row() {
        let prev = table(&[&["项目", "金额"], &["[30201]办公费", "12.00"]]);
        for first in [["（二）项目支出", ""], ["", "5.00"], ["", ""]] {
            let next = table(&[&["项目", "金额"], &first, &["物业费", "3.00"]]);
            let (next, skip) = continuation(&prev, &next).expect("continues");
            assert!(!is_cut_row(&prev, &next, skip), "{first:?}");
        }
    }

    #[test]
    fn item_markers_start_new_rows() {
        for yes in [
            "一、基本支出",
            "（二）项目支出",
            "1.公务用车",
            "[30201]办公费",
            "2080505",
            "第一部分",
        ] {
            assert!(starts_like_item(yes), "{yes}");
        }
        for no in ["费支出", "保险缴费支出", "年结转", ""] {
            assert!(!starts_like_item(no), "{no}");
        }
    }
}
