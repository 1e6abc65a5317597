//! What a row's label says about its place in the hierarchy: a total word
//! (合计, 总计, 小计, 本年收入合计), a unit (the department's own row), a subject
//! code (类 3 digits → 款 5 → 项 7), an enumeration (`一、` → `（一）` → `1.`),
//! `其中` (a part of the row above), a national class name (公共安全支出,
//! 工资福利支出), or nothing.

use super::super::chars::{bytes_equal, compact, has, name_key, trim_cell};
use super::super::numbering::{Numbered, Style, numbering};
use rustc_hash::FxHashMap;

/// The evidence a row's label gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Mark {
    /// Nothing on this side of the row.
    Empty,
    /// A total word; rank 3 = 总计, 2 = 合计, 1 = 小计.
    Total(u8),
    /// The row of a unit (the department, a subordinate unit).
    Unit,
    /// A subject code (printed, or borrowed by name).
    Coded(String),
    /// An enumerated label.
    Numbered(Style, u32),
    /// `其中…`: a part of the row above.
    Part,
    /// No evidence.
    Plain,
    /// Figures with neither label nor code on this side (a total whose
    /// label stands on another side of the row).
    Unlabelled,
}

/// The rank of a total word, if the label is one: `收入总计` 3, `本年支出合计`
/// 2, `“三公”经费小计` 1.
pub(super) fn total_rank(label: &str) -> Option<u8> {
    // every total word ends with 计 or 额 (before spaces and colons): most
    // labels are told apart without compacting them
    // (a last character neither whitespace nor a colon ends the label as it
    // is: told from its bytes when ASCII, or from U+4000 on, lead byte E4
    // or more, three bytes from the end)
    let end = match label.as_bytes() {
        [.., l]
            if l.is_ascii() && !matches!(l, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b':') =>
        {
            label
        }
        [.., a, _, _] if *a >= 0xE4 && !label.ends_with('：') => label,
        _ => label.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '：'),
    };
    if !end.ends_with(['计', '额']) {
        return None;
    }
    let c = compact(label);
    let c = c.trim_end_matches([':', '：']);
    let rank = if c.ends_with("总计") {
        3
    } else if c.ends_with("合计") || c.ends_with("总额") || c == "共计" {
        2
    } else if c.ends_with("小计") {
        1
    } else {
        return None;
    };
    // a long label ending so is a sentence, not a total (counted only then)
    (c.chars().count() <= 30).then_some(rank)
}

/// `其中：…`, `其中:…`, `其中…`.
pub(super) fn is_part(label: &str) -> bool {
    // (a label whose first character is not 其 is not compacted)
    trim_cell(label).starts_with('其') && compact(label).starts_with("其中")
}

/// The enumeration of a label (`一、`, `（一）`, `1.`, `1、`, `（1）`, `①`),
/// not a year (`2022 年`).
pub(super) fn enumeration(label: &str) -> Option<(Style, u32)> {
    enumeration_of(numbering(label)?)
}

/// [`enumeration`] of a label's [`numbering`].
pub(super) fn enumeration_of(n: Numbered<'_>) -> Option<(Style, u32)> {
    if n.rest.is_empty() || n.value > 99 {
        return None;
    }
    match n.style {
        Style::Part | Style::Chapter | Style::Section => None,
        style => Some((style, n.value)),
    }
}

/// A subject code printed at the start of a label: `2040201 行政运行`,
/// `【204】公共安全支出`.
pub(super) fn leading_code(label: &str) -> Option<String> {
    // (brackets are looked for only where the first byte may start one:
    // `[` `(`, or E3 / EF, the lead bytes of 【 and （)
    let t = match label.as_bytes().first() {
        Some(b'[' | b'(' | 0xE3 | 0xEF) => label.trim_start_matches(['【', '[', '(', '（']),
        _ => label,
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !matches!(digits, 3 | 5 | 7) {
        return None;
    }
    let (digits, rest) = t.split_at(digits);
    if !known_class(digits) {
        return None;
    }
    let rest = rest.trim_start_matches(['】', ']', ')', '）', ' ']);
    rest.chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '年')
        .then(|| digits.to_string())
}

