//! Small text helpers shared by the parser: compacting, Chinese numerals,
//! label matching.

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
pub fn has_space(s: &str) -> bool {
    s.bytes().any(|b| b == b' ' || b == b'\t')
}

/// `hay.contains(needle)` for short strings: a plain window scan, without
/// the searcher set-up `str::contains` pays on every call.
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || (h.len() >= n.len() && h.windows(n.len()).any(|w| w == n))
}

/// `compact(s) == target` without allocating.
pub fn compact_eq(s: &str, target: &str) -> bool {
    let mut a = s.chars().filter(|c| !c.is_whitespace());
    let mut b = target.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Value of a Chinese numeral such as `三`, `十一`, `二十`, `三十一`, `一百零五`.
/// Arabic digits are accepted too.
pub fn parse_cn_number(s: &str) -> Option<u32> {
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
pub fn is_cn_numeral(c: char) -> bool {
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

/// True when the text ends a sentence (。！？；) — used to tell prose from headings.
pub fn ends_sentence(s: &str) -> bool {
    matches!(
        s.trim_end().chars().last(),
        Some('。' | '！' | '？' | '；' | '!' | '?' | ';')
    )
}

/// Finds a 4-digit year (1949–2099) followed by `年` in the first 200
/// characters, returning it.
pub fn find_year(s: &str) -> Option<u16> {
    let chars: Vec<char> = s.chars().take(200).collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        if chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && (i + 4 == chars.len() || !chars[i + 4].is_ascii_digit())
        {
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '年' {
                let y: String = chars[i..i + 4].iter().collect();
                if let Ok(y) = y.parse::<u16>() {
                    if (1949..=2099).contains(&y) {
                        return Some(y);
                    }
                }
            }
        }
        i += 1;
    }
    None
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

/// Strip a leading list / bullet marker that markdown or the extraction left
/// (`- `, `* `, `• `, `# `).
pub fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start();
    for p in ["- ", "* ", "• ", "· ", "● ", "○ ", "■ ", "□ "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 {
        if let Some(rest) = t[hashes..].strip_prefix(' ') {
            return rest.trim_start();
        }
    }
    t
}

/// Parse a "unit" statement: `单位：万元`, `单位: 元`, `金额单位：万元`,
/// `（单位：万元）`. Returns the unit.
pub fn unit_statement(s: &str) -> Option<&'static str> {
    let c = compact(s);
    let c = c.trim_matches(|ch| matches!(ch, '(' | ')' | '（' | '）'));
    let rest = c
        .strip_prefix("金额单位")
        .or_else(|| c.strip_prefix("单位"))
        .or_else(|| c.strip_prefix("计量单位"))?;
    let rest = rest.trim_start_matches([':', '：']);
    unit_word(rest)
}

/// `万元`, `元`, `千元`, `亿元` at the start of the text.
pub fn unit_word(s: &str) -> Option<&'static str> {
    let s = s.trim();
    for u in ["万元", "千元", "亿元", "元"] {
        if s.starts_with(u) {
            return Some(match u {
                "万元" => "万元",
                "千元" => "千元",
                "亿元" => "亿元",
                _ => "元",
            });
        }
    }
    None
}

/// A unit stated inside a header or label: `资金总额 (万元)`, `预算数（万元）`,
/// `价 值（金额单位：万元）`.
pub fn unit_in_label(s: &str) -> Option<&'static str> {
    let c = compact(s);
    let open = c.find(['(', '（'])?;
    let inner = &c[open..];
    let inner = inner.trim_start_matches(['(', '（']);
    let inner = inner
        .strip_prefix("金额单位")
        .or_else(|| inner.strip_prefix("单位"))
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(inner);
    unit_word(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn years() {
        assert_eq!(find_year("2020 年深圳市公安局罗湖分局"), Some(2020));
        assert_eq!(find_year("部门2020年度预算"), Some(2020));
        assert_eq!(find_year("编号12020年"), None);
        assert_eq!(find_year("共1234年"), None);
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
    fn units() {
        assert_eq!(unit_statement("单位：万元"), Some("万元"));
        assert_eq!(unit_statement("单位： 万元"), Some("万元"));
        assert_eq!(unit_statement("金额单位：元"), Some("元"));
        assert_eq!(unit_statement("单位名称：深圳市公安局罗湖分局"), None);
        assert_eq!(unit_in_label("资金总额 (万元)"), Some("万元"));
        assert_eq!(unit_in_label("价 值（金额单位：万元）"), Some("万元"));
        assert_eq!(unit_in_label("预算数（万元）"), Some("万元"));
        assert_eq!(unit_in_label("预算数"), None);
    }

    #[test]
    fn bullets() {
        assert_eq!(strip_bullet("- 第一部分 部门概况"), "第一部分 部门概况");
        assert_eq!(strip_bullet("## 第一部分"), "第一部分");
        assert_eq!(strip_bullet("-12"), "-12");
    }
}
