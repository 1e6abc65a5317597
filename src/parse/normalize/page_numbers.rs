//! Page furniture at the line level: what a page number printed on a line of
//! its own looks like (`12`, `- 12 -`, `第 3 页`, `Page 3 of 10`). Such lines
//! between blank lines are emptied by [`super::split_lines`]. (Page furniture
//! around tables — repeated titles, units, department lines — is recognised
//! later, when blocks are built.)

/// True when the whole line is a page number: `12`, `- 12 -`, `—12—`, `第 3 页`,
/// `第3页 共10页`, `3/10`, `Page 3 of 10`. A bare number has at most 3 digits (so
/// `2024`, a year, is content); decorated forms allow 4. Lines with a tab are
/// table rows, never page numbers.
pub(super) fn is_page_number(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.len() > 4 * 64 {
        return false;
    }
    // every form starts with a digit, a dash, `Page`, `第` or `共`: other lines
    // (most short lines are prose or headings) are told by their first character
    let starts_a_form = t.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '-' | '－' | '—' | '–' | '―' | '‐' | '‒' | '─' | 'p' | 'P' | '第' | '共'
            )
    });
    if !starts_a_form || s.contains('\t') {
        return false;
    }
    // the characters on the stack: most lines tested here are short prose
    let mut buf = ['\0'; 64];
    let mut n = 0;
    for c in t.chars() {
        let Some(slot) = buf.get_mut(n) else {
            return false;
        };
        *slot = c;
        n += 1;
    }
    if n >= 64 {
        return false;
    }
    let chars = &buf[..n];
    let mut p = PageCursor { c: chars, i: 0 };
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
