//! Space-aligned tables (what `pdftotext -layout` or pdfplumber give): cells
//! separated by runs of spaces, blank cells simply missing, and long names
//! wrapped onto the lines above and below the line holding the numbers.
//!
//! [`tabulate`] puts every line's characters on a grid of cells
//! ([`geometry::text_grid`](super::geometry::text_grid)) and reads the tables
//! with the same builder that reads PDF pages without ruling lines
//! ([`geometry::aligned`](super::geometry::aligned)); each table becomes
//! tab-separated rows, one [`Line`] per row (numbered by the line holding the
//! row's figures), so the rest of the pipeline (captions, page furniture,
//! header, repairs) treats them like any other table. Lines outside a table
//! pass through unchanged.
//!
//! Positions are counted in characters (pdftotext's grid) or in display cells
//! (tools that pad with spaces to a CJK-aware width), whichever finds more
//! columns.

use super::geometry::aligned::{self, AlignedLine, AlignedRow, AlignedTable};
use super::geometry::text_grid::{Metric, line_words, one_field_text};
use super::normalize::Line;

/// Lines longer than this (in bytes) are never read as rows of a space-aligned table.
const MAX_ROW_BYTES: usize = 2000;

/// A cheap test: a line with an inner run of two or more spaces (and no tab)
/// may be a row of a space-aligned table.
fn may_be_row(line: &Line) -> bool {
    let s: &str = &line.text;
    if s.len() > MAX_ROW_BYTES || line.tabs > 0 {
        return false;
    }
    // two spaces, found from the (few) spaces of the line: anywhere first (most
    // lines have none), then inside the trimmed line
    let two_spaces = |b: &[u8]| memchr::memchr_iter(b' ', b).any(|i| b.get(i + 1) == Some(&b' '));
    two_spaces(s.as_bytes()) && two_spaces(s.trim().as_bytes())
}

/// The line as the geometric builder sees it, its characters placed on a grid
/// counted by `metric`.
fn aligned_line(lines: &[Line], k: usize, metric: Metric) -> AlignedLine {
    let text: &str = &lines[k].text;
    if text.chars().all(char::is_whitespace) {
        return AlignedLine::blank(is_page_break(lines, k));
    }
    if text.len() > MAX_ROW_BYTES || lines[k].tabs > 0 {
        return AlignedLine::hard();
    }
    // a line of one field (most of a document's prose) is read from its text alone, and
    // only a line a run may take gets its words and fields
    if let Some(field) = one_field_text(text, metric)
        && !aligned::one_field_may_join(&field)
    {
        return AlignedLine::hard();
    }
    let words = line_words(text, metric);
    if words.is_empty() {
        return AlignedLine::blank(false);
    }
    let line = AlignedLine::of_words(words);
    // a line no run takes is kept without its fields: prose is most of a
    // document, and its words need not be held while the runs are found
    if line.may_join_run() {
        line
    } else {
        AlignedLine::hard()
    }
}

fn aligned_lines(lines: &[Line], metric: Metric) -> Vec<AlignedLine> {
    (0..lines.len())
        .map(|k| aligned_line(lines, k, metric))
        .collect()
}

/// Rewrite space-aligned tables into tab-separated rows.
pub(super) fn tabulate(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    // cheap exit: no line has an inner run of two spaces without a tab
    if !lines.iter().any(may_be_row) {
        return lines;
    }
    let chars = aligned_lines(&lines, Metric::Chars);
    let runs = aligned::candidate_runs(&chars);
    if runs.is_empty() {
        return lines;
    }
    // Rewritten in place, not copied: lines before `w` are the output, lines
    // from `next` on are still to read. A table's rows take at most its
    // lines, so the output does not overtake the input (and if it did, the
    // rest of the lines move to make room: `shift`).
    let mut w = 0;
    let mut next = 0;
    let mut shift = 0isize;
    let at = |k: usize, shift: isize| k.saturating_add_signed(shift);
    for (start, end) in runs {
        let (s, e) = (at(start, shift), at(end, shift));
        move_down(&mut lines, at(next, shift)..s, &mut w);
        let rows = match read_block(&lines[s..e], &chars[start..end]) {
            Some(table) => rows_as_lines(&lines[s..e], &table),
            None => {
                move_down(&mut lines, s..e, &mut w);
                next = end;
                continue;
            }
        };
        if w + rows.len() <= e {
            for row in rows {
                lines[w] = row;
                w += 1;
            }
        } else {
            let grown = w + rows.len();
            lines.splice(w..e, rows);
            shift += grown as isize - e as isize;
            w = grown;
        }
        next = end;
    }
    let len = lines.len();
    move_down(&mut lines, at(next, shift)..len, &mut w);
    lines.truncate(w);
    lines
}

/// Move the lines of `range` down to `*w` onwards (`*w <= range.start`).
fn move_down(lines: &mut [Line], range: std::ops::Range<usize>, w: &mut usize) {
    for k in range {
        lines.swap(*w, k);
        *w += 1;
    }
}

/// The block as a table, measured in characters or in display cells,
/// whichever finds more columns (display cells on a tie).
fn read_block(block: &[Line], by_chars: &[AlignedLine]) -> Option<AlignedTable> {
    let by_cells = aligned_lines(block, Metric::Cells);
    if aligned::column_count(&by_cells) >= aligned::column_count(by_chars) {
        aligned::read_run(&by_cells)
    } else {
        aligned::read_run(by_chars)
    }
}

