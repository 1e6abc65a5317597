//! The table being read: which text lines between its rows are page
//! furniture, notes or its end, and the caption lines above its first row.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::model::Unit;

use super::super::chars::{char_len, compact};
use super::super::line_kinds::{
    ends_sentence, furniture_line, furniture_line_with, is_own_label, strip_bullet, title_like,
    title_like_compacted,
};
use super::super::numbering::numbering;
use super::super::units::{opens_like_statement, unit_statement_compacted};
use crate::model::LineNo;

use super::block::{Block, RawTable};
use super::items::Item;
use super::raw_row::RawRow;

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

/// A text line asked what it is, compacted once when first needed: each
/// question is first put to the text's first or last character, which
/// answers it for most lines (prose), and then to the compacted text (the
/// classifiers read only that once the text is within their length limits:
/// see the test `classifiers_asked_of_the_compacted_text`).
struct Asked<'a> {
    text: &'a str,
    compacted: OnceCell<Cow<'a, str>>,
}

impl<'a> Asked<'a> {
    fn new(text: &'a str) -> Self {
        Asked {
            text,
            compacted: OnceCell::new(),
        }
    }

    /// The text compacted.
    fn c(&self) -> &str {
        self.compacted.get_or_init(|| compact(self.text))
    }

    /// `label_of(text).is_some()` (a label compacted starts with 附 or 表).
    fn is_label(&self) -> bool {
        self.text.len() <= 40
            && self.text.trim_start().starts_with(['附', '表'])
            && is_own_label(self.c())
    }

    /// `title_like(text)`.
    fn is_title(&self) -> bool {
        self.text.len() <= 400
            && self.text.trim_end().ends_with(['表', ')', '）'])
            && title_like_compacted(self.c())
    }

    /// `furniture_line(text)`.
    fn is_furniture(&self) -> bool {
        furniture_line_with(self.text, || Cow::Borrowed(self.c()))
    }

    /// `unit_statement(text)`.
    fn unit(&self) -> Option<Unit> {
        opens_like_statement(self.text)
            .then(|| unit_statement_compacted(self.c()))
            .flatten()
    }

    /// A note under the table: `注：…`, `备注…` (compacted, it starts with 注 or 备).
    fn is_note(&self) -> bool {
        self.text.trim_start().starts_with(['注', '备']) && {
            let c = self.c();
            c.starts_with("注：") || c.starts_with("注:") || c.starts_with("备注")
        }
    }
}

/// How a text line between table rows is to be treated.
enum Gap {
    Furniture,
    /// A short line taken for furniture only because a table continues after it.
    Guess,
    Note,
    Break,
}

pub(super) struct Open {
    table: RawTable,
    /// The table's title and label compacted, when that changes them (they
    /// are compared with text lines between its rows): made when first asked.
    title_key: OnceCell<Option<String>>,
    label_key: OnceCell<Option<String>>,
    /// Items seen since the last row that may be furniture (given back if the table ends).
    pending: Vec<Item>,
    pending_texts: usize,
    /// Pending lines taken for furniture by guess (reported if consumed).
    pending_guesses: Vec<(LineNo, String)>,
    new_segment: bool,
}

/// `compact(s)` when it differs from `s` (see [`Open::title_key`]).
fn key_of(s: &str) -> Option<String> {
    match compact(s) {
        Cow::Owned(key) => Some(key),
        Cow::Borrowed(_) => None,
    }
}

impl Open {
    fn new(table: RawTable) -> Open {
        Open {
            title_key: OnceCell::new(),
            label_key: OnceCell::new(),
            table,
            pending: Vec::new(),
            pending_texts: 0,
            pending_guesses: Vec::new(),
            new_segment: false,
        }
    }

    /// The title compacted.
    fn title_key(&self) -> &str {
        let key = self.title_key.get_or_init(|| key_of(&self.table.title));
        key.as_deref().unwrap_or(&self.table.title)
    }

    /// The label compacted.
    fn label_key(&self) -> &str {
        let key = self.label_key.get_or_init(|| key_of(&self.table.label));
        key.as_deref().unwrap_or(&self.table.label)
    }

    fn classify(&self, text: &str) -> Gap {
        let line = Asked::new(text);
        if line.is_note() {
            return Gap::Note;
        }
        // (a label compacted is the text compacted)
        if line.is_label() {
            return if line.c() == self.label_key() {
                Gap::Furniture
            } else {
                Gap::Break
            };
        }
        if line.is_title() {
            return if !self.table.title.is_empty() && line.c() == self.title_key() {
                Gap::Furniture
            } else {
                Gap::Break
            };
        }
        if line.is_furniture() {
            return Gap::Furniture;
        }
        // (compacting drops whitespace only: a `。` is in the text or in neither)
        if heading_like(text) || char_len(text) > 40 || text.contains('。') || ends_sentence(text)
        {
            return Gap::Break;
        }
        let c = line.c();
        // a short line repeating the title's text or the department
        if !self.table.title.is_empty() && self.title_key().contains(c) {
            return Gap::Furniture;
        }
        if char_len(c) <= 20 {
            Gap::Guess
        } else {
            Gap::Break
        }
    }
}

