//! Changes, percentages, comparison words and breakdowns of the text, and
//! the direction of performance targets.
//!
//! Domain words: 比上年增加 / 减少 = up / down on last year; 增长 / 下降 X% =
//! the change as a share of last year's figure; 占 X% = a share of a whole;
//! 持平 = unchanged; 其中 / 包括 = of which (主要包括: mainly, the list may
//! be partial); 满意度 = satisfaction, a target that is a floor.

use rust_decimal::Decimal;

use super::quantities::Lookup;
use super::{Kind, Paragraph, Statement};
use crate::check::{Finding, Severity, judge, plain, show};
use crate::model::{Document, LineNo};
use crate::parse::compact;

pub(super) fn check(look: &Lookup, p: &Paragraph, out: &mut Vec<Finding>) {
    // the level a change is a change of: the last one before it in its
    // sentence, else the paragraph's first (one pass, whatever the length)
    let mut first_level: Option<usize> = None;
    let mut last_level: Option<(usize, usize)> = None; // (sentence, statement)
    for (k, st) in p.statements.iter().enumerate() {
        match st.kind {
            Kind::Level {
                previous: false, ..
            } => {
                first_level.get_or_insert(k);
                last_level = Some((st.sentence, k));
            }
            Kind::Change { sign } => {
                let base = last_level
                    .filter(|(sentence, _)| *sentence == st.sentence)
                    .map(|(_, b)| b)
                    .or(first_level);
                if let Some(base) = base {
                    change(look, p, (base, k), sign, out);
                }
            }
            _ => {}
        }
    }
    comparisons(p, out);
    for sentence in p.statements.chunk_by(|a, b| a.sentence == b.sentence) {
        breakdown(p, sentence, out);
    }
}

/// The text after a statement up to the next amount of its sentence.
pub(super) fn after<'a>(p: &'a Paragraph, k: usize) -> &'a str {
    let st = &p.statements[k];
    let end = p
        .statements
        .get(k + 1)
        .filter(|n| n.sentence == st.sentence)
        .map(|n| n.start)
        .unwrap_or(p.sentences[st.sentence].1);
    p.text.get(st.end..end).unwrap_or("")
}

/// The first `N%` of a text with the words just before it.
pub(super) fn percent(text: &str) -> Option<(String, Decimal)> {
    let pos = text.find('%')?;
    let head = &text[..pos];
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let value = crate::parse::amount::parse_amount(&digits)?;
    let words = compact(head[..head.len() - digits.len()].trim_end()).into_owned();
    Some((words, value))
}

/// A change: against the tables' two years, its percentage recomputed, and
/// 持平 beside a change that is not zero.
fn change(
    look: &Lookup,
    p: &Paragraph,
    (base, k): (usize, usize),
    sign: i8,
    out: &mut Vec<Finding>,
) {
    let st = &p.statements[k];
    let base = &p.statements[base];
    let stated = if sign < 0 { -st.wan } else { st.wan };
    let mut checked = false;
    if let Kind::Level {
        named: Some(named), ..
    } = &base.kind
    {
        let now = look.figures_of(named, false);
        let before = look.figures_of(named, true);
        if let (Some(now), Some(before)) = (now.first(), before.first()) {
            checked = true;
            let actual = now.wan - before.wan;
            let scale = st.amount.value.scale().min(now.scale());
            if let Some(severity) = judge(actual, stated, scale, 2) {
                let message = format!(
                    "正文称{}比上年{} {} 万元，而表中上年为 {}、本年为 {}，变动 {} 万元",
                    named.label(look.doc),
                    if sign < 0 { "减少" } else { "增加" },
                    st.amount.printed,
                    show(before.wan, before.scale()),
                    show(now.wan, now.scale()),
                    show(actual, scale),
                );
                out.push(
                    Finding::new("prose.change", severity, message)
                        .at_line(p.line)
                        .figures(plain(actual, scale), plain(stated, scale)),
                );
            }
        }
    }
    let text = after(p, k);
    if let Some((words, pct)) = percent(text)
        && !words.contains('占')
    {
        let previous = base.wan - stated;
        change_percent(p, (base, st), previous, pct, out);
    }
    // `增加 10.29 万元持平`: 持平 in the change's own clause
    let clause = text
        .split(['，', ',', '；', ';', '。', '、'])
        .next()
        .unwrap_or("");
    if !checked && !stated.is_zero() && clause.contains("持平") {
        let message = format!(
            "正文同一句中既说变动 {} 万元，又说“持平”",
            st.amount.printed
        );
        out.push(
            Finding::new("prose.compare", Severity::Error, message)
                .at_line(p.line)
                .figures("0", plain(stated, st.amount.value.scale())),
        );
    }
}

/// Half a unit of the last printed decimal of `d`.
pub(super) fn half_unit(d: Decimal) -> Decimal {
    Decimal::new(5, d.scale() + 1)
}

