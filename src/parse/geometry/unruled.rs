//! Tables without ruling lines: runs of lines whose text sits in aligned columns.
//!
//! A line with two or more phrases (runs of words separated by a column gap) is a row
//! candidate; three or more such lines close together make a block. Its columns come from
//! gutters that (nearly) no phrase crosses, and from edges that many rows' words share: left
//! edges of left-aligned labels, right edges of right-aligned figures (so a figure one space
//! away from the next column's label still falls in its own column). Single-phrase lines inside
//! a block are wrapped cell text, joined to the nearer row when rows are spaced wider than the
//! lines of one cell; otherwise rows of their own.
//!
//! Words: phrase = words on one line with no column gap between them; gutter = an empty
//! vertical strip between two columns.

use super::lines::{TextLine, Word, is_wide, line_of, push_joined};
use super::page::Rect;
use super::table::{Cell, Table};

/// Words further apart than this many ems are in different columns.
const COLUMN_GAP: f32 = 1.0;
/// Fewest row candidates that make a table.
const MIN_ROWS: usize = 3;
/// Lines further apart than this many line heights end a block.
const MAX_LINE_GAP: f32 = 2.5;
/// Most lines in a row between two row candidates of one block (wrapped cell text).
const MAX_FRAGMENTS: usize = 4;
/// Lines closer than this many line heights hug each other (wrapped text of one cell).
const HUG: f32 = 0.5;
/// A gutter must be at least this wide (points).
const MIN_GUTTER: f32 = 2.0;
/// Word edges this close (points) are aligned.
const ALIGNED: f32 = 1.5;
/// Most columns a block may have (bounds the work).
const MAX_COLS: usize = 64;

/// Split the lines into tables of aligned columns and the lines that stay text.
pub fn unruled_tables(lines: Vec<TextLine>) -> (Vec<Table>, Vec<TextLine>) {
    let phrases: Vec<Vec<Rect>> = lines.iter().map(phrases_of).collect();
    let mut tables = Vec::new();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let end = block_end(&lines, &phrases, i);
        let rows = (i..end)
            .filter(|&k| is_candidate(&lines[k], &phrases[k]))
            .count();
        if rows >= MIN_ROWS
            && let Some(table) = table_of(&lines[i..end], &phrases[i..end])
        {
            tables.push(table);
            keep[i..end].iter_mut().for_each(|k| *k = false);
        }
        // A block is looked at once: the work stays linear in the number of lines.
        i = end.max(i + 1);
    }
    let rest = lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect();
    (tables, rest)
}

