//! Lines → items: a blank, a text line, or a table row (tab-separated, or
//! one cell per line); one-cell rows that are titles made text.

use std::borrow::Cow;

use super::super::chars::{char_len, find_byte};
use super::super::line_kinds::title_like;
use super::super::normalize::Line;
use super::super::units::unit_statement;
use crate::model::LineNo;

use super::raw_row::{RawCells, RawRow};

/// A line, or the lines of one row, on the way to blocks. A row's fields are
/// the item's own rather than a [`RawRow`]'s, so that an item takes 32 bytes,
/// not 40 (there is one per line of the document, all held at once).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
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
pub(super) const MAX_ROW_CELLS: usize = 1024;

/// Lines → items: blank, text, or a row (tab-separated, or one cell per line).
pub(super) fn items(mut lines: Vec<Line<'_>>) -> Vec<Item> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
