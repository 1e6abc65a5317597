//! The table of contents (目录): found among the items, made one block.

use super::super::chars::{char_len, compact};
use super::super::line_kinds::{strip_bullet, title_line_like};

use super::block::Block;
use super::items::Item;

/// Find the table of contents: a line ending in 目录 followed by entries,
/// ending where an entry repeats as a real line.
pub(super) fn find_toc(items: &[Item]) -> Option<(usize, usize)> {
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

/// The table of contents: its heading item, then the items of its entries.
pub(super) fn contents_block(heading: Item, entries: impl Iterator<Item = Item>) -> Block {
    let (line, title) = match heading {
        Item::Text { line, text } => (line, text),
        _ => (0, String::new()),
    };
    let entries = entries
        .filter_map(|it| match it {
            Item::Text { line, text } => Some((line, entry_text(text))),
            _ => None,
        })
        .collect();
    Block::Contents {
        line,
        title,
        entries,
    }
}

/// An entry's text without its bullet (kept as it is when it has none).
fn entry_text(text: String) -> String {
    let stripped = strip_bullet(&text);
    if stripped.len() == text.len() {
        text
    } else {
        stripped.to_string()
    }
}
