//! Lines → blocks: prose lines, the table of contents, and tables (still raw:
//! page segments of rows, with the title, label and unit found around them).
//!
//! Two table encodings are recognized: tab-separated rows (one line per row)
//! and one cell per line (each cell on its own line starting with a tab, a
//! blank line ends the row). Page furniture between two segments of one table
//! (repeated title, label, department, year and unit lines) is consumed here;
//! header repeats and cut rows are handled when the table is assembled.

use std::borrow::Cow;

use super::chars::{char_len, compact, find_byte};
use super::line_kinds::{
    ends_sentence, furniture_line, label_of, strip_bullet, title_like, title_line_like,
};
use super::normalize::Line;
use super::numbering::numbering;
use super::units::unit_statement;
use crate::model::{LineNo, Unit};

mod raw_row;
pub(super) use raw_row::{RawCells, RawRow};

/// A table before assembly.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct RawTable {
    pub(super) title: String,
    pub(super) title_line: Option<LineNo>,
    pub(super) label: String,
    pub(super) unit: Option<Unit>,
    /// Rows, split where a page break (blank lines or furniture) interrupted them.
    pub(super) segments: Vec<Vec<RawRow>>,
    /// `注：…` lines printed under the table.
    pub(super) notes: Vec<String>,
    /// True when the rows were encoded one cell per line.
    pub(super) cell_per_line: bool,
    /// Short lines between segments taken for page furniture by guess alone
    /// (not a known furniture shape): checked against the department later.
    pub(super) guessed: Vec<(LineNo, String)>,
    /// Furniture lines taken above the table and between its pages
    /// (department, year lines; repeated titles), as printed.
    pub(super) furniture: Vec<(LineNo, String)>,
    pub(super) first_line: LineNo,
    pub(super) last_line: LineNo,
    /// Header rows known from the page geometry (PDF input); `None` when the
    /// header is to be found from the rows (text input).
    pub(super) header: Option<Vec<RawRow>>,
    /// How many pages the table was printed on, when known from the page geometry (its
    /// pages are then joined into one segment); `None`: one per segment.
    pub(super) pages: Option<u32>,
}

/// The document as a sequence of blocks.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// A non-blank prose line.
    Text { line: LineNo, text: String },
    /// The table of contents: its heading line and entries.
    Contents {
        line: LineNo,
        title: String,
        entries: Vec<(LineNo, String)>,
    },
    /// Boxed: a table's fields are many, and most blocks are text lines.
    Table(Box<RawTable>),
}

/// A line, or the lines of one row, on the way to blocks. A row's fields are
/// the item's own rather than a [`RawRow`]'s, so that an item takes 32 bytes,
/// not 40 (there is one per line of the document, all held at once).
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Blank,
    Text {
        line: LineNo,
        text: String,
    },
    Row {
        line: LineNo,
        last: LineNo,
        /// [`RawCells::into_parts`].
        count: u32,
        cells: Box<str>,
        cell_per_line: bool,
    },
}

impl Item {
    fn row(row: RawRow, cell_per_line: bool) -> Item {
        let (cells, count) = row.cells.into_parts();
        Item::Row {
            line: row.line,
            last: row.last,
            count,
            cells,
            cell_per_line,
        }
    }
}

/// True for a line of a table of contents with dot leaders and a page number:
/// `部门预算收支总表.....⇥1` (⇥ = tab).
fn leader_entry(s: &str) -> Option<String> {
    let t = s.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == t.len() {
        return None;
    }
    let body = body.trim_end_matches([' ', '\t']);
    let stripped = body.trim_end_matches(['.', '．', '…', '·', '-', '—', '_']);
    // the leaders are what was stripped: count their characters only
    if body[stripped.len()..].chars().count() >= 3 {
        Some(stripped.replace('\t', " ").trim().to_string())
    } else {
        None
    }
}

/// Trim a string without reallocating.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
}

/// A blank line; a line holding only a tab is an empty cell, not a blank.
fn is_blank(s: &str) -> bool {
    !has_tab(s) && s.chars().all(char::is_whitespace)
}

fn has_tab(s: &str) -> bool {
    find_byte(b'\t', s.as_bytes()).is_some()
}

fn is_cell_line(s: &str) -> bool {
    s.starts_with('\t') && !has_tab(&s[1..])
}

