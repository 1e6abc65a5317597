//! Level names of performance indicators: 一级指标 (level 1: 产出指标,
//! 效益指标 …) and 二级指标 (level 2: 数量指标, 社会效益指标 …), told from the
//! other cells of an indicator row. A level 2 has a family (产出, 成本, 效益,
//! 满意度, 投入), which decides the level 1 it belongs under.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::super::chars::{char_len, compact, has, has_pair};
use super::super::numbering::is_cn_numeral;
use crate::model::Indicator;

/// The family of a level-2 name decides the level-1 it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Output,
    /// 成本指标 (a level 1 of its own since 2021, a level 2 under 产出指标 before).
    Cost,
    Effect,
    Satisfaction,
    Input,
}

impl Family {
    /// The level 1 a level 2 of this family stands under when the level 1
    /// in force does not take it.
    pub(super) fn canonical_level(self) -> Level<'static> {
        let name = self.canonical();
        Level {
            name: Cow::Borrowed(name),
            code: Indicator::level_code(name),
        }
    }

    fn canonical(self) -> &'static str {
        match self {
            Family::Output => "产出指标",
            Family::Cost => "成本指标",
            Family::Effect => "效益指标",
            Family::Satisfaction => "满意度指标",
            Family::Input => "投入指标",
        }
    }

    pub(super) fn accepts(self, level1: &str) -> bool {
        match self {
            Family::Output => has(level1, "产出"),
            Family::Cost => has(level1, "成本") || has(level1, "产出"),
            Family::Effect => has(level1, "效益") || has(level1, "效果"),
            Family::Satisfaction => has(level1, "满意"),
            Family::Input => has(level1, "投入") || has(level1, "成本"),
        }
    }
}

/// `产出指标`, `(产出指标一)`, `效果指标` … in a compacted cell → the level-1
/// name as printed (without brackets), borrowed.
fn level1_of(c: &str) -> Option<&str> {
    const BRACKETS: [char; 4] = ['(', ')', '（', '）'];
    if c.len() > 48 {
        return None;
    }
    // most level 1 cells print a name as it is
    if matches!(
        c,
        "产出指标" | "效益指标" | "效果指标" | "满意度指标" | "投入指标" | "过程指标"
    ) {
        return Some(c);
    }
    // most cells have no bracket to trim (`（` and `）` start with EF, end with 88 and 89)
    let maybe_bracket = matches!(c.as_bytes().first(), Some(b'(' | b')' | 0xEF))
        || matches!(c.as_bytes().last(), Some(b'(' | b')' | 0x88 | 0x89));
    let c = if maybe_bracket && (c.starts_with(BRACKETS) || c.ends_with(BRACKETS)) {
        c.trim_matches(BRACKETS)
    } else {
        c
    };
    // a cell is compared with the words of its first character only
    let words: &[&str] = match c.chars().next()? {
        '产' => &["产出指标"],
        '效' => &["效益指标", "效果指标"],
        '满' => &["满意度指标"],
        '投' => &["投入指标"],
        '过' => &["过程指标"],
        _ => &[],
    };
    words
        .iter()
        .filter_map(|w| c.strip_prefix(w))
        .any(|rest| rest.chars().all(is_cn_numeral))
        .then_some(c)
}

/// `成本指标` as a level 1: when the next cell of its row is a cost level 2 (`经济成本指标`).
pub(super) fn cost_level1<'a>(c: &str, mut after: impl Iterator<Item = &'a str>) -> bool {
    if c != "成本指标" {
        return false;
    }
    let Some(next) = after.find(|x| !x.is_empty()) else {
        return false;
    };
    level2_name(next).is_some_and(|(n, f)| f == Family::Cost && n != c)
}

/// `数量指标`, `工作时效`, `服务对象满意度 指标`, `测算明细` … → (name, family).
fn level2_name(cell: &str) -> Option<(Cow<'_, str>, Family)> {
    if !may_be_level2(cell) {
        return None;
    }
    let c = compact(cell);
    let family = level2_family(&c, level1_of(&c).is_some())?;
    Some((c, family))
}

/// A cell short enough for a level-2 name and holding one of the words such names hold.
fn may_be_level2(cell: &str) -> bool {
    const WORDS: &[[char; 2]] = &[
        ['指', '标'],
        ['效', '益'],
        ['时', '效'],
        ['影', '响'],
        ['明', '细'],
    ];
    cell.len() <= 48 && has_pair(cell, WORDS)
}

