//! Text → normalized lines, each keeping its original 1-based line number.
//!
//! [`split_lines`] cuts the text at `\r\n`, `\r` and `\n`, splits each line at
//! form feeds (page breaks), normalizes every piece with [`normalize_line`] and
//! finally blanks lone page numbers. [`normalize_line`] undoes the residue of
//! PDF / Word conversion inside one line (odd spaces, control characters,
//! full-width digits, LaTeX, HTML tags, Markdown bold, Word field codes); it
//! returns the line borrowed, without any copy, when nothing needs changing.
//!
//! Everything here is linear in the input: every look-ahead is bounded.

use crate::model::LineNo;
use std::borrow::Cow;

/// One line of normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the original file.
    pub no: LineNo,
    pub text: String,
}

/// Longest `$…$` span rewritten as LaTeX, in bytes.
const MAX_MATH: usize = 256;
/// Longest HTML tag recognised, in bytes.
const MAX_TAG: usize = 512;
/// Longest text between a `TC` field keyword and its first switch, in bytes.
const MAX_FIELD: usize = 2048;
/// Longest arguments of other field keywords before their first switch, in bytes.
const MAX_FIELD_ARGS: usize = 200;
/// Longest line (in bytes) considered as a lone page number.
const MAX_PAGE_NUMBER_LINE: usize = 96;

/// Test input: one [`Line`] per `\n`-separated piece, numbered from 1, as is.
#[cfg(test)]
pub(crate) fn test_lines(s: &str) -> Vec<Line> {
    s.split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: LineNo::try_from(i + 1).unwrap_or(LineNo::MAX),
            text: t.to_string(),
        })
        .collect()
}

/// Split text into normalized lines.
///
/// Line ends are `\r\n`, `\r` and `\n`; a final line end does not start a new
/// line. A form feed (`\x0c`) splits a line into several [`Line`]s sharing the
/// same `no`, with an empty `Line` for the page break itself, so text on either
/// side is separated by a blank line (empty pieces are dropped, and page breaks
/// with nothing between them give one blank line; a line never disappears).
/// Every line goes through [`normalize_line`]; then lone page numbers (see
/// [`is_page_number`]) between blank lines become empty lines.
pub fn split_lines(text: &str) -> Vec<Line> {
    // One pass over the bytes finds both the line ends and the lines that need
    // normalizing: line ends are "interesting" bytes for the quick scan too.
    let b = text.as_bytes();
    let n = b.len();
    let mut out: Vec<Line> = Vec::with_capacity(n / 40 + 1);
    let mut no: LineNo = 0;
    let mut start = 0usize;
    let mut dirty = false;
    let mut base = 0usize;
    while base < n {
        let mut mask = interesting_mask(b, base);
        while mask != 0 {
            let pos = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if pos < start {
                continue; // the `\n` of a `\r\n` already handled
            }
            match b[pos] {
                b'\n' | b'\r' => {
                    no = no.saturating_add(1);
                    push_line(&mut out, text.get(start..pos).unwrap_or(""), no, dirty);
                    let crlf = b[pos] == b'\r' && b.get(pos + 1) == Some(&b'\n');
                    start = pos + if crlf { 2 } else { 1 };
                    dirty = false;
                }
                _ => dirty = dirty || hit_at(b, pos),
            }
        }
        base += CHUNK;
    }
    if start < n {
        no = no.saturating_add(1);
        push_line(&mut out, text.get(start..).unwrap_or(""), no, dirty);
    }
    blank_lone_page_numbers(&mut out);
    out
}

/// Normalize one raw line (without its line end) and push it, split at form
/// feeds. `dirty`: the quick scan found something in it (trailing spaces are
/// checked here).
fn push_line(out: &mut Vec<Line>, raw: &str, no: LineNo, dirty: bool) {
    if !dirty && !raw.ends_with(' ') {
        out.push(Line {
            no,
            text: raw.to_owned(),
        });
        return;
    }
    if !raw.as_bytes().contains(&0x0c) {
        out.push(Line {
            no,
            text: normalize_slow(raw),
        });
        return;
    }
    // Consecutive page breaks with nothing between them make one blank line.
    let mut pending_break = false;
    for (k, piece) in raw.split('\x0c').enumerate() {
        pending_break |= k > 0;
        if piece.is_empty() {
            continue;
        }
        let text = normalize_line(piece);
        if text.is_empty() {
            continue;
        }
        if pending_break {
            out.push(Line {
                no,
                text: String::new(),
            });
            pending_break = false;
        }
        out.push(Line {
            no,
            text: text.into_owned(),
        });
    }
    if pending_break {
        out.push(Line {
            no,
            text: String::new(),
        });
    }
}

/// Empty the lines that hold only a page number and sit between blank lines
/// (or the start / end of the text, or a page break).
fn blank_lone_page_numbers(lines: &mut [Line]) {
    let n = lines.len();
    let mut lone = Vec::new();
    for i in 0..n {
        let text = &lines[i].text;
        // Cheap tests first: short, non-blank, blank neighbours.
        if text.is_empty() || text.len() > MAX_PAGE_NUMBER_LINE {
            continue;
        }
        let before_blank = i == 0 || lines[i - 1].text.is_empty();
        let after_blank = i + 1 >= n || lines[i + 1].text.is_empty();
        if before_blank && after_blank && is_page_number(text) {
            lone.push(i);
        }
    }
    for i in lone {
        lines[i].text.clear();
    }
}

/// True when the whole line is a page number: `12`, `- 12 -`, `—12—`, `第 3 页`,
/// `第3页 共10页`, `3/10`, `Page 3 of 10`. A bare number has at most 3 digits (so
/// `2024`, a year, is content); decorated forms allow 4. Lines with a tab are
/// table rows, never page numbers.
pub fn is_page_number(s: &str) -> bool {
    if s.contains('\t') {
        return false;
    }
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    if t.len() > 4 * 64 {
        return false;
    }
    let chars: Vec<char> = t.chars().take(64).collect();
    if chars.len() >= 64 {
        return false;
    }
    let mut p = PageCursor { c: &chars, i: 0 };
    // Bare number.
    if let Some(d) = p.digits() {
        if p.done() {
            return d <= 3;
        }
        // `3/10`
        let a = p.value_of_last();
        p.spaces();
        if p.eat(&['/']) {
            p.spaces();
            if let Some(d2) = p.digits() {
                let b = p.value_of_last();
                return d2 <= 4 && d <= 4 && p.done() && a >= 1 && a <= b;
            }
        }
        return false;
    }
    p.i = 0;
    // `- 12 -`, `—12—`
    if p.dashes() > 0 {
        p.spaces();
        if let Some(d) = p.digits() {
            p.spaces();
            return d <= 4 && p.dashes() > 0 && p.done();
        }
        return false;
    }
    p.i = 0;
    // `Page 3`, `Page 3 of 10`
    if p.word("page") {
        p.spaces();
        if p.digits().is_some_and(|d| d <= 4) {
            p.spaces();
            if p.done() {
                return true;
            }
            if p.word("of") {
                p.spaces();
                return p.digits().is_some_and(|d| d <= 4) && {
                    p.spaces();
                    p.done()
                };
            }
        }
        return false;
    }
    p.i = 0;
    // `第3页`, `第 3 页 共 10 页`, `共10页 第3页`, `第3页/共10页`
    let mut saw_page = false;
    loop {
        p.spaces();
        if p.done() {
            return saw_page;
        }
        let is_this = p.eat(&['第']);
        let is_total = !is_this && p.eat(&['共']);
        if !is_this && !is_total {
            return false;
        }
        p.spaces();
        if p.digits().is_none_or(|d| d > 4) {
            return false;
        }
        p.spaces();
        if !p.eat(&['页']) {
            return false;
        }
        saw_page |= is_this;
        p.spaces();
        p.eat(&['/', ',', '，', '、', ';', '；']);
    }
}