/// A table's rows as tab-separated lines (page breaks kept as they were).
fn rows_as_lines<'a>(block: &[Line<'a>], table: &AlignedTable) -> Vec<Line<'a>> {
    table
        .rows
        .iter()
        .map(|row| match row {
            AlignedRow::Cells { anchor, cells, .. } => {
                Line::new(block[*anchor].no, cells.join("\t").into())
            }
            AlignedRow::PageBreak { line } => block[*line].clone(),
        })
        .collect()
}

/// A blank line that stands for a form feed: it shares its number with a
/// neighbour (a blank line of the file has a number of its own).
fn is_page_break(block: &[Line], k: usize) -> bool {
    let no = block[k].no;
    (k > 0 && block[k - 1].no == no) || block.get(k + 1).is_some_and(|l| l.no == no)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::normalize::test_lines as lines;

    fn texts(ls: &[Line]) -> Vec<String> {
        ls.iter().map(|l| l.text.to_string()).collect()
    }

    #[test]
    fn fields_split_at_two_spaces() {
        use crate::parse::geometry::text_grid::CELL;
        let ls = lines("  一般公共  1126 2.73    5.00\n一般  5\n");
        let f = aligned_line(&ls, 0, Metric::Chars).fields;
        let t: Vec<&str> = f.iter().map(|f| &*f.text).collect();
        assert_eq!(t, ["一般公共", "1126 2.73", "5.00"]);
        assert_eq!((f[0].x0, f[0].x1), (2.0 * CELL, 6.0 * CELL));
        let f = aligned_line(&ls, 1, Metric::Cells).fields;
        assert_eq!((f[1].x0, f[1].x1), (6.0 * CELL, 7.0 * CELL));
    }

    #[test]
    fn wrapped_names_join_their_row() {
        let text = "\
序号   收入                     支出

     项目        预算数          项目        预算数

     一、一般公共预                一、一般公共服
1                11262.73
     算拨款收入                  务支出

5    五、单位资金                 五、教育支出

     四、财政专户管                四、公共安全支
4                                       10103.75
     理资金收入                  出
";
        let out = tabulate(lines(text));
        assert_eq!(
            texts(&out),
            [
                "序号\t收入\t\t支出\t",
                "\t项目\t预算数\t项目\t预算数",
                "1\t一、一般公共预 算拨款收入\t11262.73\t一、一般公共服 务支出\t",
                "5\t五、单位资金\t\t五、教育支出\t",
                "4\t四、财政专户管 理资金收入\t\t四、公共安全支 出\t10103.75",
                "",
            ]
        );
        assert_eq!(out[2].no, 6, "a row is numbered by its figures' line");
    }

    #[test]
    fn dense_rows_split_centred_fragments() {
        let text = "\
科目名称              合计        基本支出
一般公共
服务支出              10.00        5.00
                      -            -
其他公安
支出                  3.50         3.50
";
        let out = tabulate(lines(text));
        assert_eq!(
            texts(&out),
            [
                "科目名称\t合计\t基本支出",
                "一般公共 服务支出\t10.00\t5.00",
                "\t-\t-",
                "其他公安 支出\t3.50\t3.50",
                "",
            ]
        );
    }

    #[test]
    fn prose_and_contents_are_left_alone() {
        let text = "一、部门职责\n本部门负责辖区治安管理。\n部门预算收支总表          1\n收入总表          2\n";
        assert_eq!(texts(&tabulate(lines(text))), texts(&lines(text)));
    }

    /// The rewrite as it was before it was done in place: the lines copied
    /// into a new list, each run replaced by its rows.
    fn copied(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
        if !lines.iter().any(may_be_row) {
            return lines;
        }
        let chars = aligned_lines(&lines, Metric::Chars);
        let mut out: Vec<Line> = Vec::new();
        let mut next = 0;
        for (start, end) in aligned::candidate_runs(&chars) {
            out.extend(lines[next..start].iter().cloned());
            let block = &lines[start..end];
            match read_block(block, &chars[start..end]) {
                Some(table) => out.extend(rows_as_lines(block, &table)),
                None => out.extend(block.iter().cloned()),
            }
            next = end;
        }
        out.extend(lines[next..].iter().cloned());
        out
    }

    proptest::proptest! {
        /// Tables (wrapped names, blank and page-break lines among their
        /// rows) between prose: rewritten in place, the lines are those the
        /// copying rewrite gives.
        #[test]
        fn in_place_is_the_copy(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "本部门负责辖区治安管理。",
                    "",
                    "科目名称              合计        基本支出",
                    "一般公共",
                    "服务支出              10.00        5.00",
                    "                      -            -",
                    "     项目        预算数          项目        预算数",
                    "一、一般公共预算      1,234.50     二、支出      99.00",
                    "部门预算收支总表          1",
                    "合计   5",
                ]),
                0..60,
            ),
            break_at in proptest::collection::vec(0usize..60, 0..4),
        ) {
            let text = parts.join("\n");
            let mut ls = lines(&text);
            // a page break: a blank line sharing its number with the line before
            for &k in &break_at {
                if k > 0 && k < ls.len() {
                    let no = ls[k - 1].no;
                    ls.insert(k, Line::blank(no));
                }
            }
            proptest::prop_assert_eq!(tabulate(ls.clone()), copied(ls));
        }
    }
}
