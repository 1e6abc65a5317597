//! Display-width helpers: every string the explorer draws goes through
//! [`sanitize`] and is cut to a column with [`truncate`] / [`wrap`], which
//! measure terminal cells (CJK = 2 cells) and never split a character.
//!
//! East Asian ambiguous-width characters (`①`, `…`, `·`, `─`) take one cell
//! unless the configuration says two ([`set_ambiguous_width`]); then every
//! helper measures them as two, borders and rules are drawn in ASCII, and
//! [`widen_ambiguous`] fixes each frame so that the terminal, drawing them
//! two cells wide, puts everything after them where it belongs.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::buffer::{Buffer, CellDiffOption};

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis that marks cut text (one cell).
pub const ELLIPSIS: char = '…';

/// True for characters that must never reach the terminal
/// ([`crate::printable::is_unsafe`]: controls, bidi overrides and marks, …),
/// and for our own filler marker, never drawn as text.
fn is_unsafe(c: char) -> bool {
    crate::printable::is_unsafe(c) || c == FILLER
}

/// Strip control and bidi-override characters from document text before it is
/// drawn. Tabs, newlines and other whitespace controls become one space so that
/// words stay apart. Borrows when there is nothing to strip.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let clean = if !s.chars().any(is_unsafe) {
        Cow::Borrowed(s)
    } else {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !is_unsafe(c) {
                out.push(c);
            } else if matches!(
                c,
                '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}'
            ) && !out.ends_with(' ')
            {
                out.push(' ');
            }
        }
        Cow::Owned(out)
    };
    if !ambiguous_wide() {
        return clean;
    }
    match mark_wide(&clean) {
        Cow::Borrowed(_) => clean,
        Cow::Owned(o) => Cow::Owned(o),
    }
}

/// Follows every ambiguous character when they are two cells wide: ratatui
/// counts it as one cell, so the character and its filler take the two
/// cells the layout gave the character; [`widen_ambiguous`] then blanks the
/// filler's cell and marks the character two wide. Never drawn as text.
pub const FILLER: char = '\u{10FFFD}';

/// With ambiguous characters two cells wide: `s` with a [`FILLER`] after
/// each of them (idempotent). Borrowed when there is nothing to mark.
pub fn mark_wide(s: &str) -> Cow<'_, str> {
    if !ambiguous_wide() || s.is_ascii() || !s.chars().any(is_ambiguous) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|&c| c != FILLER) {
        out.push(c);
        if is_ambiguous(c) {
            out.push(FILLER);
        }
    }
    Cow::Owned(out)
}