/// The family of the level-2 name in the compacted cell `c`, if it is one
/// (`level1`: `c` is a level-1 name, never a level 2).
fn level2_family(c: &str, level1: bool) -> Option<Family> {
    if level1 {
        return None;
    }
    match c {
        // the frameworks' own names, the family their words say (decided
        // without reading them)
        "数量指标" | "质量指标" | "时效指标" => Some(Family::Output),
        "成本指标" | "经济成本指标" | "社会成本指标" | "生态环境成本指标" => {
            Some(Family::Cost)
        }
        "社会效益指标" | "经济效益指标" | "生态效益指标" | "可持续影响指标" => {
            Some(Family::Effect)
        }
        "服务对象满意度指标" => Some(Family::Satisfaction),
        "测算明细" => Some(Family::Input),
        "工作时效" | "经济效益" | "社会效益" | "生态效益" | "可持续影响" => {
            family_of(c)
        }
        // (at most 10 characters: at most 40 bytes, and any 10 bytes are)
        _ if c.ends_with("指标") && (c.len() <= 10 || c.len() <= 40 && char_len(c) <= 10) => {
            family_of(c)
        }
        _ => None,
    }
}

/// The family the words of a level-2 name say, the first of: 满意; 效益 or
/// 影响; 成本; 数量, 质量 or 时效.
fn family_of(s: &str) -> Option<Family> {
    const FAMILIES: [Family; 4] = [
        Family::Satisfaction,
        Family::Effect,
        Family::Cost,
        Family::Output,
    ];
    // one pass over the pairs of characters: which of the families' words occur
    let mut seen = [false; 4];
    let mut prev = '\0';
    for c in s.chars() {
        let k = match (prev, c) {
            ('满', '意') => Some(0),
            ('效', '益') | ('影', '响') => Some(1),
            ('成', '本') => Some(2),
            ('数' | '质', '量') | ('时', '效') => Some(3),
            _ => None,
        };
        if let Some(k) = k {
            seen[k] = true;
        }
        prev = c;
    }
    FAMILIES
        .into_iter()
        .zip(seen)
        .find(|&(_, s)| s)
        .map(|(f, _)| f)
}

/// Whether a cell starting with `first` may hold a level name (one match,
/// not a comparison with each character in turn).
pub(super) fn may_start_level(first: char) -> bool {
    // level 1 names (产出, 效益, 满意度, 投入, 过程 …), the labels 年度绩效指标 and
    // 绩效指标, brackets around a name
    matches!(first, '产' | '效' | '满' | '投' | '过' | '年' | '绩' | '(' | '（')
        // level 2 names: 数量, 质量, 时效, 成本, 经济 / 社会 / 生态效益, 可持续影响,
        // 服务对象满意度, 工作时效, 测算明细
        || matches!(first, '数' | '质' | '时' | '成' | '经' | '社')
        || matches!(first, '生' | '可' | '服' | '工' | '测')
}

/// [`level1_of`] a compacted cell, borrowed as long as the cell is.
fn level1_cow<'a>(c: &Cow<'a, str>) -> Option<Cow<'a, str>> {
    match c {
        Cow::Borrowed(cell) => level1_of(cell).map(Cow::Borrowed),
        Cow::Owned(cell) => level1_of(cell).map(|n| Cow::Owned(n.to_string())),
    }
}

/// A level name in force or read from a row: its text (borrowed from the
/// cell that prints it) and its code ([`Indicator::level_code`]).
#[derive(Default)]
pub(super) struct Level<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) code: u8,
}

impl<'a> Level<'a> {
    /// The level named `name`, its code looked up.
    pub(super) fn named(name: Cow<'a, str>) -> Level<'a> {
        let code = Indicator::level_code(&name);
        Level { name, code }
    }
}

/// A cell that may print a level name (short, starting as one does:
/// [`may_start_level`]), compacted, with what is known of it.
pub(super) struct LevelCell<'a> {
    /// The cell compacted.
    pub(super) text: Cow<'a, str>,
    /// What the cell is, when it prints one of the common level words as it is.
    known: Option<KnownWord>,
}

/// What a level word ([`Indicator::level_words`]) is as a cell: as
/// [`level1_of`] and [`level2_family`] read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KnownWord {
    code: u8,
    level1: bool,
    family: Option<Family>,
}

