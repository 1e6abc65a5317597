//! Character helpers shared by the parser: comparing text whatever stray
//! spaces the extraction left (`compact`), counting characters, folding names
//! for comparison (full-width → half-width, brackets and quotes unified), and
//! the CJK characters between which a space is an artifact.

use std::borrow::Cow;

/// The text with every whitespace character removed (for comparing cells and
/// lines that the extraction split with stray spaces).
pub fn compact(s: &str) -> Cow<'_, str> {
    if !has_space(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for part in s.split(char::is_whitespace) {
        out.push_str(part);
    }
    Cow::Owned(out)
}

/// True when the text holds any whitespace. Normalized text only carries
/// ASCII spaces and tabs (no-break and ideographic spaces were turned into
/// spaces, control characters removed), so a memchr scan for those decides.
pub(super) fn has_space(s: &str) -> bool {
    s.bytes().any(|b| b == b' ' || b == b'\t')
}

/// `hay.contains(needle)` for short strings: a plain window scan, without
/// the searcher set-up `str::contains` pays on every call.
pub(super) fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || (h.len() >= n.len() && h.windows(n.len()).any(|w| w == n))
}

/// Number of characters (not bytes).
pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// One character folded for comparing names: `None` for whitespace
/// (dropped); full- and half-width brackets, commas, colons and quotes
/// unified; full-width → half-width; ASCII lower-cased. One character in, at
/// most one out, so search keys map back to display text position by position.
pub fn fold_char(c: char) -> Option<char> {
    // CJK ideographs and everything else between U+3400 and the full-width
    // forms fold to themselves (every special case below lies outside).
    if ('\u{3400}'..'\u{FF00}').contains(&c) {
        return Some(c);
    }
    if c.is_whitespace() {
        return None;
    }
    let m = match c {
        '（' | '〔' | '［' | '【' | '[' | '〈' | '《' => '(',
        '）' | '〕' | '］' | '】' | ']' | '〉' | '》' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '“' | '”' | '＂' | '「' | '」' | '‘' | '’' | '\'' => '"',
        '－' | '—' | '–' => '-',
        c if ('！'..='～').contains(&c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    };
    Some(m.to_ascii_lowercase())
}

/// A name normalized for merging mentions of one project: [`fold_char`] over
/// every character.
pub fn name_key(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// The characters between which a space is an extraction artifact: Han
/// ideographs (with extensions, compatibility ideographs and radicals), CJK
/// symbols and punctuation U+3000–U+303F (`、` `。` `《》`), full-width forms
/// U+FF00–U+FFEF (`，` `：` `（）`), and the Chinese quotes `“ ” ‘ ’`.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{2E80}'..='\u{2FDF}'
        | '\u{20000}'..='\u{3134F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '“' | '”' | '‘' | '’'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_unify_brackets_and_spaces() {
        assert_eq!(
            name_key("深财预(2019)171号提前下达2020年转移支付,2020年度"),
            name_key("深财预〔2019〕171号提前下达2020年转移支付，2020年度")
        );
        assert_eq!(
            name_key("戴河派出所新址改造及 2021 分局大楼"),
            name_key("戴河派出所新址改造及2021分局大楼")
        );
        assert_eq!(
            name_key("大围合+视频经费（二期）"),
            name_key("大围合+视频经费(二期)")
        );
    }

    #[test]
    fn cjk_set() {
        for c in [
            '中', '、', '。', '，', '：', '（', '）', '“', '”', '‘', '’', '\u{3000}', '𠀀',
        ] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'Z', '1', ' ', '\t', ',', '.', '(', '%', '≥', 'é', '—'] {
            assert!(!is_cjk(c), "{c}");
        }
    }
}