/// A code whose first three digits are a national class: function classes
/// 201–234, economic classes 301–313 and 399, government economic classes
/// 501–599.
pub(super) fn known_class(code: &str) -> bool {
    let class: u32 = code.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
    matches!(class, 201..=234 | 301..=313 | 399 | 501..=599)
}

/// The label without its enumeration, `其中：` and total words, as a name key.
pub(super) fn subject_key(label: &str) -> String {
    let t = trim_cell(label);
    subject_key_of(t, numbering(t))
}

/// [`subject_key`] of a trimmed label `t` whose [`numbering`] is `n`.
pub(super) fn subject_key_of<'a>(mut t: &'a str, n: Option<Numbered<'a>>) -> String {
    if let Some(n) = n
        && !n.rest.is_empty()
    {
        t = n.rest;
    }
    // the key drops whitespace as `compact` would, and folds `其中：` to `其中:`
    let mut key = name_key(t);
    if key.starts_with(PART_KEY) {
        key.drain(..PART_KEY.len());
    }
    without_de(key)
}

/// `其中：` / `其中:` as a name key.
const PART_KEY: &str = "其中:";

/// National function classes (功能分类 类, 3 digits) and economic classes
/// (部门经济分类 3xx, 政府经济分类 5xx): name → code. Names of older years
/// are kept beside the current ones.
const CLASSES: [(&str, &str); 49] = [
    ("一般公共服务支出", "201"),
    ("外交支出", "202"),
    ("国防支出", "203"),
    ("公共安全支出", "204"),
    ("教育支出", "205"),
    ("科学技术支出", "206"),
    ("文化旅游体育与传媒支出", "207"),
    ("文化体育与传媒支出", "207"),
    ("社会保障和就业支出", "208"),
    ("社会保险基金支出", "209"),
    ("卫生健康支出", "210"),
    ("医疗卫生与计划生育支出", "210"),
    ("节能环保支出", "211"),
    ("城乡社区支出", "212"),
    ("农林水支出", "213"),
    ("交通运输支出", "214"),
    ("资源勘探工业信息等支出", "215"),
    ("资源勘探信息等支出", "215"),
    ("商业服务业等支出", "216"),
    ("金融支出", "217"),
    ("援助其他地区支出", "219"),
    ("自然资源海洋气象等支出", "220"),
    ("国土海洋气象等支出", "220"),
    ("住房保障支出", "221"),
    ("粮油物资储备支出", "222"),
    ("国有资本经营预算支出", "223"),
    ("灾害防治及应急管理支出", "224"),
    ("预备费", "227"),
    ("转移性支出", "230"),
    ("债务还本支出", "231"),
    ("债务付息支出", "232"),
    ("债务发行费用支出", "233"),
    ("抗疫特别国债安排的支出", "234"),
    ("工资福利支出", "301"),
    ("商品和服务支出", "302"),
    ("对个人和家庭补助", "303"),
    ("债务利息及费用支出", "307"),
    ("资本性支出（基本建设）", "309"),
    ("资本性支出", "310"),
    ("对企业补助（基本建设）", "311"),
    ("对企业补助", "312"),
    ("对社会保障基金补助", "313"),
    ("机关工资福利支出", "501"),
    ("机关商品和服务支出", "502"),
    ("机关资本性支出（一）", "503"),
    ("机关资本性支出（二）", "504"),
    ("对事业单位经常性补助", "505"),
    ("对事业单位资本性补助", "506"),
    ("对个人和家庭补助支出", "303"),
];

/// The national class code of a class name (`公共安全支出` → `204`).
pub(super) fn class_code(key: &str) -> Option<&'static str> {
    // looked up for most rows without a code: hashed, not compared with each name
    static KEYS: std::sync::OnceLock<FxHashMap<String, &'static str>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys = FxHashMap::default();
        for (name, code) in CLASSES {
            // the first name of a key gives its code
            keys.entry(without_de(name_key(name))).or_insert(code);
        }
        keys
    });
    keys.get(key).copied()
}

/// A name key without `的` (`对个人和家庭的补助` = `对个人和家庭补助`).
fn without_de(key: String) -> String {
    if holds_de(&key) {
        key.replace('的', "")
    } else {
        key
    }
}

