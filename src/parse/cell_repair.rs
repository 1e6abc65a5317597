//! Repairs inside table cells: numbers and codes split by spaces, words split
//! by spaces between Chinese characters, rows cut by a page break. Section
//! titles and project names get the same space repair ([`squash_spaces_cjk`]).

use super::amount::parse_amount;
use super::chars::{
    bytes_equal, each_byte, for_each_byte_below, is_cjk, marks_below, next_whitespace,
};
use std::borrow::Cow;

/// Repair one cell:
///
/// 1. trim, and collapse every run of whitespace to one space;
/// 2. a cell made only of digits, `.`, `,`, an optional leading `-` and spaces,
///    whose spaces were cut into a number or a code by a narrow PDF column,
///    is joined when the result is a valid number: `1126 2.73` → `11262.73`,
///    `5639 .75` → `5639.75`, `997. 10` → `997.10`, `2040 201` → `2040201`.
///    When joining gives no valid number (`1.2 3.4`) the cell stays as it is;
/// 3. spaces between two CJK characters are removed (see [`squash_spaces_cjk`]):
///    `社会 保障 和就 业支 出` → `社会保障和就业支出`, while `2020 年预算数`,
///    `DNA 实验室` keep theirs.
///
/// Idempotent: repairing twice gives the same as repairing once.
pub(super) fn repair_cell(s: &str) -> String {
    let collapsed = collapse_whitespace(s);
    if let Some(joined) = join_split_number(&collapsed) {
        return joined;
    }
    if !collapsed.contains(' ') {
        return collapsed.into_owned();
    }
    squash_spaces_cjk(&collapsed)
}

/// [`repair_cell`], borrowing the cell when it is clean already (no copy).
pub(super) fn repaired(cell: &str) -> Cow<'_, str> {
    // Most cells with a space are words collapsed already, which no number
    // rule concerns: their CJK squash is read in the pass that tells them
    // collapsed (rules 1 and 3 at once).
    if !may_be_split_number(cell)
        && let Some(squashed) = squashed_if_collapsed(cell)
    {
        return squashed;
    }
    match collapse_whitespace(cell) {
        Cow::Borrowed(c) => match join_split_number(c) {
            Some(joined) => Cow::Owned(joined),
            None if !c.contains(' ') => Cow::Borrowed(cell),
            None => match squashed(c) {
                Cow::Borrowed(_) => Cow::Borrowed(cell),
                owned => owned,
            },
        },
        Cow::Owned(collapsed) => Cow::Owned(repair_cell(&collapsed)),
    }
}

/// Rule 1 of [`repair_cell`]: trimmed, every run of whitespace one space;
/// borrowed when the text is so already (single inner spaces only).
fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    if plainly_spaced(s) {
        return Cow::Borrowed(s);
    }
    let mut at = 0;
    let mut clean = true;
    while let Some((start, end)) = next_whitespace(s, at) {
        let lone_inner_space =
            start > at && end < s.len() && s.as_bytes()[start] == b' ' && end == start + 1;
        if !lone_inner_space {
            clean = false;
            break;
        }
        at = end;
    }
    if clean {
        return Cow::Borrowed(s);
    }
    let mut collapsed = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    Cow::Owned(collapsed)
}

/// Could rule 2 of [`repair_cell`] join `cell`, if it is collapsed already
/// (and so is as collapsing leaves it)? Only when it is made of the bytes
/// of a number and spaces ([`join_split_number`]'s first test): a text cell
/// fails at its first character.
fn may_be_split_number(cell: &str) -> bool {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    body.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '))
}

/// [`squashed`]`(s)` when `s` is collapsed already ([`plainly_spaced`]),
/// both read in one pass; `None` when it is not.
fn squashed_if_collapsed(s: &str) -> Option<Cow<'_, str>> {
    let b = s.as_bytes();
    let mut out = String::new();
    // `s[copied..]` is still to copy
    let mut copied = 0;
    let collapsed = for_each_space_if_collapsed(s, |at| {
        // a lone inner space: an ASCII byte next to it is a whole
        // character, and no CJK one
        let ascii = |i: usize| b.get(i).is_none_or(u8::is_ascii);
        if at == 0 || ascii(at - 1) || ascii(at + 1) {
            return;
        }
        let before = s[..at].chars().next_back();
        let after = s[at + 1..].chars().next();
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            if out.capacity() == 0 {
                out.reserve(s.len());
            }
            out.push_str(&s[copied..at]);
            copied = at + 1;
        }
    });
    if !collapsed {
        return None;
    }
    if copied == 0 {
        return Some(Cow::Borrowed(s));
    }
    out.push_str(&s[copied..]);
    Some(Cow::Owned(out))
}