/// A printed percentage against `part / whole × 100`, both figures rounded
/// as printed: no finding when the printed percentage can come from some
/// figures that round to the printed ones.
pub(super) fn judge_percent(
    part: Decimal,
    e_part: Decimal,
    whole: Decimal,
    e_whole: Decimal,
    pct: Decimal,
) -> Option<(Severity, Decimal)> {
    let hundred = Decimal::ONE_HUNDRED;
    let exact = part.abs().checked_div(whole.abs())? * hundred;
    let low_whole = whole.abs() + e_whole;
    let high_whole = (whole.abs() - e_whole).max(Decimal::new(1, 6));
    let low = ((part.abs() - e_part).max(Decimal::ZERO)).checked_div(low_whole)? * hundred;
    let high = (part.abs() + e_part).checked_div(high_whole)? * hundred;
    let unit = Decimal::new(1, pct.scale());
    let h = half_unit(pct);
    if pct + h >= low && pct - h <= high {
        return None;
    }
    let gap = if pct < low { low - pct } else { pct - high };
    let severity = if gap <= unit {
        Severity::Rounding
    } else {
        Severity::Error
    };
    Some((severity, exact.round_dp(pct.scale().max(2))))
}

fn change_percent(
    p: &Paragraph,
    (base, st): (&Statement, &Statement),
    previous: Decimal,
    pct: Decimal,
    out: &mut Vec<Finding>,
) {
    if previous.is_zero() {
        return;
    }
    let e_change = half_unit(st.amount.value);
    let e_previous = half_unit(base.amount.value) + e_change;
    let Some((severity, exact)) = judge_percent(st.wan, e_change, previous, e_previous, pct) else {
        return;
    };
    let message = format!(
        "正文称变动 {} 万元、幅度 {pct}%，而上年应为 {} 万元（{} − 变动），幅度为 {exact}%",
        st.amount.printed,
        show(previous, base.amount.value.scale()),
        base.amount.printed,
    );
    out.push(
        Finding::new("prose.percent", severity, message)
            .at_line(p.line)
            .figures(format!("{exact}%"), format!("{pct}%")),
    );
}

/// Words comparing the figure before them with the one after, and the
/// relation they claim: 1 greater, -1 smaller, 0 equal.
const COMPARISONS: [(&str, i8); 11] = [
    ("大于", 1),
    ("高于", 1),
    ("多于", 1),
    ("超过", 1),
    ("超出", 1),
    ("小于", -1),
    ("低于", -1),
    ("少于", -1),
    ("不足", -1),
    ("等于", 0),
    ("相当于", 0),
];

/// `A 万元大于 B 万元`: the words between two figures of a sentence.
fn comparisons(p: &Paragraph, out: &mut Vec<Finding>) {
    for pair in p.statements.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.sentence != b.sentence {
            continue;
        }
        let between = compact(p.text.get(a.end..b.start).unwrap_or("")).into_owned();
        let between = between.trim_matches(['，', ',', ' ']);
        // `A 万元大于(本年支出) B 万元`: the word right after the first figure,
        // the second in the same clause
        let one_clause = !between.contains(['，', ',', '；', ';', '。', '、']);
        let Some((word, claim)) = COMPARISONS
            .iter()
            .find(|(w, _)| one_clause && between.starts_with(w) && between.chars().count() <= 20)
        else {
            continue;
        };
        let actual = match a.wan.cmp(&b.wan) {
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
        };
        if actual == *claim {
            continue;
        }
        let message = format!(
            "正文称 {} {} “{word}” {} {}，与数字不符",
            a.amount.printed,
            a.unit(),
            b.amount.printed,
            b.unit()
        );
        out.push(
            Finding::new("prose.compare", Severity::Error, message)
                .at_line(p.line)
                .figures(
                    match actual {
                        1 => "大于",
                        -1 => "小于",
                        _ => "等于",
                    },
                    *word,
                ),
        );
    }
}

/// Words that introduce a breakdown (`其中`, `包括`, `主要为`).
const BREAKDOWN: [&str; 6] = ["其中", "具体包括", "主要包括", "包括", "主要为", "主要是"];

