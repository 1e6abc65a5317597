//! Raw table → [`crate::model::Table`]: one header, body rows, cells repaired,
//! pages merged (header repeats and 栏次 rows dropped, rows cut by a page break
//! joined with their continuation).

use super::amount::parse_amount;
use super::blocks::{Block, RawTable};
use super::cell_repair::{join_cut, repair_cell};
use super::chars::{compact, has_space, next_whitespace, trim_cell};
use super::meta::Meta;
use super::row_cells::{RawText, raw_texts, repaired_cells};
use crate::model::{Grid, GridBuilder, LineNo, Table, TableKind, TextLine, Warning};
use std::borrow::Cow;

/// A cell being assembled: borrowed from its raw row unless a repair or a
/// join with a cut row changed it.
type Cell<'a> = Cow<'a, str>;

/// A row being assembled.
#[derive(Debug, Clone)]
struct Row<'a> {
    line: LineNo,
    cells: Vec<Cell<'a>>,
    /// The bytes of text of its cells.
    text: usize,
}

impl<'a> Row<'a> {
    fn new(line: LineNo, cells: Vec<Cell<'a>>) -> Row<'a> {
        let text = cells.iter().map(|c| c.len()).sum();
        Row { line, cells, text }
    }
}

/// A column-number row: `栏次 1 2 3 4` (tab-separated) (also misread as 档次 / 行次).
fn column_number_row(cells: &[Cell]) -> bool {
    let first = cells.first().map(|c| c.trim_ascii()).unwrap_or("");
    if matches!(first, "栏次" | "档次" | "行次" | "列次" | "栏号" | "栏目") {
        return true;
    }
    // the other cells count 1, 2, 3, … (at least three of them), the first
    // is no number (read last: most rows fail at their second cell)
    let mut n = 0;
    for c in cells.iter().skip(1) {
        let c = c.trim_ascii();
        if c.is_empty() {
            continue;
        }
        if c.parse::<usize>().ok() != Some(n + 1) {
            return false;
        }
        n += 1;
    }
    n >= 3 && first.parse::<u32>().is_err()
}

fn is_number(s: &str) -> bool {
    parse_amount(s).is_some()
}

/// A row with a figure in it is a body row; header rows come before it.
fn body_like(cells: &[Cell]) -> bool {
    cells.iter().any(|c| is_number(c))
}

/// A row's cells without their whitespace, the non-empty ones joined by
/// U+0001: a row repeated on a later page has the signature it had.
fn signature(cells: &[Cell]) -> String {
    let mut out = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum());
    write_signature(cells, &mut out);
    out
}

/// [`signature`] written into `out` (its allocation kept from row to row).
fn write_signature(cells: &[Cell], out: &mut String) {
    out.clear();
    for c in cells {
        let at = out.len();
        if at > 0 {
            out.push('\u{1}');
        }
        let text_at = out.len();
        push_compact(out, c);
        if out.len() == text_at {
            out.truncate(at); // empty once compacted: no separator either
        }
    }
}

/// Is `sig` the [`signature`] of `cells`? Told without writing it: most
/// rows differ from the start.
fn has_signature(cells: &[Cell], sig: &str) -> bool {
    let mut rest = sig.as_bytes();
    let mut started = false;
    for c in cells {
        let mut cell_started = false;
        for piece in compact_pieces(c) {
            if piece.is_empty() {
                continue;
            }
            if !cell_started {
                if started {
                    let Some(after) = rest.strip_prefix("\u{1}".as_bytes()) else {
                        return false;
                    };
                    rest = after;
                }
                (started, cell_started) = (true, true);
            }
            let Some(after) = rest.strip_prefix(piece.as_bytes()) else {
                return false;
            };
            rest = after;
        }
    }
    rest.is_empty()
}

/// The pieces [`compact`]`(s)` is made of: `s` itself when it holds no
/// space or tab, else its runs between whitespace characters.
fn compact_pieces(s: &str) -> impl Iterator<Item = &str> {
    let spaced = has_space(s);
    let mut run = Some(0);
    std::iter::from_fn(move || {
        let from = run?;
        if !spaced {
            run = None;
            return Some(s);
        }
        match next_whitespace(s, from) {
            Some((start, end)) => {
                run = Some(end);
                Some(&s[from..start])
            }
            None => {
                run = None;
                Some(&s[from..])
            }
        }
    })
}