fn owned_marked(s: String) -> String {
    match mark_wide(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

static AMBIGUOUS_WIDE: AtomicBool = AtomicBool::new(false);

/// How many cells ambiguous-width characters take: 1 (the default) or 2.
/// Process-wide: set once from the configuration before drawing.
pub fn set_ambiguous_width(cells: u8) {
    AMBIGUOUS_WIDE.store(cells == 2, Ordering::Relaxed);
}

/// Whether ambiguous-width characters are measured as two cells.
pub fn ambiguous_wide() -> bool {
    AMBIGUOUS_WIDE.load(Ordering::Relaxed)
}

/// An East Asian ambiguous-width character: one cell in most terminals,
/// two in terminals set up for CJK.
pub fn is_ambiguous(c: char) -> bool {
    c != FILLER && c.width() == Some(1) && c.width_cjk() == Some(2)
}

/// Display width of a character in terminal cells (0 for combining marks).
pub fn char_width(c: char) -> usize {
    if is_unsafe(c) {
        0
    } else if ambiguous_wide() {
        c.width_cjk().unwrap_or(0)
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of a string in terminal cells, as the terminal will draw it
/// after [`sanitize`].
pub fn width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    if ambiguous_wide() {
        return s.chars().map(char_width).sum();
    }
    if !s.chars().any(is_unsafe) {
        return s.width();
    }
    s.chars().map(char_width).sum()
}

/// Box-drawing pieces: `(vertical, horizontal, cross)`; ASCII when
/// ambiguous characters are two cells wide.
pub fn rules() -> (&'static str, char, char) {
    if ambiguous_wide() {
        ("|", '-', '+')
    } else {
        ("│", '─', '┼')
    }
}

/// With ambiguous characters two cells wide: finish a frame. Each
/// [`FILLER`] cell (the second cell of the ambiguous character before it)
/// is blanked, and the character's cell is marked two cells wide so that the
/// terminal is never asked to draw over its second half.
pub fn widen_ambiguous(buf: &mut Buffer) {
    if !ambiguous_wide() {
        return;
    }
    let mut filler = [0u8; 4];
    let filler: &str = FILLER.encode_utf8(&mut filler);
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if buf[(x, y)].symbol() != filler {
                continue;
            }
            let style = buf[(x, y)].style();
            buf[(x, y)].reset();
            buf[(x, y)].set_style(style);
            if x > area.left()
                && let Some(w) = std::num::NonZeroU16::new(2)
            {
                let prev = &mut buf[(x - 1, y)];
                let mut cs = prev.symbol().chars();
                if matches!((cs.next(), cs.next()), (Some(c), None) if is_ambiguous(c)) {
                    prev.set_diff_option(CellDiffOption::ForcedWidth(w));
                }
            }
        }
    }
}

/// Cut `s` to at most `max` cells, ending with `…` when something was cut.
/// Never splits a character: a wide character that does not fit is dropped
/// whole (the result may then be one cell narrower than `max`).
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return mark_wide(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1; // room for the ellipsis
    let mut used = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let mut out = String::with_capacity(end + 3);
    out.push_str(s[..end].trim_end());
    out.push(ELLIPSIS);
    Cow::Owned(owned_marked(out))
}

/// Cut `s` to at most `max` cells, keeping its end (`…` first).
pub fn truncate_left(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return mark_wide(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    let mut used = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        start = i;
    }
    let mut out = String::with_capacity(s.len() - start + 3);
    out.push(ELLIPSIS);
    out.push_str(&s[start..]);
    Cow::Owned(owned_marked(out))
}

/// Pad `s` with spaces to exactly `w` cells (truncating first when wider).
/// `right` aligns the text to the right edge.
pub fn fit(s: &str, w: usize, right: bool) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    let mut out = String::with_capacity(t.len() + pad);
    if right {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(&t);
    } else {
        out.push_str(&t);
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out
}

/// `s` sanitized and cut to `max` cells as styled spans: the characters
/// whose char index (into `s`, before sanitizing) is in `matched` (sorted)
/// get `hl` patched over `base`, the others `base`. Never splits a
/// character; a cut ends with `…`. When the first match lies beyond the
/// cut, the start is cut instead (`…` first) so that the match shows, with
/// a few characters before it. Returns the spans and the cells they take.
pub fn highlight(
    s: &str,
    matched: &[usize],
    max: usize,
    base: Style,
    hl: Style,
) -> (Vec<Span<'static>>, usize) {
    // Characters as drawn: unsafe ones dropped, whitespace controls as spaces.
    let chars: Vec<(char, bool)> = s
        .chars()
        .enumerate()
        .filter_map(|(i, c)| {
            let hit = matched.binary_search(&i).is_ok();
            if !is_unsafe(c) {
                Some((c, hit))
            } else if matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}') {
                Some((' ', hit))
            } else {
                None
            }
        })
        .collect();
    let w_of = |cs: &[(char, bool)]| cs.iter().map(|(c, _)| char_width(*c)).sum::<usize>();
    let total = w_of(&chars);
    let mut start = 0;
    if total > max
        && let Some(first) = chars.iter().position(|(_, hit)| *hit)
    {
        // Keep the whole first run of matches (up to the last match) in view.
        let last = chars.iter().rposition(|(_, hit)| *hit).unwrap_or(first);
        if w_of(&chars[..=last]) > max.saturating_sub(1) {
            const CONTEXT: usize = 4;
            start = first.saturating_sub(CONTEXT);
            while start < first && 1 + w_of(&chars[start..=last]) > max.saturating_sub(1) {
                start += 1;
            }
        }
    }
    let lead = start > 0;
    let rest = &chars[start..];
    let rest_w = w_of(rest);
    let room = max.saturating_sub(usize::from(lead));
    let tail = rest_w > room;
    let budget = if tail { room.saturating_sub(1) } else { room };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let ellipsis = mark_wide("…").into_owned();
    if lead && max > 0 {
        spans.push(Span::styled(ellipsis.clone(), base));
        used += char_width(ELLIPSIS);
    }
    let wide = ambiguous_wide();
    let mut cur = String::new();
    let mut cur_hit = false;
    let hl_style = base.patch(hl);
    let mut taken = 0;
    for &(c, hit) in rest {
        let w = char_width(c);
        if taken + w > budget {
            break;
        }
        if hit != cur_hit && !cur.is_empty() {
            let style = if cur_hit { hl_style } else { base };
            spans.push(Span::styled(std::mem::take(&mut cur), style));
        }
        cur_hit = hit;
        cur.push(c);
        if wide && is_ambiguous(c) {
            cur.push(FILLER);
        }
        taken += w;
    }
    if !cur.is_empty() {
        let style = if cur_hit { hl_style } else { base };
        spans.push(Span::styled(cur, style));
    }
    used += taken;
    if tail && room > 0 {
        spans.push(Span::styled(ellipsis, base));
        used += char_width(ELLIPSIS);
    }
    (spans, used)
}