/// `X 万元，其中 A 万元、B 万元…`: the parts add up to the whole (a list
/// introduced by 主要 may leave some out; parts in parentheses and changes
/// do not count; a nested breakdown or a sentence cut off is not read).
fn breakdown(p: &Paragraph, statements: &[Statement], out: &mut Vec<Finding>) {
    let Some(first) = statements.first() else {
        return;
    };
    let (s, e) = p.sentences[first.sentence];
    let text = &p.text[s..e];
    if !text.trim_end().ends_with(['。', '；', ';', '！']) {
        return;
    }
    let Some(head) = statements.first().filter(|h| {
        matches!(
            h.kind,
            Kind::Level {
                previous: false,
                ..
            }
        )
    }) else {
        return;
    };
    let Some(next) = statements.get(1) else {
        return;
    };
    let gap = compact(p.text.get(head.end..next.start).unwrap_or("")).into_owned();
    let Some(marker) = BREAKDOWN.iter().find(|w| gap.contains(*w)) else {
        return;
    };
    let mut parts: Vec<&Statement> = Vec::new();
    // open parentheses before each figure, counted as the figures go
    let (mut depth, mut scanned) = (0i32, s);
    for (k, st) in statements.iter().enumerate().skip(1) {
        for ch in p.text.get(scanned..st.start).unwrap_or("").chars() {
            match ch {
                '（' | '(' => depth += 1,
                '）' | ')' => depth -= 1,
                _ => {}
            }
        }
        scanned = st.start.max(scanned);
        if depth > 0
            || !matches!(
                st.kind,
                Kind::Level {
                    previous: false,
                    ..
                }
            )
        {
            continue;
        }
        let before_start = statements[k - 1].end;
        let words = compact(p.text.get(before_start..st.start).unwrap_or("")).into_owned();
        if k > 1 && BREAKDOWN.iter().any(|w| words.contains(w)) {
            return; // a nested breakdown
        }
        // an explanation (`原因是…安排930万元`) or a purpose is no part
        if words.contains('%') || ["原因", "因为", "用于"].iter().any(|w| words.contains(w)) {
            continue;
        }
        parts.push(st);
    }
    if parts.len() < 2 {
        return;
    }
    breakdown_finding(p, head, &parts, marker.contains("主要"), out);
}

fn breakdown_finding(
    p: &Paragraph,
    head: &Statement,
    parts: &[&Statement],
    partial: bool,
    out: &mut Vec<Finding>,
) {
    let sum: Decimal = parts.iter().map(|s| s.wan).sum();
    let scale = parts
        .iter()
        .map(|s| s.amount.value.scale())
        .chain([head.amount.value.scale()])
        .max()
        .unwrap_or(0);
    let Some(mut severity) = judge(head.wan, sum, scale, parts.len()) else {
        return;
    };
    if severity == Severity::Error && sum < head.wan {
        if partial {
            return;
        }
        severity = Severity::Warning;
    }
    let message = format!(
        "正文称 {} 万元，所列 {} 项合计 {} 万元",
        head.amount.printed,
        parts.len(),
        show(sum, scale)
    );
    out.push(
        Finding::new("prose.breakdown", severity, message)
            .at_line(p.line)
            .figures(plain(head.wan, scale), plain(sum, scale)),
    );
}

/// Indicators measured as a rate to reach (a floor): 满意度, 合格率 …
const FLOORS: [&str; 22] = [
    "满意度",
    "满意率",
    "合格率",
    "完成率",
    "达标率",
    "及时率",
    "覆盖率",
    "准确率",
    "知晓率",
    "通过率",
    "破案率",
    "到位率",
    "运转率",
    "完好率",
    "执行率",
    "支出率",
    "出勤率",
    "采用率",
    "保障率",
    "响应率",
    "正确率",
    "成功率",
];

/// Indicators that are rates to keep low (a ceiling).
const CEILINGS: [&str; 10] = [
    "差错",
    "故障",
    "发生率",
    "投诉",
    "断线",
    "误报",
    "事故",
    "复发",
    "发案",
    "流失",
];

/// Words of a target that set a ceiling.
const AT_MOST: [&str; 8] = [
    "≤",
    "<",
    "小于",
    "低于",
    "不高于",
    "不超过",
    "不大于",
    "少于",
];

/// A performance target whose comparison word reads against its indicator:
/// a 满意度 or 合格率 target set as a ceiling (`小于 80%`).
pub(super) fn directions(doc: &Document, out: &mut Vec<Finding>) {
    // read in place: a province's document has hundreds of thousands
    let projects = doc
        .projects
        .iter()
        .flat_map(|p| p.indicators.iter().map(|i| (i, p.table)));
    let all = doc.indicators.iter().map(|i| (i, None)).chain(projects);
    for (ind, table) in all {
        let what = compact(&format!("{}{}", ind.name(), ind.description())).into_owned();
        let target = compact(ind.target()).into_owned();
        // a cost indicator (成本指标) caps what is spent, whatever its words
        let cost = ind.level1().contains("成本") || ind.level2().contains("成本");
        let floor = !cost
            && FLOORS.iter().any(|w| what.contains(w))
            && !CEILINGS.iter().any(|w| what.contains(w));
        let Some(word) = AT_MOST.iter().find(|w| target.starts_with(*w)) else {
            continue;
        };
        if !floor || !target.contains('%') {
            continue;
        }
        let message = format!(
            "指标“{}”的目标值“{}”以“{word}”设上限，而这一指标应当达到（不低于）目标",
            ind.name().trim(),
            ind.target().trim()
        );
        let mut f = Finding::new("prose.direction", Severity::Error, message)
            .at_line(ind.line as LineNo)
            .figures(target.replacen(word, "≥", 1), target.clone());
        f.table = table;
        out.push(f);
    }
}