/// A tiny cursor over the characters of a candidate page-number line.
struct PageCursor<'a> {
    c: &'a [char],
    i: usize,
}

impl PageCursor<'_> {
    fn done(&self) -> bool {
        self.i >= self.c.len()
    }
    fn spaces(&mut self) {
        while self.c.get(self.i).is_some_and(|c| c.is_whitespace()) {
            self.i += 1;
        }
    }
    fn eat(&mut self, set: &[char]) -> bool {
        if self.c.get(self.i).is_some_and(|c| set.contains(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// Consume ASCII digits, returning how many.
    fn digits(&mut self) -> Option<usize> {
        let start = self.i;
        while self.c.get(self.i).is_some_and(char::is_ascii_digit) {
            self.i += 1;
        }
        (self.i > start).then_some(self.i - start)
    }
    /// Value of the digits just before the cursor (saturating).
    fn value_of_last(&self) -> u32 {
        let mut start = self.i;
        while start > 0 && self.c.get(start - 1).is_some_and(char::is_ascii_digit) {
            start -= 1;
        }
        self.c
            .get(start..self.i)
            .unwrap_or_default()
            .iter()
            .fold(0u32, |v, c| {
                v.saturating_mul(10)
                    .saturating_add(c.to_digit(10).unwrap_or(0))
            })
    }
    fn dashes(&mut self) -> usize {
        let start = self.i;
        while self
            .c
            .get(self.i)
            .is_some_and(|c| matches!(c, '-' | '－' | '—' | '–' | '―' | '‐' | '‒' | '─'))
        {
            self.i += 1;
        }
        self.i - start
    }
    /// Consume an ASCII word, case-insensitively.
    fn word(&mut self, w: &str) -> bool {
        let n = w.chars().count();
        let Some(seg) = self.c.get(self.i..self.i + n) else {
            return false;
        };
        if seg
            .iter()
            .zip(w.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        {
            self.i += n;
            true
        } else {
            false
        }
    }
}

/// Normalize one line (no line end inside). Returns the input borrowed when no
/// rule applies, which is the case for most lines.
///
/// Rules: odd Unicode spaces → ASCII space and zero-width characters removed;
/// control and bidi characters removed (tabs kept); full-width digits → ASCII and
/// full-width signs inside numbers → ASCII; `≧`/`≦` → `≥`/`≤`; LaTeX spans
/// (`$\geq 95\%$` → `≥95%`); HTML-ish tags removed; Markdown `**` removed; Word
/// field codes (` TC … \l 1`, `PAGE \* MERGEFORMAT`) removed; trailing ASCII
/// spaces removed.
pub fn normalize_line(s: &str) -> Cow<'_, str> {
    if !needs_work(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let t = normalize_slow(s);
    if t == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(t)
    }
}

/// Apply every rule of [`normalize_line`], always building a new string.
fn normalize_slow(s: &str) -> String {
    let mut t = map_chars(s);
    if t.contains('\\')
        && let Some(x) = strip_field_codes(&t)
    {
        t = x;
    }
    if t.contains('<')
        && let Some(x) = strip_tags(&t)
    {
        t = x;
    }
    if t.contains('$')
        && t.contains('\\')
        && let Some(x) = rewrite_latex(&t)
    {
        t = x;
    }
    if t.contains("**") {
        t = strip_bold(&t);
    }
    if t.contains(['．', '，', '－', '＋', '％', '＞', '＜', '＝'])
        && let Some(x) = ascii_signs_in_numbers(&t)
    {
        t = x;
    }
    let keep = t.trim_end_matches(' ').len();
    t.truncate(keep);
    t
}

/// Quick byte scan: can any rule of [`normalize_line`] apply? False negatives
/// are not allowed; false positives only cost time.
fn needs_work(b: &[u8]) -> bool {
    if b.last() == Some(&b' ') {
        return true;
    }
    let mut base = 0usize;
    while base < b.len() {
        let mut mask = interesting_mask(b, base);
        while mask != 0 {
            let pos = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if hit_at(b, pos) {
                return true;
            }
        }
        base += CHUNK;
    }
    false
}

/// Bytes per step of the quick scan.
const CHUNK: usize = 16;

/// Bit `k` set when `b[base + k]` is an [`INTERESTING`] byte, for the `CHUNK`
/// bytes from `base` (fewer at the end). Written so that the compiler turns
/// full chunks into a few vector compares.
#[inline]
fn interesting_mask(b: &[u8], base: usize) -> u32 {
    let end = base.saturating_add(CHUNK);
    if let Some(chunk) = b.get(base..end)
        && let Ok(chunk) = <&[u8; CHUNK]>::try_from(chunk)
    {
        // One 0/1 flag per byte (vector compares), then the flags of eight
        // bytes gathered into eight bits with one multiplication each.
        let mut f = [0u8; CHUNK];
        for (flag, &c) in f.iter_mut().zip(chunk) {
            let hit = (c < 0x20 && c != b'\t')
                | (c == 0x7f)
                | (c == b'\\')
                | (c == b'<')
                | (c == b'*')
                | (c == 0xC2)
                | (c == 0xD8)
                | (c.wrapping_sub(0xE2) < 2)
                | (c == 0xEF);
            *flag = u8::from(hit);
        }
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let [
            a0,
            a1,
            a2,
            a3,
            a4,
            a5,
            a6,
            a7,
            b0,
            b1,
            b2,
            b3,
            b4,
            b5,
            b6,
            b7,
        ] = f;
        let lo = u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]);
        let hi = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        let m = (lo.wrapping_mul(GATHER) >> 56) | ((hi.wrapping_mul(GATHER) >> 56) << 8);
        return m as u32;
    }
    let mut m = 0u32;
    for (k, &c) in b
        .get(base..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .take(CHUNK)
    {
        m |= u32::from(INTERESTING[usize::from(c)]) << k;
    }
    m
}

/// Does the interesting byte at `b[i]` start something a rule changes?
#[inline]
fn hit_at(b: &[u8], i: usize) -> bool {
    let c = b[i];
    let b1 = b.get(i + 1).copied().unwrap_or(0);
    let b2 = b.get(i + 2).copied().unwrap_or(0);
    match c {
        b'\\' => true,
        b'<' => b1.is_ascii_alphabetic() || b1 == b'/',
        b'*' => b1 == b'*',
        0xC2 => (0x80..=0xA0).contains(&b1),
        0xD8 => b1 == 0x9C,
        0xE2 => matches!(
            (b1, b2),
            // U+2000–U+200F, U+2028–U+202F
            (0x80, 0x80..=0x8F | 0xA8..=0xAF)
            // U+205F–U+2069
            | (0x81, 0x9F..=0xA9)
            // ≦ ≧
            | (0x89, 0xA6 | 0xA7)
        ),
        0xE3 => b1 == 0x80 && b2 == 0x80,
        0xEF => match (b1, b2) {
            (0xBB, 0xBF) => true,
            // ％ ＋ － ． ０–９ ＜ ＝ ＞
            (0xBC, 0x85 | 0x8B | 0x8D | 0x8E | 0x90..=0x99 | 0x9C..=0x9E) => true,
            // ， between ASCII digits (full-width digits are caught above)
            (0xBC, 0x8C) => {
                i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 3).is_some_and(u8::is_ascii_digit)
            }
            _ => false,
        },
        // C0 controls (other than tab) and DEL.
        _ => true,
    }
}

