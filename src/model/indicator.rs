//! [`Indicator`]: one performance indicator (绩效指标) row, its six texts
//! stored together.
//!
//! 一级指标 / 二级指标 / 三级指标: the three levels of an indicator (e.g.
//! 产出指标 → 数量指标 → "建设数量"); 指标值: its target; 确定依据: the basis of
//! the target. A project table lists dozens of them and a province's
//! disclosures hundreds of thousands, most texts a few characters long: six
//! `String`s would cost 144 bytes and up to six allocations each. Here an
//! indicator read from a table keeps only the places of its texts in the
//! table's cells, whose text it shares ([`Indicator::in_cells`]); any other
//! keeps its texts in one allocation of its own. A level named by one of the
//! framework's common words (`产出指标`, `数量指标`, …: [`LEVEL_WORDS`]) is
//! one byte, not its text.
//!
//! Serialized as a map of `level1`, `level2`, `name`, `description`,
//! `target`, `basis`, `line` and `page`, as a struct of strings would be.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::place::{LineNo, PageNo};

/// A performance indicator row: 一级 → 二级 → 三级 with description, target and basis.
/// Blank level cells (merged cells in the original) are filled down from the row above.
///
/// Its texts are read from one shared text: either their own, one after the
/// other ([`Indicator::new`]), or, for an indicator read from a table's
/// cells, the table's own grid text ([`Indicator::in_cells`]): most
/// indicators then cost no text of their own.
#[derive(Clone, Default)]
pub struct Indicator {
    /// What the texts are read from (see `at`).
    text: Arc<str>,
    /// Own text: where each text ends (the text before it ends where it
    /// starts). In cells: where each text starts; `lens` their lengths.
    at: [u32; 6],
    lens: [u8; 6],
    /// Line of the indicator's row.
    pub line: LineNo,
    /// Page of the indicator's row (PDF only; pages count from 1): 0 when unknown.
    page: PageNo,
    /// 一级 and 二级指标 when one of [`LEVEL_WORDS`]: its index + 1; 0: in
    /// `text`. The second's high bit, [`IN_CELLS`], tells where the texts
    /// are (a code is at most 40), so that the indicator takes 56 bytes.
    levels: [u8; 2],
}

/// The bit of [`Indicator`]'s second level code set when `text` is the cells
/// of a table, not the indicator's own.
const IN_CELLS: u8 = 0x80;

/// Where an indicator's texts are in the cells they were read from
/// ([`Indicator::cells_place`]), for a binary encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellsPlace {
    /// Where each of the six texts starts in the cells' text.
    pub starts: [u32; 6],
    /// Each text's length in bytes (a longer text is copied instead).
    pub lens: [u8; 6],
    /// The level codes (see [`LEVEL_WORDS`]): 0, or the level's index + 1.
    pub levels: [u8; 2],
}

/// The words that name most indicator levels, from the performance-indicator
/// frameworks the disclosures follow (一级: 产出 / 效益 / 满意度 / 成本, or
/// the older 投入 / 产出 / 效果; 二级: 数量, 质量, 时效, 社会效益 …), with
/// and without their `指标`. A level among them is stored as its index.
pub const LEVEL_WORDS: [&str; 40] = [
    // 一级, then 二级, the most used first (a level is looked up in order)
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "投入指标",
    "效果指标",
    "影响指标",
    "过程指标",
    "管理指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "社会效益指标",
    "经济效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "社会公众或服务对象满意度指标",
    "社会公众满意度指标",
    "产出",
    "效益",
    "满意度",
    "成本",
    "投入",
    "效果",
    "数量",
    "质量",
    "时效",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
    "工作时效",
];

/// The code of a level's text in [`LEVEL_WORDS`] (index + 1), 0 when not among them.
fn level_code(text: &str) -> u8 {
    // every word is 2 to 14 CJK characters of 3 bytes: others are rejected at once
    if !(6..=42).contains(&text.len()) || !text.len().is_multiple_of(3) {
        return 0;
    }
    // the words of the text's bucket (at most two), compared whole
    let bucket = level_bucket(text.len(), text.as_bytes()[2]);
    for code in LEVEL_BUCKETS[bucket] {
        if code != 0
            && same_short(
                LEVEL_WORDS[usize::from(code) - 1].as_bytes(),
                text.as_bytes(),
            )
        {
            return code;
        }
    }
    0
}