/// The boxes of a line's phrases: words merged at gaps narrower than [`COLUMN_GAP`] ems.
fn phrases_of(line: &TextLine) -> Vec<Rect> {
    let mut out: Vec<(Rect, f32)> = Vec::new();
    for w in &line.words {
        match out.last_mut() {
            Some((r, size)) if w.rect.x0 - r.x1 < COLUMN_GAP * size.min(w.size).max(0.5) => {
                *r = r.union(&w.rect);
                *size = size.max(w.size);
            }
            _ => out.push((w.rect, w.size)),
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

/// A row candidate has two or more phrases, not all of them single wide characters (a title
/// spaced out letter by letter, `目    录`, is not a row).
fn is_candidate(line: &TextLine, phrases: &[Rect]) -> bool {
    let spaced_title = line
        .words
        .iter()
        .all(|w| w.text.chars().count() == 1 && w.text.chars().all(is_wide));
    phrases.len() >= 2 && !spaced_title
}

/// The end (exclusive) of the block of lines that may start at `start`: it starts on a row
/// candidate and runs while lines stay close, of similar size and with few lines between row
/// candidates; it ends after its last row candidate, plus lines hugging it from below (the
/// last row's wrapped text).
fn block_end(lines: &[TextLine], phrases: &[Vec<Rect>], start: usize) -> usize {
    if !is_candidate(&lines[start], &phrases[start]) {
        return start + 1;
    }
    let size = lines[start].size;
    let mut last_row = start;
    let mut k = start + 1;
    while k < lines.len() && k - last_row <= MAX_FRAGMENTS {
        let (prev, line) = (&lines[k - 1], &lines[k]);
        let gap = line.rect.y0 - prev.rect.y1;
        let similar = line.size <= size * 1.3 && line.size >= size / 1.3;
        if gap > MAX_LINE_GAP * prev.rect.height().max(1.0) || !similar {
            break;
        }
        if is_candidate(line, &phrases[k]) {
            last_row = k;
        }
        k += 1;
    }
    let mut end = last_row + 1;
    while end < lines.len()
        && end - last_row <= 2
        && !is_candidate(&lines[end], &phrases[end])
        && lines[end].rect.y0 - lines[end - 1].rect.y1 < HUG * lines[end - 1].rect.height()
    {
        end += 1;
    }
    end
}

/// The column edges of a block: its outer edges, the gutters its row candidates leave, and
/// the edges their words share.
fn columns(lines: &[TextLine], phrases: &[Vec<Rect>]) -> Option<Vec<f32>> {
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&k| is_candidate(&lines[k], &phrases[k]))
        .collect();
    let x0 = lines
        .iter()
        .map(|l| l.rect.x0)
        .fold(f32::INFINITY, f32::min);
    let x1 = lines
        .iter()
        .map(|l| l.rect.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    if !(x0.is_finite() && x1.is_finite()) || x1 - x0 > 20_000.0 {
        return None;
    }
    let mut edges = gutters(rows.iter().flat_map(|&k| &phrases[k]), rows.len(), x0, x1);
    let row_lines: Vec<&TextLine> = rows.iter().map(|&k| &lines[k]).collect();
    let need = (rows.len() / 5).max(MIN_ROWS);
    let starts = row_lines.iter().flat_map(|l| &l.words).map(|w| w.rect.x0);
    for x in shared_edges(starts, need) {
        if bridged(&row_lines, x, Side::Start) {
            add_edge(&mut edges, x - 0.1, lines);
        }
    }
    let ends = row_lines.iter().flat_map(|l| &l.words).map(|w| w.rect.x1);
    for x in shared_edges(ends, need) {
        if bridged(&row_lines, x, Side::End) {
            add_edge(&mut edges, x + 0.1, lines);
        }
    }
    edges.push(x0);
    edges.push(x1);
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < MIN_GUTTER);
    (edges.len() >= 3 && edges.len() <= MAX_COLS + 1).then_some(edges)
}

/// Middles of the strips between `x0` and `x1` that at most one in eight of the `rows` phrases
/// cross (a phrase or two spilling across, such as a spanning header, does not close a gutter).
fn gutters<'a>(phrases: impl Iterator<Item = &'a Rect>, rows: usize, x0: f32, x1: f32) -> Vec<f32> {
    let width = (x1 - x0).ceil() as usize + 1;
    let mut cover = vec![0u32; width];
    for r in phrases {
        let a = ((r.x0 - x0).floor().max(0.0) as usize).min(width - 1);
        let b = ((r.x1 - x0).ceil().max(0.0) as usize).min(width - 1);
        cover[a..b].iter_mut().for_each(|c| *c += 1);
    }
    let allowed = (rows / 8) as u32;
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    for (i, &c) in cover.iter().enumerate() {
        match (c <= allowed, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if (i - s) as f32 >= MIN_GUTTER && s > 0 {
                    out.push(x0 + (s + i) as f32 / 2.0);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

/// Positions shared (within [`ALIGNED`]) by at least `need` of the given edges.
fn shared_edges(edges: impl Iterator<Item = f32>, need: usize) -> Vec<f32> {
    let mut v: Vec<f32> = edges.filter(|x| x.is_finite()).collect();
    v.sort_by(f32::total_cmp);
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] - v[i] <= ALIGNED {
            j += 1;
        }
        if j + 1 - i >= need {
            out.push((v[i] + v[j]) / 2.0);
        }
        i = j + 1;
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Start,
    End,
}

/// Whether some line has a word starting (ending) at `x` with a neighbour closer than a column
/// gap: a phrase that only an edge shared with other rows can split.
fn bridged(lines: &[&TextLine], x: f32, side: Side) -> bool {
    lines.iter().any(|l| {
        l.words.windows(2).any(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let at = match side {
                Side::Start => b.rect.x0,
                Side::End => a.rect.x1,
            };
            (at - x).abs() <= ALIGNED && b.rect.x0 - a.rect.x1 < COLUMN_GAP * a.size.min(b.size)
        })
    })
}

/// Add an edge unless one is already near, or it would cut through a word.
fn add_edge(edges: &mut Vec<f32>, x: f32, lines: &[TextLine]) {
    let near = edges.iter().any(|&e| (e - x).abs() < 2.0 * MIN_GUTTER);
    let cuts = lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.rect.x0 < x - 0.5 && w.rect.x1 > x + 0.5)
        .count();
    if !near && cuts <= lines.len() / 8 {
        edges.push(x);
    }
}

/// The columns a box covers (first, last), by overlap with the column ranges.
fn column_range(xs: &[f32], r: &Rect) -> (usize, usize) {
    let cols = xs.len() - 1;
    let overlapping: Vec<usize> = (0..cols)
        .filter(|&c| r.x1.min(xs[c + 1]) - r.x0.max(xs[c]) > 0.5)
        .collect();
    match (overlapping.first(), overlapping.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => {
            let c = xs.partition_point(|&e| e <= r.center_x()).clamp(1, cols) - 1;
            (c, c)
        }
    }
}

/// Which rows the block's lines belong to. Row candidates start rows. Another line is wrapped
/// text when its words sit in one column and a neighbouring row (the nearest above or below)
/// has that column empty: it joins that row (the nearer one if both have it empty). When rows
/// are spaced wider than the lines of a cell, any other line joins the nearer row too;
/// otherwise it is a row of its own (a label row without figures).
fn assign_rows(lines: &[TextLine], phrases: &[Vec<Rect>], xs: &[f32]) -> Vec<usize> {
    let candidate: Vec<bool> = (0..lines.len())
        .map(|k| is_candidate(&lines[k], &phrases[k]))
        .collect();
    let anchors: Vec<usize> = (0..lines.len()).filter(|&k| candidate[k]).collect();
    let pitch = median(
        anchors
            .windows(2)
            .map(|w| lines[w[1]].rect.y0 - lines[w[0]].rect.y0),
    );
    let line_height = median(lines.iter().map(|l| l.rect.height()));
    let wraps = pitch > 1.6 * line_height;
    let owner: Vec<usize> = (0..lines.len())
        .map(|k| {
            if candidate[k] {
                return k;
            }
            let at = anchors.partition_point(|&a| a < k);
            let above = at.checked_sub(1).map(|i| anchors[i]);
            let below = anchors.get(at).copied();
            let distance = |a: usize| (lines[a].rect.center_y() - lines[k].rect.center_y()).abs();
            let nearer = |a: Option<usize>, b: Option<usize>| match (a, b) {
                (Some(a), Some(b)) => Some(if distance(a) <= distance(b) { a } else { b }),
                (a, b) => a.or(b),
            };
            let open = |a: Option<usize>| {
                a.filter(|&a| {
                    single_column(&lines[k], xs).is_some_and(|c| !holds(&lines[a], xs, c))
                })
            };
            match (open(above), open(below)) {
                (None, None) if wraps => nearer(above, below).unwrap_or(k),
                (None, None) => k,
                (a, b) => nearer(a, b).unwrap_or(k),
            }
        })
        .collect();
    let mut starts: Vec<usize> = owner.clone();
    starts.sort_unstable();
    starts.dedup();
    owner
        .iter()
        .map(|o| starts.partition_point(|s| s < o))
        .collect()
}

/// The one column all of a line's words sit in, if there is one.
fn single_column(line: &TextLine, xs: &[f32]) -> Option<usize> {
    let mut col = None;
    for w in &line.words {
        let (a, b) = column_range(xs, &w.rect);
        if a != b || col.is_some_and(|c| c != a) {
            return None;
        }
        col = Some(a);
    }
    col
}

/// Whether a line has a word in column `c`.
fn holds(line: &TextLine, xs: &[f32], c: usize) -> bool {
    line.words.iter().any(|w| {
        let (a, b) = column_range(xs, &w.rect);
        a <= c && c <= b
    })
}

fn median(values: impl Iterator<Item = f32>) -> f32 {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Build the table of one block.
fn table_of(lines: &[TextLine], phrases: &[Vec<Rect>]) -> Option<Table> {
    let xs = columns(lines, phrases)?;
    let cols = xs.len() - 1;
    let row_of = assign_rows(lines, phrases, &xs);
    let rows = row_of.iter().max().map_or(0, |r| r + 1);
    // Words of every slot, and the widest column range any word of the slot spans.
    let mut slots: Vec<Vec<Word>> = vec![Vec::new(); rows * cols];
    let mut span: Vec<usize> = vec![1; rows * cols];
    for (k, line) in lines.iter().enumerate() {
        for w in &line.words {
            let (a, b) = column_range(&xs, &w.rect);
            let slot = row_of[k] * cols + a;
            slots[slot].push(w.clone());
            span[slot] = span[slot].max(b - a + 1);
        }
    }
    let mut ys: Vec<f32> = vec![f32::INFINITY; rows + 1];
    for (k, l) in lines.iter().enumerate() {
        ys[row_of[k]] = ys[row_of[k]].min(l.rect.y0);
    }
    ys[rows] = lines
        .iter()
        .map(|l| l.rect.y1)
        .fold(f32::NEG_INFINITY, f32::max);
    let cells = cells_of(&xs, &ys, &slots, &span, cols);
    Some(Table {
        rect: Rect::new(xs[0], ys[0], xs[cols], ys[rows]),
        rows,
        cols,
        cells,
        xs,
        ys,
        ruled: false,
    })
}

/// Cells from the slots' words: a word spanning columns covers the slots to its right unless
/// they hold text of their own.
fn cells_of(xs: &[f32], ys: &[f32], slots: &[Vec<Word>], span: &[usize], cols: usize) -> Vec<Cell> {
    let rows = slots.len() / cols.max(1);
    let mut cells = Vec::new();
    for r in 0..rows {
        let mut c = 0;
        while c < cols {
            let slot = r * cols + c;
            let mut width = 1;
            while width < span[slot] && c + width < cols && slots[slot + width].is_empty() {
                width += 1;
            }
            let lines = group_words(slots[slot].clone());
            let mut text = String::new();
            for l in &lines {
                push_joined(&mut text, &l.cell_text(), ' ');
            }
            cells.push(Cell {
                row: r,
                col: c,
                row_span: 1,
                col_span: width,
                rect: Rect::new(xs[c], ys[r], xs[c + width], ys[r + 1]),
                text,
                lines,
            });
            c += width;
        }
    }
    cells
}

/// Words of one cell into lines, top to bottom, each left to right.
fn group_words(mut words: Vec<Word>) -> Vec<TextLine> {
    words.sort_by(|a, b| a.rect.center_y().total_cmp(&b.rect.center_y()));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(l) if (w.rect.center_y() - l[0].rect.center_y()).abs() < 0.5 * w.size => l.push(w),
            _ => lines.push(vec![w]),
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    }
    lines.into_iter().map(line_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::geometry::lines::text_lines;
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
