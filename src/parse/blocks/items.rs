//! Lines → items: a blank, a text line, or a table row (tab-separated, or
//! one cell per line); one-cell rows that are titles made text.

use std::borrow::Cow;

use super::super::chars::char_len;
use super::super::line_kinds::title_like;
use super::super::normalize::Line;
use super::super::units::unit_statement;
use crate::model::LineNo;

use super::raw_row::RawCells;

/// A line, or the lines of one row, on the way to blocks. A row's fields are
/// the item's own rather than a [`RawRow`](super::raw_row::RawRow)'s, so that an item takes 32 bytes,
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
        /// A row encoded one cell per line of which exactly one cell holds
        /// more than whitespace: it may be a title (see [`title_of_row`]).
        /// False for other rows.
        lone: bool,
    },
}

/// True for a line of a table of contents with dot leaders and a page number:
/// `部门预算收支总表.....⇥1` (⇥ = tab).
fn leader_entry(s: &str) -> Option<String> {
    // only a line ending in a digit (whitespace aside) can be one: most lines
    // are told by their last byte
    let t = match *s.as_bytes().last()? {
        b if b.is_ascii_digit() => s,
        // ASCII whitespace (a tab row's empty last cell) trimmed as bytes
        b if is_ascii_space(b) => {
            let t = trim_end_ascii_spaces(s);
            match t.as_bytes().last() {
                Some(b) if b.is_ascii_digit() => t,
                // (more whitespace before: trimmed as characters)
                _ if ends_with_space(t) => s.trim_end(),
                // (else `s.trim_end()` is `t`, not ending in a digit)
                _ => return None,
            }
        }
        _ if ends_with_space(s) => s.trim_end(),
        _ => return None,
    };
    // (digits, spaces and tabs are one byte each: trimmed as bytes)
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let body = &t[..t.len() - digits];
    let gap = body
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let body = &body[..body.len() - gap];
    // at least three leaders: the last three characters
    let is_leader = |c: char| matches!(c, '.' | '．' | '…' | '·' | '-' | '—' | '_');
    let mut last = body.chars().rev();
    if !(0..3).all(|_| last.next().is_some_and(is_leader)) {
        return None;
    }
    let stripped = body.trim_end_matches(is_leader);
    Some(stripped.replace('\t', " ").trim().to_string())
}

/// The ASCII characters that are whitespace (`char::is_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Whether the first character of `s` is whitespace: told by its first byte
/// when ASCII or a lead byte from E4 (U+4000 on: no whitespace there).
fn starts_with_space(s: &str) -> bool {
    match s.as_bytes().first() {
        None => false,
        Some(&b) if b.is_ascii() => is_ascii_space(b),
        Some(&b) if b >= 0xE4 => false,
        Some(_) => s.chars().next().is_some_and(char::is_whitespace),
    }
}

/// Whether the last character of `s` is whitespace: told by its last byte
/// when ASCII, or by the byte three from the end when that is a lead byte
/// from E4 (a character from U+4000 on ends the text: no whitespace there;
/// no other character's byte is that large so far from its end).
fn ends_with_space(s: &str) -> bool {
    let b = s.as_bytes();
    match b.last() {
        None => false,
        Some(&l) if l.is_ascii() => is_ascii_space(l),
        Some(_) if b.len() >= 3 && b[b.len() - 3] >= 0xE4 => false,
        Some(_) => s.chars().next_back().is_some_and(char::is_whitespace),
    }
}

/// `s` without its trailing ASCII whitespace ([`is_ascii_space`]).
fn trim_end_ascii_spaces(s: &str) -> &str {
    let n = s.bytes().rev().take_while(|&b| is_ascii_space(b)).count();
    // (an ASCII byte ends a character: the cut is a boundary)
    &s[..s.len() - n]
}

/// Trim a string without reallocating.
fn trim_in_place(s: &mut String) {
    if !edge_space(s) {
        return;
    }
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
}

/// `s.trim()`, told by its first and last characters when they are not
/// whitespace (mostly: the lines were trimmed when normalized).
fn trim(s: &str) -> &str {
    if edge_space(s) { s.trim() } else { s }
}

/// True when `s` starts or ends with whitespace.
fn edge_space(s: &str) -> bool {
    starts_with_space(s) || ends_with_space(s)
}

/// What a line is, as far as its tabs and blankness tell (read once per line).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Whitespace only, no tab (a line holding only a tab is an empty cell).
    Blank,
    /// Text without a tab.
    Plain,
    /// A cell of a row encoded one cell per line: a leading tab, no other.
    Cell,
    /// Any other line holding a tab.
    Tabbed,
}