/// Whether `a` and `b` are the same bytes; up to 16 bytes (most level
/// words) compared as two overlapping words at each end, not by a call.
fn same_short(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..8 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        _ => a == b,
    }
}

/// The eight bytes of `b` from `at` as a number (`at + 8 <= b.len()`).
fn word8(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_ne_bytes(w)
}

/// The four bytes of `b` from `at` as a number (`at + 4 <= b.len()`).
fn word4(b: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[at..at + 4]);
    u32::from_ne_bytes(w)
}

/// The bucket of [`LEVEL_BUCKETS`] a level word of `len` bytes whose first
/// character ends with the byte `key` falls in.
const fn level_bucket(len: usize, key: u8) -> usize {
    (len / 3 * 10 + key as usize) % 64
}

/// The codes (index + 1 in [`LEVEL_WORDS`]) of the words of each
/// [`level_bucket`], 0 for none: a level is compared with at most two words,
/// not looked for among forty. (Made when compiling: a third word in a
/// bucket stops the build.)
const LEVEL_BUCKETS: [[u8; 2]; 64] = {
    let mut buckets = [[0u8; 2]; 64];
    let mut i = 0;
    while i < LEVEL_WORDS.len() {
        let word = LEVEL_WORDS[i].as_bytes();
        let bucket = &mut buckets[level_bucket(word.len(), word[2])];
        let slot = if bucket[0] == 0 { 0 } else { 1 };
        assert!(bucket[slot] == 0, "three level words in one bucket");
        bucket[slot] = (i + 1) as u8;
        i += 1;
    }
    buckets
};

/// The texts of an indicator, by name (to build one, or to read it whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct IndicatorTexts<'a> {
    /// 一级指标, e.g. `产出指标`.
    pub level1: &'a str,
    /// 二级指标, e.g. `数量指标`.
    pub level2: &'a str,
    /// 三级指标: the named measure.
    pub name: &'a str,
    /// 绩效指标描述.
    pub description: &'a str,
    /// 指标值 / 目标值, e.g. `≥90%`.
    pub target: &'a str,
    /// 指标值确定依据.
    pub basis: &'a str,
}

impl<'a> IndicatorTexts<'a> {
    /// The six texts in order: 一级, 二级, 三级, description, target, basis.
    pub fn to_array(self) -> [&'a str; 6] {
        let IndicatorTexts {
            level1,
            level2,
            name,
            description,
            target,
            basis,
        } = self;
        [level1, level2, name, description, target, basis]
    }