/// Append [`compact`]`(s)` (no copy of it first).
fn push_compact(out: &mut String, s: &str) {
    compact_pieces(s).for_each(|piece| out.push_str(piece));
}

fn first_cell<'a>(cells: &'a [Cell]) -> &'a str {
    cells
        .iter()
        .map(|c| &**c)
        .find(|c| !c.is_empty())
        .unwrap_or("")
}

/// A cell naming the department a performance form is about.
fn department_cell(c: &str) -> bool {
    c.starts_with("部门名称")
        || c.starts_with("部门（单位）名称")
        || c.starts_with("部门(单位)名称")
        || c.starts_with("年度主要任务")
}

/// Which kind of table this is, from its title and rows.
fn kind_of<'a>(title: &str, rows: impl Iterator<Item = &'a Row<'a>>) -> TableKind {
    // cells are repaired: labels carry no stray spaces
    let (mut l1, mut l2, mut department, mut project) = (false, false, false, false);
    for r in rows {
        let (mut has1, mut has2) = (false, false);
        for c in &r.cells {
            // the first byte of the words looked for: 一 二 (E4), 年 (E5), 部 项 (E9)
            match c.as_bytes().first() {
                Some(0xE4) => {
                    has1 |= c == "一级指标";
                    has2 |= c == "二级指标";
                }
                Some(0xE5 | 0xE9) => {
                    department |= department_cell(c);
                    project |= c.starts_with("项目名称");
                }
                _ => {}
            }
        }
        if has1 && has2 {
            l1 = true;
            l2 = true;
        }
        if l1 && l2 && project {
            break; // a project's form, whatever the rows below
        }
    }
    if !(l1 && l2) {
        return TableKind::Grid;
    }
    let department_wide = compact(title).contains("整体") || department;
    if department_wide && !project {
        TableKind::DepartmentPerformance
    } else {
        TableKind::ProjectPerformance
    }
}

/// Is `lower` the rest of `upper`, cut by a page break? `lower` must leave a
/// column that every row of the table fills empty, and hold no complete figure.
fn continues(upper: &Row, lower: &Row, key_columns: &[usize]) -> bool {
    let filled = |r: &Row, j: usize| r.cells.get(j).is_some_and(|c| !trim_cell(c).is_empty());
    if !key_columns.iter().any(|&j| !filled(lower, j)) {
        return false;
    }
    let mut any = false;
    for (j, c) in lower.cells.iter().enumerate() {
        let c = trim_cell(c);
        if c.is_empty() {
            continue;
        }
        any = true;
        let u = upper.cells.get(j).map(|s| trim_cell(s)).unwrap_or("");
        let numeric = is_number(c);
        if !numeric {
            continue; // a fragment of text
        }
        if c.starts_with('.') && !u.is_empty() {
            continue; // `3295` + `.04`
        }
        let digits = |s: &str| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit());
        if digits(c) && digits(u) && ![3, 5, 7].contains(&u.len()) {
            continue; // `2040` + `299`
        }
        return false;
    }
    any
}

/// The columns every body row fills (the 序号 or 科目名称 column, 二级指标 …)
/// among the rows after the last indicator header (`一级指标`: a form
/// table's lower part), else all rows: the rows sharing the layout of a row
/// cut by a page break. Brought up to date at each page break from the rows
/// added since the last one, so that a long table is not read again at
/// every page (and a table on one page not at all).
#[derive(Default)]
struct KeyColumns {
    /// Rows of the body read so far.
    read: usize,
    /// Rows counted (those read after the last indicator header).
    rows: usize,
    /// Per column, how many of them fill it.
    filled: Vec<usize>,
}

impl KeyColumns {
    fn is_indicator_header(row: &Row) -> bool {
        row.cells.iter().any(|c| c == "一级指标")
    }

    /// Read the rows added to `body` since the last call.
    fn update(&mut self, body: &[Row]) {
        for row in body.get(self.read..).unwrap_or_default() {
            if Self::is_indicator_header(row) {
                self.rows = 0;
                self.filled.clear();
            } else {
                self.count(row, 1);
            }
        }
        self.read = body.len();
    }

    fn count(&mut self, row: &Row, add: isize) {
        self.rows = self.rows.saturating_add_signed(add);
        if self.filled.len() < row.cells.len() {
            self.filled.resize(row.cells.len(), 0);
        }
        for (j, c) in row.cells.iter().enumerate() {
            if !trim_cell(c).is_empty() {
                self.filled[j] = self.filled[j].saturating_add_signed(add);
            }
        }
    }