/// More cells than any budget table has columns: a line split into more is
/// not read as a table row (a table's columns each cost memory and work in
/// every later stage, so a line of a million tabs would cost gigabytes).
const MAX_ROW_CELLS: usize = 1024;

/// Lines → items: blank, text, or a row (tab-separated, or one cell per line).
fn items(mut lines: Vec<Line<'_>>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text: &str = &line.text;
        if is_blank(text) {
            out.push(Item::Blank);
            i += 1;
            continue;
        }
        if let Some(entry) = leader_entry(text) {
            out.push(Item::Text {
                line: line.no,
                text: entry,
            });
            i += 1;
            continue;
        }
        if is_cell_line(text) {
            // one cell per line: gather until a blank line; a line without a
            // leading tab continues the cell above it
            let mut cells: Vec<String> = Vec::new();
            let start = line.no;
            let mut last_line = line.no;
            while i < lines.len() {
                let t: &str = &lines[i].text;
                if is_blank(t) || (is_cell_line(t) && cells.len() >= MAX_ROW_CELLS) {
                    break;
                }
                if is_cell_line(t) {
                    cells.push(t[1..].trim_ascii().to_string());
                } else if has_tab(t) {
                    break;
                } else if let Some(last) = cells.last_mut() {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(t.trim());
                }
                last_line = lines[i].no;
                i += 1;
            }
            out.push(Item::row(
                RawRow {
                    line: start,
                    last: last_line,
                    cells: RawCells::new(cells.iter().map(String::as_str)),
                },
                true,
            ));
            continue;
        }
        // a tab-separated line of at most MAX_ROW_CELLS cells
        if has_tab(text)
            && let Some(cells) = RawCells::from_tab_line(text, MAX_ROW_CELLS)
        {
            out.push(Item::row(
                RawRow {
                    line: line.no,
                    last: line.no,
                    cells,
                },
                false,
            ));
            i += 1;
            continue;
        }
        let no = line.no;
        let text = match std::mem::take(&mut lines[i].text) {
            Cow::Owned(mut owned) => {
                trim_in_place(&mut owned);
                owned
            }
            Cow::Borrowed(text) => text.trim().to_string(),
        };
        out.push(Item::Text { line: no, text });
        i += 1;
    }
    merge_title_rows(out)
}

fn nonempty_cells(cells: &str, count: u32) -> impl Iterator<Item = &str> {
    RawCells::iter_parts(cells, count).filter(|c| !c.chars().all(char::is_whitespace))
}

/// A one-cell row that is really a title (`⇥办案维稳经费预算项目绩效表`) becomes
/// text; a one-cell row followed by the rest of its title on a text line
/// (`⇥居民身份证自助受理设备购置项目` … `预算项目绩效表`) becomes one title.
fn merge_title_rows(mut items: Vec<Item>) -> Vec<Item> {
    // In place: each step reads the item at `i` (looking ahead, never
    // behind) and writes one item at `w <= i`, so a document's items are
    // not held twice.
    let mut w = 0;
    let mut i = 0;
    while i < items.len() {
        let (merged, next) = match title_of_row(&items, i) {
            Some((title, next)) => (title, next),
            None => (std::mem::replace(&mut items[i], Item::Blank), i + 1),
        };
        items[w] = merged;
        w += 1;
        i = next;
    }
    items.truncate(w);
    items
}

/// The title that the one-cell row at `i` is, alone or with the text line
/// after it, and the index after what it took (see [`merge_title_rows`]).
fn title_of_row(items: &[Item], i: usize) -> Option<(Item, usize)> {
    let Item::Row {
        line,
        count,
        cells,
        cell_per_line: true,
        ..
    } = &items[i]
    else {
        return None;
    };
    let line = *line;
    let cells: Vec<&str> = nonempty_cells(cells, *count).collect();
    let [cell] = cells.as_slice() else {
        return None;
    };
    if title_like(cell) || unit_statement(cell).is_some() {
        let text = cell.to_string();
        return Some((Item::Text { line, text }, i + 1));
    }
    // look for the title's tail after blank lines
    let mut j = i + 1;
    while j < items.len() && j < i + 4 && items[j] == Item::Blank {
        j += 1;
    }
    let Some(Item::Text { text, .. }) = items.get(j) else {
        return None;
    };
    let mut k = j + 1;
    while k < items.len() && k < j + 4 && items[k] == Item::Blank {
        k += 1;
    }
    let next_is_row = matches!(items.get(k), Some(Item::Row { .. }));
    if title_like(text) && char_len(text) <= 12 && next_is_row {
        let text = format!("{cell}{}", text.trim());
        return Some((Item::Text { line, text }, j + 1));
    }
    None
}