#[inline(always)]
fn shape(line: &Line) -> Shape {
    // (the line's tabs were counted when the lines were split)
    let s: &str = &line.text;
    match line.tabs {
        0 if is_blank(s) => Shape::Blank,
        0 => Shape::Plain,
        1 if s.starts_with('\t') => Shape::Cell,
        _ => Shape::Tabbed,
    }
}

/// More cells than any budget table has columns: a line split into more is
/// not read as a table row (a table's columns each cost memory and work in
/// every later stage, so a line of a million tabs would cost gigabytes).
pub(super) const MAX_ROW_CELLS: usize = 1024;

/// Lines → items: blank, text, or a row (tab-separated, or one cell per line).
/// Also how many blocks they make at most, mostly: a block per text item
/// and per run of rows (see [`Items`]).
#[inline(never)]
pub(super) fn items(mut lines: Vec<Line<'_>>) -> Items {
    let mut out: Vec<Item> = Vec::with_capacity(lines.len());
    // the text items and the runs of rows
    let mut blocks = 0usize;
    // the first row that may be a title (most documents have none)
    let mut first_lone = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text: &str = &line.text;
        let shape = shape(line);
        if shape == Shape::Blank {
            out.push(Item::Blank);
            i += 1;
            continue;
        }
        if let Some(entry) = leader_entry(text) {
            blocks += 1;
            out.push(Item::Text {
                line: line.no,
                text: entry,
            });
            i += 1;
            continue;
        }
        if shape == Shape::Cell {
            let (item, next) = cell_row(&lines, i);
            if first_lone.is_none() && matches!(item, Item::Row { lone: true, .. }) {
                first_lone = Some(out.len());
            }
            blocks += usize::from(!matches!(out.last(), Some(Item::Row { .. })));
            out.push(item);
            i = next;
            continue;
        }
        // a tab-separated line of at most MAX_ROW_CELLS cells
        if shape == Shape::Tabbed
            && let Some(cells) = RawCells::from_tab_line(text, line.tabs, MAX_ROW_CELLS)
        {
            let (cells, count) = cells.into_parts();
            blocks += usize::from(!matches!(out.last(), Some(Item::Row { .. })));
            out.push(Item::Row {
                line: line.no,
                last: line.no,
                count,
                cells,
                cell_per_line: false,
                lone: false,
            });
            i += 1;
            continue;
        }
        let no = line.no;
        let text = match std::mem::take(&mut lines[i].text) {
            Cow::Owned(mut owned) => {
                trim_in_place(&mut owned);
                owned
            }
            Cow::Borrowed(text) => trim(text).to_string(),
        };
        blocks += 1;
        out.push(Item::Text { line: no, text });
        i += 1;
    }
    let items = match first_lone {
        Some(first) => merge_title_rows(out, first),
        None => out,
    };
    Items { items, blocks }
}

/// The items of a document, and how many blocks they make at most, mostly
/// (room made for them at once): one per text item, one per run of rows
/// (a table; a run of rows split by a change of encoding makes more, a
/// table of contents fewer).
pub(super) struct Items {
    pub(super) items: Vec<Item>,
    pub(super) blocks: usize,
}

/// The row encoded one cell per line that starts at line `start` (a cell
/// line): its cells gathered until a blank line, a line of tabs, or
/// [`MAX_ROW_CELLS`] cells; a line without a tab continues the cell above
/// it. Returns the row and the index of the line after it.
fn cell_row(lines: &[Line<'_>], start: usize) -> (Item, usize) {
    // first the row's extent and length, then its text, sized once
    let mut cells = 0usize;
    let mut len = 0usize;
    let mut end = start;
    while end < lines.len() {
        let t: &str = &lines[end].text;
        match shape(&lines[end]) {
            Shape::Blank | Shape::Tabbed => break,
            Shape::Cell if cells >= MAX_ROW_CELLS => break,
            Shape::Cell => cells += 1,
            // (the first line is a cell: a line without a tab continues one)
            Shape::Plain => {}
        }
        // the piece and the tab or space before it
        len += piece(t).len() + 1;
        end += 1;
    }
    // the cells in one string, tab-separated (a cell holds no tab: a piece
    // holds none)
    let mut text = String::with_capacity(len.saturating_sub(1));
    let mut cell_start = 0;
    // the cells holding more than whitespace, and whether the current one does
    let (mut filled, mut cell_filled) = (0usize, false);
    for (k, line) in lines[start..end].iter().enumerate() {
        if line.text.starts_with('\t') {
            if k > 0 {
                text.push('\t');
            }
            filled += usize::from(cell_filled);
            cell_filled = false;
            cell_start = text.len();
        } else if text.len() > cell_start {
            text.push(' ');
        }
        let piece = piece(&line.text);
        cell_filled = cell_filled || !is_blank(piece);
        text.push_str(piece);
    }
    filled += usize::from(cell_filled);
    let item = Item::Row {
        line: lines[start].no,
        last: lines[end - 1].no,
        count: u32::try_from(cells).unwrap_or(u32::MAX),
        cells: text.into_boxed_str(),
        cell_per_line: true,
        lone: filled == 1,
    };
    (item, end)
}

/// The text a line gives a row encoded one cell per line: a cell (after its
/// leading tab) or the continuation of the cell above.
fn piece(line: &str) -> &str {
    match line.strip_prefix('\t') {
        Some(cell) => cell.trim_ascii(),
        None => trim(line),
    }
}

/// True when `s` is whitespace only (or empty).
#[inline]
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        // no whitespace character starts with an ASCII letter, digit or
        // sign, nor with a lead byte from E4 (U+4000 on: ideographs)
        Some(&b) if b.is_ascii_graphic() || b >= 0xE4 => false,
        _ => s.chars().all(char::is_whitespace),
    }
}

