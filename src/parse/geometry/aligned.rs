//! Tables without ruling lines, read from where their text sits: the one builder of such
//! tables, for PDF pages and for space-aligned text put on a grid of cells
//! ([`super::text_grid`]) alike.
//!
//! The input is a run of lines, top to bottom, each a list of fields (phrases separated by a
//! column gap) with their x extents; blank lines stand where the text leaves a line empty.
//! Columns come from the x ranges covered by the fields of the lines holding figures,
//! separated by gutters no such line crosses (a column no figure line touches still gets its
//! header). A line holding a figure anchors a row; short text-only lines are wrapped cell
//! text (fragments), joined to the row they belong to: within a group of lines between blank
//! lines, fragments above the first anchor go to it, fragments between two anchors are split
//! (a vertically centred cell wraps evenly above and below its figures), fragments after the
//! last go to it. On every page the lines above the first figure line are the header; a
//! header repeated on a later page is page furniture.
//!
//! Words: field = a phrase of a line, text between column gaps; anchor = the line a row's
//! figures stand on; fragment = a piece of wrapped cell text; em = the font size.

use super::super::amount::{is_null_amount, parse_amount};
use super::super::chars::char_len;
use super::super::line_kinds::{ends_sentence, furniture_line, label_of, title_like};
use super::super::units::unit_statement;
use super::lines::{TextLine, Word};

/// More columns than this is not a table (and keeps the work per line bounded).
pub const MAX_COLUMNS: usize = 64;
/// Longest wrapped-name fragment, in characters.
const MAX_FRAGMENT_CHARS: usize = 24;
/// Fields closer than this many ems to a column count as touching it.
const TOUCH_EMS: f32 = 1.5;
/// Words further apart than this many ems are in different fields (two spaces of text).
pub const COLUMN_GAP: f32 = 1.0;

/// A phrase of a line: its text and its x extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    /// The font size, the unit of the tolerances.
    pub em: f32,
    /// The words it is made of.
    pub words: Vec<Word>,
}

/// One line of a run: its fields left to right (none for a blank line).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AlignedLine {
    pub fields: Vec<Field>,
    /// A blank line that stands for a page break.
    pub page_break: bool,
    /// No part of an aligned table, whatever its fields (a tab-separated row, an over-long
    /// line): it ends a run.
    pub hard: bool,
}

/// The fields of a line: its words merged where the gap between them is under
/// [`COLUMN_GAP`] ems, their texts joined by one space.
pub fn fields_of(line: &TextLine) -> Vec<Field> {
    fields_of_words(line.words.iter().cloned())
}

/// [`fields_of`] the words of a line (left to right), taking them.
pub fn fields_of_words(words: impl IntoIterator<Item = Word>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(f) if w.rect.x0 - f.x1 < COLUMN_GAP * f.em.min(w.size).max(0.5) => {
                f.text.push(' ');
                f.text.push_str(&w.text);
                f.x1 = f.x1.max(w.rect.x1);
                f.em = f.em.max(w.size);
                f.words.push(w);
            }
            _ => out.push(Field {
                x0: w.rect.x0,
                x1: w.rect.x1,
                text: w.text.clone(),
                em: w.size,
                words: vec![w],
            }),
        }
    }
    out
}

impl AlignedLine {
    pub fn blank(page_break: bool) -> AlignedLine {
        AlignedLine {
            page_break,
            ..AlignedLine::default()
        }
    }

    /// A line of text with its fields.
    pub fn of(line: &TextLine) -> AlignedLine {
        AlignedLine {
            fields: fields_of(line),
            ..AlignedLine::default()
        }
    }

    /// A line of text with the fields of its words (left to right), taking them.
    pub fn of_words(words: Vec<Word>) -> AlignedLine {
        AlignedLine {
            fields: fields_of_words(words),
            ..AlignedLine::default()
        }
    }

    /// A line that is no part of a table (see [`AlignedLine::hard`]).
    pub fn hard() -> AlignedLine {
        AlignedLine {
            hard: true,
            ..AlignedLine::default()
        }
    }

    pub fn is_blank(&self) -> bool {
        self.fields.is_empty() && !self.hard
    }

    /// May be a row of a table: two or more fields.
    pub fn row_like(&self) -> bool {
        !self.hard && self.fields.len() >= 2
    }