/// Collapsed already, told from the bytes alone: no space at either end nor
/// two in a row, and no other whitespace character.
fn plainly_spaced(s: &str) -> bool {
    for_each_space_if_collapsed(s, |_| {})
}

/// Is `s` collapsed already ([`plainly_spaced`])? `at_space` is called at
/// each space, in order, as they are read (and on up to where `s` is found
/// not to be). Read eight bytes at a time; only the bytes that may start
/// other whitespace (ASCII controls, the lead bytes C2, E1, E2, E3) are
/// looked at one by one.
#[inline(always)]
fn for_each_space_if_collapsed(s: &str, mut at_space: impl FnMut(usize)) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let (words, rest) = b.as_chunks::<8>();
    // whether the byte before the word is a space
    let mut after_space = false;
    for (k, word) in words.iter().enumerate() {
        let v = u64::from_le_bytes(*word);
        let spaces = bytes_equal(v, b' ');
        if spaces & (spaces >> 8 | u64::from(after_space) << 7) != 0 {
            return false; // two spaces in a row
        }
        after_space = spaces >> 63 != 0;
        let mut leads =
            marks_below(v, 0x0E) | bytes_equal(v, 0xC2) | marks_below(v ^ each_byte(0xE0), 4);
        while leads != 0 {
            let at = k * 8 + leads.trailing_zeros() as usize / 8;
            leads &= leads - 1;
            if other_whitespace_at(b, at) {
                return false;
            }
        }
        let mut spaces = spaces;
        while spaces != 0 {
            at_space(k * 8 + spaces.trailing_zeros() as usize / 8);
            spaces &= spaces - 1;
        }
    }
    let base = words.len() * 8;
    for (j, &c) in rest.iter().enumerate() {
        if c == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            at_space(base + j);
        } else if other_whitespace_at(b, base + j) {
            return false;
        } else {
            after_space = false;
        }
    }
    true
}

