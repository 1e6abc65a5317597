//! Character rules: odd Unicode spaces (no-break U+00A0, ideographic U+3000 …)
//! become ASCII spaces; zero-width, control and bidi (text-direction) characters
//! go; full-width digits (`２０２３`) and full-width signs inside numbers
//! (`１，２３４．５`, `＞＝９０％`) become ASCII; `≧`/`≦` become `≥`/`≤`.

/// Rules 1–4 at the character level: odd spaces, zero-width, control and bidi
/// characters, full-width digits, `≧`/`≦`.
pub(super) fn map_chars(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        // only these bytes start a character a rule maps; every other byte is
        // passed over (they are ASCII or lead bytes, so `i` is a boundary)
        if !MAY_MAP[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        let replacement: Option<char> = match c {
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
        out.push_str(s.get(copied..at).unwrap_or(""));
        if let Some(r) = replacement {
            out.push(r);
        }
        copied = i;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out
}

/// The bytes that start a character [`map_chars`] maps: C0 controls but the
/// tab, DEL, and the lead bytes of U+0080–U+00BF (C2), U+061C (D8),
/// U+2000–U+2FFF (E2), U+3000–U+3FFF (E3) and U+F000–U+FFFF (EF).
const MAY_MAP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = i != b'\t' as usize;
        i += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Rule 3, full-width signs inside numbers: `．`/`，` between digits, `－`/`＋`
/// before a digit, `％` after a digit, `＞ ＜ ＝` before a digit (spaces allowed).
/// Each sign is judged by its neighbours in `s`; all of them start with the
/// byte EF, so only those places are looked at.
pub(super) fn ascii_signs_in_numbers(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(k) = b.get(i..).and_then(|rest| memchr::memchr(0xEF, rest)) {
        let at = i + k;
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let after = at + c.len_utf8();
        i = after;
        let prev_digit = at > 0 && b[at - 1].is_ascii_digit();
        let next_digit = b.get(after).is_some_and(u8::is_ascii_digit);
        let mapped = match c {
            '．' if prev_digit && next_digit => ".",
            '，' if prev_digit && next_digit => ",",
            '－' if next_digit => "-",
            '＋' if next_digit => "+",
            '％' if prev_digit => "%",
            '＞' | '＜' | '＝' => {
                // A run of comparison signs and spaces directly before a digit.
                let run = s.get(at..).unwrap_or("");
                let run_len = run
                    .char_indices()
                    .find(|&(_, ch)| !matches!(ch, '＞' | '＜' | '＝' | ' '))
                    .map_or(run.len(), |(j, _)| j);
                i = at + run_len;
                if !b.get(i).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                let text = out.get_or_insert_with(|| String::with_capacity(s.len()));
                text.push_str(s.get(copied..at).unwrap_or(""));
                for ch in run.get(..run_len).unwrap_or("").chars() {
                    text.push(match ch {
                        '＞' => '>',
                        '＜' => '<',
                        '＝' => '=',
                        other => other,
                    });
                }
                copied = i;
                continue;
            }
            _ => continue,
        };
        let text = out.get_or_insert_with(|| String::with_capacity(s.len()));
        text.push_str(s.get(copied..at).unwrap_or(""));
        text.push_str(mapped);
        copied = after;
    }
    let mut text = out?;
    text.push_str(s.get(copied..).unwrap_or(""));
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use proptest::prelude::*;

    /// The rules as first written, a character at a time: the reference the
    /// byte scans must agree with.
    fn reference_map_chars(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut copied = 0usize;
        for (i, c) in s.char_indices() {
            let replacement: Option<char> = match c {
                '\t' => continue,
                '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => None,
                '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
                    Some(' ')
                }
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
    fn reference_signs(s: &str) -> Option<String> {
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

    #[cfg(test)]

    proptest! {
        #[test]
        fn byte_scans_agree_with_the_character_rules(
            s in "[ \t\x01\x7f\u{85}\u{a0}\u{61c}\u{2003}\u{200b}\u{2028}\u{2066}\u{3000}\u{feff}０-９0-9．，－＋％＞＜＝≧≦a收、（）]{0,30}"
        ) {
            prop_assert_eq!(map_chars(&s), reference_map_chars(&s));
            prop_assert_eq!(ascii_signs_in_numbers(&s), reference_signs(&s));
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
}
