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

/// True for the characters that fold to themselves and from no other
/// character (CJK ideographs and what lies near them, U+3400–U+FEFF: see
/// [`fold_char`]): a key holds one of them where its text does.
#[inline]
pub fn folds_to_itself_only(c: char) -> bool {
    ('\u{3400}'..'\u{FF00}').contains(&c)
}

/// [`fold_char`] of an ASCII character, without a call.
#[inline]
fn fold_ascii(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' => None,
        '[' => Some('('),
        ']' => Some(')'),
        '\'' => Some('"'),
        c => Some(c.to_ascii_lowercase()),
    }
}

/// The characters of a text folded ([`fold_char`]): the characters of
/// [`normalize`]`(text)`, without making it.
#[derive(Clone)]
pub struct Folded<'a> {
    chars: std::str::Chars<'a>,
}

impl<'a> Folded<'a> {
    pub fn new(text: &'a str) -> Folded<'a> {
        Folded {
            chars: text.chars(),
        }
    }
}

impl Iterator for Folded<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        loop {
            let c = self.chars.next()?;
            if folds_to_itself_only(c) {
                return Some(c);
            }
            if c.is_ascii() {
                match fold_ascii(c) {
                    Some(k) => return Some(k),
                    None => continue,
                }
            }
            if let Some(k) = fold_char(c) {
                return Some(k);
            }
        }
    }
}

/// Byte offset in `text` of the first place where the characters of
/// `needle` follow one another, characters that folding drops (whitespace)
/// allowed between them: where [`normalize`]`(text)` holds `needle`, for a
/// needle of characters that fold only from themselves.
pub fn find_dropping(text: &str, needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    let rest = needle.get(first.len_utf8()..).unwrap_or("");
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(first)) {
        let at = from + i;
        from = at + first.len_utf8();
        let mut hay = text.get(from..).unwrap_or("").chars();
        let follows = rest.chars().all(|want| {
            hay.by_ref()
                .find(|&c| fold_char(c).is_some())
                .is_some_and(|c| c == want)
        });
        if follows {
            return Some(at);
        }
    }
    None
}

/// Where [`normalize`]`(text)` first holds `needle`, in characters of the
/// key before it (without making the key).
pub fn find_folded(text: &str, needle: &str) -> Option<usize> {
    let mut want = needle.chars();
    let first = want.next()?;
    let mut hay = Folded::new(text);
    let mut pos = 0;
    loop {
        if hay.next()? == first {
            let mut after = hay.clone();
            if want.clone().all(|w| after.next() == Some(w)) {
                return Some(pos);
            }
        }
        pos += 1;
    }
}

/// True when the characters of `needle` appear in `hay` in order.
pub fn is_subsequence(needle: &str, hay: impl IntoIterator<Item = char>) -> bool {
    let mut want = needle.chars();
    let mut next = want.next();
    for c in hay {
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
    fn found_with_the_characters_folding_drops() {
        for (text, needle) in [
            ("智慧 社区", "智慧社区"),
            ("智慧　社区建设", "社区建"),
            ("社区智慧 社 区", "社区"),
            ("智慧社区", "智慧社区"),
            ("智 慧", "慧"),
            ("智慧", "社区"),
            ("智", "智慧"),
            ("智慧社 x 区", "社区"),
            ("", "智"),
        ] {
            let key = normalize(text);
            let found = find_dropping(text, needle);
            assert_eq!(found.is_some(), key.contains(needle), "{text} {needle}");
            assert_eq!(found == Some(0), key.starts_with(needle), "{text} {needle}");
        }
        for (text, needle) in [
            ("（二期） 智慧", "(二期)"),
            ("ＡＢ c", "abc"),
            ("x（二期）", "(二期)"),
            ("（二 期", "(二期)"),
            ("二期", "(二期)"),
            ("aab", "ab"),
        ] {
            let key = normalize(text);
            let chars = key.find(needle).map(|at| key[..at].chars().count());
            assert_eq!(find_folded(text, needle), chars, "{text} {needle}");
        }
        for c in (0u8..128).map(char::from) {
            assert_eq!(fold_ascii(c), fold_char(c), "{c:?}");
        }
        let folded: String = Folded::new("Ａ 智（一）").collect();
        assert_eq!(folded, normalize("Ａ 智（一）"));
    }

    #[test]
    fn masks() {
        assert_eq!(mask_of("ab") & !mask_of("abc"), 0);
        assert_ne!(mask_of("智") & !mask_of("慧社区"), 0);
        assert_eq!(truncate_chars("智慧社区", 2), "智慧");
        assert_eq!(truncate_chars("ab", 5), "ab");
        assert!(is_subsequence("智社", "智慧社区".chars()));
        assert!(is_subsequence("", "x".chars()));
        assert!(!is_subsequence("社智", "智慧社区".chars()));
    }
}
