//! Character helpers shared by the parser: comparing text whatever stray
//! spaces the extraction left (`compact`), counting characters, folding names
//! for comparison (full-width → half-width, brackets and quotes unified), and
//! the CJK characters between which a space is an artifact.

use std::borrow::Cow;

/// The text with every whitespace character removed (for comparing cells and
/// lines that the extraction split with stray spaces).
#[inline]
pub fn compact(s: &str) -> Cow<'_, str> {
    if has_space(s) {
        Cow::Owned(without_whitespace(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` with every whitespace character removed (the work of [`compact`] on a
/// text that holds some, out of line so that the common case stays small).
#[inline(never)]
fn without_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    // (every byte that may start whitespace is an ASCII byte or a lead byte,
    // never inside another character: each is looked at on its own)
    for_each_may_start_whitespace(s.as_bytes(), |at| {
        let (width, space) = candidate_at(s, at);
        if space {
            out.push_str(&s[run..at]);
            run = at + width;
        }
    });
    out.push_str(&s[run..]);
    out
}

/// Call `f(at)` at each byte of `b` that is at most the space, C2 or E0–E3,
/// in order: eight bytes at a time, each byte marked on its own; the last
/// few bytes as one word overlapping the words before, or one by one when
/// `b` is shorter than a word.
#[inline(always)]
fn for_each_may_start_whitespace(b: &[u8], mut f: impl FnMut(usize)) {
    let marks_of = |word: &[u8; 8]| {
        let word = u64::from_le_bytes(*word);
        marks_below(word, 0x21) | bytes_equal(word, 0xC2) | marks_below(word ^ each_byte(0xE0), 4)
    };
    let mut walk = |base: usize, mut marks: u64| {
        while marks != 0 {
            f(base + marks.trailing_zeros() as usize / 8);
            marks &= marks - 1;
        }
    };
    let (words, rest) = b.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        walk(k * 8, marks_of(word));
    }
    if rest.is_empty() {
        return;
    }
    match b.last_chunk::<8>() {
        Some(last) => walk(
            b.len() - 8,
            marks_of(last) & (u64::MAX << (8 * (8 - rest.len()))),
        ),
        None => {
            for (j, &c) in rest.iter().enumerate() {
                if c <= b' ' || c == 0xC2 || (0xE0..=0xE3).contains(&c) {
                    f(j);
                }
            }
        }
    }
}

/// The byte range of the first whitespace character at or after byte `from`
/// (a character boundary). Only ASCII bytes up to the space and the lead
/// bytes C2, E1, E2, E3 (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) can
/// start a whitespace character: those bytes are found eight at a time and
/// only they are decoded.
pub(super) fn next_whitespace(s: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        let at = may_start_whitespace(s.as_bytes(), i)?;
        let (width, space) = candidate_at(s, at);
        if space {
            return Some((at, at + width));
        }
        i = at + width;
    }
}

/// The width of the character at byte `at` of `s`, a byte
/// [`may_start_whitespace`] found (never a continuation byte: a character
/// boundary), and whether it is whitespace.
#[inline(always)]
fn candidate_at(s: &str, at: usize) -> (usize, bool) {
    match s.as_bytes()[at] {
        b'\t'..=b'\r' | b' ' => (1, true),
        0..0x80 => (1, false),
        lead @ (0xC2 | 0xE1 | 0xE2 | 0xE3) => {
            let space = s[at..].chars().next().is_some_and(char::is_whitespace);
            (if lead == 0xC2 { 2 } else { 3 }, space)
        }
        _ => (3, false), // E0
    }
}

/// The first byte of `b` at or after `from` that is at most the space, C2
/// or E0–E3.
#[inline]
fn may_start_whitespace(b: &[u8], from: usize) -> Option<usize> {
    let (words, rest) = b.get(from..)?.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let marks = may_start_marks(u64::from_le_bytes(*word));
        if marks != 0 {
            return Some(from + k * 8 + marks.trailing_zeros() as usize / 8);
        }
    }
    let rest_at = b.len() - rest.len();
    if rest.is_empty() {
        return None;
    }
    let Some(last) = b.last_chunk::<8>() else {
        let is_mark = |&c: &u8| c <= b' ' || c == 0xC2 || (0xE0..=0xE3).contains(&c);
        return rest.iter().position(is_mark).map(|p| rest_at + p);
    };
    // The last eight bytes of the text, overlapping bytes before `rest`:
    // each byte marked on its own, those before `rest` masked off.
    let word = u64::from_le_bytes(*last);
    let marks =
        marks_below(word, 0x21) | bytes_equal(word, 0xC2) | marks_below(word ^ each_byte(0xE0), 4);
    let marks = marks & (u64::MAX << (8 * (8 - rest.len())));
    (marks != 0).then(|| b.len() - 8 + marks.trailing_zeros() as usize / 8)
}

/// The bytes of `word` that may start a whitespace character (at most the
/// space, C2, E0–E3), marked as [`bytes_below`] does: the lowest mark is exact.
#[inline]
fn may_start_marks(word: u64) -> u64 {
    bytes_below(word, 0x21)
        | bytes_below(word ^ each_byte(0xC2), 1)
        | bytes_below(word ^ each_byte(0xE0), 4)
}

/// The first position of `byte` in `b`. Cells and lines are mostly short:
/// below 32 bytes a plain loop costs less than a vector search's set-up.
#[inline]
pub(super) fn find_byte(byte: u8, b: &[u8]) -> Option<usize> {
    if b.len() < 32 {
        b.iter().position(|&c| c == byte)
    } else {
        memchr::memchr(byte, b)
    }
}

/// The high bit of each byte of `v` below `n` (n ≤ 128), by the classic
/// eight-bytes-at-once test: a borrow may mark bytes above a marked one
/// too, never below, so "any" and the lowest mark (the first byte, read
/// little-endian) are exact. `bytes_below(v ^ each(b), 1)` marks the bytes
/// equal to `b`.
pub(super) fn bytes_below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(each_byte(n)) & !v & each_byte(0x80)
}

/// The high bit of each byte of `word` below `n` (at most 0x80), every byte
/// tested on its own (no borrow from one byte into the next, unlike
/// [`bytes_below`]): the marks can be walked one by one.
pub(super) fn marks_below(word: u64, n: u8) -> u64 {
    const LOW7: u64 = each_byte(0x7F);
    // a byte below 0x80 plus 0x80 - n reaches the high bit when it is n or more
    !(((word & LOW7) + each_byte(0x80 - n)) | word) & !LOW7
}

/// The high bit of each byte of `word` equal to `byte`, every byte tested on its own.
pub(super) fn bytes_equal(word: u64, byte: u8) -> u64 {
    marks_below(word ^ each_byte(byte), 1)
}

/// Call `f(at, byte)` at each byte of `b` below `n` (at most 0x80), in order:
/// eight bytes at a time ([`marks_below`]), the last few one by one.
#[inline(always)]
pub(super) fn for_each_byte_below(b: &[u8], n: u8, mut f: impl FnMut(usize, u8)) {
    let (words, rest) = b.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let mut marks = marks_below(u64::from_le_bytes(*word), n);
        while marks != 0 {
            let j = marks.trailing_zeros() as usize / 8;
            marks &= marks - 1;
            f(k * 8 + j, word[j]);
        }
    }
    let base = words.len() * 8;
    for (j, &c) in rest.iter().enumerate() {
        if c < n {
            f(base + j, c);
        }
    }
}

/// `b` in each of the eight bytes.
pub(super) const fn each_byte(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// True when the text holds any whitespace. Normalized text only carries
/// ASCII spaces and tabs (no-break and ideographic spaces were turned into
/// spaces, control characters removed), so a scan for those decides.
#[inline]
pub(super) fn has_space(s: &str) -> bool {
    // Eight bytes at a time: a byte equal to the space or the tab is a zero
    // byte of `word ^ pattern`.
    let spaced = |word: u64| {
        // (no byte below 0x21, the common case, is one test)
        bytes_below(word, 0x21) != 0
            && bytes_below(word ^ each_byte(b' '), 1) | bytes_below(word ^ each_byte(b'\t'), 1) != 0
    };
    let b = s.as_bytes();
    let (words, rest) = b.as_chunks::<8>();
    if words.iter().any(|word| spaced(u64::from_le_bytes(*word))) {
        return true;
    }
    match b.last_chunk::<8>() {
        // (the last eight bytes overlap words without a space or a tab)
        Some(last) if !rest.is_empty() => spaced(u64::from_le_bytes(*last)),
        Some(_) => false,
        None => rest.iter().any(|&c| c == b' ' || c == b'\t'),
    }
}

/// `hay.contains(needle)` for short strings: a plain window scan, without
/// the searcher set-up `str::contains` pays on every call.
pub(super) fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `hay.find(needle)` for short strings (as [`has`]).
pub(super) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&last)) = (n.first(), n.last()) else {
        return Some(0);
    };
    if h.len() < n.len() {
        return None;
    }
    // First and last byte before the whole window (no memcmp call per window).
    let k = n.len() - 1;
    let at = |i: usize| h[i + k] == last && h[i..=i + k].iter().zip(n).all(|(a, b)| a == b);
    // The windows' first bytes eight at a time: each byte equal to `first`
    // is marked (and perhaps a byte above a marked one: every mark is tried).
    let starts = h.len() - k;
    let marks_at = |base: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&h[base..base + 8]);
        bytes_below(u64::from_le_bytes(word) ^ each_byte(first), 1)
    };
    let mut word_at = 0;
    while word_at + 8 <= starts {
        if let Some(i) = first_match(word_at, marks_at(word_at), at) {
            return Some(i);
        }
        word_at += 8;
    }
    if word_at == starts || h.len() < 8 {
        return (word_at..starts).find(|&i| h[i] == first && at(i));
    }
    // The last few windows' first bytes as one word, overlapping the
    // windows tried (masked off) or the bytes past the last window.
    let base = word_at.min(h.len() - 8);
    let (low, high) = (word_at - base, starts - base);
    let mut keep = u64::MAX << (8 * low);
    if high < 8 {
        keep &= (1 << (8 * high)) - 1;
    }
    first_match(base, marks_at(base) & keep, at)
}

/// The first window, from byte `base` on, that `marks` marks and `at` says
/// holds the needle (for [`find`]).
#[inline(always)]
fn first_match(base: usize, mut marks: u64, at: impl Fn(usize) -> bool) -> Option<usize> {
    while marks != 0 {
        let i = base + marks.trailing_zeros() as usize / 8;
        if at(i) {
            return Some(i);
        }
        marks &= marks - 1;
    }
    None
}

/// True when `s` holds any of the two-character words `pairs`: one pass,
/// where a [`has`] per word would scan once for each.
pub(super) fn has_pair(s: &str, pairs: &[[char; 2]]) -> bool {
    let mut prev = '\0';
    s.chars().any(|c| {
        let hit = pairs.iter().any(|&[a, b]| a == prev && b == c);
        prev = c;
        hit
    })
}

/// Number of characters (not bytes).
pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// One character folded for comparing names: `None` for whitespace
/// (dropped); full- and half-width brackets, commas, colons and quotes
/// unified; full-width → half-width; ASCII lower-cased. One character in, at
/// most one out, so search keys map back to display text position by position.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // CJK ideographs and everything else between U+3400 and the full-width
    // forms fold to themselves (every special case lies outside): decided
    // inline, the rest in a call.
    if ('\u{3400}'..'\u{FF00}').contains(&c) {
        Some(c)
    } else {
        fold_outside_cjk(c)
    }
}

/// [`fold_char`] of a character outside U+3400..U+FF00.
fn fold_outside_cjk(c: char) -> Option<char> {
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
    let mut key = String::with_capacity(s.len());
    // Most characters (every ideograph) fold to themselves: stretches of them
    // are copied whole, not pushed one character at a time.
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        // Lead bytes E4–EE start U+4000–U+EFFF (ideographs), which fold to
        // themselves: stepped over undecoded.
        if (0xE4..=0xEE).contains(&lead) {
            at += 3;
            continue;
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        let folded = fold_char(c);
        if folded != Some(c) {
            key.push_str(&s[copied..at]);
            key.extend(folded);
            copied = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    key.push_str(&s[copied..]);
    key
}

/// `cell.trim()`, the common case (a cell already trimmed) told from its end
/// bytes without decoding a character: whitespace never starts with an ASCII
/// letter, digit or sign, nor with a lead byte above E3 (CJK, full-width
/// forms); it never ends a cell whose last byte is such an ASCII character or
/// whose last three bytes are such a character.
pub(super) fn trim_cell(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return cell;
    };
    let plain_start = first.is_ascii_graphic() || first >= 0xE4;
    let plain_end = last.is_ascii_graphic() || (bytes.len() >= 3 && bytes[bytes.len() - 3] >= 0xE4);
    match (plain_start, plain_end) {
        (true, true) => cell,
        (true, false) => cell.trim_end(),
        (false, true) => cell.trim_start(),
        (false, false) => cell.trim(),
    }
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
    fn each_byte_of_a_word_is_marked_on_its_own() {
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let word = [x, y, y, x, 0, y, x, 0xFF];
                let v = u64::from_le_bytes(word);
                let marked = |test: &dyn Fn(u8) -> bool| {
                    word.iter()
                        .enumerate()
                        .fold(0u64, |m, (k, &c)| m | u64::from(test(c)) << (8 * k + 7))
                };
                for n in [1, 0x0E, 0x21, 0x80] {
                    assert_eq!(
                        marks_below(v, n),
                        marked(&|c| c < n),
                        "{x:#x} {y:#x} {n:#x}"
                    );
                }
                for byte in [b' ', 0xC2] {
                    assert_eq!(bytes_equal(v, byte), marked(&|c| c == byte));
                }
            }
        }
    }

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
    fn name_key_is_fold_char_over_every_character() {
        for s in [
            "",
            "a",
            " ",
            "合计",
            "深财预〔2019〕171号，2020年度",
            "Ａ（二期）  【B】“x”\u{3000}y",
            "大围合+视频经费（二期）",
            "\u{85}é—𠀀Z",
            "\u{3fff}\u{4000}\u{efff}\u{f000}\u{ff01}\u{fe10}一Ａ",
        ] {
            let slow: String = s.chars().filter_map(fold_char).collect();
            assert_eq!(name_key(s), slow, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Stretches of ideographs are stepped over eight bytes at a time:
        /// the key is still [`fold_char`] over every character.
        #[test]
        fn name_key_is_fold_char_everywhere(
            s in "[合计一二\u{3fff}\u{4000}\u{9fff}\u{efff}\u{f000}\u{ff01}（）Ａa1 \u{3000}、“𠀀é]{0,40}",
        ) {
            let slow: String = s.chars().filter_map(fold_char).collect();
            proptest::prop_assert_eq!(name_key(&s), slow);
        }

        #[test]
        fn has_space_is_contains_space_or_tab(s in "[合计a\n\u{3000}\u{a0}\u{85} \t]{0,30}") {
            proptest::prop_assert_eq!(has_space(&s), s.contains([' ', '\t']));
        }
    }

    #[test]
    fn compact_drops_every_whitespace_character() {
        let odd = "\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";
        let s = format!("合 计\t{odd}1\n2\r3\u{b}4\u{c}5 、（\u{200b}）");
        let slow: String = s.split(char::is_whitespace).collect();
        assert_eq!(compact(&s), slow);
        assert_eq!(compact("a b"), "ab");
        assert_eq!(next_whitespace("合计a,", 0), None);
        assert_eq!(next_whitespace("a\u{3000}b c", 0), Some((1, 4)));
        assert_eq!(next_whitespace("a\u{3000}b c", 4), Some((5, 6)));
        for c in odd.chars() {
            assert_eq!(
                next_whitespace(&c.to_string(), 0),
                Some((0, c.len_utf8())),
                "{c:?}"
            );
        }
        // No space or tab: returned as is.
        assert!(matches!(compact("合\u{3000}计"), Cow::Borrowed(_)));
    }

    /// `compact` as first written: the text as is without a space or a tab,
    /// else every whitespace character dropped.
    fn reference_compact(s: &str) -> String {
        if s.contains([' ', '\t']) {
            s.split(char::is_whitespace).collect()
        } else {
            s.to_string()
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn compact_is_as_first_written(
            s in "[合计a1、。“（\u{0}\u{1f}\u{7f}\u{80}\u{85}\u{a0}\u{a9}\u{1680}\u{2000}\u{200b}\u{2028}\u{205f}\u{2060}\u{3000}\u{3001}\u{e000}\u{0800}𠀀 \t\n\r]{0,40}",
        ) {
            proptest::prop_assert_eq!(compact(&s).into_owned(), reference_compact(&s));
        }

        #[test]
        fn compact_of_any_text_is_as_first_written(s in "\\PC{0,40}[ \t]?\\PC{0,40}") {
            proptest::prop_assert_eq!(compact(&s).into_owned(), reference_compact(&s));
        }
    }

    #[test]
    fn has_space_finds_spaces_and_tabs_anywhere() {
        let base = "预算数合计一般公共预算";
        for at in 0..=base.len() {
            if !base.is_char_boundary(at) {
                continue;
            }
            for sep in [" ", "\t"] {
                let s = format!("{}{sep}{}", &base[..at], &base[at..]);
                assert!(has_space(&s), "{s:?}");
            }
        }
        assert!(!has_space(base));
        assert!(!has_space(""));
        assert!(!has_space("\u{3000}\u{a0}!)(\x08\x0a"));
    }

    #[test]
    fn has_is_contains() {
        for (hay, needle) in [
            ("产出指标", "指标"),
            ("产出指标", "产出"),
            ("产出指标", "出指"),
            ("产出指", "指标"),
            ("指", "指标"),
            ("", ""),
            ("a", ""),
            ("", "a"),
            ("abcabd", "abd"),
            ("abcab", "abd"),
            ("满意度", "满意度"),
        ] {
            assert_eq!(has(hay, needle), hay.contains(needle), "{hay:?} {needle:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn has_is_contains_everywhere(hay in "[指标a年 产出]{0,40}", needle in "[指标a年 ]{0,3}") {
            proptest::prop_assert_eq!(has(&hay, &needle), hay.contains(&*needle));
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(&*needle));
        }

        /// Every length of text and of word, so the last windows fall
        /// everywhere in their overlapping word.
        #[test]
        fn find_is_str_find_at_every_length(
            hay in "[指标a年 产出\u{87}\u{4e00}\u{4e87}]{0,30}",
            needle in "[指标a年\u{87}\u{4e00}\u{4e87}]{1,4}",
        ) {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(&*needle));
        }
    }

    #[test]
    fn has_pair_is_has_for_any() {
        let pairs = [['指', '标'], ['效', '益']];
        for s in [
            "数量指标",
            "经济效益",
            "指 标",
            "标指",
            "效",
            "",
            "社会效益指标",
            "\0指",
        ] {
            let any = has(s, "指标") || has(s, "效益");
            assert_eq!(has_pair(s, &pairs), any, "{s:?}");
        }
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

    #[test]
    fn cells_trim_as_str_trim_does() {
        let spaces = [
            "", " ", "\t", "\n", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{2028}",
            "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let texts = [
            "",
            "12.5",
            "合计",
            "（一）",
            "a",
            "©",
            "𠀀",
            "—",
            "x\u{3000}y",
        ];
        for before in spaces {
            for text in texts {
                for after in spaces {
                    let cell = format!("{before}{text}{after}");
                    assert_eq!(trim_cell(&cell), cell.trim(), "{cell:?}");
                }
            }
        }
    }
}
