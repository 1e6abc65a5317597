//! Word field codes: the instructions behind a Word field (table-of-contents
//! entries `TC "…" \l 1`, page numbers `PAGE \* MERGEFORMAT`, `TOC \o "1-3"`)
//! that leak into the extracted text. A field is a keyword followed by
//! switches (`\l`, `\*`, `\o`: a backslash and one character) and their arguments.

/// Longest text between a `TC` field keyword and its first switch, in bytes.
const MAX_FIELD: usize = 2048;

/// Longest arguments of other field keywords before their first switch, in bytes.
const MAX_FIELD_ARGS: usize = 200;

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
pub(super) fn strip_field_codes(s: &str) -> Option<String> {
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
    use super::super::test_support::*;

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
}
