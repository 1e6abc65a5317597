//! Heading numbering styles: `第一部分`, `第二章`, `一、`, `（一）`, `1、`, `1.`, `（1）`, `①`,
//! and the Chinese numerals they count with (`三`, `十一`, `一百零五`).

use super::chars::trim_cell;

/// A numbering style. Headings nest by the sequence of numbers within a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Style {
    /// 第一部分
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 一、
    Han,
    /// （一） / (一)
    ParenHan,
    /// 1、
    ArabicComma,
    /// 1. / 1．
    ArabicDot,
    /// （1） / (1)
    ParenArabic,
    /// ① ② …
    Circled,
}

/// The numbering at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Numbered<'a> {
    pub(super) style: Style,
    pub(super) value: u32,
    /// The numbering as printed, e.g. `（二）`.
    pub(super) number: &'a str,
    /// What follows, trimmed.
    pub(super) rest: &'a str,
}

/// Recognize the numbering at the start of `s` (already trimmed of bullets).
///
/// Most texts asked carry no numbering: the first byte decides most of them
/// without decoding a character. Whitespace never starts with an ASCII
/// letter, digit or sign, nor with a lead byte above E3, so only texts
/// starting otherwise are trimmed first.
pub(super) fn numbering(s: &str) -> Option<Numbered<'_>> {
    let s = match *s.as_bytes().first()? {
        b if b.is_ascii_graphic() || b >= 0xE4 => s,
        _ => s.trim_start(),
    };
    // (the lead bytes of the Chinese numerals: 〇 E3; 一 二 两 三 五 七 九
    // E4; 四 六 八 十 E5; 百 E7 (as 第); 零 E9)
    match *s.as_bytes().first()? {
        b'0'..=b'9' => arabic(s),
        b'(' => parenthesized(s, '('),
        0xE7 if s.starts_with('第') => part_chapter_section(s),
        0xE3..=0xE5 | 0xE7 | 0xE9 => han(s),
        0xEF if s.starts_with('（') => parenthesized(s, '（'),
        0xE2 => {
            let first = s.chars().next()?;
            ('①'..='⑳').contains(&first).then(|| circled(s, first))
        }
        _ => None,
    }
}

/// `第X部分` / `第X章` / `第X节` (`s` starts with `第`).
fn part_chapter_section(s: &str) -> Option<Numbered<'_>> {
    let after = &s['第'.len_utf8()..];
    let digits_end = after
        .char_indices()
        .find(|&(_, c)| !(is_cn_numeral(c) || c.is_ascii_digit() || c == ' '))
        .map(|(i, _)| i)?;
    let num = after[..digits_end].trim();
    let tail = &after[digits_end..];
    let (style, marker) = if tail.starts_with("部分") {
        (Style::Part, "部分")
    } else if tail.starts_with('章') {
        (Style::Chapter, "章")
    } else if tail.starts_with('节') {
        (Style::Section, "节")
    } else {
        return None;
    };
    let value = parse_cn_number(num)?;
    let end = '第'.len_utf8() + digits_end + marker.len();
    let rest = trim_cell(s[end..].trim_start_matches([' ', '：', ':', '　']));
    Some(Numbered {
        style,
        value,
        number: s[..end].trim(),
        rest,
    })
}

/// `（一）` `(一)` `（1）` `(1)` (`s` starts with the opening bracket `first`).
fn parenthesized(s: &str, first: char) -> Option<Numbered<'_>> {
    let inner_start = first.len_utf8();
    let close = closing_bracket(&s.as_bytes()[inner_start..])? + inner_start;
    let inner = trim_cell(&s[inner_start..close]);
    if inner.is_empty() || inner.chars().count() > 4 {
        return None;
    }
    let close_len = s[close..].chars().next()?.len_utf8();
    let end = close + close_len;
    let rest = trim_cell(s[end..].trim_start_matches([' ', '、', '.', '．']));
    if inner.chars().all(|c| c.is_ascii_digit()) {
        return Some(Numbered {
            style: Style::ParenArabic,
            value: inner.parse().ok()?,
            number: &s[..end],
            rest,
        });
    }
    if inner.chars().all(is_cn_numeral) {
        return Some(Numbered {
            style: Style::ParenHan,
            value: cn_value(inner),
            number: &s[..end],
            rest,
        });
    }
    None
}