    /// Un-read the last row of `body`, about to change: the next
    /// [`KeyColumns::update`] reads it as it is then.
    fn forget_last(&mut self, body: &[Row]) {
        let Some(last) = body.last() else {
            return;
        };
        if self.read < body.len() {
            return; // not read yet
        }
        if Self::is_indicator_header(last) {
            // the rows counted were those after it: read them all again (rare)
            *self = KeyColumns::default();
            return;
        }
        self.count(last, -1);
        self.read -= 1;
    }

    fn columns(&self) -> Vec<usize> {
        if self.rows == 0 {
            return Vec::new();
        }
        (0..self.filled.len())
            .filter(|&j| self.filled[j] == self.rows)
            .collect()
    }
}

/// Assemble every table block, in document order. Each raw table is taken out
/// of its block (the emptied block keeps the table's place in the text); the
/// lines taken for page furniture by guess alone are reported first.
/// Also returns, per table, the furniture lines printed with it (each text once).
pub(super) fn assemble_all(
    blocks: &mut [Block],
    meta: &Meta,
    warnings: &mut Vec<Warning>,
) -> (Vec<Table>, Vec<Vec<TextLine>>) {
    let count = blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    let mut tables = Vec::with_capacity(count);
    let mut furniture = Vec::with_capacity(count);
    for b in blocks {
        if let Block::Table(raw) = b {
            report_guessed_furniture(raw, meta, warnings);
            let mut raw = std::mem::take(&mut **raw);
            furniture.push(furniture_of(&mut raw));
            tables.push(assemble(raw, warnings));
        }
    }
    (tables, furniture)
}

/// The furniture lines of a table in line order, each text once, without
/// the lines that repeat its title or label.
fn furniture_of(raw: &mut RawTable) -> Vec<TextLine> {
    let mut lines = std::mem::take(&mut raw.furniture);
    if lines.is_empty() {
        return Vec::new();
    }
    lines.sort_by_key(|(line, _)| *line);
    let mut seen = vec![
        compact(&raw.title).into_owned(),
        compact(&raw.label).into_owned(),
    ];
    let mut out = Vec::new();
    for (line, text) in lines {
        let key = compact(&text).into_owned();
        if key.is_empty() || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(TextLine {
            line,
            text: text.trim().into(),
        });
    }
    out
}

/// Lines consumed as page furniture only because a table continued after them
/// are reported, unless they are pieces of the department name or a title
/// (`312 秦皇岛市公安局经济技术开` + `发区分局`): no text is dropped silently.
fn report_guessed_furniture(raw: &RawTable, meta: &Meta, warnings: &mut Vec<Warning>) {
    if raw.guessed.is_empty() {
        return;
    }
    let known: Vec<String> = [
        meta.department.as_deref().unwrap_or(""),
        meta.title.as_str(),
        raw.title.as_str(),
    ]
    .iter()
    .map(|s| compact(s).into_owned())
    .collect();
    for (line, text) in &raw.guessed {
        let c = compact(text);
        if known.iter().any(|k| !c.is_empty() && k.contains(&*c)) {
            continue;
        }
        warnings.push(Warning {
            line: *line,
            message: format!(
                "“{}” between two pages of table “{}” was taken for page furniture and left out",
                text.trim(),
                raw.title.trim()
            ),
            page: None,
        });
    }
}

/// Assemble one table. Warnings (with lines) are appended to `warnings`.
fn assemble(mut raw: RawTable, warnings: &mut Vec<Warning>) -> Table {
    let title = strip_title_number(&raw.title);
    let raw_segments: Vec<Vec<RawText>> = std::mem::take(&mut raw.segments)
        .into_iter()
        .map(raw_texts)
        .collect();
    let mut segments = repaired_segments(&raw_segments);
    let raw_header = raw.header.take().map(raw_texts);
    let known_header = raw_header.as_deref().map(|rows| {
        let mut header = Vec::with_capacity(rows.len());
        push_repaired_rows(rows, &mut header);
        header
    });
    let kind = kind_of(
        &raw.title,
        known_header
            .iter()
            .flatten()
            .chain(segments.iter().flatten()),
    );
    let (header, signatures) = match known_header {
        Some(rows) => given_header(&mut segments, kind, rows),
        None => take_header(&mut segments, kind),
    };
    let pages = raw
        .pages
        .unwrap_or_else(|| u32::try_from(segments.len()).unwrap_or(u32::MAX));
    let body = merge_pages(segments, kind, &header, &signatures);
    let width = filled_width(&header, &body);
    if kind == TableKind::Grid {
        warn_non_figures(&body, width, warnings);
    }
    let first_line = raw.first_line;
    Table {
        title,
        label: raw.label.clone(),
        unit: raw.unit,
        line: raw.title_line.unwrap_or(first_line).min(first_line),
        end_line: raw.last_line,
        kind,
        header: grid_of(&header, width, header.iter().map(|r| r.text).sum()),
        row_lines: body.iter().map(|r| r.line).collect(),
        rows: grid_of(&body, width, body.iter().map(|r| r.text).sum()),
        pages,
        notes: std::mem::take(&mut raw.notes).into(),
        page: None,
        row_pages: Box::default(),
    }
}

