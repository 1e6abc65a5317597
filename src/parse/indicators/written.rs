//! Performance indicators not read from the rows of a table: those listed
//! in one table cell (`1、1-产出指标；11-数量指标；…`) and those written as
//! prose (`绩效指标：重大敏感事件发生率 比上年有所降低`).

use super::super::chars::char_len;
use crate::model::{Content, Indicator, IndicatorTexts, LineNo};

/// Indicators listed in one table cell, numbered, their parts split by `；`:
/// `1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、…`
/// (level 1, level 2, name, the target for the whole period and for the year). The year's
/// target is the target; the period's, when it differs, the description.
pub(crate) fn from_listing(cell: &str, line: LineNo) -> Vec<Indicator> {
    let mut out = Vec::new();
    for item in numbered_items(cell) {
        let parts: Vec<&str> = item
            .trim_end_matches(['。', '.', '；', ';'])
            .splitn(4, ['；', ';'])
            .map(str::trim)
            .collect();
        let [level1, level2, name, values] = parts.as_slice() else {
            continue;
        };
        // `实施周期指标值:…；年度指标值:…` (a value may hold `；` itself)
        let value_after = |label: &str| {
            let at = values.find(label)?;
            let v = values[at + label.len()..].trim_start_matches([':', '：']);
            let end = ["实施周期指标值", "年度指标值"]
                .iter()
                .filter_map(|l| v.find(l))
                .min()
                .unwrap_or(v.len());
            Some(
                v[..end]
                    .trim()
                    .trim_end_matches(['；', ';', '。'])
                    .to_string(),
            )
        };
        let year = value_after("年度指标值");
        let period = value_after("实施周期指标值");
        let target = year.clone().or_else(|| period.clone()).unwrap_or_default();
        let description = period
            .filter(|p| Some(p) != year.as_ref())
            .map(|p| format!("实施周期指标值：{p}"))
            .unwrap_or_default();
        out.push(Indicator::new(
            IndicatorTexts {
                level1: strip_code(level1),
                level2: strip_code(level2),
                name: name.trim_end_matches(['.', '。']),
                description: &description,
                target: &target,
                basis: "",
            },
            line,
        ));
    }
    out
}

/// The items of a listing numbered `1、` `2、` … (each number the next one).
fn numbered_items(cell: &str) -> Vec<&str> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut expect = 1u32;
    for (at, _) in cell.match_indices('、') {
        let digits = cell[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let from = at - digits;
        let boundary = from == 0 || cell[..from].ends_with(['。', '；', ';', ' ', '\n']);
        if digits > 0 && boundary && cell[from..at].parse::<u32>().ok() == Some(expect) {
            starts.push((from, at + '、'.len_utf8()));
            expect += 1;
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(_, body))| {
            let end = starts.get(k + 1).map_or(cell.len(), |&(next, _)| next);
            cell[body..end].trim()
        })
        .collect()
}

/// `1-产出指标` → `产出指标`; `11-数量指标` → `数量指标`.
fn strip_code(part: &str) -> &str {
    let digits = part.chars().take_while(char::is_ascii_digit).count();
    match part[digits..].strip_prefix(['-', '－', '.']) {
        Some(rest) if digits > 0 => rest.trim(),
        _ => part.trim(),
    }
}

/// Department-wide indicators written as prose:
/// `绩效指标：重大敏感事件发生率 比上年有所降低`, the goal above it as description.
pub(super) fn from_prose(paragraphs: &[&Content]) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut goal = String::new();
    for c in paragraphs {
        let Content::Paragraph { line, text } = c else {
            continue;
        };
        let t = text.trim();
        let t = super::super::numbering::numbering(t)
            .map(|n| n.rest)
            .unwrap_or(t);
        if let Some(rest) = strip_label(t, "绩效目标") {
            goal = rest.to_string();
            continue;
        }
        let Some(rest) = strip_label(t, "绩效指标") else {
            continue;
        };
        let (name, target) = split_target(rest);
        let description = std::mem::take(&mut goal);
        out.push(Indicator::new(
            IndicatorTexts {
                name,
                target,
                description: &description,
                ..IndicatorTexts::default()
            },
            *line,
        ));
    }
    out
}

fn strip_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    let rest = t.strip_prefix(label)?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['：', ':'])?;
    Some(rest.trim())
}

/// `重大敏感事件发生率 比上年有所降低` → (`重大敏感事件发生率`, `比上年有所降低`).
fn split_target(s: &str) -> (&str, &str) {
    if let Some(p) = s.rfind(' ') {
        let (head, tail) = (s[..p].trim_end(), s[p..].trim());
        let looks = tail
            .chars()
            .any(|c| c.is_ascii_digit() || "%≥≤<>=".contains(c))
            || [
                "比上年",
                "较上年",
                "提高",
                "降低",
                "有所",
                "提升",
                "下降",
                "达到",
                "完成",
            ]
            .iter()
            .any(|w| tail.contains(w));
        if looks && !head.is_empty() && char_len(tail) <= 20 {
            // the target may itself contain a space: `≥ 95%`, `90 个`
            let mut head = head;
            let mut tail_start = p;
            while let Some(q) = head.rfind(' ') {
                let piece = head[q..].trim();
                if piece
                    .chars()
                    .all(|c| c.is_ascii_digit() || "%≥≤<>=.".contains(c))
                {
                    tail_start = q;
                    head = head[..q].trim_end();
                } else {
                    break;
                }
            }
            return (head, s[tail_start..].trim());
        }
    }
    (s, "")
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_in_one_cell() {
        let cell = "1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、4-成本指标；41-经济成本指标；项目资金控制率；实施周期指标值:≤100%；年度指标值:≤75%。";
        let list = from_listing(cell, 7);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].level1(), "产出指标");
        assert_eq!(list[0].level2(), "数量指标");
        assert_eq!(list[0].name(), "会议活动保障次数");
        assert_eq!(list[0].target(), "每年≥20场");
        assert_eq!(list[0].description(), "");
        assert_eq!(list[1].target(), "≤75%");
        assert_eq!(list[1].description(), "实施周期指标值：≤100%");
        assert_eq!(list[1].line, 7);
        assert!(from_listing("通过项目实施，1、提升服务。", 1).is_empty());
        let two = "1、1-产出指标；12-质量指标；平均故障恢复时间；实施周期指标值:一级≤1小时；二级≤2小时；年度指标值:一级≤1小时；二级≤2小时。";
        assert_eq!(from_listing(two, 1)[0].target(), "一级≤1小时；二级≤2小时");
    }

    #[test]
    fn prose_targets() {
        assert_eq!(
            split_target("重大敏感事件发生率 比上年有所降低"),
            ("重大敏感事件发生率", "比上年有所降低")
        );
        assert_eq!(
            split_target("16 岁以上居民身份证持证数占总人口数比率 ≥95%"),
            ("16 岁以上居民身份证持证数占总人口数比率", "≥95%")
        );
        assert_eq!(
            split_target("处理辖区新发生的刑事案件"),
            ("处理辖区新发生的刑事案件", "")
        );
    }
}
