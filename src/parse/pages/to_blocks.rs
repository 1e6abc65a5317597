//! The pieces of a PDF as the blocks the parsing stages read, every line numbered: one line
//! per paragraph, contents entry, caption line, table row and note, in reading order. That
//! numbering is the document's text as the prose view shows it; the page of each line is
//! kept beside it.

use super::super::blocks::{Block, RawCells, RawRow, RawTable};
use super::super::geometry::Table;
use super::super::geometry::header::{header_rows, is_figure};
use super::super::numbering::numbering;
use super::super::sections::Emphasis;
use super::captions::unit_line;
use super::items::{CaptionKind, DISPLAY, PageTable, Paragraph, Piece};
use crate::model::{LineNo, PageNo};

/// The blocks of a PDF and what the later stages need to know beside them.
#[derive(Debug, Default)]
pub(super) struct Numbered {
    pub(super) blocks: Vec<Block>,
    /// The page of every line (line `n` at index `n - 1`).
    pub(super) line_pages: Vec<PageNo>,
    pub(super) emphasis: Emphasis,
    /// The unit lines of table captions (`部门：国家信访局 单位：万元`), with their page.
    pub(super) caption_units: Vec<(PageNo, String)>,
}

impl Numbered {
    /// Number the next line, on `page`.
    fn line(&mut self, page: PageNo) -> LineNo {
        self.line_pages.push(page);
        LineNo::try_from(self.line_pages.len()).unwrap_or(LineNo::MAX)
    }
}

/// Number the pieces' lines and make blocks of them. `body` is the body text's font size.
pub(super) fn to_blocks(pieces: Vec<Piece>, body: f32) -> Numbered {
    let mut n = Numbered::default();
    for piece in pieces {
        match piece {
            Piece::Paragraph(p) => {
                let line = n.line(p.page);
                classify(&mut n.emphasis, line, &p, body);
                n.blocks.push(Block::Text { line, text: p.text });
            }
            Piece::Line(l) => {
                let line = n.line(l.page);
                n.blocks.push(Block::Text {
                    line,
                    text: l.text(),
                });
            }
            Piece::Contents { title, entries } => {
                let line = n.line(title.page);
                let entries = entries
                    .into_iter()
                    .map(|e| (n.line(e.page), e.text))
                    .collect();
                n.blocks.push(Block::Contents {
                    line,
                    title: title.text,
                    entries,
                });
            }
            Piece::Table(t) => {
                let raw = raw_table(&mut n, *t);
                n.blocks.push(Block::Table(Box::new(raw)));
            }
        }
    }
    n
}

/// Larger or bold lines may be headings (not a date: `二〇二五年七月`); lines in the body's
/// size and weight are text.
fn classify(emphasis: &mut Emphasis, line: LineNo, p: &Paragraph, body: f32) {
    if is_date(&p.text) {
        return;
    }
    if p.opens_page && numbering(&p.text).is_none() {
        emphasis.parts.insert(line);
    }
    if p.bold || p.size >= body * DISPLAY {
        emphasis.display.insert(line);
    } else if (p.size - body).abs() <= 0.1 * body {
        emphasis.plain.insert(line);
    }
}

/// A table as a raw table whose header is known: caption, header rows, body rows, notes,
/// each on its own line.
fn raw_table(n: &mut Numbered, t: PageTable) -> RawTable {
    let mut raw = RawTable::default();
    let mut first: Option<LineNo> = None;
    for c in &t.caption {
        let line = n.line(c.page);
        first.get_or_insert(line);
        match c.kind {
            CaptionKind::Title if raw.title.is_empty() => {
                raw.title = c.text.clone();
                raw.title_line = Some(line);
            }
            CaptionKind::Label if raw.label.is_empty() => raw.label = c.text.clone(),
            CaptionKind::Unit => {
                if let Some((unit, _)) = unit_line(&c.text) {
                    raw.unit = raw.unit.or(unit);
                }
                n.caption_units.push((c.page, c.text.clone()));
            }
            _ => {}
        }
    }
    let header = header_count(&t.table);
    let mut header_rows: Vec<RawRow> = Vec::new();
    let mut body: Vec<RawRow> = Vec::new();
    for r in 0..t.table.rows {
        let page = t
            .row_pages
            .get(r)
            .copied()
            .unwrap_or_else(|| t.first_page());
        let line = n.line(page);
        first.get_or_insert(line);
        let row = RawRow {
            line,
            last: line,
            cells: row_cells(&t.table, r),
        };
        if r < header {
            header_rows.push(row);
        } else {
            body.push(row);
        }
    }
    let mut last = LineNo::try_from(n.line_pages.len()).unwrap_or(LineNo::MAX);
    for (page, note) in t.notes {
        last = n.line(page);
        raw.notes.push(note);
    }
    raw.first_line = first.unwrap_or(last);
    raw.last_line = last;
    raw.segments = vec![body];
    raw.header = Some(header_rows);
    raw.pages = Some(t.pages);
    raw
}

/// One row's cells as text: a merged cell's text in its first slot, the slots it covers
/// beside and below it blank.
fn row_cells(table: &Table, row: usize) -> RawCells {
    RawCells::new((0..table.cols).map(|col| match table.cell(row, col) {
        Some(c) if c.row == row && c.col == col => c.text.as_str(),
        _ => "",
    }))
}

/// How many leading rows are header: [`header_rows`] when some row holds figures; in a table
/// without figures (an empty table), the rows before the first blank or total row.
fn header_count(table: &Table) -> usize {
    let has_figures = table.cells.iter().any(|c| is_figure(&c.text));
    if has_figures {
        return header_rows(table);
    }
    let blank_or_total = (0..table.rows).find(|&r| {
        let texts: Vec<&str> = table
            .row_cells(r)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        texts.is_empty() || texts.first().is_some_and(|t| is_total(t))
    });
    let n = blank_or_total.unwrap_or(1).clamp(1, 4);
    // a header cell reaching further down keeps its rows in the header
    table
        .cells
        .iter()
        .filter(|c| c.row < n && !c.is_blank())
        .map(|c| c.row + c.row_span)
        .max()
        .unwrap_or(n)
        .max(n)
        .min(table.rows)
}

/// A date alone on a line: `二〇二五年七月`, `2025年7月`, `2024 年 12 月 31 日`.
fn is_date(text: &str) -> bool {
    let c: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |ch: char| ch.is_ascii_digit() || "〇零一二三四五六七八九十".contains(ch);
    let mut parts = 0;
    let mut rest = c.as_str();
    for unit in ['年', '月', '日'] {
        let n = rest.chars().take_while(|&ch| numeral(ch)).count();
        let len: usize = rest.chars().take(n).map(char::len_utf8).sum();
        match rest[len..].strip_prefix(unit) {
            Some(tail) if n > 0 => {
                rest = tail;
                parts += 1;
            }
            _ => break,
        }
    }
    parts >= 2 && rest.is_empty()
}

fn is_total(text: &str) -> bool {
    let c: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(c.as_str(), "合计" | "总计" | "小计" | "共计")
}
