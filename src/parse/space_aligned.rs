//! Space-aligned tables (what `pdftotext -layout` or pdfplumber give): cells
//! separated by runs of spaces, blank cells simply missing, and long names
//! wrapped onto the lines above and below the line holding the numbers.
//!
//! [`tabulate`] finds such blocks among the normalized lines and rewrites each
//! into tab-separated rows, one [`Line`] per row (numbered by the line holding
//! the row's figures), so the rest of the pipeline (captions, page furniture,
//! header, repairs) treats them like any other table. Lines outside a block
//! pass through unchanged.
//!
//! Columns come from where the text sits: the covered x ranges of the lines
//! holding figures, separated by gutters no such line crosses. Positions are
//! counted in characters (pdftotext's grid) or in display cells (tools that
//! pad with spaces to a CJK-aware width), whichever finds cleaner gutters.

use super::amount::{is_null_amount, parse_amount};
use super::chars::char_len;
use super::line_kinds::{ends_sentence, furniture_line, label_of, title_like};
use super::normalize::Line;
use super::units::unit_statement;
use unicode_width::UnicodeWidthChar;

/// Lines longer than this (in bytes) are never read as rows of a space-aligned table.
const MAX_ROW_BYTES: usize = 2000;
/// More columns than this is not a table (and keeps the work per line bounded).
const MAX_COLUMNS: usize = 64;
/// Longest wrapped-name fragment, in characters.
const MAX_FRAGMENT_CHARS: usize = 24;

/// A run of text on a line, between runs of two or more spaces.
#[derive(Debug, Clone)]
struct Field {
    /// Start and end positions (characters, or display cells; see [`Metric`]).
    start: usize,
    end: usize,
    text: String,
}

/// A column: the x range (start, end) its fields cover.
type Column = (usize, usize);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Metric {
    Chars,
    Cells,
}

fn char_width(c: char, metric: Metric) -> usize {
    match metric {
        Metric::Chars => 1,
        Metric::Cells => c.width().unwrap_or(0),
    }
}

/// Split a line at runs of two or more spaces.
fn fields(s: &str, metric: Metric) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut pos = 0usize;
    let mut spaces = 0usize;
    let mut cur: Option<Field> = None;
    for c in s.chars() {
        if c == ' ' {
            spaces += 1;
            pos += 1;
            continue;
        }
        if spaces >= 2 {
            out.extend(cur.take());
        }
        let w = char_width(c, metric);
        match cur.as_mut() {
            Some(f) => {
                for _ in 0..spaces {
                    f.text.push(' ');
                }
                f.text.push(c);
                f.end = pos + w;
            }
            None => {
                cur = Some(Field {
                    start: pos,
                    end: pos + w,
                    text: c.to_string(),
                })
            }
        }
        spaces = 0;
        pos += w;
    }
    out.extend(cur);
    out
}

fn is_figure(s: &str) -> bool {
    parse_amount(s).is_some() || (is_null_amount(s) && !s.trim().is_empty())
}

/// A line that may be a row of a space-aligned table: no tab, two or more fields.
fn row_like(s: &str) -> bool {
    s.len() <= MAX_ROW_BYTES && !s.contains('\t') && fields(s, Metric::Chars).len() >= 2
}

/// A short single-field line that may be part of a wrapped cell.
fn fragment_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && !s.contains('\t')
        && char_len(t) <= MAX_FRAGMENT_CHARS
        && !title_like(t)
        && label_of(t).is_none()
        && unit_statement(t).is_none()
        && !furniture_line(t)
        && !ends_sentence(t)
        && !t.contains('。')
}

