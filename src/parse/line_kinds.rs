//! Line classifiers shared by several stages: what kind of line this is.
//!
//! - table title: a short line ending in 表 (`收支预算总表`);
//! - table label: `表 1`, `附表1`, `表.15-3` (the number a table is printed under);
//! - page furniture: department, year and unit lines, organisation codes,
//!   printed around a table on every page;
//! - document title: a line with a year and a kind word (预算 budget, 决算
//!   final accounts, 绩效 performance);
//! - and the smaller questions several stages ask of a line: does it end a
//!   sentence, which year does it name, what is left once a Markdown bullet
//!   (`- `, `## `) is stripped.

use std::borrow::Cow;

use super::chars::{char_len, compact, has, is_cjk};
use super::units::{trim_parens, unit_statement_compacted};

/// A table title: a short line ending in 表 (`收支预算总表`, `12、智慧社区绩效目标表`,
/// `智慧平安社区建设费预算项目绩效表`).
pub(super) fn title_like(s: &str) -> bool {
    if s.len() > 400 {
        return false;
    }
    // The compacted text (or what precedes its final parenthetical) ends in
    // 表, so the text's last character that is not whitespace is 表 or a
    // closing bracket: most lines are told apart here, before compacting.
    if !s.trim_end().ends_with(['表', ')', '）']) {
        return false;
    }
    title_like_compacted(&compact(s))
}

/// [`title_like`] of a text already compacted: `title_like(s)` is
/// `s.len() <= 400 && title_like_compacted(&compact(s))` (a caller holding
/// the compacted text need not have it compacted again).
pub(super) fn title_like_compacted(c: &str) -> bool {
    if !c.ends_with(['表', ')', '）']) {
        return false;
    }
    let c = strip_trailing_parenthetical(c);
    // (`一览表` ends in 表 too)
    c.ends_with('表')
        && (2..=90).contains(&char_len(c))
        && !has(c, "。")
        && !c.starts_with("注")
        && !c.starts_with("附表:")
        && !c.starts_with("附表：")
        && !is_own_label(c)
}

/// `label_of(c) == Some(c)` for a compacted text `c` (`label_of` returns the
/// text trimmed, which is `c` itself when `c` is a label: a compacted text
/// holds no space or tab, and a label starts with 附 or 表 and ends with a
/// digit, so nothing is trimmed), without building the label. So also
/// `label_of(c).is_some()`, and for a text `s` of at most 40 bytes
/// compacted to `c`, `label_of(s).is_some()`.
pub(super) fn is_own_label(c: &str) -> bool {
    c.len() <= 40 && label_rest(c).is_some()
}

/// `一般公共预算支出表（按功能分类）` → `一般公共预算支出表`.
fn strip_trailing_parenthetical(c: &str) -> &str {
    if c.ends_with([')', '）'])
        && let Some(open) = c.rfind(['(', '（'])
    {
        return &c[..open];
    }
    c
}

/// A table label such as `表 1`, `表.15-3`, `附表1`; returns the label as printed (trimmed).
pub(super) fn label_of(s: &str) -> Option<String> {
    if s.len() > 40 {
        return None;
    }
    // The compacted text starts with 附表 or 表, so the text's first character
    // that is not whitespace is 附 or 表: most lines are told apart here.
    if !s.trim_start().starts_with(['附', '表']) {
        return None;
    }
    label_rest(&compact(s))?;
    Some(s.trim().to_string())
}

/// What follows `附表` / `表` and its separators in the compacted text `c`
/// when `c` is a table label (`1`, `15-3`); `None` when it is not.
fn label_rest(c: &str) -> Option<&str> {
    let rest = c.strip_prefix("附表").or_else(|| c.strip_prefix('表'))?;
    let rest = rest.trim_start_matches(['.', '．', ':', '：']);
    let ok = rest
        .chars()
        .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '—');
    (ok && rest.starts_with(|ch: char| ch.is_ascii_digit())).then_some(rest)
}

/// Page furniture that may stand between two segments of one table or just
/// above a table: department, year and unit lines, column-number rows.
pub(super) fn furniture_line(s: &str) -> bool {
    // The compacted text starts with the text's first character that is not
    // whitespace: every test of the compacted text asks for one of a few
    // first characters, so most lines are told apart without compacting.
    furniture_line_with(s, || compact(s))
}

/// [`furniture_line`] of `s`, the compacted text given by `compacted` when
/// needed (a caller holding it need not have it compacted again).
pub(super) fn furniture_line_with<'a>(s: &str, compacted: impl FnOnce() -> Cow<'a, str>) -> bool {
    if s.len() > 200 {
        return false;
    }
    let t = s.trim_start();
    if t.chars().next().is_none_or(opens_furniture) && compacted_furniture(&compacted()) {
        return true;
    }
    organisation_line(t)
}