/// Words a unit's name ends with (the department's row in a table).
const UNIT_ENDINGS: [&str; 14] = [
    "局",
    "分局",
    "支队",
    "大队",
    "派出所",
    "本级",
    "（本级）",
    "(本级)",
    "委员会",
    "中心",
    "院",
    "厅",
    "办公室",
    "站",
];

/// A label naming a unit: a part of the department's name (`department` as a
/// name key), the name followed by nothing or by a unit (`（本级）`), or a
/// label that ends like a unit's name.
pub(super) fn names_unit(label: &str, department: Option<&str>) -> bool {
    let key = name_key(label);
    if key.chars().count() < 3 {
        return false;
    }
    let c = compact(label);
    let unit_like = |s: &str| UNIT_ENDINGS.iter().any(|e| s.ends_with(e));
    if let Some(d) = department
        && d.chars().count() >= 3
    {
        if has(d, &key) {
            return true;
        }
        // the department's name and what follows it: `（本级）`, a unit of it,
        // not a project of it (`…局2025年信息化运维项目`)
        if let Some(p) = find_short(&key, d) {
            let rest = &key[p + d.len()..];
            return rest.is_empty() || unit_like(rest);
        }
    }
    unit_like(&c)
}

/// Whether a key holds `的`: its last byte (84) is looked for, rare in CJK
/// text, eight bytes at a time ([`bytes_equal`]), then the two before it.
fn holds_de(key: &str) -> bool {
    const DE: &[u8] = "的".as_bytes();
    let b = key.as_bytes();
    let de_ends_at = |i: usize| i >= 2 && b[i - 2] == DE[0] && b[i - 1] == DE[1];
    let (words, rest) = b.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let mut marks = bytes_equal(u64::from_le_bytes(*word), DE[2]);
        while marks != 0 {
            if de_ends_at(k * 8 + marks.trailing_zeros() as usize / 8) {
                return true;
            }
            marks &= marks - 1;
        }
    }
    let base = words.len() * 8;
    (rest.iter().enumerate()).any(|(j, &c)| c == DE[2] && de_ends_at(base + j))
}

/// `hay.find(needle)` for short texts (labels, names): a window scan, without
/// the searcher set-up `str::find` pays on every call.
fn find_short(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`total_rank`] as first written: the label's end trimmed as characters.
    fn reference_total_rank(label: &str) -> Option<u8> {
        let end = label.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
        if !end.ends_with(['计', '额']) {
            return None;
        }
        let c = compact(label);
        let c = c.trim_end_matches([':', '：']);
        let rank = if c.ends_with("总计") {
            3
        } else if c.ends_with("合计") || c.ends_with("总额") || c == "共计" {
            2
        } else if c.ends_with("小计") {
            1
        } else {
            return None;
        };
        (c.chars().count() <= 30).then_some(rank)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn words_found_as_first_written(s in "[合计额的总小本年:：a \\t\u{3000}\u{b}\u{85}]{0,12}") {
            proptest::prop_assert_eq!(total_rank(&s), reference_total_rank(&s));
            proptest::prop_assert_eq!(holds_de(&s), s.contains('的'));
        }
    }

    #[test]
    fn total_words() {
        assert_eq!(total_rank("收入总计"), Some(3));
        assert_eq!(total_rank("本年收入 合计"), Some(2));
        assert_eq!(total_rank("“三公”经费 小计"), Some(1));
        assert_eq!(
            total_rank("秦皇岛市公安局经济技术开发区分局（本级）小计"),
            Some(1)
        );
        assert_eq!(total_rank("公共安全支出"), None);
    }

    #[test]
    fn codes_classes_and_enumerations() {
        assert_eq!(leading_code("2040201 行政运行").as_deref(), Some("2040201"));
        assert_eq!(leading_code("【204】公共安全支出").as_deref(), Some("204"));
        assert_eq!(leading_code("2023 年预算"), None);
        assert_eq!(leading_code("350 兆 PDT 数字集群终端"), None);
        assert_eq!(class_code(&subject_key("一、公共安全支出")), Some("204"));
        assert_eq!(class_code(&subject_key("对个人和家庭的补助")), Some("303"));
        assert_eq!(enumeration("（一）人员支出").map(|e| e.1), Some(1));
        assert_eq!(enumeration("2022 年"), None);
        assert!(is_part("其中：教学 科研人员因公 出国(境)费"));
    }
}