/// Characters that should not start a line (closing punctuation).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '”'
            | '’'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '%'
            | '％'
    )
}

/// Characters that should not end a line (opening punctuation).
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '《' | '〈' | '【' | '“' | '‘' | '(' | '['
    )
}

/// Wrap `s` to lines of at most `max` cells. Chinese text breaks between any
/// two characters (closing punctuation is kept off the start of a line when
/// possible); runs of Latin letters and digits break at spaces when they can.
/// Always returns at least one line; never splits a character. A character
/// wider than `max` is put on a line of its own.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0usize;
    for c in s.chars() {
        let w = char_width(c);
        if c == ' ' && cur.is_empty() && !lines.is_empty() {
            continue; // no leading space on continuation lines
        }
        if cur_w + w > max && !cur.is_empty() {
            // Find a break point.
            let mut carry = String::new();
            let orig = cur.clone();
            let last = cur.chars().last();
            let many = cur.chars().count() > 1;
            if let Some(last) = last.filter(|&l| many && no_line_end(l)) {
                // An opening bracket goes down with what it opens.
                cur.truncate(cur.len() - last.len_utf8());
                carry.push(last);
            } else if c.is_ascii_alphanumeric() {
                // Break at the last space if the word is Latin.
                if let Some(pos) = cur.rfind(' ') {
                    let tail = &cur[pos + 1..];
                    if !tail.is_empty() && tail.chars().all(|t| t.is_ascii_alphanumeric()) {
                        carry = tail.to_string();
                        cur.truncate(pos);
                    }
                }
            } else if no_line_start(c) {
                // Move the last character down with the punctuation.
                if let Some(last) = last.filter(|&l| many && !no_line_start(l)) {
                    cur.truncate(cur.len() - last.len_utf8());
                    carry.push(last);
                }
            }
            // Never leave an opening bracket at the end of the line.
            while let Some(l) = cur.chars().last().filter(|&l| no_line_end(l))
                && cur.chars().count() > 1
            {
                cur.truncate(cur.len() - l.len_utf8());
                carry.insert(0, l);
            }
            if width(&carry) + w > max || cur.trim_end().is_empty() {
                // The nicer break does not fit: break right here.
                cur = orig;
                carry.clear();
            }
            lines.push(cur.trim_end().to_string());
            cur = carry;
            cur_w = width(&cur);
            if c == ' ' {
                continue;
            }
        }
        cur.push(c);
        cur_w += w;
    }
    lines.push(cur.trim_end().to_string());
    if ambiguous_wide() {
        return lines.into_iter().map(owned_marked).collect();
    }
    lines
}