/// A short line continuing the furniture line above it: `312 秦皇岛市公安局经济技术开`
/// + `发区分局`.
fn continues_furniture(out: &[Block], k: usize) -> bool {
    let Some(Block::Text { text, .. }) = out.get(k) else {
        return false;
    };
    if char_len(text) > 12 || text.contains(['，', '。', '：', ':']) || k == 0 {
        return false;
    }
    matches!(out.get(k - 1), Some(Block::Text { text: above, .. }) if furniture_line(above) && !above.contains(['：', ':']))
}

/// Numbered line that reads like a heading (not a table title, not a sentence).
fn heading_like(s: &str) -> bool {
    let s = strip_bullet(s);
    match numbering(s) {
        Some(n) => !n.rest.is_empty() && !title_like(n.rest),
        None => false,
    }
}

/// Find the table of contents: a line ending in 目录 followed by entries,
/// ending where an entry repeats as a real line.
fn find_toc(items: &[Item]) -> Option<(usize, usize)> {
    let start = items.iter().position(|it| match it {
        // (the compacted text ends as the text does, whitespace aside)
        Item::Text { text, .. } if text.len() <= 120 && text.trim_end().ends_with(['录', '次']) =>
        {
            let c = compact(text);
            (c.ends_with("目录") || c == "目次") && char_len(&c) <= 30
        }
        _ => false,
    })?;
    let mut entries: Vec<String> = Vec::new();
    let mut end = start + 1;
    while end < items.len() {
        match &items[end] {
            Item::Blank => {}
            Item::Row { .. } => break,
            Item::Text { text, .. } => {
                let key = compact(strip_bullet(text));
                if entries.iter().any(|e| **e == *key) {
                    break;
                }
                if char_len(text) > 60 || text.contains('。') {
                    break;
                }
                // a repeated document title after the contents ends them
                if entries.len() >= 2 && title_line_like(text) {
                    break;
                }
                entries.push(key.into_owned());
            }
        }
        end += 1;
        if entries.len() > 120 {
            break;
        }
    }
    if entries.is_empty() {
        return None;
    }
    // do not swallow trailing blank lines
    while end > start + 1 && items[end - 1] == Item::Blank {
        end -= 1;
    }
    Some((start, end))
}

/// How a text line between table rows is to be treated.
enum Gap {
    Furniture,
    /// A short line taken for furniture only because a table continues after it.
    Guess,
    Note,
    Break,
}

struct Open {
    table: RawTable,
    /// Items seen since the last row that may be furniture (given back if the table ends).
    pending: Vec<Item>,
    pending_texts: usize,
    /// Pending lines taken for furniture by guess (reported if consumed).
    pending_guesses: Vec<(LineNo, String)>,
    new_segment: bool,
}

impl Open {
    fn classify(&self, text: &str) -> Gap {
        let c = compact(text);
        if c.starts_with("注：") || c.starts_with("注:") || c.starts_with("备注") {
            return Gap::Note;
        }
        if let Some(l) = label_of(text) {
            return if compact(&l) == compact(&self.table.label) {
                Gap::Furniture
            } else {
                Gap::Break
            };
        }
        if title_like(text) {
            return if !self.table.title.is_empty() && c == compact(&self.table.title) {
                Gap::Furniture
            } else {
                Gap::Break
            };
        }
        if furniture_line(text) {
            return Gap::Furniture;
        }
        if heading_like(text) || char_len(text) > 40 || c.contains('。') || ends_sentence(text) {
            return Gap::Break;
        }
        // a short line repeating the title's text or the department
        if !self.table.title.is_empty() && compact(&self.table.title).contains(&*c) {
            return Gap::Furniture;
        }
        if char_len(&c) <= 20 {
            Gap::Guess
        } else {
            Gap::Break
        }
    }
}