    /// A short single-field line that may be part of a wrapped cell.
    pub fn fragment_like(&self) -> bool {
        match self.fields.as_slice() {
            [field] if !self.hard => fragment_text(&field.text),
            _ => false,
        }
    }

    /// A line holding only a figure (or a null marker).
    fn lone_figure(&self) -> bool {
        !self.hard && matches!(self.fields.as_slice(), [f] if is_figure(&f.text))
    }

    /// Whether [`candidate_runs`] may take the line into a run (or see it
    /// between two lines of one): a blank, row-like or fragment-like line, or
    /// a lone figure. Any other line ends a run, as a hard one does.
    pub fn may_join_run(&self) -> bool {
        self.is_blank() || self.row_like() || self.fragment_like() || self.lone_figure()
    }
}

/// Whether a line of one field with this text may join a run (see
/// [`AlignedLine::may_join_run`]): a fragment of a wrapped cell, or a lone figure.
pub fn one_field_may_join(text: &str) -> bool {
    fragment_text(text) || is_figure(text)
}

/// A short phrase that may be part of a wrapped cell: no title, label, unit
/// statement, page furniture or sentence.
fn fragment_text(text: &str) -> bool {
    let t = text.trim();
    // (a character takes at most four bytes: a long line is told by its bytes)
    !t.is_empty()
        && t.len() <= 4 * MAX_FRAGMENT_CHARS
        && char_len(t) <= MAX_FRAGMENT_CHARS
        && !title_like(t)
        && label_of(t).is_none()
        && unit_statement(t).is_none()
        && !furniture_line(t)
        && !ends_sentence(t)
        && !t.contains('。')
}

/// A column: the x range its fields cover.
pub type Column = (f32, f32);

/// One row of a table read from aligned text.
#[derive(Debug, Clone, PartialEq)]
pub enum AlignedRow {
    /// The row's cells (one per column, `""` for a blank cell); `anchor` is the line its
    /// figures (or its own text) stand on, `lines` every line whose text it took.
    Cells {
        anchor: usize,
        lines: Vec<usize>,
        cells: Vec<String>,
    },
    /// A page break inside the table (at that line).
    PageBreak { line: usize },
}

/// A table read from a run of lines.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedTable {
    /// Column x ranges, left to right.
    pub columns: Vec<(f32, f32)>,
    /// Rows and page breaks in line order.
    pub rows: Vec<AlignedRow>,
}

/// The runs of `lines` that may be tables: `(start, end)` (end exclusive), in order. A run
/// starts at a row-like line (two or more fields), takes the row-like lines after it, with
/// wrapped-cell fragments and lone figures among them and up to two blank lines between;
/// fragments after the last row-like line belong to it only when directly below it. One or
/// two fragment lines just above the first row-like line may be the top of its first cell.
pub fn candidate_runs(lines: &[AlignedLine]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].row_like() {
            i += 1;
            continue;
        }
        let end = run_end(lines, i);
        let floor = out.last().map_or(0, |&(_, e)| e);
        let mut start = i;
        while start > floor && i - start < 2 && lines[start - 1].fragment_like() {
            start -= 1;
        }
        out.push((start, end));
        i = end;
    }
    out
}