/// Rewrite space-aligned table blocks into tab-separated rows.
pub(super) fn tabulate(lines: Vec<Line>) -> Vec<Line> {
    // cheap exit: no line has an inner run of two spaces and no tab
    if !lines.iter().any(|l| row_like(&l.text)) {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !row_like(&lines[i].text) {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let end = block_end(&lines, i);
        // a fragment line just above the block may be the top of its first cell
        let mut start = i;
        while start > 0
            && i - start < 2
            && fragment_like(&lines[start - 1].text)
            && out.last().is_some_and(|l| l.no == lines[start - 1].no)
        {
            start -= 1;
        }
        match rows_of(&lines[start..end]) {
            Some(rows) => {
                out.truncate(out.len() - (i - start));
                out.extend(rows);
            }
            None => out.extend(lines[i..end].iter().cloned()),
        }
        i = end;
    }
    out
}

/// The end (exclusive) of the block starting at `start`: row-like lines, with
/// wrapped-cell fragments and lone figures among them and up to two blank
/// lines between. Fragments after the last row-like line belong to the block
/// only when directly below it.
fn block_end(lines: &[Line], start: usize) -> usize {
    let mut end = start + 1;
    let mut blanks = 0;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        let t = line.text.as_str();
        if t.trim().is_empty() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        if row_like(t) {
            end = j + 1;
        } else if fragment_like(t) || (!t.contains('\t') && is_figure(t)) {
            if blanks == 0 && j == end {
                end = j + 1;
            }
        } else {
            break;
        }
        blanks = 0;
    }
    end
}

/// Columns: the x ranges covered by the fields of the given lines.
fn columns(lines: &[&Vec<Field>]) -> Vec<Column> {
    let mut spans: Vec<(usize, usize)> = lines
        .iter()
        .flat_map(|fs| fs.iter().map(|f| (f.start, f.end)))
        .collect();
    spans.sort_unstable();
    let mut cols: Vec<Column> = Vec::new();
    for (s, e) in spans {
        match cols.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => cols.push((s, e)),
        }
    }
    cols
}

/// Add a column for every run of fields that no column covers or touches (a
/// column left empty in every row of figures still has its header).
fn with_uncovered(mut cols: Vec<Column>, fs: &[Vec<Field>]) -> Option<Vec<Column>> {
    let mut extra: Vec<Column> = fs
        .iter()
        .flatten()
        .filter(|f| !cols.iter().any(|&(s, e)| f.start < e + 3 && s < f.end + 3))
        .map(|f| (f.start, f.end))
        .collect();
    extra.sort_unstable();
    for (s, e) in extra {
        match cols.iter_mut().find(|c| s < c.1 && c.0 < e) {
            Some(c) => *c = (c.0.min(s), c.1.max(e)),
            None => cols.push((s, e)),
        }
        cols.sort_unstable();
        if cols.len() > MAX_COLUMNS {
            return None;
        }
    }
    Some(cols)
}

/// The column a field belongs to: most overlap, else the nearest.
fn column_of(cols: &[Column], f: &Field) -> usize {
    let mut best = 0usize;
    let mut best_key = (0usize, usize::MAX);
    for (k, &(s, e)) in cols.iter().enumerate() {
        let overlap = f.end.min(e).saturating_sub(f.start.max(s));
        let distance = if overlap > 0 {
            0
        } else if f.end <= s {
            s - f.end
        } else {
            f.start.saturating_sub(e)
        };
        let key = (overlap, usize::MAX - distance);
        if key > (best_key.0, usize::MAX - best_key.1) {
            best = k;
            best_key = (overlap, distance);
        }
    }
    best
}

/// What one line of a block is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Blank,
    /// Holds a figure: the line a row is anchored on.
    Figures,
    /// Text in figure columns too (a header line) or several fields: its own row.
    Own,
    /// Text only in text columns: part of a wrapped cell.
    Fragment,
}

/// The block as tab-separated rows, or `None` if it does not read as a table.
fn rows_of(block: &[Line]) -> Option<Vec<Line>> {
    let (fs, cols) = fields_and_columns(block)?;
    let figure_col = figure_column_flags(&fs, &cols);
    let decimals = fs
        .iter()
        .flatten()
        .any(|f| is_figure(&f.text) && f.text.contains(['.', ',']));
    let widest = fs.iter().map(Vec::len).max().unwrap_or(0);
    if widest < 3 && !decimals {
        return None; // a list of names and page numbers, not a table
    }
    let (header, repeat) = header_lines(block, &fs);
    let roles = roles_of(&fs, &cols, &figure_col, &header, &repeat);
    let owners = assign_fragments(&roles);
    Some(join_rows(block, &fs, &cols, &roles, &owners))
}