/// Items before a table's first row that name it: title, label, unit and the
/// furniture lines between them. Returns how many items (from the end of
/// `out`) to consume.
fn take_caption(out: &mut Vec<Block>, table: &mut RawTable) {
    let mut k = out.len();
    let mut texts = 0;
    let mut fallback: Option<(usize, LineNo, String)> = None;
    let mut consumed_from = out.len();
    while k > 0 && texts < 8 {
        let Block::Text { line, text } = &out[k - 1] else {
            break;
        };
        let text = text.clone();
        let line = *line;
        texts += 1;
        if let Some(u) = unit_statement(&text) {
            table.unit.get_or_insert(u);
            consumed_from = k - 1;
        } else if let Some(l) = label_of(&text) {
            if table.label.is_empty() {
                table.label = l;
            }
            consumed_from = k - 1;
            if !table.title.is_empty() {
                break;
            }
        } else if title_like(&text) {
            if table.title.is_empty() {
                table.title = text.clone();
                table.title_line = Some(line);
                consumed_from = k - 1;
            } else {
                break;
            }
        } else if furniture_line(&text) || continues_furniture(out, k - 1) {
            table.furniture.push((line, text.clone()));
            consumed_from = k - 1;
        } else {
            let plain = char_len(&text) <= 30
                && !text.contains(['。', '，', '：', ':', ',', '；'])
                && !heading_like(&text);
            if plain && table.title.is_empty() && fallback.is_none() {
                fallback = Some((k - 1, line, text.clone()));
            }
            break;
        }
        k -= 1;
    }
    if table.title.is_empty()
        && let Some((idx, line, text)) = fallback
    {
        table.title = text;
        table.title_line = Some(line);
        consumed_from = consumed_from.min(idx);
    }
    if let Some(first) = out[consumed_from..].iter().find_map(|b| match b {
        Block::Text { line, .. } => Some(*line),
        _ => None,
    }) {
        table.first_line = table.first_line.min(first);
    }
    out.truncate(consumed_from);
}

/// Split the document into blocks.
pub(super) fn blocks(lines: Vec<Line>) -> Vec<Block> {
    let mut items = items(lines);
    let toc = find_toc(&items);
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Open> = None;
    let mut i = 0;
    while i < items.len() {
        if let Some((s, e)) = toc
            && i == s
        {
            out.push(contents_block(&items[s..e]));
            i = e;
            continue;
        }
        let item = std::mem::replace(&mut items[i], Item::Blank);
        i += 1;
        match item {
            Item::Row {
                line,
                last,
                count,
                cells,
                cell_per_line,
            } => {
                let row = RawRow {
                    line,
                    last,
                    cells: RawCells::from_parts(cells, count),
                };
                push_row(&mut out, &mut open, row, cell_per_line);
            }
            Item::Blank => {
                if let Some(o) = open.as_mut() {
                    if !o.table.cell_per_line {
                        o.new_segment = true;
                    }
                    o.pending.push(Item::Blank);
                }
            }
            Item::Text { line, text } => push_text(&mut out, &mut open, line, text),
        }
    }
    close(&mut out, &mut open);
    out
}

/// The table of contents: its heading item, then its entries.
fn contents_block(items: &[Item]) -> Block {
    let (line, title) = match items.first() {
        Some(Item::Text { line, text }) => (*line, text.clone()),
        _ => (0, String::new()),
    };
    let entries = items
        .iter()
        .skip(1)
        .filter_map(|it| match it {
            Item::Text { line, text } => Some((*line, strip_bullet(text).to_string())),
            _ => None,
        })
        .collect();
    Block::Contents {
        line,
        title,
        entries,
    }
}

/// A table row continues the open table when encoded the same way (furniture
/// seen since its last row is consumed); otherwise it starts a new table,
/// named by the caption lines above it.
fn push_row(out: &mut Vec<Block>, open: &mut Option<Open>, row: RawRow, cell_per_line: bool) {
    if let Some(o) = open.as_mut() {
        if o.table.cell_per_line == cell_per_line {
            if o.new_segment || o.pending_texts > 0 {
                // the segment before is complete: without the room left by growing
                if let Some(done) = o.table.segments.last_mut() {
                    done.shrink_to_fit();
                }
                o.table.segments.push(Vec::new());
            }
            o.table.last_line = row.last;
            if let Some(seg) = o.table.segments.last_mut() {
                seg.push(row);
            }
            for it in o.pending.drain(..) {
                if let Item::Text { line, text } = it {
                    o.table.furniture.push((line, text));
                }
            }
            o.pending_texts = 0;
            o.table.guessed.append(&mut o.pending_guesses);
            o.new_segment = false;
            return;
        }
        close(out, open);
    }
    let mut table = RawTable {
        cell_per_line,
        first_line: row.line,
        last_line: row.last,
        ..RawTable::default()
    };
    take_caption(out, &mut table);
    table.segments.push(vec![row]);
    *open = Some(Open {
        table,
        pending: Vec::new(),
        pending_texts: 0,
        pending_guesses: Vec::new(),
        new_segment: false,
    });
}