/// The end (exclusive) of the run starting at `start` (see [`candidate_runs`]).
fn run_end(lines: &[AlignedLine], start: usize) -> usize {
    let mut end = start + 1;
    let mut blanks = 0;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        if line.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        if line.row_like() {
            end = j + 1;
        } else if line.fragment_like() || line.lone_figure() {
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

/// A figure or a null marker (`-`, `——`, `/`).
pub fn is_figure(s: &str) -> bool {
    parse_amount(s).is_some() || (is_null_amount(s) && !s.trim().is_empty())
}

/// The run as a table, or `None` if it does not read as one (fewer than two columns, too
/// many, or a list of names and page numbers).
pub fn read_run(run: &[AlignedLine]) -> Option<AlignedTable> {
    let cols = columns_of(run)?;
    let figure_col = figure_column_flags(run, &cols);
    let decimals = run
        .iter()
        .flat_map(|l| &l.fields)
        .any(|f| is_figure(&f.text) && f.text.contains(['.', ',']));
    let widest = run.iter().map(|l| l.fields.len()).max().unwrap_or(0);
    if widest < 3 && !decimals {
        return None; // a list of names and page numbers, not a table
    }
    let (header, repeat) = header_lines(run);
    let roles = roles_of(run, &cols, &figure_col, &header, &repeat);
    let owners = assign_fragments(&roles);
    Some(AlignedTable {
        rows: join_rows(run, &cols, &roles, &owners),
        columns: cols,
    })
}

/// The columns of a run: from the lines holding figures (all lines with two or more fields if
/// fewer than two do), plus the runs of fields no column covers or touches.
fn columns_of(run: &[AlignedLine]) -> Option<Vec<Column>> {
    let cols = figure_columns(run);
    if cols.len() < 2 || cols.len() > MAX_COLUMNS {
        return None;
    }
    with_uncovered(cols, run)
}

/// How many columns [`read_run`] would find (0 when it finds no table): for choosing between
/// two ways of measuring the same text.
pub fn column_count(run: &[AlignedLine]) -> usize {
    figure_columns(run).len()
}

/// Columns from the lines holding figures (all lines if fewer than two do).
fn figure_columns(run: &[AlignedLine]) -> Vec<Column> {
    let with_figures: Vec<&AlignedLine> = run
        .iter()
        .filter(|l| l.fields.len() >= 2 && l.fields.iter().any(|f| is_figure(&f.text)))
        .collect();
    if with_figures.len() >= 2 {
        covered(&with_figures)
    } else {
        covered(
            &run.iter()
                .filter(|l| l.fields.len() >= 2)
                .collect::<Vec<_>>(),
        )
    }
}

/// The x ranges covered by the fields of the given lines (touching ranges merge).
fn covered(lines: &[&AlignedLine]) -> Vec<Column> {
    let mut spans: Vec<Column> = lines
        .iter()
        .flat_map(|l| l.fields.iter().map(|f| (f.x0, f.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut cols: Vec<Column> = Vec::new();
    for (s, e) in spans {
        match cols.last_mut() {
            Some(last) if s <= last.1 + 0.01 => last.1 = last.1.max(e),
            _ => cols.push((s, e)),
        }
    }
    cols
}

/// Add a column for every run of fields that no column covers or touches (a column left empty
/// in every row of figures still has its header).
fn with_uncovered(mut cols: Vec<Column>, run: &[AlignedLine]) -> Option<Vec<Column>> {
    let mut extra: Vec<Column> = run
        .iter()
        .flat_map(|l| &l.fields)
        .filter(|f| {
            let touch = TOUCH_EMS * f.em;
            !cols
                .iter()
                .any(|&(s, e)| f.x0 < e + touch && s < f.x1 + touch)
        })
        .map(|f| (f.x0, f.x1))
        .collect();
    extra.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (s, e) in extra {
        match cols.iter_mut().find(|c| s < c.1 && c.0 < e) {
            Some(c) => *c = (c.0.min(s), c.1.max(e)),
            None => cols.push((s, e)),
        }
        cols.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        if cols.len() > MAX_COLUMNS {
            return None;
        }
    }
    Some(cols)
}

/// The column a field belongs to: most overlap, else the nearest.
pub fn column_of(cols: &[Column], f: &Field) -> usize {
    let mut best = 0usize;
    let mut best_key = (0.0f32, f32::INFINITY);
    for (k, &(s, e)) in cols.iter().enumerate() {
        let overlap = (f.x1.min(e) - f.x0.max(s)).max(0.0);
        let distance = if overlap > 0.0 {
            0.0
        } else if f.x1 <= s {
            s - f.x1
        } else {
            (f.x0 - e).max(0.0)
        };
        if overlap > best_key.0 || (overlap == best_key.0 && distance < best_key.1) {
            best = k;
            best_key = (overlap, distance);
        }
    }
    best
}

/// Which columns hold figures: most of their fields in lines with figures are figures.
fn figure_column_flags(run: &[AlignedLine], cols: &[Column]) -> Vec<bool> {
    let mut figure = vec![(0usize, 0usize); cols.len()];
    for line in run
        .iter()
        .filter(|l| l.fields.iter().any(|f| is_figure(&f.text)))
    {
        for f in &line.fields {
            let c = column_of(cols, f);
            figure[c].1 += 1;
            if is_figure(&f.text) {
                figure[c].0 += 1;
            }
        }
    }
    figure.iter().map(|&(n, all)| n * 2 > all).collect()
}

/// On every page, the lines in the blank-separated groups above the first line of figures are
/// the header; returns which lines are header lines, and which repeat the first page's header
/// (page furniture).
fn header_lines(run: &[AlignedLine]) -> (Vec<bool>, Vec<bool>) {
    let mut header = vec![false; run.len()];
    let mut repeat = vec![false; run.len()];
    let mut first_header: Option<Vec<&str>> = None;
    let mut page_start = 0;
    for k in 0..=run.len() {
        if k < run.len() && !run[k].page_break {
            continue;
        }
        if let Some(first) =
            (page_start..k).find(|&j| run[j].fields.iter().any(|f| is_figure(&f.text)))
        {
            let end = (page_start..first)
                .rev()
                .find(|&j| run[j].is_blank())
                .map_or(page_start, |j| j + 1);
            header[page_start..end].fill(true);
            let words: Vec<&str> = run[page_start..end]
                .iter()
                .flat_map(|l| &l.fields)
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

/// What one line of a run is.
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

/// What each line of the run is (see [`Role`]).
fn roles_of(
    run: &[AlignedLine],
    cols: &[Column],
    figure_col: &[bool],
    header: &[bool],
    repeat: &[bool],
) -> Vec<Role> {
    let has_figure_columns = figure_col.iter().any(|&b| b);
    run.iter()
        .enumerate()
        .map(|(k, line)| {
            let fields = &line.fields;
            if repeat[k] {
                return Role::Blank;
            }
            if header[k] && !fields.is_empty() {
                return Role::Own;
            }
            let text_only = fields.iter().all(|f| !figure_col[column_of(cols, f)]);
            let short = fields
                .iter()
                .all(|f| char_len(&f.text) <= MAX_FRAGMENT_CHARS);
            if fields.is_empty() {
                Role::Blank
            } else if fields.iter().any(|f| is_figure(&f.text)) {
                Role::Figures
            } else if text_only && short && (fields.len() == 1 || has_figure_columns) {
                Role::Fragment
            } else {
                Role::Own
            }
        })
        .collect()
}

/// Every line with text goes to its row, keyed by the row's anchor line. Page breaks stay
/// (the table's page segments are told apart by them).
fn join_rows(
    run: &[AlignedLine],
    cols: &[Column],
    roles: &[Role],
    owners: &[Option<usize>],
) -> Vec<AlignedRow> {
    let mut rows: std::collections::BTreeMap<usize, (Vec<usize>, Vec<String>)> = Default::default();
    let mut out: Vec<(usize, AlignedRow)> = Vec::new();
    for (k, line) in run.iter().enumerate() {
        if roles[k] == Role::Blank {
            if line.is_blank() && line.page_break {
                out.push((k, AlignedRow::PageBreak { line: k }));
            }
            continue;
        }
        let anchor = match roles[k] {
            Role::Fragment => owners[k].unwrap_or_else(|| first_of_run(roles, owners, k)),
            _ => k,
        };
        let (lines, cells) = rows
            .entry(anchor)
            .or_insert_with(|| (Vec::new(), vec![String::new(); cols.len()]));
        lines.push(k);
        for f in &line.fields {
            let cell = &mut cells[column_of(cols, f)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&f.text);
        }
    }
    out.extend(rows.into_iter().map(|(anchor, (lines, cells))| {
        (
            anchor,
            AlignedRow::Cells {
                anchor,
                lines,
                cells,
            },
        )
    }));
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, r)| r).collect()
}

/// The first line of the run of anchorless fragments holding line `k`.
fn first_of_run(roles: &[Role], owners: &[Option<usize>], k: usize) -> usize {
    let mut j = k;
    while j > 0 && roles[j - 1] == Role::Fragment && owners[j - 1].is_none() {
        j -= 1;
    }
    j
}

/// For every fragment line, the anchor line (a `Figures` or `Own` line) whose cells it
/// continues; `None` for fragments with no anchor in their group (see the module comment).
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
    let (Some(&first), Some(&last)) = (anchors.first(), anchors.last()) else {
        return;
    };
    let mut above_count = vec![0usize; roles.len()];
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
    for owner in owners.iter_mut().take(end).skip(last + 1) {
        *owner = Some(last);
    }
}