/// Bytes that may start something [`needs_work`] must look at.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = i != b'\t' as usize;
        i += 1;
    }
    t[0x7F] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'*' as usize] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Rules 1–4 at the character level: odd spaces, zero-width, control and bidi
/// characters, full-width digits, `≧`/`≦`.
fn map_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0usize;
    for (i, c) in s.char_indices() {
        let replacement: Option<char> = match c {
            '\t' => continue,
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => None,
            '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => Some(' '),
            // Unicode line / paragraph separators inside a line: spacing.
            '\u{2028}' | '\u{2029}' => Some(' '),
            '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{61c}' => None,
            '０'..='９' => char::from_digit((c as u32).saturating_sub('０' as u32), 10),
            '≧' => Some('≥'),
            '≦' => Some('≤'),
            _ => continue,
        };
        out.push_str(s.get(copied..i).unwrap_or(""));
        if let Some(r) = replacement {
            out.push(r);
        }
        copied = i + c.len_utf8();
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// Rule 3, full-width signs inside numbers: `．`/`，` between digits, `－`/`＋`
/// before a digit, `％` after a digit, `＞ ＜ ＝` before a digit (spaces allowed).
fn ascii_signs_in_numbers(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut prev: Option<char> = None;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        let next = after.chars().next();
        let prev_digit = prev.is_some_and(|p| p.is_ascii_digit());
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        let mapped = match c {
            '．' if prev_digit && next_digit => Some('.'),
            '，' if prev_digit && next_digit => Some(','),
            '－' if next_digit => Some('-'),
            '＋' if next_digit => Some('+'),
            '％' if prev_digit => Some('%'),
            '＞' | '＜' | '＝' => {
                // A run of comparison signs and spaces directly before a digit.
                let run_len = rest
                    .char_indices()
                    .find(|&(_, ch)| !matches!(ch, '＞' | '＜' | '＝' | ' '))
                    .map_or(rest.len(), |(i, _)| i);
                let run = rest.get(..run_len).unwrap_or("");
                let tail = rest.get(run_len..).unwrap_or("");
                let last = run.chars().next_back();
                if tail.starts_with(|ch: char| ch.is_ascii_digit()) {
                    for ch in run.chars() {
                        out.push(match ch {
                            '＞' => '>',
                            '＜' => '<',
                            '＝' => '=',
                            other => other,
                        });
                    }
                    changed = true;
                } else {
                    out.push_str(run);
                }
                prev = last;
                rest = tail;
                continue;
            }
            _ => None,
        };
        match mapped {
            Some(m) => {
                out.push(m);
                changed = true;
            }
            None => out.push(c),
        }
        prev = Some(c);
        rest = after;
    }
    changed.then_some(out)
}

/// Rule 7: runs of two or more `*` (Markdown bold) removed.
fn strip_bold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut stars = 0usize;
    for c in s.chars() {
        if c == '*' {
            stars += 1;
            continue;
        }
        if stars == 1 {
            out.push('*');
        }
        stars = 0;
        out.push(c);
    }
    if stars == 1 {
        out.push('*');
    }
    out
}

// ---------------------------------------------------------------------------
// HTML-ish tags

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Open,
    Close,
    /// `<br>`, `<hr>`, or any self-closing tag: a break between parts.
    Break,
}

/// Parse a tag starting at `b[i] == b'<'`: `<name …>`, `</name>`, `<name/>`
/// with an ASCII-letter name. Returns the end (exclusive) and the kind.
fn parse_tag(b: &[u8], i: usize) -> Option<(usize, TagKind)> {
    let limit = b.len().min(i.saturating_add(MAX_TAG));
    let mut p = i + 1;
    let closing = b.get(p) == Some(&b'/');
    if closing {
        p += 1;
    }
    if !b.get(p).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = p;
    while p < limit && (b[p].is_ascii_alphanumeric() || b[p] == b'-' || b[p] == b':') {
        p += 1;
    }
    let name = b.get(name_start..p)?;
    let is_break = name.eq_ignore_ascii_case(b"br") || name.eq_ignore_ascii_case(b"hr");
    match b.get(p)? {
        b'>' => {}
        b'/' if !closing => {}
        b' ' => {}
        _ => return None,
    }
    let mut quote: Option<u8> = None;
    let mut self_closing = false;
    while p < limit {
        let c = b[p];
        match quote {
            Some(q) => {
                if c == b'<' || c == b'\t' {
                    return None;
                }
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'>' => {
                    let kind = if closing {
                        TagKind::Close
                    } else if is_break || self_closing {
                        TagKind::Break
                    } else {
                        TagKind::Open
                    };
                    return Some((p + 1, kind));
                }
                b'"' | b'\'' if !closing => quote = Some(c),
                b'<' | b'\t' => return None,
                b'/' => {
                    self_closing = true;
                    p += 1;
                    continue;
                }
                _ => {}
            },
        }
        if c == b'\t' {
            return None;
        }
        self_closing = false;
        p += 1;
    }
    None
}