/// Rows as a grid, each `width` cells wide (cut or padded with empty cells).
fn grid_of(rows: &[Row], width: usize, text: usize) -> Grid {
    let mut grid = GridBuilder::with_capacity(text, rows.len() * width, rows.len());
    for r in rows {
        grid.push_row_of_width(&r.cells, width);
    }
    grid.finish()
}

/// Push `rows` with every cell repaired, without the column-number rows and
/// the empty rows.
fn push_repaired_rows<'a>(rows: &'a [RawText], out: &mut Vec<Row<'a>>) {
    for raw in rows {
        let row = Row::new(raw.line, repaired_cells(raw));
        if row.text > 0 && !column_number_row(&row.cells) {
            out.push(row);
        }
    }
}

/// The page segments with every cell repaired; column-number rows, empty
/// rows and then empty segments dropped.
fn repaired_segments(segments: &[Vec<RawText>]) -> Vec<Vec<Row<'_>>> {
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        let mut rows = Vec::with_capacity(seg.len());
        push_repaired_rows(seg, &mut rows);
        if !rows.is_empty() {
            out.push(rows);
        }
    }
    out
}

/// Take the header rows off the first segment (a grid's rows before its first
/// row of figures, at most four). Returns them and the signatures of the rows
/// that, repeated on a later page, are furniture: the header rows, and for a
/// performance table its indicator header (`一级指标` …).
fn take_header<'a>(segments: &mut [Vec<Row<'a>>], kind: TableKind) -> (Vec<Row<'a>>, Vec<String>) {
    let mut header: Vec<Row> = Vec::new();
    let mut signatures: Vec<String> = Vec::new();
    if let Some(first) = segments.first_mut() {
        if kind == TableKind::Grid {
            let n = first
                .iter()
                .take(5)
                .position(|r| body_like(&r.cells))
                .unwrap_or_else(|| {
                    let short = first
                        .first()
                        .is_some_and(|r| r.cells.iter().all(|c| c.chars().count() <= 15));
                    usize::from(first.len() >= 2 && short)
                });
            header = first.drain(..n.min(4)).collect();
        }
        signatures = header.iter().map(|r| signature(&r.cells)).collect();
        if kind != TableKind::Grid
            && let Some(r) = first
                .iter()
                .find(|r| r.cells.iter().any(|c| c == "一级指标"))
        {
            signatures.push(signature(&r.cells));
        }
    }
    (header, signatures)
}

/// A header known from the page geometry: a grid keeps it; a performance
/// table reads its form rows as body rows, as it does from text.
fn given_header<'a>(
    segments: &mut Vec<Vec<Row<'a>>>,
    kind: TableKind,
    rows: Vec<Row<'a>>,
) -> (Vec<Row<'a>>, Vec<String>) {
    if kind == TableKind::Grid {
        let signatures = rows.iter().map(|r| signature(&r.cells)).collect();
        return (rows, signatures);
    }
    match segments.first_mut() {
        Some(first) => {
            first.splice(0..0, rows);
        }
        None if !rows.is_empty() => segments.push(rows),
        None => {}
    }
    (Vec::new(), Vec::new())
}

