//! Tables without ruling lines on a page: the page's free text lines read by the aligned
//! builder ([`super::aligned`], the same one that reads space-aligned text), each table found
//! turned into a [`Table`] with its cells' boxes and lines.
//!
//! Blank lines are where the page leaves vertical space: a gap between two lines of about two
//! line pitches or more counts as a blank line (the pitch is the usual distance between the
//! page's lines), as an empty line of text would.
//!
//! Words: pitch = the distance from one line to the next; gutter = the empty strip between
//! two columns.

use super::aligned::{AlignedLine, AlignedRow, AlignedTable, candidate_runs, column_of, read_run};
use super::lines::{TextLine, Word, join_cell_lines, line_of};
use super::page::Rect;
use super::table::{Cell, Table};

/// Most blank lines counted in one vertical gap.
const MAX_BLANKS: usize = 3;

/// Split the lines (top to bottom) into tables of aligned columns and the lines that stay text.
pub fn unruled_tables(lines: Vec<TextLine>) -> (Vec<Table>, Vec<TextLine>) {
    let (aligned, source) = with_blanks(&lines);
    let mut tables = Vec::new();
    let mut keep = vec![true; lines.len()];
    for (start, end) in candidate_runs(&aligned) {
        let Some(read) = read_run(&aligned[start..end]) else {
            continue;
        };
        let run_source = &source[start..end];
        if let Some(table) = table_of(&read, &aligned[start..end], run_source, &lines) {
            tables.push(table);
            for k in run_source.iter().flatten() {
                keep[*k] = false;
            }
        }
    }
    let rest = lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect();
    (tables, rest)
}

/// The lines as the aligned builder reads them, blank lines put where the page leaves space;
/// for each, the index of the text line it stands for (`None` for a blank).
fn with_blanks(lines: &[TextLine]) -> (Vec<AlignedLine>, Vec<Option<usize>>) {
    let pitch = line_pitch(lines);
    let mut aligned = Vec::with_capacity(lines.len());
    let mut source = Vec::with_capacity(lines.len());
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let gap = line.rect.y0 - lines[k - 1].rect.y0;
            let blanks = ((gap / pitch).round() as isize - 1).clamp(0, MAX_BLANKS as isize);
            for _ in 0..blanks {
                aligned.push(AlignedLine::blank(false));
                source.push(None);
            }
        }
        aligned.push(AlignedLine::of(line));
        source.push(Some(k));
    }
    (aligned, source)
}

/// The usual distance between one line's top and the next: the median of the gaps no larger
/// than three times the font size, else 1.2 × the median font size.
fn line_pitch(lines: &[TextLine]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].rect.y0 - w[0].rect.y0)
        .filter(|&g| g > 0.0 && g <= 3.0 * median_size(lines))
        .collect();
    gaps.sort_by(f32::total_cmp);
    match gaps.get(gaps.len() / 2) {
        Some(&g) => g.max(0.5),
        None => 1.2 * median_size(lines),
    }
}

/// The median font size of the lines (10 when there are none).
fn median_size(lines: &[TextLine]) -> f32 {
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(0.5)
}

/// A table read by the aligned builder as a grid: column edges halfway across the gutters,
/// row edges halfway between rows, each cell's words regrouped into its lines.
fn table_of(
    read: &AlignedTable,
    run: &[AlignedLine],
    source: &[Option<usize>],
    lines: &[TextLine],
) -> Option<Table> {
    let cols = &read.columns;
    let xs = edges(cols.iter().copied());
    let rows: Vec<&Vec<usize>> = read
        .rows
        .iter()
        .filter_map(|r| match r {
            AlignedRow::Cells { lines, .. } => Some(lines),
            AlignedRow::PageBreak { .. } => None,
        })
        .collect();
    let spans: Vec<(f32, f32)> = rows
        .iter()
        .map(|ks| {
            let rects = ks.iter().filter_map(|&k| source[k]).map(|i| lines[i].rect);
            let r = rects.reduce(|a, b| a.union(&b)).unwrap_or_default();
            (r.y0, r.y1)
        })
        .collect();
    let ys = edges(spans.iter().copied());
    let mut cells = Vec::with_capacity(rows.len() * cols.len());
    for (r, ks) in rows.iter().enumerate() {
        let mut by_col: Vec<Vec<TextLine>> = vec![Vec::new(); cols.len()];
        for &k in ks.iter() {
            let mut words: Vec<Vec<Word>> = vec![Vec::new(); cols.len()];
            for f in &run[k].fields {
                words[column_of(cols, f)].extend(f.words.iter().cloned());
            }
            for (c, ws) in words.into_iter().enumerate() {
                if !ws.is_empty() {
                    by_col[c].push(line_of(ws));
                }
            }
        }
        for (c, cell_lines) in by_col.into_iter().enumerate() {
            let rect = Rect::new(xs[c], ys[r], xs[c + 1], ys[r + 1]);
            cells.push(Cell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                text: join_cell_lines(&cell_lines, rect.width()),
                rect,
                lines: cell_lines,
            });
        }
    }
    let (&x0, &x1, &y0, &y1) = (xs.first()?, xs.last()?, ys.first()?, ys.last()?);
    Some(Table {
        rect: Rect::new(x0, y0, x1, y1),
        rows: rows.len(),
        cols: cols.len(),
        cells,
        xs,
        ys,
        ruled: false,
    })
}

