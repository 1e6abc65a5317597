//! Page furniture removed from the pages: page numbers (`- 3 -`, `3`, `第3页`) and running
//! headers and footers (a line printed at the top or bottom edge of many pages, such as
//! `苏州市审计局 2026 年度部门预算公开`).
//!
//! A repeated line that reads like a table caption (a title, a label, a unit line) is kept:
//! it is a table's caption repeated on the pages the table continues on, which the table
//! joining reads.

use std::collections::HashMap;

use super::super::chars::compact;
use super::super::geometry::{Block, PageLayout, TextLine};
use super::captions::caption_like;

/// The band at the top and at the bottom of a page where furniture stands (share of the
/// page's height).
const EDGE: f32 = 0.12;
/// How many lines from each edge of a page are looked at.
const EDGE_LINES: usize = 2;

/// Remove page numbers and running headers and footers; returns how many lines went.
pub(super) fn strip(pages: &mut [PageLayout]) -> usize {
    let running = running_lines(pages);
    let mut removed = 0;
    for page in pages.iter_mut() {
        let edge = edge_blocks(page);
        let height = page.height;
        let mut k = 0;
        page.blocks.retain(|b| {
            let at = k;
            k += 1;
            let Block::Line(line) = b else {
                return true;
            };
            if !edge.contains(&at) {
                return true;
            }
            let drop = is_page_number(&line.text())
                || (in_band(line, height) && running.contains(&key(&line.text())));
            removed += usize::from(drop);
            !drop
        });
    }
    removed
}

/// The keys of lines standing at an edge of at least a quarter of the pages with text (and
/// at least three), that are not table captions.
fn running_lines(pages: &[PageLayout]) -> Vec<String> {
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut text_pages = 0;
    for page in pages {
        if page.blocks.is_empty() {
            continue;
        }
        text_pages += 1;
        let mut seen: Vec<String> = Vec::new();
        for k in edge_blocks(page) {
            if let Block::Line(line) = &page.blocks[k]
                && in_band(line, page.height)
            {
                let text = line.text();
                let key = key(&text);
                if !key.is_empty() && !caption_like(&text) && !seen.contains(&key) {
                    seen.push(key);
                }
            }
        }
        for key in seen {
            *count.entry(key).or_default() += 1;
        }
    }
    let need = (text_pages / 4).max(3);
    count
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(k, _)| k)
        .collect()
}

/// Indices of the blocks at the page's edges: the first and last few, when they are lines.
fn edge_blocks(page: &PageLayout) -> Vec<usize> {
    let n = page.blocks.len();
    let mut out = Vec::new();
    for k in 0..n.min(EDGE_LINES) {
        if !matches!(page.blocks[k], Block::Line(_)) {
            break;
        }
        out.push(k);
    }
    for k in (n.saturating_sub(EDGE_LINES)..n).rev() {
        if !matches!(page.blocks[k], Block::Line(_)) {
            break;
        }
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

fn in_band(line: &TextLine, height: f32) -> bool {
    line.rect.y1 <= EDGE * height || line.rect.y0 >= (1.0 - EDGE) * height
}

/// A line compared across pages: without spaces, every run of digits as `#` (a running
/// footer may carry the page number).
fn key(text: &str) -> String {
    let mut out = String::new();
    for c in compact(text).chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A page number as printed alone on a line: `3`, `- 3 -`, `—3—`, `·3·`, `第3页`,
/// `第 3 页 共 25 页`, `3/25`, `Page 3`.
pub(super) fn is_page_number(text: &str) -> bool {
    let c: String = compact(text).to_lowercase();
    let c = c.trim_matches(|ch| matches!(ch, '-' | '—' | '–' | '－' | '·' | '•' | '_'));
    let c = c.strip_prefix("page").unwrap_or(c);
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(c) {
        return true;
    }
    if let Some((a, b)) = c.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some((a, b)) = c.split_once("of") {
        return digits(a) && digits(b);
    }
    // 第3页, 第3页共25页, 共25页第3页
    let mut rest = c;
    let mut parts = 0;
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) else {
            return false;
        };
        let n = after.bytes().take_while(u8::is_ascii_digit).count();
        let Some(tail) = after[n..].strip_prefix('页') else {
            return false;
        };
        if n == 0 {
            return false;
        }
        rest = tail.trim_start_matches(['/', '，', ',']);
        parts += 1;
    }
    parts > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "- 3 -",
            "—12—",
            "·7·",
            "第3页",
            "第 3 页 共 25 页",
            "3/25",
            "Page 4",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2026", "第一部分", "3.5", "表1", "共计", "12345", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn keys_ignore_numbers_and_spaces() {
        assert_eq!(key("苏州市审计局 2026 年度"), "苏州市审计局#年度");
        assert_eq!(key("- 12 -"), "-#-");
    }
}