/// [`KnownWord`] of each level word, by code - 1.
static KNOWN_WORDS: LazyLock<Vec<KnownWord>> = LazyLock::new(|| {
    (1..)
        .zip(Indicator::level_words())
        .map(|(code, w)| read_word(code, w))
        .collect()
});

/// What the level word `w` of `code` is as a cell.
fn read_word(code: u8, w: &str) -> KnownWord {
    let level1 = level1_of(w).is_some();
    KnownWord {
        code,
        level1,
        family: level2_family(w, level1),
    }
}

impl<'a> LevelCell<'a> {
    /// The cell `t` (trimmed): one printing a level word as it is is known
    /// at once (no compacting, no comparing with names).
    pub(super) fn of(t: &'a str) -> LevelCell<'a> {
        let code = Indicator::level_code(t);
        let known = code
            .checked_sub(1)
            .and_then(|k| KNOWN_WORDS.get(usize::from(k)))
            .copied();
        let text = if known.is_some() {
            Cow::Borrowed(t)
        } else {
            compact(t)
        };
        LevelCell { text, known }
    }

    /// The cell is the label 年度绩效指标 or 绩效指标 (no level word).
    #[inline]
    pub(super) fn is_label(&self) -> bool {
        self.known.is_none() && (self.text == "年度绩效指标" || self.text == "绩效指标")
    }

    /// The level-1 name the cell prints ([`level1_of`]).
    #[inline]
    pub(super) fn level1(&self) -> Option<Level<'a>> {
        match self.known {
            Some(k) => k.level1.then(|| Level {
                name: self.text.clone(),
                code: k.code,
            }),
            None => level1_cow(&self.text).map(Level::named),
        }
    }

    /// The family of the level-2 name the cell prints ([`level2_family`];
    /// `level1`: the cell prints a level-1 name).
    #[inline]
    pub(super) fn family(&self, level1: bool) -> Option<Family> {
        match self.known {
            Some(k) => k.family,
            None => level2_family(&self.text, level1),
        }
    }

    /// The cell as a level-2 name.
    #[inline]
    pub(super) fn into_level(self) -> Level<'a> {
        match self.known {
            Some(k) => Level {
                name: self.text,
                code: k.code,
            },
            None => Level::named(self.text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_words_are_known_as_the_rules_read_them() {
        for (code, &w) in (1..).zip(Indicator::level_words()) {
            // a level word as printed: nothing to compact, no label, its own level 1
            assert_eq!(compact(w), w);
            assert!(w != "年度绩效指标" && w != "绩效指标");
            assert!(level1_of(w).is_none_or(|n| n == w), "{w}");
            let cell = LevelCell::of(w);
            assert_eq!(cell.known, Some(read_word(code, w)));
            let level1 = cell.level1();
            assert_eq!(level1.as_ref().map(|l| &*l.name), level1_of(w));
            assert!(level1.is_none_or(|l| l.code == code));
            assert_eq!(cell.into_level().code, code);
        }
        // a level word split by a space is read by the rules
        let spaced = LevelCell::of("数量 指标");
        assert!(spaced.known.is_none());
        assert_eq!(spaced.family(false), Some(Family::Output));
        assert_eq!(spaced.into_level().code, Indicator::level_code("数量指标"));
    }

    #[test]
    fn levels() {
        assert_eq!(level1_of("(产出指标一)"), Some("产出指标一"));
        assert_eq!(level1_of("满意度指标"), Some("满意度指标"));
        assert!(level1_of("服务对象满意度指标").is_none());
        assert!(level2_name("服务对象满意度 指标").is_some());
        assert!(level2_name("数量指标").is_some());
        assert!(level2_name("工作时效").is_some());
        assert!(level2_name("配发春秋执勤服数量").is_none());
    }

    #[test]
    fn common_level2_names_have_the_family_their_words_say() {
        for name in [
            "数量指标",
            "质量指标",
            "时效指标",
            "成本指标",
            "经济成本指标",
            "社会成本指标",
            "生态环境成本指标",
            "社会效益指标",
            "经济效益指标",
            "生态效益指标",
            "可持续影响指标",
            "服务对象满意度指标",
        ] {
            assert_eq!(level2_family(name, false), family_of(name), "{name}");
            assert!(level2_family(name, false).is_some(), "{name}");
        }
    }
}