/// The body rows of all pages: header repeats at the top of a continued page
/// dropped, a row cut by a page break joined with its continuation.
fn merge_pages<'a>(
    segments: Vec<Vec<Row<'a>>>,
    kind: TableKind,
    header: &[Row],
    signatures: &[String],
) -> Vec<Row<'a>> {
    // cheap pre-check before comparing whole rows with the header
    let first_cells: Vec<&str> = header.iter().map(|r| first_cell(&r.cells)).collect();
    // the signature of a body row looked at, written in place
    let mut sig = String::new();
    let is_repeat = |r: &Row| signatures.iter().any(|s| has_signature(&r.cells, s));
    let mut body: Vec<Row> = Vec::with_capacity(segments.iter().map(Vec::len).sum());
    let mut keys = KeyColumns::default();
    let mut seen_indicator_header = false;
    for (si, seg) in segments.into_iter().enumerate() {
        let mut rows = seg.into_iter().peekable();
        if si > 0 {
            // header repeats at the top of a continued page
            while let Some(r) = rows.peek() {
                if is_repeat(r) {
                    rows.next();
                } else {
                    break;
                }
            }
            // the first page's totals rows repeated under the header
            let mut k = 0;
            while let Some(r) = rows.peek() {
                let repeat = body.get(k).is_some_and(|b| {
                    // the totals label first: most first rows have none
                    b.cells.iter().any(|c| is_total(c)) && {
                        write_signature(&b.cells, &mut sig);
                        has_signature(&r.cells, &sig)
                    }
                });
                if !repeat {
                    break;
                }
                rows.next();
                k += 1;
            }
            // a row cut by the page break continues here
            let cut = rows.next_if(|lower| cut_row_continues(&body, &mut keys, lower));
            if cut.is_some() {
                keys.forget_last(&body); // the row it continues changes
            }
            if let Some(lower) = cut
                && let Some(upper) = body.last_mut()
            {
                let width = upper.cells.len().max(lower.cells.len());
                upper.cells.resize(width, Cow::Borrowed(""));
                for (j, c) in lower.cells.iter().enumerate() {
                    upper.cells[j] = Cow::Owned(join_cut(&upper.cells[j], c));
                }
                upper.text = upper.cells.iter().map(|c| c.len()).sum();
            }
        }
        for r in rows {
            if kind != TableKind::Grid && r.cells.iter().any(|c| c == "一级指标") {
                if seen_indicator_header && is_repeat(&r) {
                    continue;
                }
                seen_indicator_header = true;
            } else if si > 0
                && !header.is_empty()
                && first_cells.contains(&first_cell(&r.cells))
                && is_repeat(&r)
            {
                continue;
            }
            body.push(r);
        }
    }
    body
}

/// Does `lower`, the first row of a page, continue the last body row?
fn cut_row_continues(body: &[Row], keys: &mut KeyColumns, lower: &Row) -> bool {
    let Some(upper) = body.last() else {
        return false;
    };
    keys.update(body);
    continues(upper, lower, &keys.columns())
}

/// The table's width: the widest row, without the columns at the right that
/// are empty everywhere.
fn filled_width(header: &[Row], body: &[Row]) -> usize {
    let mut width = header
        .iter()
        .chain(body.iter())
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    while width > 0
        && header
            .iter()
            .chain(body.iter())
            .all(|r| r.cells.get(width - 1).is_none_or(|c| c.is_empty()))
    {
        width -= 1;
    }
    width
}

/// A cell that is not a figure in a column of figures is most likely a
/// repair that failed (`12a.3`, `1.2 3.4`): say so, with its line.
fn warn_non_figures(body: &[Row], width: usize, warnings: &mut Vec<Warning>) {
    const DASHES: [&str; 6] = ["-", "—", "——", "--", "/", "－"];
    // one pass: per column, how many cells are figures and how many are not
    let mut figures = vec![0usize; width];
    let mut others = vec![0usize; width];
    for r in body {
        for (j, c) in r.cells.iter().enumerate().take(width) {
            if c.is_empty() || DASHES.contains(&&**c) {
                continue;
            }
            if is_number(c) {
                figures[j] += 1;
            } else {
                others[j] += 1;
            }
        }
    }
    let mut reported = 0;
    for j in 0..width {
        let (f, o) = (figures[j], others[j]);
        if o == 0 || f < 3 || f * 10 < (f + o) * 9 {
            continue;
        }
        for r in body {
            let Some(c) = r.cells.get(j) else {
                continue;
            };
            if c.is_empty() || DASHES.contains(&&**c) || is_number(c) || is_total(c) {
                continue;
            }
            if reported >= 20 {
                return;
            }
            reported += 1;
            warnings.push(Warning {
                line: r.line,
                message: format!("“{c}” stands in a column of figures but is not a number"),
                page: None,
            });
        }
    }
}