    /// The texts of [`IndicatorTexts::to_array`]'s order.
    pub fn from_array(texts: [&'a str; 6]) -> IndicatorTexts<'a> {
        let [level1, level2, name, description, target, basis] = texts;
        IndicatorTexts {
            level1,
            level2,
            name,
            description,
            target,
            basis,
        }
    }
}

/// The texts with the levels given by `levels` blanked, and those codes.
fn coded(texts: IndicatorTexts<'_>) -> ([&str; 6], [u8; 2]) {
    let levels = [level_code(texts.level1), level_code(texts.level2)];
    (blanked(texts, levels), levels)
}

/// The texts with the levels whose codes `levels` gives (not 0) blanked.
fn blanked(texts: IndicatorTexts<'_>, levels: [u8; 2]) -> [&str; 6] {
    let mut parts = texts.to_array();
    for (part, code) in parts.iter_mut().zip(levels) {
        if code != 0 {
            *part = "";
        }
    }
    parts
}

impl Indicator {
    /// An indicator of these texts at `line` (no page), holding its own copy
    /// of them.
    pub fn new(texts: IndicatorTexts<'_>, line: LineNo) -> Indicator {
        let (parts, levels) = coded(texts);
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut at = [0u32; 6];
        for (end, part) in at.iter_mut().zip(parts) {
            text.push_str(part);
            // files are read up to 1 GiB: an indicator's text never nears 4 GiB
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Indicator {
            text: Arc::from(text),
            at,
            lens: [0; 6],
            line,
            page: 0,
            levels,
        }
    }

    /// An indicator of these texts at `line` (no page), read from the cells
    /// whose text is `cells` ([`crate::model::Grid::shared_text`]): each text
    /// that lies in `cells` is kept as its place there. When one does not
    /// (a text joined from several cells, or one of another grid), the
    /// indicator holds its own copy ([`Indicator::new`]). The same texts either way.
    pub fn in_cells(texts: IndicatorTexts<'_>, line: LineNo, cells: &Arc<str>) -> Indicator {
        let levels = Indicator::codes_of_levels(texts.level1, texts.level2);
        Indicator::in_cells_coded(texts, levels, line, cells)
    }

    /// The codes of a level 1 and a level 2 text (see [`LEVEL_WORDS`]), for
    /// [`Indicator::in_cells_coded`].
    pub fn codes_of_levels(level1: &str, level2: &str) -> [u8; 2] {
        [level_code(level1), level_code(level2)]
    }

    /// The code of one level's text (see [`LEVEL_WORDS`]): its index there + 1,
    /// 0 when not among them.
    pub fn level_code(text: &str) -> u8 {
        level_code(text)
    }

    /// The words a level code stands for ([`LEVEL_WORDS`]; code `k` is word `k - 1`).
    pub fn level_words() -> &'static [&'static str] {
        &LEVEL_WORDS
    }

    /// [`Indicator::in_cells`] with the codes of the two levels known
    /// (`levels`: [`Indicator::codes_of_levels`] of `texts.level1` and
    /// `texts.level2`): the rows of a table repeat the levels above them,
    /// whose codes are then looked up once.
    #[inline]
    pub fn in_cells_coded(
        texts: IndicatorTexts<'_>,
        levels: [u8; 2],
        line: LineNo,
        cells: &Arc<str>,
    ) -> Indicator {
        debug_assert_eq!(
            levels,
            Indicator::codes_of_levels(texts.level1, texts.level2)
        );
        let parts = blanked(texts, levels);
        let base = cells.as_ptr().addr();
        let mut place = CellsPlace {
            starts: [0; 6],
            lens: [0; 6],
            levels,
        };
        for (k, part) in parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let start = part.as_ptr().addr().wrapping_sub(base);
            let inside = start < cells.len() && part.len() <= cells.len() - start;
            match (inside, u32::try_from(start), u8::try_from(part.len())) {
                (true, Ok(start), Ok(len)) => {
                    place.starts[k] = start;
                    place.lens[k] = len;
                }
                _ => return Indicator::new(texts, line),
            }
        }
        Indicator {
            text: Arc::clone(cells),
            at: place.starts,
            lens: place.lens,
            line,
            page: 0,
            levels: [levels[0], levels[1] | IN_CELLS],
        }
    }

    /// Where the texts are in the cells they were read from, with those
    /// cells' text, when the indicator was made by [`Indicator::in_cells`]
    /// and keeps no text of its own.
    pub fn cells_place(&self) -> Option<(&Arc<str>, CellsPlace)> {
        self.kept_in_cells().then_some((
            &self.text,
            CellsPlace {
                starts: self.at,
                lens: self.lens,
                levels: self.level_codes(),
            },
        ))
    }

    /// The indicator at `line` on `page` whose texts are at `place` in
    /// `cells` (a [`Indicator::cells_place`] read back); `None` when a text
    /// falls outside the cells or cuts a character, or a level code is unknown.
    pub fn from_cells_place(
        cells: &Arc<str>,
        place: CellsPlace,
        line: LineNo,
        page: Option<PageNo>,
    ) -> Option<Indicator> {
        for (&start, &len) in place.starts.iter().zip(&place.lens) {
            let start = start as usize;
            cells.get(start..start + usize::from(len))?;
        }
        if place
            .levels
            .iter()
            .any(|&c| usize::from(c) > LEVEL_WORDS.len())
        {
            return None;
        }
        let mut indicator = Indicator {
            text: Arc::clone(cells),
            at: place.starts,
            lens: place.lens,
            line,
            page: 0,
            levels: [place.levels[0], place.levels[1] | IN_CELLS],
        };
        indicator.set_page(page);
        Some(indicator)
    }

    /// Page of the indicator's row (PDF only).
    pub fn page(&self) -> Option<PageNo> {
        (self.page != 0).then_some(self.page)
    }

    /// Set the page of the indicator's row (pages count from 1: page 0 is none).
    pub fn set_page(&mut self, page: Option<PageNo>) {
        self.page = page.unwrap_or(0);
    }

    /// Whether `text` is a table's cells (see [`Indicator::in_cells`]).
    fn kept_in_cells(&self) -> bool {
        self.levels[1] & IN_CELLS != 0
    }

    /// The two level codes (see `levels`).
    fn level_codes(&self) -> [u8; 2] {
        [self.levels[0], self.levels[1] & !IN_CELLS]
    }

    /// Text `k` of the six.
    fn part(&self, k: usize) -> &str {
        if let Some(&code) = self.level_codes().get(k)
            && code != 0
        {
            return LEVEL_WORDS
                .get(usize::from(code) - 1)
                .copied()
                .unwrap_or("");
        }
        let Some(&at) = self.at.get(k) else {
            return "";
        };
        let (from, to) = if self.kept_in_cells() {
            let len = self.lens.get(k).copied().unwrap_or(0);
            (at as usize, at as usize + usize::from(len))
        } else {
            let from = k.checked_sub(1).and_then(|j| self.at.get(j)).copied();
            (from.unwrap_or(0) as usize, at as usize)
        };
        self.text.get(from..to).unwrap_or("")
    }

    /// 一级指标, e.g. `产出指标`.
    pub fn level1(&self) -> &str {
        self.part(0)
    }

    /// 二级指标, e.g. `数量指标`.
    pub fn level2(&self) -> &str {
        self.part(1)
    }

    /// 三级指标: the named measure.
    pub fn name(&self) -> &str {
        self.part(2)
    }

    /// 绩效指标描述.
    pub fn description(&self) -> &str {
        self.part(3)
    }

    /// 指标值 / 目标值, e.g. `≥90%`.
    pub fn target(&self) -> &str {
        self.part(4)
    }

    /// 指标值确定依据.
    pub fn basis(&self) -> &str {
        self.part(5)
    }

    /// All six texts by name.
    pub fn texts(&self) -> IndicatorTexts<'_> {
        IndicatorTexts::from_array(std::array::from_fn(|k| self.part(k)))
    }