/// Rule 6: remove tags. A run of tags (and the spaces around and between them)
/// becomes one space when it separates two parts of text and either contained
/// spaces, a break tag or a closing tag followed by an opening tag; otherwise
/// it disappears. Leading indentation is kept.
fn strip_tags(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut copied = 0usize;
    let mut i = 0usize;
    let mut changed = false;
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let Some((end, kind)) = parse_tag(b, i) else {
            i += 1;
            continue;
        };
        changed = true;
        out.push_str(s.get(copied..i).unwrap_or(""));
        // Spaces just before the run belong to it, unless they are indentation.
        let trimmed_len = out.trim_end_matches(' ').len();
        let mut had_space = false;
        if trimmed_len < out.len() {
            let before = out.get(..trimmed_len).unwrap_or("");
            if !before.is_empty() && !before.ends_with('\t') {
                out.truncate(trimmed_len);
                had_space = true;
            }
        }
        let mut separate = kind == TagKind::Break;
        let mut closed = kind == TagKind::Close;
        let mut j = end;
        loop {
            let mut k = j;
            while k < n && b[k] == b' ' {
                k += 1;
            }
            if k < n
                && b[k] == b'<'
                && let Some((e2, kind2)) = parse_tag(b, k)
            {
                had_space |= k > j;
                match kind2 {
                    TagKind::Open if closed => separate = true,
                    TagKind::Close => closed = true,
                    TagKind::Break => separate = true,
                    TagKind::Open => {}
                }
                j = e2;
                continue;
            }
            had_space |= k > j;
            j = k;
            break;
        }
        let at_start = out.is_empty() || out.ends_with('\t') || out.ends_with(' ');
        let at_end = j >= n || b[j] == b'\t';
        if !at_start && !at_end && (had_space || separate) {
            out.push(' ');
        }
        i = j;
        copied = j;
    }
    if !changed {
        return None;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    Some(out)
}

// ---------------------------------------------------------------------------
// LaTeX

/// Rule 5: rewrite `$…$` (or `$$…$$`) spans that contain a backslash command.
fn rewrite_latex(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut copied = 0usize;
    let mut changed = false;
    let mut i = 0usize;
    while i < n {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        let delim = if b.get(i + 1) == Some(&b'$') { 2 } else { 1 };
        let open_end = i + delim;
        let limit = n.min(open_end.saturating_add(MAX_MATH));
        let mut close = None;
        let mut k = open_end;
        while k < limit {
            match b[k] {
                b'\t' => break,
                b'$' => {
                    if delim == 1 || b.get(k + 1) == Some(&b'$') {
                        close = Some(k);
                    }
                    break;
                }
                _ => k += 1,
            }
        }
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner = s.get(open_end..close).unwrap_or("");
        if !has_command(inner) {
            i += 1;
            continue;
        }
        out.push_str(s.get(copied..i).unwrap_or(""));
        out.push_str(&latex_to_text(inner));
        changed = true;
        i = close + delim;
        copied = i;
    }
    if !changed {
        return None;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    Some(out)
}

/// A backslash followed by a letter or `%`.
fn has_command(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || w[1] == b'%'))
}

/// Convert the inside of a math span to plain text.
fn latex_to_text(inner: &str) -> String {
    let mut raw = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((idx, c)) = chars.next() {
        match c {
            '\\' => {
                let rest = inner.get(idx + 1..).unwrap_or("");
                let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                if name_len == 0 {
                    match chars.next() {
                        Some((_, ',' | '!')) => {}
                        Some((_, ';' | ':' | ' ')) => raw.push(' '),
                        Some((_, other)) => raw.push(other),
                        None => {}
                    }
                    continue;
                }
                let name = rest.get(..name_len).unwrap_or("");
                for _ in 0..name_len {
                    chars.next();
                }
                match name {
                    "geq" | "ge" | "geqslant" => raw.push('≥'),
                    "leq" | "le" | "leqslant" => raw.push('≤'),
                    "times" => raw.push('×'),
                    "gt" => raw.push('>'),
                    "lt" => raw.push('<'),
                    "neq" | "ne" => raw.push('≠'),
                    "approx" => raw.push('≈'),
                    "pm" => raw.push('±'),
                    "div" => raw.push('÷'),
                    "cdot" => raw.push('·'),
                    "sim" => raw.push('~'),
                    "left" | "right" | "displaystyle" => {}
                    "text" | "mathrm" | "textrm" | "mathbf" | "textbf" | "mathit" | "rm"
                    | "operatorname" => {
                        // The group that follows is copied literally.
                        while chars.peek().is_some_and(|&(_, ch)| ch == ' ') {
                            chars.next();
                        }
                        if chars.peek().is_some_and(|&(_, ch)| ch == '{') {
                            chars.next();
                            let mut depth = 1usize;
                            for (_, ch) in chars.by_ref() {
                                match ch {
                                    '{' => depth += 1,
                                    '}' => {
                                        depth -= 1;
                                        if depth == 0 {
                                            break;
                                        }
                                    }
                                    _ => {}
                                }
                                if depth > 0 && ch != '{' {
                                    raw.push(ch);
                                }
                            }
                        }
                    }
                    other => {
                        raw.push('\\');
                        raw.push_str(other);
                    }
                }
            }
            '{' | '}' => {}
            _ => raw.push(c),
        }
    }
    tidy_math_spaces(&raw)
}

