//! Character rules: odd Unicode spaces (no-break U+00A0, ideographic U+3000 …)
//! become ASCII spaces; zero-width, control and bidi (text-direction) characters
//! go; full-width digits (`２０２３`) and full-width signs inside numbers
//! (`１，２３４．５`, `＞＝９０％`) become ASCII; `≧`/`≦` become `≥`/`≤`.

/// Rules 1–4 at the character level: odd spaces, zero-width, control and bidi
/// characters, full-width digits, `≧`/`≦`.
pub(super) fn map_chars(s: &str) -> String {
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
pub(super) fn ascii_signs_in_numbers(s: &str) -> Option<String> {
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
mod tests {
    use super::super::test_support::*;

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