/// The characters a furniture line's compacted text may start with: a
/// bracket or 金 单 计 (unit), 部 单 预 编 截 填 报 (the name lines), a digit
/// (a year), 预 度 年 (a year line's fragments).
fn opens_furniture(ch: char) -> bool {
    ch.is_ascii_digit()
        || matches!(
            ch,
            '(' | ')'
                | '（'
                | '）'
                | '金'
                | '单'
                | '计'
                | '部'
                | '预'
                | '编'
                | '截'
                | '填'
                | '报'
                | '度'
                | '年'
        )
}

/// [`furniture_line`]'s tests of the compacted text `c`.
fn compacted_furniture(c: &str) -> bool {
    if c.is_empty() {
        return true;
    }
    if unit_statement_compacted(c).is_some() {
        return true;
    }
    if c.starts_with(['部', '单', '预', '编', '截', '填', '报'])
        && [
            "部门名称",
            "单位名称",
            "预算单位",
            "编制单位",
            "编制部门",
            "预算年度",
            "截止时间",
            "截至时间",
            "填报单位",
            "报送单位",
        ]
        .iter()
        .any(|p| c.starts_with(p))
    {
        return true;
    }
    // a year or a year line: 2024, 2020年度, (2020年度)
    let mut y = trim_parens(c);
    // (`trim_end_matches` with a string pattern sets up a searcher each call)
    while let Some(rest) = y.strip_suffix("年度") {
        y = rest;
    }
    let y = y.trim_end_matches('年');
    if y.len() == 4 && y.bytes().all(|ch| ch.is_ascii_digit()) {
        return true;
    }
    // fragments of "预算年度：" split over lines
    matches!(c, "预算年" | "度：" | "度:" | "年度：" | "年度:")
}

/// "312 秦皇岛市公安局…": an organisation code and a name (`t` trimmed at its start).
fn organisation_line(t: &str) -> bool {
    let digits = t.chars().take_while(|ch| ch.is_ascii_digit()).count();
    if (3..=8).contains(&digits) {
        let rest = t[digits..].strip_prefix(' ').map(str::trim_start);
        if let Some(rest) = rest {
            return rest.chars().next().is_some_and(is_cjk)
                && !rest.starts_with(['年', '月', '日', '个', '人', '万', '元'])
                && !rest.contains(['，', '。', '：']);
        }
    }
    false
}

/// A line that reads like a document (or part) title: a year and a kind word,
/// short, no sentence punctuation. `2020年深圳市公安局罗湖分局（本级） 部门预算`.
pub(super) fn title_line_like(s: &str) -> bool {
    // (a year is followed by 年: most lines are told apart before compacting)
    if s.len() > 250 || !has_nian(s) {
        return false;
    }
    let c = compact(s);
    char_len(&c) <= 50
        && (has(&c, "预算") || has(&c, "决算") || has(&c, "绩效"))
        && !c.contains(['。', '，', '；', ',', ';'])
        && !has(&c, "目录")
        && find_year(s).is_some()
}

/// `s.contains('年')`, found from its last byte (年 is E5 B9 B4): a
/// continuation byte, rare, where E5 starts many ideographs.
fn has_nian(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xB4, b).any(|i| i >= 2 && b[i - 2] == 0xE5 && b[i - 1] == 0xB9)
}

/// True when the text ends a sentence (。！？；) — used to tell prose from headings.
pub(super) fn ends_sentence(s: &str) -> bool {
    matches!(
        s.trim_end().chars().last(),
        Some('。' | '！' | '？' | '；' | '!' | '?' | ';')
    )
}