/// Edges around consecutive ranges: the outer ends, and halfway across every gap.
fn edges(ranges: impl Iterator<Item = (f32, f32)>) -> Vec<f32> {
    let ranges: Vec<(f32, f32)> = ranges.collect();
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for (i, &(a, _)) in ranges.iter().enumerate() {
        match i.checked_sub(1).and_then(|p| ranges.get(p)) {
            Some(&(_, prev_end)) => out.push((prev_end + a) / 2.0),
            None => out.push(a),
        }
    }
    if let Some(&(_, b)) = ranges.last() {
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::geometry::lines::{is_wide, text_lines};
    use crate::parse::geometry::page::Glyph;

    /// Glyphs of `text` at (x, y), CJK 10 wide, others 5 wide, size 10.
    fn put(glyphs: &mut Vec<Glyph>, text: &str, x: f32, y: f32) {
        let mut x0 = x;
        for ch in text.chars() {
            let w = if is_wide(ch) { 10.0 } else { 5.0 };
            glyphs.push(Glyph {
                ch,
                rect: Rect::new(x0, y, x0 + w, y + 10.0),
                size: 10.0,
                bold: false,
            });
            x0 += w;
        }
    }

    /// Right-aligned figures ending at `right`.
    fn figure(glyphs: &mut Vec<Glyph>, text: &str, right: f32, y: f32) {
        put(glyphs, text, right - 5.0 * text.chars().count() as f32, y);
    }

    #[test]
    fn aligned_columns_without_rulings_make_a_table() {
        let mut g = Vec::new();
        put(&mut g, "项目", 0.0, 0.0);
        put(&mut g, "本年预算", 150.0, 0.0);
        put(&mut g, "上年预算", 250.0, 0.0);
        // Rows 20 points apart; a long name wrapped on lines 12 points apart.
        let rows = [
            ("工资福利支出", "1,234.56", "999.00"),
            ("商品和服务支出", "88.10", ""),
            ("办公费", "7.00", "6.50"),
        ];
        for (i, (name, a, b)) in rows.iter().enumerate() {
            let y = 20.0 + i as f32 * 20.0;
            put(&mut g, name, 0.0, y);
            figure(&mut g, a, 190.0, y);
            figure(&mut g, b, 290.0, y);
        }
        put(&mut g, "对个人和家庭的补", 0.0, 80.0);
        figure(&mut g, "12.00", 190.0, 80.0);
        figure(&mut g, "11.00", 290.0, 80.0);
        put(&mut g, "助", 0.0, 92.0);
        let indices: Vec<usize> = (0..g.len()).collect();
        let (tables, rest) = unruled_tables(text_lines(&g, &indices));
        assert!(rest.is_empty());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert!(!t.ruled);
        assert_eq!((t.rows, t.cols), (5, 3));
        assert_eq!(t.row_texts(0), ["项目", "本年预算", "上年预算"]);
        assert_eq!(t.row_texts(1), ["工资福利支出", "1,234.56", "999.00"]);
        assert_eq!(t.row_texts(2), ["商品和服务支出", "88.10", ""]);
        assert_eq!(t.row_texts(4), ["对个人和家庭的补助", "12.00", "11.00"]);
        // every slot is covered once, boxes left to right and top to bottom
        assert_eq!(t.cells.len(), 15);
        assert!(t.xs.windows(2).all(|w| w[0] < w[1]), "{:?}", t.xs);
        assert!(t.ys.windows(2).all(|w| w[0] < w[1]), "{:?}", t.ys);
    }

    #[test]
    fn rows_spaced_apart_take_their_wrapped_names() {
        // A name wrapped above and below its figure line, rows separated by space.
        let mut g = Vec::new();
        put(&mut g, "科目名称", 0.0, 0.0);
        put(&mut g, "合计", 150.0, 0.0);
        put(&mut g, "基本支出", 230.0, 0.0);
        put(&mut g, "一般公共", 0.0, 30.0);
        figure(&mut g, "10.00", 190.0, 42.0);
        figure(&mut g, "5.00", 290.0, 42.0);
        put(&mut g, "服务支出", 0.0, 54.0);
        put(&mut g, "其他公安", 0.0, 84.0);
        figure(&mut g, "3.50", 190.0, 96.0);
        figure(&mut g, "3.50", 290.0, 96.0);
        put(&mut g, "支出", 0.0, 108.0);
        let indices: Vec<usize> = (0..g.len()).collect();
        let (tables, rest) = unruled_tables(text_lines(&g, &indices));
        assert!(rest.is_empty(), "{rest:?}");
        let t = &tables[0];
        assert_eq!(t.rows, 3, "{t:#?}");
        assert_eq!(t.row_texts(1), ["一般公共服务支出", "10.00", "5.00"]);
        assert_eq!(t.row_texts(2), ["其他公安支出", "3.50", "3.50"]);
    }

    #[test]
    fn prose_and_a_spaced_title_are_not_tables() {
        let mut g = Vec::new();
        put(&mut g, "目", 100.0, 0.0);
        put(&mut g, "录", 140.0, 0.0);
        for i in 0..4 {
            put(
                &mut g,
                "本部门2024年度财政拨款支出13733.8万元，主要用于",
                0.0,
                20.0 + i as f32 * 20.0,
            );
        }
        let indices: Vec<usize> = (0..g.len()).collect();
        let (tables, rest) = unruled_tables(text_lines(&g, &indices));
        assert!(tables.is_empty());
        assert_eq!(rest.len(), 5);
    }
}