/// Collapse spaces, drop those between an operator and a number and before `%`.
fn tidy_math_spaces(raw: &str) -> String {
    let is_op = |c: char| matches!(c, '≥' | '≤' | '>' | '<' | '≠' | '≈' | '×' | '±' | '=' | '~');
    let starts_number = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.');
    let chars: Vec<char> = raw.trim().chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let prev = out.chars().next_back();
        let next = chars.get(j).copied();
        let drop = match (prev, next) {
            (Some(p), Some(nx)) if is_op(p) && starts_number(nx) => true,
            (_, Some('%')) => true,
            (Some(p), Some('×')) if p.is_ascii_digit() => true,
            _ => false,
        };
        if !drop {
            out.push(' ');
        }
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------
// Word field codes

/// Field keywords whose codes leak into extracted text.
const FIELD_KEYWORDS: &[&str] = &[
    "TC",
    "PAGE",
    "NUMPAGES",
    "SECTIONPAGES",
    "TOC",
    "PAGEREF",
    "HYPERLINK",
    "SEQ",
    "REF",
    "NOTEREF",
    "STYLEREF",
    "MERGEFIELD",
    "DATE",
    "TIME",
    "XE",
    "INDEX",
    "FILENAME",
];

/// Switches that take an unquoted argument (`\f C`, `\l 1`, `\* MERGEFORMAT`).
fn switch_takes_arg(c: u8) -> bool {
    matches!(
        c,
        b'*' | b'#' | b'@' | b'f' | b'l' | b'o' | b't' | b'b' | b's' | b'd' | b'c' | b'n'
    )
}

/// Rule 8: remove Word field codes such as ` TC 1、\“标题\” \f C \l 1`,
/// `PAGE \* MERGEFORMAT`, `TOC \o "1-3" \h \z \u`.
fn strip_field_codes(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut copied = 0usize;
    let mut changed = false;
    let mut switches = NextFinder::default();
    let mut tabs = NextFinder::default();
    let mut i = 0usize;
    while i < n {
        let c = b[i];
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let candidate = boundary && (c.is_ascii_uppercase() || c == b'\\');
        let found = if candidate {
            match_field(b, i, &mut switches, &mut tabs)
        } else {
            None
        };
        let Some(end) = found else {
            i += 1;
            continue;
        };
        // Remove the spaces before the field too; keep one space if the field
        // sat between two parts of text.
        let mut start = i;
        while start > copied && b[start - 1] == b' ' {
            start -= 1;
        }
        let mut after = end;
        while after < n && b[after] == b' ' {
            after += 1;
        }
        out.push_str(s.get(copied..start).unwrap_or(""));
        let had_space = start < i || after > end;
        let text_before = start > 0 && b[start - 1] != b'\t';
        let text_after = after < n && b[after] != b'\t';
        if had_space && text_before && text_after {
            out.push(' ');
        }
        changed = true;
        i = after;
        copied = after;
    }
    if !changed {
        return None;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    Some(out)
}

/// Finds the first position at or after a non-decreasing sequence of query
/// positions where a predicate holds, scanning every byte at most once.
#[derive(Default)]
struct NextFinder {
    /// Queries so far started at or after this position …
    from: usize,
    /// … and this is the first match at or after `from` (`None`: no match).
    hit: Option<usize>,
    /// False until the first scan.
    started: bool,
}

impl NextFinder {
    fn find(&mut self, b: &[u8], at: usize, pred: impl Fn(&[u8], usize) -> bool) -> Option<usize> {
        if self.started && at >= self.from {
            match self.hit {
                None => return None,
                Some(h) if h >= at => return Some(h),
                Some(_) => {}
            }
        }
        self.started = true;
        self.from = at;
        self.hit = (at..b.len()).find(|&p| pred(b, p));
        self.hit
    }
}

/// If a field code starts at `i`, return its end (exclusive). `i` must not
/// decrease between calls sharing the finders.
fn match_field(
    b: &[u8],
    i: usize,
    switches: &mut NextFinder,
    tabs: &mut NextFinder,
) -> Option<usize> {
    let n = b.len();
    // A bare `\* MERGEFORMAT` / `\* CHARFORMAT` left over from a field.
    if b[i] == b'\\' {
        let rest = b.get(i..)?;
        for tail in [&b"\\* MERGEFORMAT"[..], &b"\\* CHARFORMAT"[..]] {
            if rest.starts_with(tail) {
                let end = i + tail.len();
                if end >= n || !b[end].is_ascii_alphanumeric() {
                    return Some(end);
                }
            }
        }
        return None;
    }
    let keyword = FIELD_KEYWORDS.iter().find(|k| {
        b.get(i..i + k.len()) == Some(k.as_bytes()) && b.get(i + k.len()) == Some(&b' ')
    })?;
    let is_tc = *keyword == "TC";
    if is_tc && i > 0 && !b[i - 1].is_ascii_whitespace() {
        return None;
    }
    let body = i + keyword.len();
    // The first switch (` \x` followed by a space or the end) in the same cell,
    // not too far away. A TC entry carries free text before it; other fields
    // at most a few argument tokens.
    let first_switch = switches.find(b, body, is_switch_at)?;
    if tabs
        .find(b, body, |b, p| b[p] == b'\t')
        .is_some_and(|t| t < first_switch)
    {
        return None;
    }
    let max_gap = if is_tc { MAX_FIELD } else { MAX_FIELD_ARGS };
    if first_switch - body > max_gap {
        return None;
    }
    if !is_tc && count_tokens(b.get(body..first_switch)?) > 3 {
        return None;
    }
    // Consume switches and their arguments.
    let mut p = first_switch;
    let mut end = p;
    while is_switch_at(b, p) {
        let sw = b[p + 1];
        p += 2;
        end = p;
        let mut q = p;
        while q < n && b[q] == b' ' {
            q += 1;
        }
        if q < n && b[q] == b'"' {
            if let Some(e) = skip_quoted(b, q, n.min(q + MAX_FIELD_ARGS)) {
                end = e;
                p = e;
            }
        } else if switch_takes_arg(sw) && q < n && !is_switch_at(b, q) {
            let mut e = q;
            while e < n
                && e - q <= 16
                && (b[e].is_ascii_alphanumeric() || b[e] == b'_' || b[e] == b'-')
            {
                e += 1;
            }
            let boundary = e >= n || b[e] == b' ' || b[e] == b'\t';
            if e > q && e - q <= 16 && boundary {
                end = e;
                p = e;
            }
        }
        while p < n && b[p] == b' ' {
            p += 1;
        }
    }
    Some(end)
}

/// Number of space-separated tokens (a `"…"` string counts as one).
fn count_tokens(s: &[u8]) -> usize {
    let mut count = 0;
    let mut in_token = false;
    let mut in_quote = false;
    for &c in s {
        if in_quote {
            in_quote = c != b'"';
            continue;
        }
        if c == b' ' {
            in_token = false;
        } else if !in_token {
            in_token = true;
            count += 1;
            in_quote = c == b'"';
        }
    }
    count
}

/// A switch `\x` (letter, `*`, `#` or `@`) preceded by a space and followed by
/// a space, a tab or the end.
fn is_switch_at(b: &[u8], p: usize) -> bool {
    p > 0
        && b[p - 1] == b' '
        && b.get(p) == Some(&b'\\')
        && b.get(p + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'*' | b'#' | b'@'))
        && b.get(p + 2).is_none_or(|c| *c == b' ' || *c == b'\t')
}

/// Skip a `"…"` string starting at `b[p] == b'"'`; returns the index after it.
fn skip_quoted(b: &[u8], p: usize, limit: usize) -> Option<usize> {
    let mut q = p + 1;
    while q < limit {
        match b[q] {
            b'"' => return Some(q + 1),
            b'\t' => return None,
            _ => q += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const QHD2020: &str = include_str!("../../samples/qinhuangdao-kaifaqu-2020-budget.txt");
    const QHD2024: &str = include_str!("../../samples/qinhuangdao-kaifaqu-2024-budget.txt");
    const LUOHU: &str = include_str!("../../samples/shenzhen-luohu-2020-budget.txt");
    const ZHIAN: &str = include_str!("../../samples/shenzhen-zhian-2023-budget.txt");
    const TANGSHAN: &str = include_str!("../../samples/tangshan-gaoxin-2022-performance.txt");
    const ALL: [&str; 5] = [QHD2020, QHD2024, LUOHU, ZHIAN, TANGSHAN];

    fn norm(s: &str) -> String {
        normalize_line(s).into_owned()
    }

    /// The raw text of line `no` (1-based) of a sample.
    fn raw_line(text: &str, no: usize) -> &str {
        text.lines().nth(no - 1).unwrap_or("")
    }

    /// The normalized text of original line `no` (all pieces joined by `|`).
    fn split_line(text: &str, no: LineNo) -> String {
        split_lines(text)
            .into_iter()
            .filter(|l| l.no == no)
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Reference line count: pieces separated by `\r\n`, `\r` or `\n`.
    fn reference_line_count(s: &str) -> usize {
        let b = s.as_bytes();
        let mut count = 0;
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                count += 1;
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < b.len() {
            count += 1;
        }
        count
    }

    #[test]
    fn chunk_mask_matches_table() {
        let all: Vec<u8> = (0..=255u8).collect();
        for base in (0..256).step_by(CHUNK) {
            let m = interesting_mask(&all, base);
            for k in 0..CHUNK {
                let expect = INTERESTING[base + k];
                assert_eq!(m >> k & 1 == 1, expect, "byte {:#x}", base + k);
            }
        }
        // A short tail.
        let tail = b"ab\\c\n";
        assert_eq!(interesting_mask(tail, 0), 0b10100);
        assert_eq!(interesting_mask(tail, 3), 0b10);
        assert_eq!(interesting_mask(tail, 9), 0);
    }

    #[test]
    fn untouched_lines_are_borrowed() {
        for s in [
            "",
            "序号\t功能分类科目\t\t合计",
            "一、部门主要职责",
            "“三公”经费支出预算表（单位：万元）",
            "3个，分别是",
            "<50",
            "比率 < 3%",
            "a*b",
            "$100",
            "\t\t",
        ] {
            assert!(
                matches!(normalize_line(s), Cow::Borrowed(_)),
                "{s:?} should be borrowed"
            );
        }
    }

    #[test]
    fn most_sample_lines_are_borrowed() {
        for text in ALL {
            for line in text.lines() {
                let n = normalize_line(line);
                if matches!(n, Cow::Owned(_)) {
                    assert_ne!(n, line, "owned but unchanged: {line:?}");
                }
            }
        }
    }

    #[test]
    fn rule1_odd_spaces_and_zero_width() {
        // Real: qinhuangdao 2020 line 216 holds U+00A0, line 225 U+3000.
        assert_eq!(norm(raw_line(QHD2020, 216)), "\t项   目");
        assert!(raw_line(QHD2020, 216).contains('\u{a0}'));
        assert_eq!(norm(raw_line(QHD2020, 225)), "\t");
        assert_eq!(norm("单位\u{3000}万元"), "单位 万元");
        assert_eq!(norm("a\u{2003}b\u{202f}c\u{205f}d\u{2009}e"), "a b c d e");
        assert_eq!(norm("\u{feff}部门\u{200b}预算\u{200d}\u{2060}"), "部门预算");
    }

    #[test]
    fn rule2_control_and_bidi_removed() {
        assert_eq!(norm("合计\x1b[31m红\x1b[0m"), "合计[31m红[0m");
        assert_eq!(norm("a\x07b\x7fc\u{85}d\u{9b}e"), "abcde");
        assert_eq!(norm("\u{202e}evil\u{202c}"), "evil");
        assert_eq!(norm("\u{2066}x\u{2069}\u{200e}\u{200f}\u{61c}"), "x");
        assert_eq!(norm("a\tb\t"), "a\tb\t");
        assert_eq!(norm("a\rb\x0cc"), "abc");
    }

    #[test]
    fn rule3_full_width_digits_and_signs() {
        assert_eq!(norm("２０２３年"), "2023年");
        assert_eq!(norm("１２３．４５"), "123.45");
        assert_eq!(norm("１，２３４．５"), "1,234.5");
        assert_eq!(norm("1，234"), "1,234");
        assert_eq!(norm("－５"), "-5");
        assert_eq!(norm("＋3"), "+3");
        assert_eq!(norm("９５％"), "95%");
        assert_eq!(norm("＞＝９０％"), ">=90%");
        assert_eq!(norm("＜ 3天"), "< 3天");
        assert_eq!(norm("＝1"), "=1");
        // A comma after a digit before Chinese stays full-width.
        assert_eq!(norm("共３个，分别是"), "共3个，分别是");
        assert_eq!(norm("3个，分别"), "3个，分别");
        // Signs not next to numbers stay.
        assert_eq!(norm("甲－乙：１"), "甲－乙：1");
        assert_eq!(norm("满意度＞较高"), "满意度＞较高");
        assert_eq!(norm("百分之％"), "百分之％");
        assert_eq!(norm("。．"), "。．");
    }

    #[test]
    fn rule4_geqq() {
        // Real: tangshan 2022 lines 742 and 749.
        assert_eq!(norm(raw_line(TANGSHAN, 742)), "\t≥25小时");
        assert_eq!(norm(raw_line(TANGSHAN, 749)), "\t≤2000路");
    }

    #[test]
    fn rule5_latex() {
        assert_eq!(norm("$\\geq 95\\%$"), "≥95%");
        assert_eq!(norm("比率 $\\leq 3\\%$"), "比率 ≤3%");
        assert_eq!(
            norm(raw_line(QHD2024, 621)),
            "绩效指标：16 岁以上居民身份证持证数占总人口数比率 ≥95%"
        );
        assert_eq!(
            norm(raw_line(LUOHU, 831)),
            "\t\t\t场所涉黄等违法犯罪行为打击提升比率\t≥30%\t"
        );
        assert!(norm(raw_line(LUOHU, 3010)).contains("确保服务信息准确度 ≥95%;"));
        assert_eq!(norm("$\\ge 1$ $\\le 2$"), "≥1 ≤2");
        assert_eq!(norm("$\\gt 5$、$\\lt 6$"), ">5、<6");
        assert_eq!(norm("$\\neq 0$ $\\approx 3$"), "≠0 ≈3");
        assert_eq!(norm("$3 \\times 4$"), "3×4");
        assert_eq!(norm("$\\geq 90 \\text{个}$"), "≥90 个");
        assert_eq!(norm("$\\leq \\mathrm{30}\\%$"), "≤30%");
        assert_eq!(norm("$$\\geq 95\\%$$"), "≥95%");
        // No backslash command: untouched.
        assert_eq!(norm("$100"), "$100");
        assert_eq!(norm("$100 和 $200"), "$100 和 $200");
        assert_eq!(norm("$100 与 $\\geq 5$"), "$100 与 ≥5");
        // Unclosed span: untouched.
        assert_eq!(norm("$\\geq 95"), "$\\geq 95");
        // Spans do not cross cells.
        assert_eq!(norm("$\\geq\t5$"), "$\\geq\t5$");
    }

    #[test]
    fn rule6_tags() {
        assert_eq!(norm("<p>目标1</p> <p>目标2</p>"), "目标1 目标2");
        assert_eq!(norm("目标1</p><p>目标2"), "目标1 目标2");
        assert_eq!(norm("a<br>b<br/>c<br />d"), "a b c d");
        assert_eq!(norm("<span style=\"color:red\">95</span>%"), "95%");
        assert_eq!(norm("<b>粗体</b>文字"), "粗体文字");
        assert_eq!(norm("<strong>重要</strong>"), "重要");
        assert_eq!(norm("<div class='x'>内容</div>"), "内容");
        assert_eq!(
            norm("绩效目标\t<p>保障</p>\t下一格"),
            "绩效目标\t保障\t下一格"
        );
        let real = norm(raw_line(QHD2024, 772));
        assert!(
            real.starts_with("绩效目标\t1.保障公安依法履行公安职能"),
            "{real}"
        );
        assert!(!real.contains("<p>") && !real.contains("</p>"));
        assert!(
            real.contains("工作有序发展。 2.保障公安各项工作顺利开展"),
            "{real}"
        );
        let luohu = norm(raw_line(LUOHU, 678));
        assert!(
            luohu.contains("目标 1：刑事案件数量实现同比下降 目标 2："),
            "{luohu}"
        );
        // Less-than signs are not tags.
        assert_eq!(norm("<50"), "<50");
        assert_eq!(norm("< 3%"), "< 3%");
        assert_eq!(norm("<=5 <p"), "<=5 <p");
        assert_eq!(norm("x <a 1<2"), "x <a 1<2");
        assert_eq!(norm("  <p>缩进"), "  缩进");
    }

    #[test]
    fn rule7_bold() {
        assert_eq!(norm("**部门预算支出**："), "部门预算支出：");
        assert_eq!(norm("****专案侦办"), "专案侦办");
        assert!(norm(raw_line(LUOHU, 370)).starts_with("专案侦办\t180.00"));
        assert!(norm(raw_line(QHD2024, 1041)).starts_with("7、部门预算支出：包括人员类项目支出"));
        assert_eq!(norm("a*b"), "a*b");
        assert_eq!(norm("***x***"), "x");
    }

    #[test]
    fn rule8_field_codes() {
        assert_eq!(
            norm(raw_line(QHD2020, 420)),
            "1、“平安眼”项目流量使用费及安全路由服务费用绩效目标表"
        );
        assert_eq!(
            split_line(QHD2020, 420),
            "1、“平安眼”项目流量使用费及安全路由服务费用绩效目标表"
        );
        assert_eq!(
            norm(raw_line(QHD2020, 483)),
            "2、安全设备授权续费绩效目标表"
        );
        // Every TC field in the sample goes away.
        for line in QHD2020.lines().filter(|l| l.contains(" TC ")) {
            let n = norm(line);
            assert!(!n.contains(" TC ") && !n.contains("\\l"), "{n}");
        }
        assert_eq!(norm("第 PAGE \\* MERGEFORMAT 3 页"), "第 3 页");
        assert_eq!(norm("PAGE \\* MERGEFORMAT"), "");
        assert_eq!(norm("目录 TOC \\o \"1-3\" \\h \\z \\u"), "目录");
        assert_eq!(norm("TOC \\o \"1-3\" \\h \\z \\u 第一部分"), "第一部分");
        assert_eq!(norm("见 PAGEREF _Toc123 \\h 5"), "见 5");
        assert_eq!(norm("12 \\* MERGEFORMAT"), "12");
        // Not field codes.
        assert_eq!(norm("PAGE 3"), "PAGE 3");
        assert_eq!(norm("ATC \\l 1"), "ATC \\l 1");
        assert_eq!(norm("路径 C:\\data"), "路径 C:\\data");
    }

    #[test]
    fn rule9_trailing_spaces() {
        assert_eq!(norm("合计   "), "合计");
        assert_eq!(norm("  缩进  "), "  缩进");
        assert_eq!(norm("\t\t"), "\t\t");
        assert_eq!(norm("a \t"), "a \t");
        assert_eq!(norm("a\t "), "a\t");
        assert_eq!(norm("   "), "");
    }

    #[test]
    fn crlf_and_cr_match_lf() {
        let lf = "部门预算\n\n合计\t1\t\n\n12\n\n末行";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        assert_eq!(split_lines(&crlf), split_lines(lf));
        assert_eq!(split_lines(&cr), split_lines(lf));
        let lines = split_lines(lf);
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[6].no, 7);
        // Real sample converted to CRLF.
        assert_eq!(
            split_lines(&ZHIAN.replace('\n', "\r\n")),
            split_lines(ZHIAN)
        );
        assert_eq!(split_lines(&ZHIAN.replace('\n', "\r")), split_lines(ZHIAN));
    }

    #[test]
    fn line_numbers_and_final_newline() {
        assert!(split_lines("").is_empty());
        assert_eq!(
            split_lines("\n"),
            vec![Line {
                no: 1,
                text: String::new()
            }]
        );
        let l = split_lines("a\nb\n");
        assert_eq!(l.len(), 2);
        assert_eq!((l[1].no, l[1].text.as_str()), (2, "b"));
        let l = split_lines("a\r\n\r\nb");
        assert_eq!(l.iter().map(|l| l.no).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(split_lines(ZHIAN).len(), ZHIAN.lines().count());
    }

    #[test]
    fn form_feed_splits_with_same_number() {
        let l = split_lines("上页末行\x0c下页首行\n第二行");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(
            got,
            vec![(1, "上页末行"), (1, ""), (1, "下页首行"), (2, "第二行")]
        );
        let l = split_lines("a\n\x0c\nb");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "a"), (2, ""), (3, "b")]);
        let l = split_lines("\t2040\x0c\t299\x0c\x0c");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "\t2040"), (1, ""), (1, "\t299"), (1, "")]);
        let l = split_lines("a\x0c \x0c\x0cb\n\x0c\x0c\x0c");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "a"), (1, ""), (1, "b"), (2, "")]);
    }

    #[test]
    fn lone_page_numbers_become_blank() {
        let text =
            "正文\n\n12\n\n- 13 -\n\n—14—\n\n第 3 页\n\n第3页 共10页\n\n3/10\n\n2024\n\n正文";
        let l = split_lines(text);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "正文", "", "", "", "", "", "", "", "", "", "", "", "", "", "2024", "", "正文"
            ]
        );
        // Start and end of the file, and next to a page break.
        let l = split_lines("7\n\n正文\x0c8\x0c正文\n\n9");
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["", "", "正文", "", "", "", "正文", "", ""]);
        // Not lone: a neighbour holds text.
        let l = split_lines("合计\n12\n\n");
        assert_eq!(l[1].text, "12");
        // Never a line with a tab.
        let l = split_lines("\n\t12\n\n");
        assert_eq!(l[1].text, "\t12");
    }

    #[test]
    fn page_number_shapes() {
        for s in [
            "1",
            "12",
            "123",
            "- 12 -",
            "-12-",
            "—12—",
            "— 1 —",
            "第 3 页",
            "第3页",
            "第3页 共10页",
            "第 3 页，共 10 页",
            "共10页 第3页",
            "3/10",
            "3 / 10",
            "Page 3",
            "page 3 of 10",
            "  12  ",
        ] {
            assert!(is_page_number(s), "{s:?}");
        }
        for s in [
            "",
            "2024",
            "1234",
            "12.5",
            "\t12",
            "12\t",
            "-12",
            "10/3",
            "0/3",
            "共10页",
            "第一页",
            "第3章",
            "3个",
            "一",
            "12 13",
        ] {
            assert!(!is_page_number(s), "{s:?}");
        }
    }

    #[test]
    fn samples_keep_every_line_number() {
        for text in ALL {
            let lines = split_lines(text);
            let mut expected = 1;
            for l in &lines {
                // Either the next line, or another piece of the previous one.
                assert!(l.no == expected || l.no + 1 == expected);
                if l.no == expected {
                    expected += 1;
                }
            }
            assert_eq!(
                lines.last().map(|l| l.no),
                Some(text.lines().count() as LineNo)
            );
            for l in &lines {
                assert!(!l.text.contains(['\r', '\n', '\x0c', '\x1b']));
                assert!(!l.text.ends_with(' '));
            }
        }
    }

    /// CPU time used by this process so far, in seconds (Linux; 0 elsewhere).
    fn cpu_seconds() -> f64 {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command name (which is in parentheses).
        let rest = stat.rsplit(')').next().unwrap_or("");
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        // utime and stime are fields 14 and 15 of the file, 12 and 13 here.
        (ticks(11) + ticks(12)) / 100.0
    }

    #[test]
    #[ignore = "timing; run with --release --ignored --nocapture"]
    fn split_lines_speed() {
        let mut text = String::new();
        for t in ALL {
            text.push_str(t);
            text.push('\n');
        }
        let mut big = String::new();
        while big.len() < 64 * 1024 * 1024 {
            big.push_str(&text);
        }
        let mb = big.len() as f64 / 1e6;
        let report = |what: &str, wall: f64, cpu: f64| {
            eprintln!(
                "{what}: {mb:.1} MB in {wall:.3} s wall = {:.0} MB/s ({:.0} MB/s per CPU second)",
                mb / wall,
                mb / cpu.max(1e-9)
            );
        };
        for _ in 0..3 {
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let lines = split_lines(&big);
            report(
                "split_lines",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(lines.len() > 1_000_000);
            drop(lines);
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let owned = big
                .lines()
                .filter(|l| matches!(normalize_line(l), Cow::Owned(_)))
                .count();
            report(
                "normalize_line",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(owned > 0);
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let n = big.lines().count();
            report(
                "(baseline) str::lines().count()",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(n > 0);
        }
    }

    #[test]
    #[ignore = "100 MB; run with --release --ignored --nocapture"]
    fn hundred_megabyte_single_line() {
        use crate::parse::{amount, cell_repair, decode};
        let unit = "预算数924万元 <p>$\\geq 95\\%$ TC 标题 \\l 1 **粗** 1126 2.73 社会 保障\t";
        let line = unit.repeat(100_000_000 / unit.len());
        for text in [
            line.clone(),
            "\x0c".repeat(100_000_000),
            "9".repeat(100_000_000),
        ] {
            let mb = text.len() / 1_000_000;
            let t0 = std::time::Instant::now();
            let d = decode::decode(text.as_bytes());
            let t1 = t0.elapsed().as_secs_f64();
            let lines = split_lines(&d.text);
            let t2 = t0.elapsed().as_secs_f64();
            let found = amount::amounts_in_text(&text).len();
            let t3 = t0.elapsed().as_secs_f64();
            let cell = cell_repair::repair_cell(&text).len();
            let t4 = t0.elapsed().as_secs_f64();
            eprintln!(
                "{mb} MB: decode {t1:.2} s, split_lines {:.2} s ({} lines), \
                 amounts_in_text {:.2} s ({found}), repair_cell {:.2} s ({cell} bytes)",
                t2 - t1,
                lines.len(),
                t3 - t2,
                t4 - t3,
            );
        }
        let (gbk, _, _) = encoding_rs::GB18030.encode(&line);
        let t0 = std::time::Instant::now();
        let d = decode::decode(&gbk);
        eprintln!(
            "GB18030 {} MB decoded as {} in {:.2} s",
            gbk.len() / 1_000_000,
            d.encoding,
            t0.elapsed().as_secs_f64()
        );
    }

    #[test]
    fn huge_single_line_is_linear() {
        // Pathological inputs for every look-ahead, 512 KiB each. Linear code
        // takes well under a second even unoptimized; a quadratic look-ahead
        // would take hours, so the generous bound only catches that.
        let n = 512 * 1024;
        for unit in [
            "$\\",
            "<a ",
            "<",
            " TC x",
            "＞ ",
            "**",
            "\\* ",
            "$a\\geq1 ",
            "\x0c",
            " \\f ",
        ] {
            let s = unit.repeat(n / unit.len());
            let t0 = std::time::Instant::now();
            let _ = split_lines(&s);
            assert!(t0.elapsed().as_secs() < 30, "{unit:?} too slow");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in "\\PC*") {
            let lines = split_lines(&s);
            prop_assert!(lines.len() >= reference_line_count(&s));
            prop_assert_eq!(
                lines.last().map_or(0, |l| l.no as usize),
                reference_line_count(&s)
            );
        }

        #[test]
        fn residue_alphabet_never_panics(
            s in "[ \t\r\n\x0c\u{a0}\u{3000}\u{200b}\u{202e}$\\\\<>/*０-９0-9．，－＋％＞＜＝≧≦a-zTCPAGE\"{}%第页共一二-]{0,80}"
        ) {
            let lines = split_lines(&s);
            prop_assert!(lines.len() >= reference_line_count(&s));
            for l in &lines {
                prop_assert!(!l.text.ends_with(' '));
                let bad = l.text.contains(['\r', '\n', '\x0c', '\u{200b}', '\u{202e}']);
                prop_assert!(!bad, "unwanted character left in {:?}", l.text);
            }
        }

        #[test]
        fn quick_scan_has_no_false_negatives(
            s in "[ -~\t\u{a0}\u{c0}-\u{c5}\u{600}-\u{620}\u{1ff0}-\u{2080}\u{2260}-\u{2270}\u{3000}-\u{3010}\u{4e00}-\u{4e10}\u{feff}\u{ff00}-\u{ff20}“”，。]{0,40}"
        ) {
            if !needs_work(s.as_bytes()) {
                prop_assert_eq!(normalize_slow(&s), s.clone());
            }
            let n = normalize_line(&s);
            if matches!(n, Cow::Owned(_)) {
                prop_assert_ne!(n.as_ref(), s.as_str());
            }
        }
    }
}
