//! Normalization of names into search keys, the character masks used as a
//! cheap prefilter, and the mapping of key positions back to display text.

pub use crate::parse::fold_char;

/// The search key of a name: [`fold_char`] over every character.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter_map(fold_char));
    out
}

/// True when [`normalize`] would return `s` unchanged (no allocation needed).
pub fn is_folded(s: &str) -> bool {
    s.chars().all(|c| match c {
        'A'..='Z' => false,
        c if c.is_ascii() => !matches!(
            c,
            '[' | ']' | '\'' | ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'
        ),
        c => fold_char(c) == Some(c),
    })
}

/// Map character indices into the key of `display` (as built by
/// [`normalize`]) back to character indices into `display`. Indices past
/// the end are dropped; the output is sorted and without duplicates when the
/// input is.
pub fn key_to_display(display: &str, key_indices: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(key_indices.len());
    let mut wanted = key_indices.iter().copied().peekable();
    let mut key_pos = 0usize;
    for (disp_pos, c) in display.chars().enumerate() {
        if fold_char(c).is_none() {
            continue;
        }
        while let Some(&k) = wanted.peek() {
            if k < key_pos {
                wanted.next();
            } else {
                break;
            }
        }
        match wanted.peek() {
            Some(&k) if k == key_pos => {
                out.push(disp_pos);
                wanted.next();
            }
            None => break,
            _ => {}
        }
        key_pos += 1;
    }
    out
}

/// Bits of the prefilter mask: 26 letters, 10 digits, one bit for any other
/// ASCII character, and 27 bits of a hash of every other character.
pub fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_ascii() => 1 << 36,
        c => {
            let h = (c as u32).wrapping_mul(0x9E37_79B1) >> 5;
            1 << (37 + h % 27)
        }
    }
}

/// The union of [`char_bit`] over the characters of `s`.
pub fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// Bit of an ASCII letter in a 26-bit letter mask (0 for anything else).
pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}

/// True when the characters of `needle` appear in `hay` in order.
pub fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut want = needle.chars();
    let mut next = want.next();
    for c in hay.chars() {
        match next {
            None => return true,
            Some(w) if w == c => next = want.next(),
            Some(_) => {}
        }
    }
    next.is_none()
}

/// The first `max` characters of `s` (on a character boundary).
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => s.get(..at).unwrap_or(s),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::name_key;

    #[test]
    fn normalize_agrees_with_name_key() {
        for s in [
            "大围合+视频经费（二期）",
            "深财预〔2019〕171号提前下达2020年转移支付，2020年度",
            "戴河派出所新址改造及 2021 分局大楼",
            "“三公”经费",
            "ＤＮＡ 实验室",
            "350 兆 PDT 数字集群",
        ] {
            assert_eq!(normalize(s), name_key(s).to_lowercase(), "{s}");
        }
    }

    #[test]
    fn folded_text_is_recognized() {
        for s in [
            "智慧社区",
            "dna实验室",
            "a(b)",
            "",
            "智慧 社区",
            "ABC",
            "（一）",
            "[x]",
            "it's",
            "ａ",
        ] {
            assert_eq!(is_folded(s), normalize(s) == s, "{s}");
        }
    }

    #[test]
    fn full_width_and_spaces() {
        assert_eq!(normalize("智慧　社区 （一期）"), "智慧社区(一期)");
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
    }

    #[test]
    fn key_positions_map_to_display() {
        let d = "智慧 平安　社区";
        // key: 智慧平安社区
        assert_eq!(key_to_display(d, &[0, 1, 4, 5]), vec![0, 1, 6, 7]);
        assert_eq!(key_to_display(d, &[9]), Vec::<usize>::new());
        assert_eq!(key_to_display("", &[0]), Vec::<usize>::new());
    }

    #[test]
    fn masks() {
        assert_eq!(mask_of("ab") & !mask_of("abc"), 0);
        assert_ne!(mask_of("智") & !mask_of("慧社区"), 0);
        assert_eq!(truncate_chars("智慧社区", 2), "智慧");
        assert_eq!(truncate_chars("ab", 5), "ab");
        assert!(is_subsequence("智社", "智慧社区"));
        assert!(is_subsequence("", "x"));
        assert!(!is_subsequence("社智", "智慧社区"));
    }
}
