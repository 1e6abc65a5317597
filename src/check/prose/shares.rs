//! Shares: `A万元，占 N%` recomputed against the whole the words name (`占总支出`,
//! `占“三公”经费的`), else against the wholes a sentence implies: its first
//! figure, the paragraph's first, the document's total, or the sum of the
//! parts it lists when their shares make 100%.
//!
//! Domain words: 占 = makes up (a share of); 总额 = total amount; 比重 / 比例
//! = proportion.

use rust_decimal::Decimal;

use super::changes::{after, half_unit, judge_percent, percent};
use super::named::Named;
use super::quantities::Lookup;
use super::{Kind, Paragraph, Statement};
use crate::check::{Finding, Severity, show};
use crate::model::Document;

/// The whole a share is of, from the words after `占`.
enum Whole {
    /// No whole named (`占 7.3%`, `占比`): the wholes the sentence implies.
    Implied,
    /// A quantity of the tables (`占总支出`, `占“三公”经费的`).
    Named(Named),
    /// A whole named that no table holds (`占授予中小企业合同金额的`).
    Unknown,
}

/// Words around a named whole that are not its name.
const TRIM_END: [&str; 9] = [
    "的比例为",
    "的比重为",
    "的比例",
    "的比重",
    "比例为",
    "比重为",
    "比例",
    "比重",
    "的",
];

fn whole_of(look: &Lookup, words: &str) -> Whole {
    let Some(p) = words.rfind('占') else {
        return Whole::Unknown;
    };
    let mut w = &words[p + '占'.len_utf8()..];
    w = w.strip_prefix('比').unwrap_or(w);
    while let Some(rest) = TRIM_END.iter().find_map(|t| w.strip_suffix(t)) {
        w = rest;
    }
    w = w.trim_end_matches('为');
    if w.is_empty() || w == "总额" {
        return Whole::Implied;
    }
    let total = match w {
        "总支出" | "支出总额" | "全部支出" | "本年支出" => {
            Some(Named::SpendingTotal)
        }
        "总收入" | "收入总额" | "全部收入" | "本年收入" => Some(Named::IncomeTotal),
        _ => None,
    };
    let named = total.or_else(|| {
        let bare = w.strip_suffix("总额").unwrap_or(w);
        look.resolve(w).or_else(|| look.resolve(bare))
    });
    named.map_or(Whole::Unknown, Whole::Named)
}

/// Candidate wholes (in 万元, with their rounding) a share may be of.
type Wholes = Vec<(Decimal, Decimal)>;

/// The wholes a sentence implies for statement `k`: the sentence's first
/// figure, the paragraph's first, the document's total, the sum of `listed`.
fn implied(doc: &Document, p: &Paragraph, k: usize, head: usize, listed: &Wholes) -> Wholes {
    let st = &p.statements[k];
    let mut wholes: Wholes = Vec::new();
    for h in [p.statements.get(head), p.statements.first()]
        .into_iter()
        .flatten()
    {
        if !std::ptr::eq(h, st) {
            wholes.push((h.wan, half_unit(h.amount.value)));
        }
    }
    if let Some(total) = doc.total.as_ref().and_then(|t| t.amount.in_wan()) {
        wholes.push((total, half_unit(total)));
    }
    wholes.extend(listed.iter().copied());
    wholes
}

/// The parts of one sentence stated with an implied whole, and their
/// printed shares: their sum is a whole when the shares make 100%.
fn listed_sum(look: &Lookup, p: &Paragraph, sentence: usize) -> Wholes {
    let mut sum = (Decimal::ZERO, Decimal::ZERO);
    let mut pcts = Decimal::ZERO;
    let mut n = 0u32;
    for (k, st) in p.statements.iter().enumerate() {
        if st.sentence != sentence || !matches!(st.kind, Kind::Level { .. }) {
            continue;
        }
        let Some((words, pct)) = percent(after(p, k)) else {
            continue;
        };
        if matches!(whole_of(look, &words), Whole::Implied) {
            sum.0 += st.wan;
            sum.1 += half_unit(st.amount.value);
            pcts += pct;
            n += 1;
        }
    }
    let slack = Decimal::new(1, 1) * Decimal::from(n);
    if n >= 2 && (pcts - Decimal::ONE_HUNDRED).abs() <= slack {
        vec![sum]
    } else {
        Vec::new()
    }
}

pub(super) fn check(look: &Lookup, p: &Paragraph, out: &mut Vec<Finding>) {
    let doc = look.doc;
    let mut head = 0;
    let mut listed: (usize, Wholes) = (usize::MAX, Vec::new());
    for (k, st) in p.statements.iter().enumerate() {
        if p.statements[head].sentence != st.sentence {
            head = k;
        }
        if !matches!(st.kind, Kind::Level { .. }) {
            continue;
        }
        let Some((words, pct)) = percent(after(p, k)) else {
            continue;
        };
        if !words.contains('占') {
            continue;
        }
        let (wholes, named) = match whole_of(look, &words) {
            Whole::Unknown => continue,
            Whole::Implied => {
                if listed.0 != st.sentence {
                    listed = (st.sentence, listed_sum(look, p, st.sentence));
                }
                (implied(doc, p, k, head, &listed.1), false)
            }
            Whole::Named(n) => {
                let figures: Wholes = look
                    .figures_of(&n, false)
                    .iter()
                    .map(|f| (f.wan, Decimal::new(5, f.wan_scale() + 1)))
                    .collect();
                if figures.is_empty() {
                    (implied(doc, p, k, head, &Vec::new()), false)
                } else {
                    (figures, true)
                }
            }
        };
        judge_share(p, st, pct, &wholes, named, out);
    }
}

/// A finding when the share fits none of `wholes`. Against a named whole the
/// tables hold, a part the text names no quantity for (`共涉及资金…`) may be
/// of another scope (a budget, not the spending): a warning.
fn judge_share(
    p: &Paragraph,
    st: &Statement,
    pct: Decimal,
    wholes: &Wholes,
    named: bool,
    out: &mut Vec<Finding>,
) {
    if wholes.is_empty() {
        return;
    }
    let e = half_unit(st.amount.value);
    let verdicts: Vec<Option<(Severity, Decimal)>> = wholes
        .iter()
        .map(|(w, ew)| judge_percent(st.wan, e, *w, *ew, pct))
        .collect();
    if verdicts.iter().any(Option::is_none) {
        return;
    }
    let (mut severity, exact) = verdicts
        .iter()
        .flatten()
        .min_by_key(|(s, _)| *s)
        .copied()
        .unwrap_or((Severity::Error, Decimal::ZERO));
    let unnamed = matches!(st.kind, Kind::Level { named: None, .. });
    if named && unnamed && severity == Severity::Error {
        severity = Severity::Warning;
    }
    let message = format!(
        "正文称 {} 万元占 {pct}%，按 {} 万元计算应为 {exact}%",
        st.amount.printed,
        show(wholes[0].0, 2),
    );
    out.push(
        Finding::new("prose.percent", severity, message)
            .at_line(p.line)
            .figures(format!("{exact}%"), format!("{pct}%")),
    );
}
