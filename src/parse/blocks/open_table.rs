//! The table being read: which text lines between its rows are page
//! furniture, notes or its end, and the caption lines above its first row.

use super::super::chars::{char_len, compact};
use super::super::line_kinds::{ends_sentence, furniture_line, label_of, strip_bullet, title_like};
use super::super::numbering::numbering;
use super::super::units::unit_statement;
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

/// A table row continues the open table when encoded the same way (furniture
/// seen since its last row is consumed); otherwise it starts a new table,
/// named by the caption lines above it.
pub(super) fn push_row(
    out: &mut Vec<Block>,
    open: &mut Option<Open>,
    row: RawRow,
    cell_per_line: bool,
) {
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