/// Items before a table's first row that name it: title, label, unit and the
/// furniture lines between them, taken from the end of `out` into `table`
/// (a new table: no title, label or furniture yet).
fn take_caption(out: &mut Vec<Block>, table: &mut RawTable) {
    let mut k = out.len();
    let mut texts = 0;
    // the line the title falls back to (its index and line)
    let mut fallback: Option<(usize, LineNo)> = None;
    let mut consumed_from = out.len();
    // what each line read takes (by its place from the end): the lines
    // consumed are moved into the table, not copied
    let mut roles = [Caption::Dropped; CAPTION_LINES];
    let (mut has_title, mut has_label) = (false, false);
    while k > 0 && texts < CAPTION_LINES {
        let role = &mut roles[out.len() - k];
        let Block::Text { line, text } = &out[k - 1] else {
            break;
        };
        let line = *line;
        texts += 1;
        let asked = Asked::new(text);
        if let Some(u) = asked.unit() {
            table.unit.get_or_insert(u);
            consumed_from = k - 1;
        } else if asked.is_label() {
            if !has_label {
                has_label = true;
                *role = Caption::Label;
            }
            consumed_from = k - 1;
            if has_title {
                break;
            }
        } else if asked.is_title() {
            if !has_title {
                has_title = true;
                *role = Caption::Title;
                table.title_line = Some(line);
                consumed_from = k - 1;
            } else {
                break;
            }
        } else if asked.is_furniture() || continues_furniture(out, k - 1) {
            *role = Caption::Furniture;
            consumed_from = k - 1;
        } else {
            let plain = char_len(text) <= 30
                && !text.contains(['。', '，', '：', ':', ',', '；'])
                && !heading_like(text);
            if plain && !has_title && fallback.is_none() {
                fallback = Some((k - 1, line));
            }
            break;
        }
        k -= 1;
    }
    if !has_title && let Some((idx, line)) = fallback {
        roles[out.len() - 1 - idx] = Caption::Title;
        table.title_line = Some(line);
        consumed_from = consumed_from.min(idx);
    }
    if let Some(first) = out[consumed_from..].iter().find_map(|b| match b {
        Block::Text { line, .. } => Some(*line),
        _ => None,
    }) {
        table.first_line = table.first_line.min(first);
    }
    // the consumed lines, last first (the furniture in the order it was read)
    let taken = out.drain(consumed_from..).rev().zip(roles);
    for (block, role) in taken {
        let Block::Text { line, text } = block else {
            continue;
        };
        match role {
            Caption::Title => table.title = text,
            // (`label_of(text)`: a label as printed, trimmed)
            Caption::Label => table.label = trimmed(text),
            Caption::Furniture => table.furniture.push((line, text)),
            Caption::Dropped => {}
        }
    }
}

/// How many lines above a table's first row may be its caption.
const CAPTION_LINES: usize = 8;

/// What a caption line read by [`take_caption`] gives the table.
#[derive(Clone, Copy)]
enum Caption {
    Title,
    Label,
    Furniture,
    /// Nothing kept (a unit statement, a second label, a line not consumed).
    Dropped,
}

/// `text.trim()`, without a copy when nothing is trimmed.
fn trimmed(text: String) -> String {
    let t = text.trim();
    if t.len() == text.len() {
        text
    } else {
        t.to_string()
    }
}

/// A table row continues the open table when encoded the same way (furniture
/// seen since its last row is consumed); otherwise it starts a new table,
/// named by the caption lines above it.
///
/// `ahead`: the items after the row, to size a segment it starts.
#[inline]
pub(super) fn push_row(
    out: &mut Vec<Block>,
    open: &mut Option<Open>,
    row: RawRow,
    cell_per_line: bool,
    ahead: &[Item],
) {
    // (most rows continue the open table: this path is kept short)
    if let Some(o) = open.as_mut()
        && o.table.cell_per_line == cell_per_line
    {
        if !o.pending.is_empty() {
            o.settle_pending(ahead);
        }
        o.table.last_line = row.last;
        if let Some(seg) = o.table.segments.last_mut() {
            seg.push(row);
        }
        return;
    }
    start_table(out, open, row, cell_per_line, ahead);
}