/// Finds a 4-digit year (1949–2099) followed by `年` in the first 200
/// characters, returning it.
pub(super) fn find_year(s: &str) -> Option<u16> {
    // the first 200 characters, as bytes: digits, spaces and the digits'
    // neighbours are ASCII, so byte steps are character steps where it matters
    let end = if s.len() <= 200 {
        s.len()
    } else {
        s.char_indices().nth(200).map_or(s.len(), |(i, _)| i)
    };
    let b = s.as_bytes().get(..end).unwrap_or_default();
    let year_mark = "年".as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        let digits = &b[i..i + 4];
        if digits.iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let spaces = b[i + 4..].iter().take_while(|&&c| c == b' ').count();
            if b[i + 4 + spaces..].starts_with(year_mark) {
                let y = digits
                    .iter()
                    .fold(0u16, |y, d| y * 10 + u16::from(d - b'0'));
                if (1949..=2099).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}

/// Strip a leading list / bullet marker that markdown or the extraction left
/// (`- `, `* `, `• `, `# `).
pub(super) fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start();
    for p in ["- ", "* ", "• ", "· ", "● ", "○ ", "■ ", "□ "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if hashes > 0
        && hashes <= 6
        && let Some(rest) = t[hashes..].strip_prefix(' ')
    {
        return rest.trim_start();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_titles() {
        assert_eq!(label_of("表.1").as_deref(), Some("表.1"));
        assert_eq!(label_of("表. 15-3").as_deref(), Some("表. 15-3"));
        assert_eq!(label_of("表 1").as_deref(), Some("表 1"));
        assert!(label_of("表格部分").is_none());
        assert!(title_like("收支预算总表"));
        assert!(title_like("12、智慧社区绩效目标表"));
        assert!(!title_like("注：无政府基金预算财政拨款预算，空表列示。"));
        assert!(!title_like("表.1"));
    }

    #[test]
    fn years() {
        assert_eq!(find_year("2020 年深圳市公安局罗湖分局"), Some(2020));
        assert_eq!(find_year("部门2020年度预算"), Some(2020));
        assert_eq!(find_year("编号12020年"), None);
        assert_eq!(find_year("共1234年"), None);
        let far = format!("{}2024年", "字".repeat(195));
        assert_eq!(find_year(&far), Some(2024));
        let too_far = format!("{}2024年", "字".repeat(196));
        assert_eq!(find_year(&too_far), None);
    }

    /// The year search as first written, on a vector of characters.
    fn reference_find_year(s: &str) -> Option<u16> {
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
                    if let Ok(y) = y.parse::<u16>()
                        && (1949..=2099).contains(&y)
                    {
                        return Some(y);
                    }
                }
            }
            i += 1;
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn find_year_is_the_character_search(s in "[0-9 年字a]{0,12}(19[0-9]{2}|20[0-9]{2}) ?年[0-9 年字]{0,3}") {
            proptest::prop_assert_eq!(find_year(&s), reference_find_year(&s));
        }
    }

    /// The classifiers as first written, each compacting the text itself.
    mod reference {
        use super::super::super::chars::{char_len, compact, is_cjk};
        use super::super::super::units::unit_statement;

        pub(super) fn title_like(s: &str) -> bool {
            if s.len() > 400 {
                return false;
            }
            let c = compact(s);
            let c = super::super::strip_trailing_parenthetical(&c);
            let n = char_len(c);
            (2..=90).contains(&n)
                && (c.ends_with('表') || c.ends_with("一览表"))
                && !c.contains('。')
                && !c.starts_with("注")
                && !c.starts_with("附表:")
                && !c.starts_with("附表：")
                && label_of(c).is_none_or(|l| l != c)
        }

        pub(super) fn label_of(s: &str) -> Option<String> {
            if s.len() > 40 {
                return None;
            }
            let c = compact(s);
            let rest = c.strip_prefix("附表").or_else(|| c.strip_prefix('表'))?;
            let rest = rest.trim_start_matches(['.', '．', ':', '：']);
            if rest.is_empty() {
                return None;
            }
            let ok = rest
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '—');
            if ok && rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                Some(s.trim().to_string())
            } else {
                None
            }
        }

        pub(super) fn furniture_line(s: &str) -> bool {
            if s.len() > 200 {
                return false;
            }
            let c = compact(s);
            if c.is_empty() || unit_statement(&c).is_some() {
                return true;
            }
            for p in [
                "部门名称",
                "单位名称",
                "预算单位",
                "编制单位",
                "编制部门",
                "预算年度",
                "截止时间",
                "截至时间",
                "填报单位",
                "报送单位",
            ] {
                if c.starts_with(p) {
                    return true;
                }
            }
            let mut y = c.trim_matches(|ch| matches!(ch, '(' | ')' | '（' | '）'));
            while let Some(rest) = y.strip_suffix("年度") {
                y = rest;
            }
            let y = y.trim_end_matches('年');
            if y.len() == 4 && y.chars().all(|ch| ch.is_ascii_digit()) {
                return true;
            }
            if matches!(&*c, "预算年" | "度：" | "度:" | "年度：" | "年度:") {
                return true;
            }
            let t = s.trim_start();
            let digits = t.chars().take_while(|ch| ch.is_ascii_digit()).count();
            if (3..=8).contains(&digits) {
                let rest = t[digits..].strip_prefix(' ').map(str::trim_start);
                if let Some(rest) = rest {
                    let org = rest.chars().next().is_some_and(is_cjk)
                        && !rest.starts_with(['年', '月', '日', '个', '人', '万', '元'])
                        && !rest.contains(['，', '。', '：']);
                    if org {
                        return true;
                    }
                }
            }
            false
        }

        pub(super) fn title_line_like(s: &str) -> bool {
            if s.len() > 250 {
                return false;
            }
            let c = compact(s);
            char_len(&c) <= 50
                && (c.contains("预算") || c.contains("决算") || c.contains("绩效"))
                && super::super::find_year(s).is_some()
                && !c.contains(['。', '，', '；', ',', ';'])
                && !c.contains("目录")
        }
    }

    /// Texts built from the words and characters the classifiers look for,
    /// with every kind of whitespace between them.
    fn classified_text() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            "表",
            "附表",
            "附",
            "一览表",
            "注",
            ":",
            "：",
            ".",
            "．",
            "1",
            "15",
            "-3",
            "—",
            "2020",
            "年",
            "年度",
            "预算",
            "决算",
            "绩效",
            "目录",
            "。",
            "，",
            ";",
            "(",
            ")",
            "（",
            "）",
            "单位",
            "金额单位",
            "计量单位",
            "万元",
            "元",
            "部门名称",
            "预算年",
            "度：",
            "312",
            "秦皇岛",
            "个",
            "收支",
            "a",
            " ",
            "  ",
            "\t",
            "\u{3000}",
            "\u{a0}",
            "\n",
            "\u{85}",
        ]);
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    use proptest::strategy::Strategy;

    /// The classifiers asked of the compacted text answer as the
    /// references asked of the text.
    fn compacted_forms_agree(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let c = compact(s);
        proptest::prop_assert_eq!(
            s.len() <= 400 && title_like_compacted(&c),
            reference::title_like(s)
        );
        proptest::prop_assert_eq!(
            s.len() <= 40 && is_own_label(&c),
            reference::label_of(s).is_some()
        );
        proptest::prop_assert_eq!(
            furniture_line_with(s, || Cow::Borrowed(&*c)),
            reference::furniture_line(s)
        );
        Ok(())
    }

    /// Texts shaped like titles and labels: words, an ending (表, a label
    /// number), a parenthetical, trailing whitespace.
    fn title_shaped() -> impl proptest::strategy::Strategy<Value = String> {
        (
            classified_text(),
            proptest::sample::select(vec!["", "表", "一览表", "表1", "表 .2-1", "。表"]),
            proptest::sample::select(vec!["", "(a)", "（按功能分类）", " (", ")", "（2）"]),
            proptest::sample::select(vec!["", " ", "\u{3000}", "\t", " \n"]),
        )
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn classifiers_answer_as_first_written(s in classified_text()) {
            proptest::prop_assert_eq!(title_like(&s), reference::title_like(&s));
            proptest::prop_assert_eq!(label_of(&s), reference::label_of(&s));
            proptest::prop_assert_eq!(furniture_line(&s), reference::furniture_line(&s));
            proptest::prop_assert_eq!(title_line_like(&s), reference::title_line_like(&s));
            let c = compact(&s);
            proptest::prop_assert_eq!(title_like(&c), reference::title_like(&c));
            proptest::prop_assert_eq!(label_of(&c), reference::label_of(&c));
            compacted_forms_agree(&s)?;
        }

        #[test]
        fn title_classifiers_answer_as_first_written(s in title_shaped()) {
            proptest::prop_assert_eq!(title_like(&s), reference::title_like(&s));
            proptest::prop_assert_eq!(label_of(&s), reference::label_of(&s));
            proptest::prop_assert_eq!(furniture_line(&s), reference::furniture_line(&s));
            let t = s.trim();
            proptest::prop_assert_eq!(title_like(t), reference::title_like(t));
            proptest::prop_assert_eq!(label_of(t), reference::label_of(t));
            compacted_forms_agree(&s)?;
        }

        #[test]
        fn classifiers_answer_as_first_written_on_any_text(s in "\\PC{0,30}") {
            proptest::prop_assert_eq!(title_like(&s), reference::title_like(&s));
            proptest::prop_assert_eq!(label_of(&s), reference::label_of(&s));
            proptest::prop_assert_eq!(furniture_line(&s), reference::furniture_line(&s));
            proptest::prop_assert_eq!(title_line_like(&s), reference::title_line_like(&s));
            proptest::prop_assert_eq!(has_nian(&s), s.contains('年'));
            compacted_forms_agree(&s)?;
        }
    }

    #[test]
    fn bullets() {
        assert_eq!(strip_bullet("- 第一部分 部门概况"), "第一部分 部门概况");
        assert_eq!(strip_bullet("## 第一部分"), "第一部分");
        assert_eq!(strip_bullet("-12"), "-12");
    }
}