/// The fields of every line and the columns they form, measured in characters
/// or in display cells, whichever finds more columns; `None` when that is not
/// a table (fewer than two columns, or too many).
fn fields_and_columns(block: &[Line]) -> Option<(Vec<Vec<Field>>, Vec<Column>)> {
    let chars: Vec<Vec<Field>> = block
        .iter()
        .map(|l| fields(&l.text, Metric::Chars))
        .collect();
    let cells: Vec<Vec<Field>> = block
        .iter()
        .map(|l| fields(&l.text, Metric::Cells))
        .collect();
    let (fs, cols) = [chars, cells]
        .into_iter()
        .map(|fs| {
            let cols = figure_columns(&fs);
            (fs, cols)
        })
        .max_by_key(|(_, cols)| cols.len())?;
    if cols.len() < 2 || cols.len() > MAX_COLUMNS {
        return None;
    }
    let cols = with_uncovered(cols, &fs)?;
    Some((fs, cols))
}

/// Which columns hold figures: most of their fields in lines with figures are figures.
fn figure_column_flags(fs: &[Vec<Field>], cols: &[Column]) -> Vec<bool> {
    let mut figure = vec![(0usize, 0usize); cols.len()];
    for line in fs.iter().filter(|l| l.iter().any(|f| is_figure(&f.text))) {
        for f in line {
            let c = column_of(cols, f);
            figure[c].1 += 1;
            if is_figure(&f.text) {
                figure[c].0 += 1;
            }
        }
    }
    figure.iter().map(|&(n, all)| n * 2 > all).collect()
}

/// On every page, the lines in the blank-separated groups above the first
/// line of figures are the header; returns which lines are header lines, and
/// which repeat the first page's header (page furniture).
fn header_lines(block: &[Line], fs: &[Vec<Field>]) -> (Vec<bool>, Vec<bool>) {
    let mut header = vec![false; fs.len()];
    let mut repeat = vec![false; fs.len()];
    let mut first_header: Option<Vec<&str>> = None;
    let mut page_start = 0;
    for k in 0..=fs.len() {
        if k < fs.len() && !(fs[k].is_empty() && is_page_break(block, k)) {
            continue;
        }
        let page = page_start..k;
        if let Some(first) = page
            .clone()
            .find(|&j| fs[j].iter().any(|f| is_figure(&f.text)))
        {
            let end = (page_start..first)
                .rev()
                .find(|&j| fs[j].is_empty())
                .map_or(page_start, |j| j + 1);
            header[page_start..end].fill(true);
            let words: Vec<&str> = fs[page_start..end]
                .iter()
                .flatten()
                .map(|f| f.text.as_str())
                .collect();
            match &first_header {
                None => first_header = Some(words),
                // the header repeated on a later page is page furniture
                Some(h) if !words.is_empty() && *h == words => {
                    repeat[page_start..end].fill(true);
                }
                Some(_) => {}
            }
        }
        page_start = k + 1;
    }
    (header, repeat)
}

/// What each line of the block is (see [`Role`]).
fn roles_of(
    fs: &[Vec<Field>],
    cols: &[Column],
    figure_col: &[bool],
    header: &[bool],
    repeat: &[bool],
) -> Vec<Role> {
    let has_figure_columns = figure_col.iter().any(|&b| b);
    fs.iter()
        .enumerate()
        .map(|(k, line)| {
            if repeat[k] {
                return Role::Blank;
            }
            if header[k] && !line.is_empty() {
                return Role::Own;
            }
            let text_only = line.iter().all(|f| !figure_col[column_of(cols, f)]);
            let short = line.iter().all(|f| char_len(&f.text) <= MAX_FRAGMENT_CHARS);
            if line.is_empty() {
                Role::Blank
            } else if line.iter().any(|f| is_figure(&f.text)) {
                Role::Figures
            } else if text_only && short && (line.len() == 1 || has_figure_columns) {
                Role::Fragment
            } else {
                Role::Own
            }
        })
        .collect()
}

/// Every line with text goes to its row, keyed by the row's anchor line; a
/// row is numbered by its anchor. Page breaks stay (the table's page segments
/// are told apart by them).
fn join_rows(
    block: &[Line],
    fs: &[Vec<Field>],
    cols: &[Column],
    roles: &[Role],
    owners: &[Option<usize>],
) -> Vec<Line> {
    let mut rows: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    let mut pages: Vec<usize> = Vec::new();
    for (k, line) in fs.iter().enumerate() {
        if roles[k] == Role::Blank {
            if line.is_empty() && is_page_break(block, k) {
                pages.push(k);
            }
            continue;
        }
        let anchor = match roles[k] {
            Role::Fragment => owners[k].unwrap_or_else(|| first_of_run(roles, owners, k)),
            _ => k,
        };
        let cells = rows
            .entry(anchor)
            .or_insert_with(|| vec![String::new(); cols.len()]);
        for f in line {
            let cell = &mut cells[column_of(cols, f)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&f.text);
        }
    }
    let mut out: Vec<(usize, Line)> = rows
        .into_iter()
        .map(|(k, cells)| {
            let line = Line {
                no: block[k].no,
                text: cells.join("\t"),
            };
            (k, line)
        })
        .collect();
    out.extend(pages.into_iter().map(|k| (k, block[k].clone())));
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, l)| l).collect()
}