/// A totals label (`合计`, `人员经费合计`, `总计`): it may stand in a column of codes.
fn is_total(c: &str) -> bool {
    ["合计", "总计", "小计"].iter().any(|w| c.ends_with(w))
}

/// `12、智慧社区绩效目标表` → `智慧社区绩效目标表`; `表 1 收支总表` → `收支总表`.
fn strip_title_number(title: &str) -> String {
    let t = title.trim();
    if let Some(n) = super::numbering::numbering(t)
        && !n.rest.is_empty()
    {
        return repair_cell(n.rest);
    }
    repair_cell(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(v: &[&'a str]) -> Vec<Cell<'a>> {
        v.iter().map(|&x| Cow::Borrowed(x)).collect()
    }

    #[test]
    fn column_numbers() {
        assert!(column_number_row(&s(&["栏次", "1", "2", "3", "4"])));
        assert!(column_number_row(&s(&["档次", "1", "2"])));
        assert!(column_number_row(&s(&["", "1", "2", "3"])));
        assert!(!column_number_row(&s(&["1", "合计", "11262.73"])));
    }

    #[test]
    fn cut_rows() {
        let upper = Row::new(1, s(&["8", "2040", "其他", "3295", "3295"]));
        let lower = Row::new(2, s(&["", "299", "公安支出", ".04", ".04"]));
        assert!(continues(&upper, &lower, &[0, 1, 2]));
        let not = Row::new(2, s(&["", "", "抚恤", "50"]));
        let up2 = Row::new(1, s(&["5. 其他收入", "0", "职业年金缴费支出", "336"]));
        assert!(!continues(&up2, &not, &[0, 1, 2, 3]));
    }

    /// The old reading of the key columns, from scratch: the columns every
    /// row after the last indicator header fills.
    fn key_columns_from_scratch(body: &[Row]) -> Vec<usize> {
        let from = body
            .iter()
            .rposition(|r| r.cells.iter().any(|c| c == "一级指标"))
            .map_or(0, |i| i + 1);
        let rows = &body[from..];
        if rows.is_empty() {
            return Vec::new();
        }
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        (0..width)
            .filter(|&j| {
                rows.iter()
                    .all(|r| r.cells.get(j).is_some_and(|c| !trim_cell(c).is_empty()))
            })
            .collect()
    }

    proptest::proptest! {
        /// A row has a signature when its own signature is that one.
        #[test]
        fn signatures_are_told_as_written(
            a in proptest::collection::vec("[ a中\t\u{1}\u{3000}]{0,4}", 0..5),
            b in proptest::collection::vec("[ a中\t\u{1}\u{3000}]{0,4}", 0..5),
        ) {
            let (a, b) = (s(&a.iter().map(String::as_str).collect::<Vec<_>>()),
                s(&b.iter().map(String::as_str).collect::<Vec<_>>()));
            let (sa, sb) = (signature(&a), signature(&b));
            let compacted: String = a.iter().map(|c| compact(c)).collect();
            let pushed: String = a.iter().fold(String::new(), |mut out, c| {
                push_compact(&mut out, c);
                out
            });
            proptest::prop_assert_eq!(pushed, compacted);
            proptest::prop_assert!(has_signature(&a, &sa));
            proptest::prop_assert_eq!(has_signature(&a, &sb), sa == sb);
        }

        /// Kept up to date row by row (and as the last row is joined with
        /// the rest of a cut row), the key columns are those read afresh.
        #[test]
        fn key_columns_follow_the_rows(
            steps in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec!["", " ", "x", "1", "一级指标", "一级", "指标"]),
                        0..5,
                    ),
                    proptest::bool::ANY,
                    proptest::bool::ANY,
                ),
                0..30,
            )
        ) {
            let mut body: Vec<Row> = Vec::new();
            let mut keys = KeyColumns::default();
            for (cells, join, read_now) in steps {
                let row = Row::new(1, s(&cells));
                if join && !body.is_empty() {
                    keys.forget_last(&body);
                    let last = body.len() - 1;
                    let width = body[last].cells.len().max(row.cells.len());
                    body[last].cells.resize(width, Cow::Borrowed(""));
                    for (j, c) in row.cells.iter().enumerate() {
                        body[last].cells[j] = Cow::Owned(join_cut(&body[last].cells[j], c));
                    }
                } else {
                    body.push(row);
                }
                if read_now {
                    keys.update(&body);
                    proptest::prop_assert_eq!(keys.columns(), key_columns_from_scratch(&body));
                }
            }
        }
    }
}