    /// The same indicator with other texts (line and page kept).
    pub fn with_texts(&self, texts: IndicatorTexts<'_>) -> Indicator {
        Indicator {
            page: self.page,
            ..Indicator::new(texts, self.line)
        }
    }
}

/// Equal when the texts, line and page are: where the texts are kept
/// (their own or in cells) does not matter.
impl PartialEq for Indicator {
    fn eq(&self, other: &Self) -> bool {
        self.line == other.line && self.page == other.page && self.texts() == other.texts()
    }
}

impl Eq for Indicator {}

impl std::hash::Hash for Indicator {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.texts().to_array().hash(h);
        self.line.hash(h);
        self.page.hash(h);
    }
}

impl std::fmt::Debug for Indicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indicator")
            .field("level1", &self.level1())
            .field("level2", &self.level2())
            .field("name", &self.name())
            .field("description", &self.description())
            .field("target", &self.target())
            .field("basis", &self.basis())
            .field("line", &self.line)
            .field("page", &self.page())
            .finish()
    }
}

/// The serialized form: the texts by name, the line, the page when known.
#[derive(Serialize)]
struct Fields<'a> {
    #[serde(flatten)]
    texts: IndicatorTexts<'a>,
    line: LineNo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<PageNo>,
}

/// The owned form read back (texts may hold escapes, so they cannot be borrowed).
#[derive(Deserialize)]
struct OwnedFields {
    level1: String,
    level2: String,
    name: String,
    description: String,
    target: String,
    basis: String,
    line: LineNo,
    #[serde(default)]
    page: Option<PageNo>,
}