fn nonempty_cells(cells: &str, count: u32) -> impl Iterator<Item = &str> {
    RawCells::iter_parts(cells, count).filter(|c| !is_blank(c))
}

/// A one-cell row that is really a title (`⇥办案维稳经费预算项目绩效表`) becomes
/// text; a one-cell row followed by the rest of its title on a text line
/// (`⇥居民身份证自助受理设备购置项目` … `预算项目绩效表`) becomes one title.
/// `first`: the first row that may be one (the items before it stay).
fn merge_title_rows(mut items: Vec<Item>, first: usize) -> Vec<Item> {
    // In place: each step reads the item at `i` (looking ahead, never
    // behind) and writes one item at `w <= i`, so a document's items are
    // not held twice.
    let mut w = first;
    let mut i = first;
    while i < items.len() {
        match title_of_row(&items, i) {
            Some((title, next)) => {
                items[w] = title;
                i = next;
            }
            None => {
                if w < i {
                    items[w] = std::mem::replace(&mut items[i], Item::Blank);
                }
                i += 1;
            }
        }
        w += 1;
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
        lone: true,
        ..
    } = &items[i]
    else {
        return None;
    };
    let line = *line;
    // (its one cell holding more than whitespace)
    let cell = nonempty_cells(cells, *count).next()?;
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
        assert_eq!(
            leader_entry("一、收支总表………\t12  ").as_deref(),
            Some("一、收支总表")
        );
        assert_eq!(leader_entry("a..1").as_deref(), None);
        assert_eq!(leader_entry("...1").as_deref(), Some(""));
        assert_eq!(leader_entry("1234.56"), None);
        assert_eq!(leader_entry("目录"), None);
    }

    /// The leader test's start as first written, on characters.
    fn reference_leader_entry(s: &str) -> Option<String> {
        let t = match s.chars().next_back() {
            Some(c) if c.is_ascii_digit() => s,
            Some(c) if c.is_whitespace() => s.trim_end(),
            _ => return None,
        };
        t.ends_with(|c: char| c.is_ascii_digit())
            .then(|| leader_entry(t))
            .flatten()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn leader_entries_as_first_written(
            s in "[目录表.…1 \t\u{3000}\u{b}\u{85}a]{0,12}",
        ) {
            proptest::prop_assert_eq!(leader_entry(&s), reference_leader_entry(&s));
            proptest::prop_assert_eq!(is_blank(&s), s.chars().all(char::is_whitespace));
            let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
            proptest::prop_assert_eq!(starts_with_space(&s), space(s.chars().next()));
            proptest::prop_assert_eq!(ends_with_space(&s), space(s.chars().next_back()));
        }
    }

    #[test]
    fn a_character_is_blank_when_whitespace() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_blank(s), c.is_whitespace(), "{c:?}");
            for s in [
                s.to_string(),
                format!("a{s}"),
                format!("{s}a"),
                format!("合{s}合"),
            ] {
                let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
                assert_eq!(starts_with_space(&s), space(s.chars().next()), "{s:?}");
                assert_eq!(ends_with_space(&s), space(s.chars().next_back()), "{s:?}");
            }
        }
    }

    #[test]
    fn an_item_is_32_bytes() {
        // one per line of the document, all held at once (see `Item`)
        assert_eq!(std::mem::size_of::<Item>(), 32);
    }
}
