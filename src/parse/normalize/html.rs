//! HTML residue: tags (`<p>`, `</span>`, `<br/>`) left in cells by converters.
//! A tag is `<`, an ASCII-letter name, attributes and `>`; a bare `<` (`<50`) is
//! text.

/// Longest HTML tag recognised, in bytes.
const MAX_TAG: usize = 512;

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
pub(super) fn strip_tags(s: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

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
}