impl Serialize for Indicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Fields {
            texts: self.texts(),
            line: self.line,
            page: self.page(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Indicator, D::Error> {
        let f = OwnedFields::deserialize(d)?;
        let texts = IndicatorTexts {
            level1: &f.level1,
            level2: &f.level2,
            name: &f.name,
            description: &f.description,
            target: &f.target,
            basis: &f.basis,
        };
        let mut indicator = Indicator::new(texts, f.line);
        indicator.set_page(f.page);
        Ok(indicator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Indicator {
        Indicator::new(
            IndicatorTexts {
                level1: "产出指标",
                level2: "数量指标",
                name: "建设数量",
                description: "",
                target: "≥90%",
                basis: "计划",
            },
            12,
        )
    }

    #[test]
    fn texts_read_back_as_given() {
        let i = sample();
        assert_eq!(i.level1(), "产出指标");
        assert_eq!(i.level2(), "数量指标");
        assert_eq!(i.name(), "建设数量");
        assert_eq!(i.description(), "");
        assert_eq!(i.target(), "≥90%");
        assert_eq!(i.basis(), "计划");
        assert_eq!(i.line, 12);
        assert_eq!(Indicator::default().basis(), "");
        let empty = Indicator::new(IndicatorTexts::default(), 1);
        assert_eq!(empty.texts(), IndicatorTexts::default());
    }

    #[test]
    fn common_level_words_take_no_text() {
        let common = sample();
        assert_eq!(common.levels, [1, 10]);
        assert_eq!(&*common.text, "建设数量≥90%计划");
        // a level not among the words is kept as printed, beside a common one
        let rare = Indicator::new(
            IndicatorTexts {
                level1: "产出指标一",
                level2: "数量指标",
                name: "x",
                ..IndicatorTexts::default()
            },
            1,
        );
        assert_eq!(rare.levels, [0, 10]);
        assert_eq!(
            (rare.level1(), rare.level2(), rare.name()),
            ("产出指标一", "数量指标", "x")
        );
        for (i, w) in LEVEL_WORDS.iter().enumerate() {
            assert_eq!(
                level_code(w),
                u8::try_from(i + 1).unwrap(),
                "{w}: listed twice"
            );
        }
        // the shared text and the places of the six texts
        assert_eq!(std::mem::size_of::<Indicator>(), 56);
        assert!(LEVEL_WORDS.len() < usize::from(IN_CELLS));
    }

    #[test]
    fn texts_in_cells_are_kept_as_their_places() {
        let cells: Arc<str> = Arc::from("产出指标数量指标建设数量≥90%计划x");
        let at = |from: usize, to: usize| &cells[from..to];
        let texts = IndicatorTexts {
            level1: at(0, 12),
            level2: at(12, 24),
            name: at(24, 36),
            description: "",
            target: at(36, 42),
            basis: at(42, 48),
        };
        let shared = Indicator::in_cells(texts, 12, &cells);
        assert_eq!(shared.texts(), texts);
        assert_eq!(shared, Indicator::new(texts, 12));
        let (text, place) = shared.cells_place().expect("kept in the cells");
        assert!(Arc::ptr_eq(text, &cells));
        // the common level words by their codes, the others by their places
        assert_eq!(place.levels, [1, 10]);
        assert_eq!(place.starts, [0, 0, 24, 0, 36, 42]);
        assert_eq!(place.lens, [0, 0, 12, 0, 6, 6]);
        assert_eq!(
            Indicator::from_cells_place(&cells, place, 12, None),
            Some(shared)
        );
        // a text of other memory (joined from two cells): a copy of all
        let joined = format!("{} {}", at(24, 36), at(42, 48));
        let own = Indicator::in_cells(
            IndicatorTexts {
                name: &joined,
                ..texts
            },
            3,
            &cells,
        );
        assert_eq!(own.cells_place(), None);
        assert_eq!(own.name(), "建设数量 计划");
        assert_eq!(own.target(), "≥90%");
        // a text of over 255 bytes in the cells: a copy of all
        let long_cells: Arc<str> = Arc::from("绩".repeat(86));
        let long = IndicatorTexts {
            name: &long_cells,
            ..texts
        };
        let copied = Indicator::in_cells(long, 3, &long_cells);
        assert_eq!(copied.cells_place(), None);
        assert_eq!(copied.name(), &*long_cells);
        let short = IndicatorTexts {
            name: &long_cells[..255],
            ..IndicatorTexts::default()
        };
        assert!(
            Indicator::in_cells(short, 3, &long_cells)
                .cells_place()
                .is_some()
        );
        // the same bytes at another address are not the cells
        let copy = texts.name.to_string();
        let name_copy = IndicatorTexts {
            name: &copy,
            ..texts
        };
        assert_eq!(
            Indicator::in_cells(name_copy, 3, &cells).cells_place(),
            None
        );
        // places read back outside the cells, inside a character, or an unknown code
        let bad = |f: fn(&mut CellsPlace)| {
            let mut p = place;
            f(&mut p);
            Indicator::from_cells_place(&cells, p, 1, None)
        };
        assert!(bad(|p| p.starts[2] = 46).is_none());
        assert!(bad(|p| p.starts[2] = 1).is_none());
        assert!(bad(|p| p.levels[0] = 41).is_none());
        assert!(bad(|p| p.levels[0] = 40).is_some());
    }

    /// The code of a level as first written: the first of [`LEVEL_WORDS`] it is.
    fn level_code_by_scan(text: &str) -> u8 {
        LEVEL_WORDS
            .iter()
            .position(|w| *w == text)
            .and_then(|i| u8::try_from(i + 1).ok())
            .unwrap_or(0)
    }

    #[test]
    fn short_bytes_compare_as_slices() {
        let texts: Vec<Vec<u8>> = (0..=20)
            .flat_map(|n| (0..n.max(1)).map(move |k| (n, k)))
            .flat_map(|(n, k)| {
                let base: Vec<u8> = (0..n as u8).collect();
                let mut other = base.clone();
                if let Some(b) = other.get_mut(k) {
                    *b ^= 0x40;
                }
                [base, other]
            })
            .collect();
        for a in &texts {
            for b in &texts {
                assert_eq!(same_short(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn level_codes_are_found_by_bucket_as_by_scan() {
        let mut texts: Vec<String> = LEVEL_WORDS.iter().map(|w| w.to_string()).collect();
        // near misses: a word cut, lengthened, or another of its length and first character
        for w in LEVEL_WORDS {
            let chars: Vec<char> = w.chars().collect();
            texts.push(chars[..chars.len() - 1].iter().collect());
            texts.push(format!("{w}一"));
            texts.push(format!("{}量{}", chars[0], &w[6..]));
            texts.push(w.replace('指', "x"));
        }
        texts.extend(["", "x", "产出", "产出 指标", "指标"].map(String::from));
        for t in &texts {
            assert_eq!(level_code(t), level_code_by_scan(t), "{t}");
        }
    }

    #[test]
    fn the_page_is_none_until_set() {
        let mut i = sample();
        assert_eq!(i.page(), None);
        i.set_page(Some(7));
        assert_eq!(i.page(), Some(7));
        assert_eq!(i.with_texts(IndicatorTexts::default()).page(), Some(7));
        i.set_page(None);
        assert_eq!(i.page(), None);
    }

    #[test]
    fn serializes_as_a_map_of_its_texts() {
        let mut i = sample();
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(
            json,
            r#"{"level1":"产出指标","level2":"数量指标","name":"建设数量","description":"","target":"≥90%","basis":"计划","line":12}"#
        );
        assert_eq!(serde_json::from_str::<Indicator>(&json).unwrap(), i);
        i.set_page(Some(3));
        let json = serde_json::to_string(&i).unwrap();
        assert!(json.ends_with(r#""line":12,"page":3}"#), "{json}");
        assert_eq!(serde_json::from_str::<Indicator>(&json).unwrap(), i);
        // escapes in the texts
        let q = Indicator::new(
            IndicatorTexts {
                name: "“引号”\n\"x\"",
                ..IndicatorTexts::default()
            },
            1,
        );
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Indicator>(&json).unwrap(), q);
    }
}