/// A text line is prose, unless a table is open: then it may be page
/// furniture (kept pending until the table continues), a note that ends the
/// table, or the end of the table.
fn push_text(out: &mut Vec<Block>, open: &mut Option<Open>, line: LineNo, text: String) {
    let Some(o) = open.as_mut() else {
        out.push(Block::Text { line, text });
        return;
    };
    match o.classify(&text) {
        Gap::Furniture if o.pending_texts < 12 => {
            o.pending_texts += 1;
            o.pending.push(Item::Text { line, text });
        }
        Gap::Guess if o.pending_texts < 12 => {
            o.pending_texts += 1;
            o.pending_guesses.push((line, text.clone()));
            o.pending.push(Item::Text { line, text });
        }
        Gap::Note => {
            o.table.notes.push(text);
            o.table.last_line = line;
            o.pending.clear();
            close(out, open);
        }
        Gap::Furniture | Gap::Guess | Gap::Break => {
            close(out, open);
            out.push(Block::Text { line, text });
        }
    }
}

/// Finish the open table: pending furniture after its last row goes back to the stream.
fn close(out: &mut Vec<Block>, open: &mut Option<Open>) {
    let Some(o) = open.take() else {
        return;
    };
    let mut table = o.table;
    table.segments.retain(|s| !s.is_empty());
    if let Some(last) = table.segments.last_mut() {
        last.shrink_to_fit();
    }
    out.push(Block::Table(Box::new(table)));
    for it in o.pending {
        if let Item::Text { line, text } = it {
            out.push(Block::Text { line, text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::normalize::test_lines as lines;

    #[test]
    fn leader_entries() {
        assert_eq!(
            leader_entry("部门预算收支总表.....\t1").as_deref(),
            Some("部门预算收支总表")
        );
        assert_eq!(leader_entry("合计\t1"), None);
    }

    #[test]
    fn an_item_is_32_bytes() {
        // one per line of the document, all held at once (see `Item`)
        assert_eq!(std::mem::size_of::<Item>(), 32);
    }

    #[test]
    fn lines_of_more_cells_than_a_table_has_columns_are_text() {
        let row = |n: usize| vec!["1"; n].join("\t");
        let text = format!("{}\n\n{}\n", row(MAX_ROW_CELLS), row(MAX_ROW_CELLS + 1));
        let bl = blocks(lines(&text));
        let Some(Block::Table(t)) = bl.first() else {
            panic!("{:?}", &bl[..1]);
        };
        assert_eq!(t.segments[0][0].cells.iter().count(), MAX_ROW_CELLS);
        assert!(
            matches!(bl.last(), Some(Block::Text { text, .. }) if text.len() == 2 * MAX_ROW_CELLS + 1),
            "{}",
            bl.len()
        );
        // one cell per line: a row ends at the limit, the next begins
        let cells = vec!["\tx"; MAX_ROW_CELLS + 5].join("\n");
        let bl = blocks(lines(&cells));
        let Some(Block::Table(t)) = bl.first() else {
            panic!("{}", bl.len());
        };
        let widths: Vec<usize> = t.segments[0]
            .iter()
            .map(|r| r.cells.iter().count())
            .collect();
        assert_eq!(widths, [MAX_ROW_CELLS, 5]);
    }

    #[test]
    fn table_split_by_furniture_is_one_raw_table() {
        let text = "表 1\n\n收支总表\n\n单位：万元\n\n收入\t支出\n项目\t预算数\na\t1\n\n表 1\n\n收支总表\n\n单位：万元\n\n收入\t支出\n项目\t预算数\nb\t2\n\n表 3\n\n支出总表\n\nx\t1\n";
        let bl = blocks(lines(text));
        let tables: Vec<&RawTable> = bl
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(&**t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2, "{bl:#?}");
        assert_eq!(tables[0].segments.len(), 2);
        assert_eq!(tables[0].title, "收支总表");
        assert_eq!(tables[0].label, "表 1");
        assert_eq!(tables[0].unit, Some(Unit::Wan));
        assert_eq!(tables[1].title, "支出总表");
    }
}