/// The first `）` or `)` in `b` (as `str::find(['）', ')'])`, byte by byte:
/// `)` is one byte, `）` is EF BC 89, and neither byte starts another character).
fn closing_bracket(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(&c) = b.get(at) {
        if c == b')' || (c == 0xEF && b.get(at + 1..at + 3) == Some(&[0xBC, 0x89][..])) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// `①` … `⑳` (`s` starts with `first`).
fn circled(s: &str, first: char) -> Numbered<'_> {
    let end = first.len_utf8();
    Numbered {
        style: Style::Circled,
        value: first as u32 - '①' as u32 + 1,
        number: &s[..end],
        rest: trim_cell(&s[end..]),
    }
}

/// `一、` (`None` unless `s` starts with a Chinese numeral).
fn han(s: &str) -> Option<Numbered<'_>> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_cn_numeral(c))
        .map(|(i, _)| i)?;
    if end == 0 {
        return None;
    }
    let after = s[end..].strip_prefix('、')?;
    Some(Numbered {
        style: Style::Han,
        value: cn_value(&s[..end]),
        number: &s[..end + '、'.len_utf8()],
        rest: trim_cell(after),
    })
}

/// `1、` `1.` `1．` (`s` starts with a digit).
fn arabic(s: &str) -> Option<Numbered<'_>> {
    let b = s.as_bytes();
    let end = b.iter().position(|c| !c.is_ascii_digit())?;
    if end > 3 {
        return None;
    }
    // (one to three digits: no overflow)
    let value = b[..end]
        .iter()
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'));
    let tail = &s[end..];
    let (style, sep_len) = if tail.starts_with('、') {
        (Style::ArabicComma, '、'.len_utf8())
    } else if tail.starts_with(['.', '．']) {
        (
            Style::ArabicDot,
            if b[end] == b'.' { 1 } else { '．'.len_utf8() },
        )
    } else {
        return None;
    };
    let after_sep = &tail[sep_len..];
    // `1.5` is a number, not a heading
    if style == Style::ArabicDot && after_sep.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(Numbered {
        style,
        value,
        number: &s[..end + sep_len],
        rest: trim_cell(after_sep),
    })
}

/// Value of a Chinese numeral such as `三`, `十一`, `二十`, `三十一`, `一百零五`.
/// Arabic digits are accepted too.
fn parse_cn_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        return if s.len() <= 6 { s.parse().ok() } else { None };
    }
    if s.chars().all(is_cn_numeral) {
        return Some(cn_value(s));
    }
    None
}

/// [`parse_cn_number`] of a run of Chinese numerals (at least one, no digit
/// nor space): no trimming nor digit test first.
fn cn_value(s: &str) -> u32 {
    let (mut total, mut current, mut seen) = (0u32, 0u32, false);
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            current = d;
        } else {
            let unit = if c == '百' { 100 } else { 10 };
            let n = if current == 0 && !seen { 1 } else { current };
            total += n * unit;
            current = 0;
        }
        seen = true;
    }
    total + current
}