pub use crate::model::group_thousands;

/// True when a cell reads as a number as printed: digits with optional sign,
/// thousands separators, decimals and a trailing `%`.
pub fn is_numeric(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    let t = t.strip_prefix(['-', '+', '−']).unwrap_or(t);
    if t.is_empty() {
        return false;
    }
    let mut digits = 0;
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b',' | b'.' => {}
            _ => return false,
        }
    }
    digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_controls_and_bidi() {
        assert_eq!(sanitize("a\u{202E}b\u{0007}c"), "abc");
        assert_eq!(sanitize("a\tb\r\nc"), "a b c");
        assert_eq!(sanitize("\u{1b}[31mred"), "[31mred");
        assert!(matches!(sanitize("干净的文本"), Cow::Borrowed(_)));
    }

    #[test]
    fn width_counts_cjk_as_two() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("公安局"), 6);
        assert_eq!(width("a公b"), 4);
        assert_eq!(width("x\u{202E}"), 1);
    }

    #[test]
    fn truncate_never_splits_a_character() {
        assert_eq!(truncate("公安局治安", 10), "公安局治安");
        assert_eq!(truncate("公安局治安", 9), "公安局治…");
        assert_eq!(truncate("公安局治安", 8), "公安局…");
        assert_eq!(truncate("公安局治安", 1), "…");
        assert_eq!(truncate("公安局治安", 0), "");
        assert_eq!(truncate("abcdef", 4), "abc…");
        for w in 0..12 {
            assert!(width(&truncate("深圳市公安局ab罗湖", w)) <= w);
        }
    }

    #[test]
    fn truncate_left_keeps_the_end() {
        assert_eq!(truncate_left("第一部分 > 部门概况", 9), "…部门概况");
    }

    #[test]
    fn fit_pads_to_width() {
        assert_eq!(fit("12.5", 6, true), "  12.5");
        assert_eq!(fit("公安", 5, false), "公安 ");
        assert_eq!(fit("公安局", 5, false), "公安…");
        assert_eq!(width(&fit("公安局", 4, false)), 4);
    }

    #[test]
    fn wrap_respects_width() {
        let lines = wrap("负责维护全区政治安全，在文化领域不发生有影响的案事件。", 10);
        for l in &lines {
            assert!(width(l) <= 10, "{l}");
        }
        assert_eq!(
            lines.concat(),
            "负责维护全区政治安全，在文化领域不发生有影响的案事件。"
        );
        assert!(!lines.iter().skip(1).any(|l| l.starts_with('，')));
        assert_eq!(wrap("公共安全支出（1）", 14), vec!["公共安全支出", "（1）"]);
        assert_eq!(wrap("公共安全支出（1）", 15), vec!["公共安全支出", "（1）"]);
        for max in 1..8 {
            for s in [
                "a（文",
                "ab（（（c",
                "（（（（",
                "中文，，，",
                "abcdefghij k",
            ] {
                for l in wrap(s, max) {
                    assert!(width(&l) <= max.max(2), "{s:?} at {max}: {l:?}");
                }
            }
        }
        let lines = wrap("the quick brown fox", 10);
        assert_eq!(lines, vec!["the quick", "brown fox"]);
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("公安", 1), vec!["公".to_string(), "安".to_string()]);
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands("11262.73"), "11,262.73");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
        assert_eq!(group_thousands("12"), "12");
        assert_eq!(group_thousands("abc"), "abc");
    }

    #[test]
    fn numeric_cells() {
        for s in ["1", "11,262.73", ".04", "-3", "95%", " 12 "] {
            assert!(is_numeric(s), "{s}");
        }
        for s in ["", "合计", "2040 201", "≥90%", "-", "1a"] {
            assert!(!is_numeric(s), "{s}");
        }
    }
}