/// Does a whitespace character other than the space start at byte `i`
/// (a character boundary)? The encodings of U+0009–U+000D, U+0085, U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, the
/// characters [`char::is_whitespace`] takes besides the space.
fn other_whitespace_at(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..).unwrap_or_default(),
        [b'\t'..=b'\r', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Rule 2 of [`repair_cell`]: `Some(joined)` when the cell is a number or code
/// split by spaces.
fn join_split_number(s: &str) -> Option<String> {
    // the byte test first: a text cell fails it at its first character
    let body = s.strip_prefix('-').unwrap_or(s);
    if !body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '))
    {
        return None;
    }
    if !s.contains(' ') || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let joined: String = s.chars().filter(|&c| c != ' ').collect();
    parse_amount(&joined).is_some().then_some(joined)
}

/// Remove every run of ASCII spaces whose neighbours on both sides are CJK
/// characters ([`is_cjk`]): `本年收入 合计` → `本年收入合计`. Spaces next to
/// Latin letters, digits or other symbols stay (`2020 年`, `DNA 实验室`);
/// tabs are never touched.
pub(super) fn squash_spaces_cjk(s: &str) -> String {
    squashed(s).into_owned()
}

/// [`squash_spaces_cjk`], borrowed when no space is removed.
fn squashed(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out = String::new();
    // `s[copied..]` is still to copy; `end` is where the last run of spaces ended.
    let (mut copied, mut end) = (0, 0);
    for_each_byte_below(b, b' ' + 1, |start, c| {
        if c != b' ' {
            return;
        }
        if start < end {
            return; // in the run read already
        }
        end = start + b[start..].iter().take_while(|&&c| c == b' ').count();
        // an ASCII byte next to the run is a whole character, and no CJK one
        let ascii = |i: usize| b.get(i).is_none_or(u8::is_ascii);
        if start == 0 || ascii(start - 1) || ascii(end) {
            return;
        }
        let before = s[..start].chars().next_back();
        let after = s[end..].chars().next();
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            if out.capacity() == 0 {
                out.reserve(s.len());
            }
            out.push_str(&s[copied..start]);
            copied = end;
        }
    });
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Join the two fragments of one cell cut by a page break (`2040` … `299`,
/// `3295` … `.04`, `其他` … `公安 支出`): no space between them, then
/// [`repair_cell`]. An empty side gives the other side, repaired.
pub(super) fn join_cut(upper: &str, lower: &str) -> String {
    let (u, l) = (upper.trim(), lower.trim());
    if u.is_empty() {
        return repair_cell(l);
    }
    if l.is_empty() {
        return repair_cell(u);
    }
    let mut joined = String::with_capacity(u.len() + l.len());
    joined.push_str(u);
    joined.push_str(l);
    repair_cell(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::amount::parse_amount;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    const QHD2024: &str = include_str!("../../samples/qinhuangdao-kaifaqu-2024-budget.txt");

    #[test]
    fn other_whitespace_is_told_from_its_bytes() {
        for c in (0..=0x3100u32)
            .chain(0xFE00..=0xFFFF)
            .filter_map(char::from_u32)
        {
            let text = format!("{c}a");
            let want = c.is_whitespace() && c != ' ';
            assert_eq!(other_whitespace_at(text.as_bytes(), 0), want, "{c:?}");
        }
    }

    #[test]
    fn whitespace_is_trimmed_and_collapsed() {
        assert_eq!(repair_cell("  合计  "), "合计");
        assert_eq!(repair_cell("DNA \t  实验室"), "DNA 实验室");
        assert_eq!(repair_cell(""), "");
        assert_eq!(repair_cell(" \t "), "");
    }

    #[test]
    fn numbers_split_by_spaces() {
        assert_eq!(repair_cell("1126 2.73"), "11262.73");
        assert_eq!(repair_cell("5639 .75"), "5639.75");
        assert_eq!(repair_cell("55.0 8"), "55.08");
        assert_eq!(repair_cell("997. 10"), "997.10");
        assert_eq!(repair_cell("2040 201"), "2040201");
        assert_eq!(repair_cell("2040 2"), "20402");
        assert_eq!(repair_cell("2 080 5"), "20805");
        assert_eq!(repair_cell("145,86 3.63"), "145,863.63");
        assert_eq!(repair_cell("- 12. 5"), "-12.5");
        // Not a valid number once joined: unchanged (apart from collapsing).
        assert_eq!(repair_cell("1.2 3.4"), "1.2 3.4");
        assert_eq!(repair_cell("1,2 3"), "1,2 3");
        assert_eq!(repair_cell("1.2  3.4"), "1.2 3.4");
        assert_eq!(repair_cell("12 -3"), "12 -3");
        // Not only digits: words rule only.
        assert_eq!(repair_cell("2020 年预算数"), "2020 年预算数");
        assert_eq!(repair_cell("服务期 1 年"), "服务期 1 年");
    }

    #[test]
    fn words_split_between_chinese_characters() {
        assert_eq!(repair_cell("本年收入 合计"), "本年收入合计");
        assert_eq!(repair_cell("社会 保障 和就 业支 出"), "社会保障和就业支出");
        assert_eq!(
            repair_cell("三十、抗 疫特别国 债安排的 支出"),
            "三十、抗疫特别国债安排的支出"
        );
        assert_eq!(repair_cell("“三公” 经费"), "“三公”经费");
        assert_eq!(repair_cell("上年 结转（万元） ："), "上年结转（万元）：");
        // CJK next to Latin letters or digits keeps its space.
        assert_eq!(repair_cell("2020 年预算数"), "2020 年预算数");
        assert_eq!(repair_cell("DNA 实验室"), "DNA 实验室");
        assert_eq!(repair_cell("350 兆 PDT 数字集群"), "350 兆 PDT 数字集群");
        assert_eq!(repair_cell("目标 1：刑事案件"), "目标 1：刑事案件");
    }

    #[test]
    fn squash_alone_keeps_tabs_and_other_spaces() {
        assert_eq!(
            squash_spaces_cjk("科目 编码\t科目 名称"),
            "科目编码\t科目名称"
        );
        assert_eq!(squash_spaces_cjk("中   文"), "中文");
        assert_eq!(squash_spaces_cjk(" 中 文 "), " 中文 ");
        assert_eq!(squash_spaces_cjk("中 \t 文"), "中 \t 文");
        assert_eq!(squash_spaces_cjk("no spaces"), "no spaces");
    }

    #[test]
    fn rows_cut_by_a_page_break() {
        assert_eq!(join_cut("2040", "299"), "2040299");
        assert_eq!(join_cut("3295", ".04"), "3295.04");
        assert_eq!(join_cut("其他", "公安 支出"), "其他公安支出");
        assert_eq!(
            join_cut("十五、资", "源勘探工业信息等支出"),
            "十五、资源勘探工业信息等支出"
        );
        assert_eq!(join_cut("", " 公安 支出 "), "公安支出");
        assert_eq!(join_cut("1126 2.73", ""), "11262.73");
        assert_eq!(join_cut(" ", "\t"), "");
        assert_eq!(join_cut("2040 2", "99"), "2040299");
    }

    /// The cells of line `no` (1-based) of the 2024 Qinhuangdao sample.
    fn cells(no: usize) -> Vec<String> {
        QHD2024
            .lines()
            .nth(no - 1)
            .unwrap_or("")
            .split('\t')
            .map(repair_cell)
            .collect()
    }

    #[test]
    fn real_sample_function_table() {
        // Lines 117–177: 一般公共预算支出 by function, extracted from narrow columns.
        assert_eq!(cells(120)[1..4], ["", "合计", "11262.73"]);
        assert_eq!(cells(121)[1..4], ["204", "公共安全支出", "10103.75"]);
        assert_eq!(cells(122)[1..4], ["20402", "公安", "10103.75"]);
        assert_eq!(cells(123)[1..4], ["2040201", "行政运行", "5639.75"]);
        assert_eq!(cells(124)[1..4], ["2040202", "一般行政管理事务", "55.08"]);
        assert_eq!(cells(125)[1..4], ["2040219", "信息化建设", "997.10"]);
        assert_eq!(cells(126)[1..4], ["2040220", "执法办案", "116.78"]);
        assert_eq!(cells(140)[1..4], ["208", "社会保障和就业支出", "665.73"]);
        assert_eq!(
            cells(141)[1..4],
            ["20805", "行政事业单位养老支出", "663.55"]
        );
        assert_eq!(
            cells(143)[1..4],
            ["2080505", "机关事业单位基本养老", "301.45"]
        );
        assert_eq!(
            cells(156)[1..4],
            ["2080506", "机关事业单位职业年金缴费支出", "190.73"]
        );
        assert_eq!(cells(175)[1..4], ["221", "住房保障支出", "226.09"]);
        assert_eq!(cells(177)[1..4], ["2210201", "住房公积金", "226.09"]);
        // The row cut by the page break: `2040` / `其他` / `3295` then `299` / `.04`.
        let upper = cells(127);
        let lower = cells(139);
        assert_eq!(join_cut(&upper[1], &lower[1]), "2040299");
        assert_eq!(join_cut(&upper[2], &lower[2]), "其他公安支出");
        assert_eq!(join_cut(&upper[3], &lower[3]), "3295.04");
        // The repaired top-level rows add up to the total.
        let amount = |no: usize| parse_amount(&cells(no)[3]).unwrap_or_default();
        let sum: Decimal = [121, 140, 159, 175].into_iter().map(amount).sum();
        assert_eq!(sum, amount(120));
    }

    #[test]
    fn every_cell_of_the_table_is_stable() {
        for line in QHD2024.lines().skip(116).take(61) {
            for cell in line.split('\t') {
                let once = repair_cell(cell);
                assert_eq!(repair_cell(&once), once);
                assert!(!once.starts_with(' ') && !once.ends_with(' '));
            }
        }
    }

    /// The rules of [`repair_cell`] and [`squash_spaces_cjk`] spelled out a
    /// character at a time, without the fast paths.
    fn reference_repair(s: &str) -> String {
        let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        join_split_number(&collapsed).unwrap_or_else(|| reference_squash(&collapsed))
    }

    fn reference_squash(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (k, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let before = chars[..k].iter().rev().find(|&&x| x != ' ');
                let after = chars[k..].iter().find(|&&x| x != ' ');
                if before.is_some_and(|&x| is_cjk(x)) && after.is_some_and(|&x| is_cjk(x)) {
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn fast_paths_match_the_rules(
            s in "[0-9 .,\\-\t\u{3000}\u{a0}\u{85}\u{2028}\u{2000}\u{200a}\u{200b}\u{202f}\u{205f}\u{1680}\u{0b}\u{0e}中文、，“”a-zA-Z（）]{0,30}"
        ) {
            prop_assert_eq!(repair_cell(&s), reference_repair(&s));
            prop_assert_eq!(repaired(&s).into_owned(), reference_repair(&s));
            let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let fused = squashed_if_collapsed(&s).map(Cow::into_owned);
            prop_assert_eq!(fused, (collapsed == s).then(|| reference_squash(&s)));
            prop_assert_eq!(squash_spaces_cjk(&s), reference_squash(&s));
        }

        #[test]
        fn repair_never_panics_and_is_idempotent(s in "\\PC{0,40}") {
            let once = repair_cell(&s);
            prop_assert_eq!(repair_cell(&once), once.clone());
            let _ = join_cut(&s, &once);
        }

        #[test]
        fn repair_is_idempotent_on_cell_alphabet(
            s in "[0-9 .,\\-\t\u{3000}中文、，“”a-zA-Z（）]{0,30}"
        ) {
            let once = repair_cell(&s);
            prop_assert_eq!(repair_cell(&once), once.clone());
            let squashed = squash_spaces_cjk(&s);
            prop_assert_eq!(squash_spaces_cjk(&squashed), squashed.clone());
            let joined = join_cut(&s, &s);
            prop_assert_eq!(repair_cell(&joined), joined.clone());
        }
    }
}
