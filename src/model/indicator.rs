//! [`Indicator`]: one performance indicator (绩效指标) row, its six texts
//! stored together.
//!
//! 一级指标 / 二级指标 / 三级指标: the three levels of an indicator (e.g.
//! 产出指标 → 数量指标 → "建设数量"); 指标值: its target; 确定依据: the basis of
//! the target. A project table lists dozens of them and a province's
//! disclosures hundreds of thousands, most texts a few characters long: six
//! `String`s would cost 144 bytes and up to six allocations each; here the
//! texts share one allocation and five 4-byte ends.
//!
//! Serialized as a map of `level1`, `level2`, `name`, `description`,
//! `target`, `basis`, `line` and `page`, as a struct of strings would be.

use serde::{Deserialize, Serialize};

use super::place::{LineNo, PageNo};

/// A performance indicator row: 一级 → 二级 → 三级 with description, target and basis.
/// Blank level cells (merged cells in the original) are filled down from the row above.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Indicator {
    /// The six texts one after the other, in the order of [`Indicator::new`].
    text: Box<str>,
    /// Where each of the first five texts ends in `text`; the sixth runs to its end.
    ends: [u32; 5],
    /// Line of the indicator's row.
    pub line: LineNo,
    /// Page of the indicator's row (PDF only).
    pub page: Option<PageNo>,
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
        let parts = texts.to_array();
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
            page: None,
        }
    }

    /// Text `k` of the six.
    fn part(&self, k: usize) -> &str {
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
            .field("page", &self.page)
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
            page: self.page,
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
        Ok(Indicator {
            page: f.page,
            ..Indicator::new(texts, f.line)
        })
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
    fn serializes_as_a_map_of_its_texts() {
        let mut i = sample();
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(
            json,
            r#"{"level1":"产出指标","level2":"数量指标","name":"建设数量","description":"","target":"≥90%","basis":"计划","line":12}"#
        );
        assert_eq!(serde_json::from_str::<Indicator>(&json).unwrap(), i);
        i.page = Some(3);
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