/// The value of a Chinese digit (`零` … `九`, `两`), `None` for anything else.
fn cn_digit(c: char) -> Option<u32> {
    match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// True for the characters of a Chinese numeral (used to find numbering).
pub(super) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<(Style, u32, String, String)> {
        numbering(s).map(|n| (n.style, n.value, n.number.to_string(), n.rest.to_string()))
    }

    #[test]
    fn styles() {
        assert_eq!(
            parse("第一部分 部门概况"),
            Some((Style::Part, 1, "第一部分".into(), "部门概况".into()))
        );
        assert_eq!(
            parse("第二部分  专项资金绩效目标"),
            Some((Style::Part, 2, "第二部分".into(), "专项资金绩效目标".into()))
        );
        assert_eq!(
            parse("十一、其他需要说明的事项"),
            Some((Style::Han, 11, "十一、".into(), "其他需要说明的事项".into()))
        );
        assert_eq!(
            parse("（三）工作保障措施"),
            Some((Style::ParenHan, 3, "（三）".into(), "工作保障措施".into()))
        );
        assert_eq!(
            parse("(一) 人员支出"),
            Some((Style::ParenHan, 1, "(一)".into(), "人员支出".into()))
        );
        assert_eq!(
            parse("1、收入说明"),
            Some((Style::ArabicComma, 1, "1、".into(), "收入说明".into()))
        );
        assert_eq!(
            parse("2.机构设置"),
            Some((Style::ArabicDot, 2, "2.".into(), "机构设置".into()))
        );
        assert_eq!(
            parse("（2）办公费"),
            Some((Style::ParenArabic, 2, "（2）".into(), "办公费".into()))
        );
        assert_eq!(parse("1.5万元"), None);
        assert_eq!(parse("2020 年"), None);
        assert_eq!(parse("一是坚持问题导向"), None);
        assert_eq!(parse("第二代居民身份证"), None);
        assert_eq!(parse("（本级）"), None);
    }

    proptest::proptest! {
        /// Leading whitespace is skipped whatever it is (as `trim_start` did first).
        #[test]
        fn numbering_skips_any_leading_whitespace(
            s in "[ \t\u{3000}\u{a0}\u{85}\u{2003}]{0,3}(第一部分|（二）|\\(3\\)|①|十一、|2\\.|1、|a)[ 收入]{0,3}",
        ) {
            proptest::prop_assert_eq!(numbering(&s), numbering(s.trim_start()));
            proptest::prop_assert_eq!(numbering(&s).is_some(), !s.trim_start().starts_with('a'));
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_cn_number("一"), Some(1));
        assert_eq!(parse_cn_number("十"), Some(10));
        assert_eq!(parse_cn_number("十一"), Some(11));
        assert_eq!(parse_cn_number("二十"), Some(20));
        assert_eq!(parse_cn_number("三十一"), Some(31));
        assert_eq!(parse_cn_number("一百零五"), Some(105));
        assert_eq!(parse_cn_number("15"), Some(15));
        assert_eq!(parse_cn_number("abc"), None);
        assert_eq!(parse_cn_number(""), None);
    }

    /// The numbering as first written (char by char, `trim` first), the
    /// reference the byte-wise forms above must agree with.
    mod reference {
        use super::super::{Numbered, Style};

        /// Recognize the numbering at the start of `s` (already trimmed of bullets).
        pub(super) fn numbering(s: &str) -> Option<Numbered<'_>> {
            // (whitespace never starts with an ASCII letter, digit or sign, nor with
            // a lead byte above E3: most lines need no trimming)
            let s = match s.as_bytes().first() {
                Some(&b) if b.is_ascii_graphic() || b >= 0xE4 => s,
                _ => s.trim_start(),
            };
            let first = s.chars().next()?;
            if first == '第' {
                return part_chapter_section(s);
            }
            if first == '（' || first == '(' {
                return parenthesized(s, first);
            }
            if ('①'..='⑳').contains(&first) {
                return circled(s, first);
            }
            if is_cn_numeral(first) {
                return han(s);
            }
            if first.is_ascii_digit() {
                return arabic(s);
            }
            None
        }

        /// `第X部分` / `第X章` / `第X节` (`s` starts with `第`).
        fn part_chapter_section(s: &str) -> Option<Numbered<'_>> {
            let after = &s['第'.len_utf8()..];
            let digits_end = after
                .char_indices()
                .find(|&(_, c)| !(is_cn_numeral(c) || c.is_ascii_digit() || c == ' '))
                .map(|(i, _)| i)?;
            let num = after[..digits_end].trim();
            let tail = &after[digits_end..];
            let (style, marker) = if tail.starts_with("部分") {
                (Style::Part, "部分")
            } else if tail.starts_with('章') {
                (Style::Chapter, "章")
            } else if tail.starts_with('节') {
                (Style::Section, "节")
            } else {
                return None;
            };
            let value = parse_cn_number(num)?;
            let end = '第'.len_utf8() + digits_end + marker.len();
            let rest = s[end..].trim_start_matches([' ', '：', ':', '　']).trim();
            Some(Numbered {
                style,
                value,
                number: s[..end].trim(),
                rest,
            })
        }

        /// `（一）` `(一)` `（1）` `(1)` (`s` starts with the opening bracket `first`).
        fn parenthesized(s: &str, first: char) -> Option<Numbered<'_>> {
            let inner_start = first.len_utf8();
            let close = s[inner_start..].find(['）', ')'])? + inner_start;
            let inner = s[inner_start..close].trim();
            if inner.is_empty() || inner.chars().count() > 4 {
                return None;
            }
            let close_len = s[close..].chars().next()?.len_utf8();
            let end = close + close_len;
            let rest = s[end..].trim_start_matches([' ', '、', '.', '．']).trim();
            if inner.chars().all(|c| c.is_ascii_digit()) {
                return Some(Numbered {
                    style: Style::ParenArabic,
                    value: inner.parse().ok()?,
                    number: &s[..end],
                    rest,
                });
            }
            if inner.chars().all(is_cn_numeral) {
                return Some(Numbered {
                    style: Style::ParenHan,
                    value: parse_cn_number(inner)?,
                    number: &s[..end],
                    rest,
                });
            }
            None
        }

        /// `①` … `⑳` (`s` starts with `first`).
        fn circled(s: &str, first: char) -> Option<Numbered<'_>> {
            let end = first.len_utf8();
            Some(Numbered {
                style: Style::Circled,
                value: first as u32 - '①' as u32 + 1,
                number: &s[..end],
                rest: s[end..].trim(),
            })
        }

        /// `一、` (`s` starts with a Chinese numeral).
        fn han(s: &str) -> Option<Numbered<'_>> {
            let end = s
                .char_indices()
                .find(|&(_, c)| !is_cn_numeral(c))
                .map(|(i, _)| i)?;
            let tail = &s[end..];
            if let Some(after) = tail.strip_prefix('、') {
                return Some(Numbered {
                    style: Style::Han,
                    value: parse_cn_number(&s[..end])?,
                    number: &s[..end + '、'.len_utf8()],
                    rest: after.trim(),
                });
            }
            None
        }

        /// `1、` `1.` `1．` (`s` starts with a digit).
        fn arabic(s: &str) -> Option<Numbered<'_>> {
            let end = s
                .char_indices()
                .find(|&(_, c)| !c.is_ascii_digit())
                .map(|(i, _)| i)?;
            if end > 3 {
                return None;
            }
            let value: u32 = s[..end].parse().ok()?;
            let tail = &s[end..];
            let mut tc = tail.chars();
            let sep = tc.next()?;
            let after_sep = &tail[sep.len_utf8()..];
            let style = match sep {
                '、' => Style::ArabicComma,
                '.' | '．' => {
                    // `1.5` is a number, not a heading
                    if after_sep.starts_with(|c: char| c.is_ascii_digit()) {
                        return None;
                    }
                    Style::ArabicDot
                }
                _ => return None,
            };
            let number_end = end + sep.len_utf8();
            Some(Numbered {
                style,
                value,
                number: &s[..number_end],
                rest: after_sep.trim(),
            })
        }

        /// Value of a Chinese numeral such as `三`, `十一`, `二十`, `三十一`, `一百零五`.
        /// Arabic digits are accepted too.
        pub(super) fn parse_cn_number(s: &str) -> Option<u32> {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            if s.chars().all(|c| c.is_ascii_digit()) {
                return if s.len() <= 6 { s.parse().ok() } else { None };
            }
            let mut total: u32 = 0;
            let mut current: u32 = 0;
            let mut seen = false;
            for c in s.chars() {
                let digit = match c {
                    '零' | '〇' => Some(0),
                    '一' => Some(1),
                    '二' | '两' => Some(2),
                    '三' => Some(3),
                    '四' => Some(4),
                    '五' => Some(5),
                    '六' => Some(6),
                    '七' => Some(7),
                    '八' => Some(8),
                    '九' => Some(9),
                    _ => None,
                };
                if let Some(d) = digit {
                    current = d;
                    seen = true;
                    continue;
                }
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => return None,
                };
                let n = if current == 0 && !seen { 1 } else { current };
                total += n * unit;
                current = 0;
                seen = true;
            }
            if !seen {
                return None;
            }
            Some(total + current)
        }

        /// True for the characters of a Chinese numeral (used to find numbering).
        fn is_cn_numeral(c: char) -> bool {
            matches!(
                c,
                '零' | '〇'
                    | '一'
                    | '二'
                    | '两'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '百'
            )
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// Any text numbers as the first form numbered it.
        #[test]
        fn numbering_is_as_first_written(
            s in "[ \t\u{3000}\u{a0}]{0,2}(第|（|\\(|①|⑳|〇|[0-9]{1,4}|[零一二两三四五六七八九十百]{1,3})?[0-9零一十百二 　:：、.．）)部分章节①a般年（(]{0,6}[ 收入\u{3000}]{0,3}",
        ) {
            proptest::prop_assert_eq!(numbering(&s), reference::numbering(&s));
        }

        #[test]
        fn numbering_of_any_text_is_as_first_written(s in "\\PC{0,12}") {
            proptest::prop_assert_eq!(numbering(&s), reference::numbering(&s));
        }

        #[test]
        fn chinese_numbers_are_as_first_written(s in "[ 0-9零〇一二两三四五六七八九十百a]{0,6}") {
            proptest::prop_assert_eq!(parse_cn_number(&s), reference::parse_cn_number(&s));
        }
    }
}