impl Open {
    /// A row continues the table: the items seen since its last row were
    /// furniture (and blanks), and a page break between them starts a new
    /// segment. (Nothing is pending unless a blank or text line was seen:
    /// [`push_blank`] and [`push_text`] count and mark what they keep here.)
    fn settle_pending(&mut self, ahead: &[Item]) {
        if self.new_segment || self.pending_texts > 0 {
            // the segment before is complete: without the room left by growing
            if let Some(done) = self.table.segments.last_mut() {
                done.shrink_to_fit();
            }
            self.table
                .segments
                .push(segment(ahead, self.table.cell_per_line));
        }
        for it in self.pending.drain(..) {
            if let Item::Text { line, text } = it {
                self.table.furniture.push((line, text));
            }
        }
        self.pending_texts = 0;
        self.table.guessed.append(&mut self.pending_guesses);
        self.new_segment = false;
    }
}

/// A row that does not continue the open table: the open table is closed
/// and the row starts a new one, named by the caption lines above it.
#[inline(never)]
fn start_table(
    out: &mut Vec<Block>,
    open: &mut Option<Open>,
    row: RawRow,
    cell_per_line: bool,
    ahead: &[Item],
) {
    close(out, open);
    let mut table = RawTable {
        cell_per_line,
        first_line: row.line,
        last_line: row.last,
        ..RawTable::default()
    };
    take_caption(out, &mut table);
    let mut first = segment(ahead, cell_per_line);
    first.push(row);
    table.segments = vec![first];
    *open = Some(Open::new(table));
}

/// A new segment, room made for the rows that may follow in it: those of
/// `ahead` encoded the same way, up to the first text line (and, for rows of
/// tabs, the first blank). Segments grow no further mostly; a segment ended
/// otherwise is shrunk when complete.
fn segment(ahead: &[Item], cell_per_line: bool) -> Vec<RawRow> {
    let mut rows = 1;
    for it in ahead {
        match it {
            Item::Row {
                cell_per_line: c, ..
            } if *c == cell_per_line => rows += 1,
            Item::Blank if cell_per_line => {}
            _ => break,
        }
    }
    Vec::with_capacity(rows)
}

/// A blank line: in an open table of tab-separated rows, a page break may
/// come next (a new segment); kept pending like furniture.
pub(super) fn push_blank(open: &mut Option<Open>) {
    if let Some(o) = open.as_mut() {
        if !o.table.cell_per_line {
            o.new_segment = true;
        }
        o.pending.push(Item::Blank);
    }
}

/// A text line is prose, unless a table is open: then it may be page
/// furniture (kept pending until the table continues), a note that ends the
/// table, or the end of the table.
pub(super) fn push_text(out: &mut Vec<Block>, open: &mut Option<Open>, line: LineNo, text: String) {
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
pub(super) fn close(out: &mut Vec<Block>, open: &mut Option<Open>) {
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
    use super::super::super::line_kinds::label_of;
    use super::super::super::units::unit_statement;
    use super::*;

    #[test]
    fn classifiers_asked_of_the_compacted_text() {
        let long = |s: &str, n: usize| format!("{}{s}", " ".repeat(n));
        let mut lines = vec![
            "表 1".to_string(),
            "附表1".to_string(),
            "表.15-3".to_string(),
            " 表 1 ".to_string(),
            "\u{3000}表1".to_string(),
            "收支总表".to_string(),
            "收 支 总 表".to_string(),
            "一般公共预算支出表（按功能分类）".to_string(),
            "单位：万元".to_string(),
            "单 位 ： 万 元".to_string(),
            "注：本表".to_string(),
        ];
        for n in [30, 35, 36, 37, 38, 390, 396, 397, 398, 400] {
            lines.push(long("表 1", n));
            lines.push(long("收支总表", n));
        }
        for text in &lines {
            let line = Asked::new(text);
            assert_eq!(line.is_label(), label_of(text).is_some(), "{text:?}");
            if line.is_label() {
                assert_eq!(label_of(text).as_deref(), Some(text.trim()), "{text:?}");
            }
            assert_eq!(line.is_title(), title_like(text), "{text:?}");
            assert_eq!(line.unit(), unit_statement(text), "{text:?}");
            assert_eq!(line.is_furniture(), furniture_line(text), "{text:?}");
            let c = compact(text);
            let note = c.starts_with("注：") || c.starts_with("注:") || c.starts_with("备注");
            assert_eq!(line.is_note(), note, "{text:?}");
        }
        assert!(Asked::new("表 1").is_label() && Asked::new("收 支 总 表").is_title());
        assert!(Asked::new(" 注：本表").is_note() && Asked::new("备 注").is_note());
    }
}
