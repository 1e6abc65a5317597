//! [`Indicator`]: one performance indicator (绩效指标) row, its six texts
//! stored together.
//!
//! 一级指标 / 二级指标 / 三级指标: the three levels of an indicator (e.g.
//! 产出指标 → 数量指标 → "建设数量"); 指标值: its target; 确定依据: the basis of
//! the target. A project table lists dozens of them and a province's
//! disclosures hundreds of thousands, most texts a few characters long: six
//! `String`s would cost 144 bytes and up to six allocations each; here the
//! texts share one allocation and five 4-byte ends, and a level named by
//! one of the framework's common words (`产出指标`, `数量指标`, …:
//! [`LEVEL_WORDS`]) is one byte, not its text.
//!
//! Serialized as a map of `level1`, `level2`, `name`, `description`,
//! `target`, `basis`, `line` and `page`, as a struct of strings would be.

use serde::{Deserialize, Serialize};

use super::place::{LineNo, PageNo};

/// A performance indicator row: 一级 → 二级 → 三级 with description, target and basis.
/// Blank level cells (merged cells in the original) are filled down from the row above.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Indicator {
    /// The six texts one after the other, in the order of [`Indicator::new`]
    /// (a level given by `levels` holds nothing here).
    text: Box<str>,
    /// Where each of the first five texts ends in `text`; the sixth runs to its end.
    ends: [u32; 5],
    /// Line of the indicator's row.
    pub line: LineNo,
    /// Page of the indicator's row (PDF only; pages count from 1): 0 when unknown.
    page: PageNo,
    /// 一级 and 二级指标 when one of [`LEVEL_WORDS`]: its index + 1; 0: in `text`.
    levels: [u8; 2],
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
    // the first character's last byte tells most words of one length apart
    let key = text.as_bytes()[2];
    LEVEL_WORDS
        .iter()
        .position(|w| w.len() == text.len() && w.as_bytes()[2] == key && *w == text)
        .and_then(|i| u8::try_from(i + 1).ok())
        .unwrap_or(0)
}

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

impl Indicator {
    /// An indicator of these texts at `line` (no page).
    pub fn new(texts: IndicatorTexts<'_>, line: LineNo) -> Indicator {
        let mut parts = texts.to_array();
        let levels = [level_code(parts[0]), level_code(parts[1])];
        for (part, code) in parts.iter_mut().zip(levels) {
            if code != 0 {
                *part = "";
            }
        }
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 5];
        for (k, part) in parts.iter().enumerate() {
            text.push_str(part);
            if let Some(end) = ends.get_mut(k) {
                // files are read up to 1 GiB: an indicator's text never nears 4 GiB
                *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
        }
        Indicator {
            text: text.into_boxed_str(),
            ends,
            line,
            page: 0,
            levels,
        }
    }

    /// Page of the indicator's row (PDF only).
    pub fn page(&self) -> Option<PageNo> {
        (self.page != 0).then_some(self.page)
    }

    /// Set the page of the indicator's row (pages count from 1: page 0 is none).
    pub fn set_page(&mut self, page: Option<PageNo>) {
        self.page = page.unwrap_or(0);
    }

    /// Text `k` of the six.
    fn part(&self, k: usize) -> &str {
        if let Some(&code) = self.levels.get(k)
            && code != 0
        {
            return LEVEL_WORDS
                .get(usize::from(code) - 1)
                .copied()
                .unwrap_or("");
        }
        let from = match k {
            0 => 0,
            _ => self
                .ends
                .get(k - 1)
                .map_or(self.text.len(), |&e| e as usize),
        };
        let to = self.ends.get(k).map_or(self.text.len(), |&e| e as usize);
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
        // one allocation and 32 bytes beside it, as before the codes
        assert_eq!(std::mem::size_of::<Indicator>(), 48);
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