/// A blank line that stands for a form feed: it shares its number with a
/// neighbour (a blank line of the file has a number of its own).
fn is_page_break(block: &[Line], k: usize) -> bool {
    let no = block[k].no;
    (k > 0 && block[k - 1].no == no) || block.get(k + 1).is_some_and(|l| l.no == no)
}

/// Columns from the lines holding figures (all lines if fewer than two do).
fn figure_columns(fs: &[Vec<Field>]) -> Vec<Column> {
    let with_figures: Vec<&Vec<Field>> = fs
        .iter()
        .filter(|l| l.len() >= 2 && l.iter().any(|f| is_figure(&f.text)))
        .collect();
    if with_figures.len() >= 2 {
        columns(&with_figures)
    } else {
        columns(&fs.iter().filter(|l| l.len() >= 2).collect::<Vec<_>>())
    }
}

/// The first line of the run of anchorless fragments holding line `k`.
fn first_of_run(roles: &[Role], owners: &[Option<usize>], k: usize) -> usize {
    let mut j = k;
    while j > 0 && roles[j - 1] == Role::Fragment && owners[j - 1].is_none() {
        j -= 1;
    }
    j
}

/// For every fragment line, the anchor line (a `Figures` or `Own` line) whose
/// cells it continues; `None` for fragments with no anchor in their group.
///
/// Blank lines separate groups (one row each when the extraction leaves space
/// between rows). Within a group, fragments before the first anchor belong to
/// it; fragments between two anchors are split: the upper anchor takes as many
/// as it had above it (a vertically centred cell wraps evenly above and below
/// its figures), the lower one the rest; fragments after the last anchor
/// belong to it.
fn assign_fragments(roles: &[Role]) -> Vec<Option<usize>> {
    let mut owners: Vec<Option<usize>> = vec![None; roles.len()];
    let mut k = 0;
    while k < roles.len() {
        if roles[k] == Role::Blank {
            k += 1;
            continue;
        }
        let mut end = k;
        while end < roles.len() && roles[end] != Role::Blank {
            end += 1;
        }
        assign_group(roles, k, end, &mut owners);
        k = end;
    }
    owners
}

fn assign_group(roles: &[Role], start: usize, end: usize, owners: &mut [Option<usize>]) {
    let anchors: Vec<usize> = (start..end)
        .filter(|&k| roles[k] != Role::Fragment)
        .collect();
    if anchors.is_empty() {
        return;
    }
    let mut above_count = vec![0usize; roles.len()];
    let first = anchors[0];
    for owner in owners.iter_mut().take(first).skip(start) {
        *owner = Some(first);
    }
    above_count[first] = first - start;
    for w in anchors.windows(2) {
        let (a, b) = (w[0], w[1]);
        let between = b - a - 1;
        let upper = above_count[a].min(between);
        for (n, owner) in owners.iter_mut().enumerate().take(b).skip(a + 1) {
            *owner = Some(if n - a <= upper { a } else { b });
        }
        above_count[b] = between - upper;
    }
    let last = anchors[anchors.len() - 1];
    for owner in owners.iter_mut().take(end).skip(last + 1) {
        *owner = Some(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::normalize::test_lines as lines;

    fn texts(ls: &[Line]) -> Vec<String> {
        ls.iter().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn fields_split_at_two_spaces() {
        let f = fields("  一般公共  1126 2.73    5.00", Metric::Chars);
        let t: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(t, ["一般公共", "1126 2.73", "5.00"]);
        assert_eq!((f[0].start, f[0].end), (2, 6));
        let f = fields("一般  5", Metric::Cells);
        assert_eq!((f[1].start, f[1].end), (6, 7));
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
}
