//! Prose against tables: every amount the text states for a named quantity
//! (`部门预算收入19,535万元`, `公用支出651万元`, `公务接待费…1.95万元`) matches
//! its table (`prose.amount`); a prose figure 10,000 times off its table is a
//! unit slip, 元 written for 万元 (`prose.unit`); changes (`比上年增加…`) are
//! recomputed from the tables' previous year (`prose.change`), percentages
//! from the figures they relate (`prose.percent`); comparison words agree
//! with the figures (`prose.compare`: 大于 / 小于 / 等于, 持平 beside an
//! increase); a figure broken down (`X万元，其中A万元、B万元`) adds up
//! (`prose.breakdown`); a performance target reads in the direction of its
//! indicator (`prose.direction`: a 满意度 is a floor, not a ceiling).

mod changes;
mod named;
mod quantities;
mod shares;
mod table_figures;

use rust_decimal::Decimal;

use super::figures::Figure;
use super::{Finding, Severity, judge, plain, show};
use crate::model::{Amount, Unit};
use crate::model::{Document, LineNo};
use crate::parse::amount::amounts_in_text;
use crate::parse::compact;
use named::Named;
use quantities::Lookup;

/// What an amount in a sentence states.
#[derive(Debug, Clone)]
enum Kind {
    /// A quantity's figure (`previous`: the year before the report's).
    Level {
        named: Option<Named>,
        previous: bool,
    },
    /// A change of the sentence's quantity (`比上年增加`): +1 or -1.
    Change { sign: i8 },
    /// A figure of another year (`2019年…`): nothing to check it against.
    Elsewhere,
}

/// One amount of a paragraph with what it states.
#[derive(Debug, Clone)]
struct Statement {
    kind: Kind,
    /// Byte offsets of the figure (and its unit) in the paragraph.
    start: usize,
    end: usize,
    /// The figure as printed.
    amount: Amount,
    /// In 万元.
    wan: Decimal,
    /// Index of the sentence in the paragraph.
    sentence: usize,
}

impl Statement {
    /// The unit the figure is printed in (万元 when the text states none).
    fn unit(&self) -> &'static str {
        self.amount.unit.map_or(Unit::Wan.as_str(), Unit::as_str)
    }
}

/// A paragraph read into statements.
struct Paragraph<'a> {
    line: LineNo,
    text: &'a str,
    /// Byte ranges of the sentences (split at 。！？).
    sentences: Vec<(usize, usize)>,
    /// Statements with their offsets in `text`.
    statements: Vec<Statement>,
}

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let look = Lookup::new(doc);
    for (line, text) in super::texts(doc, true) {
        let p = read(&look, line, text);
        for s in &p.statements {
            if let Kind::Level {
                named: Some(named),
                previous,
            } = &s.kind
            {
                level(&look, &p, s, named, *previous, out);
            }
        }
        changes::check(&look, &p, out);
        shares::check(&look, &p, out);
    }
    changes::directions(doc, out);
}

/// Words a change ends with, longest first, with their sign.
const CHANGE_WORDS: [(&str, i8); 12] = [
    ("增加", 1),
    ("增长", 1),
    ("上升", 1),
    ("提高", 1),
    ("减少", -1),
    ("下降", -1),
    ("降低", -1),
    ("压减", -1),
    ("节约", -1),
    ("增", 1),
    ("减", -1),
    ("多", 1),
];

/// The sign of a change the words before an amount announce, if they do.
fn change_sign(before: &str) -> Option<i8> {
    let c = compact(before);
    let c = c.trim_end_matches(['了', '约', '达']);
    CHANGE_WORDS
        .iter()
        .find(|(w, _)| c.ends_with(w))
        .map(|(_, s)| *s)
}

/// The year the words before an amount name last (`2022年预算数`).
fn year_before(before: &str) -> Option<u16> {
    let c = compact(before);
    let c = &c[quantities::clause_start(&c)..];
    let p = c.rfind('年')?;
    let digits = &c.as_bytes()[..p];
    let n = digits.len();
    if n < 4 || !digits[n - 4..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&digits[n - 4..]).ok()?.parse().ok()
}

/// Read a paragraph: sentences, and each amount as a level or a change.
fn read<'a>(look: &Lookup, line: LineNo, text: &'a str) -> Paragraph<'a> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, '。' | '！' | '？') {
            sentences.push((start, i + ch.len_utf8()));
            start = i + ch.len_utf8();
        }
    }
    if start < text.len() {
        sentences.push((start, text.len()));
    }
    let mut statements = Vec::new();
    let mut topic: Option<Named> = None;
    for (k, &(s, e)) in sentences.iter().enumerate() {
        let sentence = &text[s..e];
        let amounts = amounts_in_text(sentence);
        if amounts.is_empty() {
            if sentence.chars().count() <= 30 {
                topic = look.resolve(&quantities::clean_label(sentence)).or(topic);
            }
            continue;
        }
        let mut prev = 0;
        for a in amounts {
            let before = &sentence[prev..a.start];
            prev = a.end;
            let Some(wan) = a.amount.in_wan() else {
                continue;
            };
            let kind = statement_kind(look, before, &mut topic);
            statements.push(Statement {
                kind,
                start: a.start + s,
                end: a.end + s,
                amount: a.amount,
                wan,
                sentence: k,
            });
        }
    }
    Paragraph {
        line,
        text,
        sentences,
        statements,
    }
}

/// A level or a change, from the words before the amount.
fn statement_kind(look: &Lookup, before: &str, topic: &mut Option<Named>) -> Kind {
    let doc = look.doc;
    if let Some(sign) = change_sign(before) {
        return Kind::Change { sign };
    }
    let year = year_before(before);
    let previous = match (year, doc.year) {
        (Some(y), Some(report)) if y + 1 == report => true,
        (Some(y), Some(report)) if y != report => return Kind::Elsewhere,
        _ => false,
    };
    let forms = quantities::label_forms(before);
    let label = forms.last().cloned().unwrap_or_default();
    let named = if label.is_empty() {
        forms
            .iter()
            .find_map(|f| look.resolve(f))
            .or_else(|| topic.clone())
    } else {
        forms.iter().find_map(|f| look.resolve(f))
    };
    if !label.is_empty() && named.is_some() {
        topic.clone_from(&named);
    }
    Kind::Level { named, previous }
}

/// A level statement against the tables that hold its quantity.
fn level(
    look: &Lookup,
    p: &Paragraph,
    s: &Statement,
    named: &Named,
    previous: bool,
    out: &mut Vec<Finding>,
) {
    let doc = look.doc;
    let figures = look.figures_of(named, previous);
    let Some(first) = figures.first() else {
        return;
    };
    let scale = |f: &Figure| s.wan.scale().min(f.wan_scale());
    // the same figure printed with fewer decimals (`15621.11` for 156,211,123 元)
    let half_up = rust_decimal::RoundingStrategy::MidpointAwayFromZero;
    let same = |f: &Figure| {
        f.wan.round_dp_with_strategy(scale(f), half_up)
            == s.wan.round_dp_with_strategy(scale(f), half_up)
    };
    if figures.iter().any(same) {
        return;
    }
    if let Some(f) = figures
        .iter()
        .find(|f| judge(f.wan, s.wan, scale(f), 1) == Some(Severity::Rounding))
    {
        rounding(doc, p, s, named, f, scale(f), out);
        return;
    }
    let ten_thousand = Decimal::from(10_000);
    if let Some(f) = figures
        .iter()
        .find(|f| f.wan == s.wan * ten_thousand || f.wan * ten_thousand == s.wan)
    {
        unit_slip(doc, p, s, named, f, out);
        return;
    }
    let severity = if look.derived(named) {
        Severity::Warning
    } else {
        Severity::Error
    };
    let t = &doc.tables[first.table];
    let message = format!(
        "正文称{}为 {} {}，而“{}”中为 {} 万元",
        named.label(doc),
        s.amount.printed,
        s.unit(),
        t.title,
        show(first.wan, first.wan_scale()),
    );
    out.push(
        Finding::new("prose.amount", severity, message)
            .at_line(p.line)
            .figures(
                plain(first.wan, first.wan_scale()),
                plain(s.wan, s.amount.value.scale()),
            ),
    );
}

fn rounding(
    doc: &Document,
    p: &Paragraph,
    s: &Statement,
    named: &Named,
    f: &Figure,
    scale: u32,
    out: &mut Vec<Finding>,
) {
    let message = format!(
        "正文称{}为 {} {}，表中为 {} 万元（尾差）",
        named.label(doc),
        s.amount.printed,
        s.unit(),
        show(f.wan, f.wan_scale())
    );
    out.push(
        Finding::new("prose.amount", Severity::Rounding, message)
            .at_line(p.line)
            .figures(
                plain(f.wan, f.wan_scale()),
                plain(s.wan, scale.max(s.amount.value.scale())),
            ),
    );
}

fn unit_slip(
    doc: &Document,
    p: &Paragraph,
    s: &Statement,
    named: &Named,
    f: &Figure,
    out: &mut Vec<Finding>,
) {
    let table = &doc.tables[f.table];
    let message = format!(
        "正文称{}为 {} {}，“{}”中为 {} 万元：相差一万倍，应是把“万元”写成了“{}”",
        named.label(doc),
        s.amount.printed,
        s.unit(),
        table.title,
        show(f.wan, f.wan_scale()),
        s.unit(),
    );
    out.push(
        Finding::new("prose.unit", Severity::Error, message)
            .at_line(p.line)
            .figures(
                format!("{} 万元", plain(f.wan, f.wan_scale())),
                format!("{} {}", s.amount.printed, s.unit()),
            ),
    );
}

#[cfg(test)]
mod tests {
    use crate::check::{Finding, Severity};
    use crate::parse::parse_text;

    fn prose(text: &str) -> Vec<Finding> {
        let doc = parse_text("t.txt", text);
        let mut out = Vec::new();
        super::check(&doc, &mut out);
        out
    }

    #[test]
    fn comparison_words_between_two_figures() {
        let f = prose("2023年某局部门预算\n\n本年收入 120 万元大于本年支出 130 万元。\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "prose.compare");
        assert_eq!(f[0].found.as_deref(), Some("大于"));
        assert_eq!(f[0].expected.as_deref(), Some("小于"));
        assert!(
            prose("2023年某局部门预算\n\n本年收入 140 万元大于本年支出 130 万元。\n").is_empty()
        );
    }

    #[test]
    fn percentages_of_a_change_are_recomputed() {
        // 4,643 / (19,535 − 4,643) = 31.18%
        assert!(prose("2023年某局部门预算\n\n部门预算收入19,535万元，比2022年增加4,643万元，增长31.18%。\n").is_empty());
        let f = prose(
            "2023年某局部门预算\n\n部门预算收入19,535万元，比2022年增加4,643万元，增长35%。\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "prose.percent");
        assert_eq!(f[0].expected.as_deref(), Some("31.18%"));
    }

    #[test]
    fn shares_of_a_named_or_listed_whole() {
        // the parts listed make the whole when their shares make 100%
        let listed = "2024年某局部门决算\n\n本年支出合计200万元。“三公”经费支出决算中，因公出国（境）费4.69万元，占10.15%；公务用车费40.61万元，占87.88%；公务接待费0.9万元，占1.95%。\n";
        assert!(prose(listed).is_empty(), "{:?}", prose(listed));
        // a whole no table holds: nothing to decide
        let unknown = "2024年某局部门决算\n\n预算总额100万元，授予中小企业合同金额80万元，占授予合同金额的55%。\n";
        assert!(prose(unknown).is_empty(), "{:?}", prose(unknown));
        // an implied whole still checked
        let wrong = "2024年某局部门决算\n\n支出100万元，其中甲80万元，占70%。\n";
        assert_eq!(prose(wrong).len(), 1);
    }

    #[test]
    fn parts_of_the_spending_are_not_the_spending() {
        // with no table nothing resolves to figures; the words must not name the total
        for text in [
            "基本支出预算",
            "会议费预算支出",
            "政府性基金支出预算支出",
            "一般公共预算支出",
        ] {
            let doc = parse_text("t.txt", "2023年某局部门预算\n");
            let named = super::quantities::resolve(&doc, text);
            assert_ne!(named, Some(super::Named::SpendingTotal), "{text}");
        }
        let doc = parse_text("t.txt", "2023年某局部门预算\n");
        assert_eq!(
            super::quantities::resolve(&doc, "部门支出预算"),
            Some(super::Named::SpendingTotal)
        );
        assert_eq!(
            super::quantities::resolve(&doc, "财政拨款基本支出预算"),
            Some(super::Named::Basic)
        );
        assert_eq!(
            super::quantities::resolve(&doc, "上年结转结余的一般公共预算收入"),
            None
        );
    }

    #[test]
    fn shares_and_breakdowns() {
        let ok = "2023年某局部门预算\n\n国有资产总额1574.39万元，其中：流动资产256.81万元，占比16.31%；固定资产1162.8万元，占比73.86%；无形资产154.78万元，占比9.83%。\n";
        assert!(prose(ok).is_empty(), "{:?}", prose(ok));
        let f = prose(
            "2023年某局部门预算\n\n国有资产总额1574.39万元，其中：流动资产256.81万元，占比26.31%；固定资产1162.8万元。\n",
        );
        let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"prose.percent"), "{f:?}");
        // 其中 listing more than the whole
        let f =
            prose("2023年某局部门预算\n\n采购预算100万元，其中货物采购60万元、服务采购50万元。\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].rule, f[0].severity),
            ("prose.breakdown", Severity::Error)
        );
        // 主要包括 may leave some out
        assert!(
            prose("2023年某局部门预算\n\n经费100万元，主要包括：甲费60万元，乙费30万元。\n")
                .is_empty()
        );
    }

    #[test]
    fn a_change_beside_unchanged() {
        let f =
            prose("2023年某局部门预算\n\n公务接待费2023年预算数10万元，与2022年增加10万元持平。\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "prose.compare");
        // 持平 of another clause is not this change's
        assert!(
            prose("2023年某局部门预算\n\n甲费10万元与上年持平、乙费20万元比上年增加5万元。\n")
                .is_empty()
        );
    }

    #[test]
    fn labels_before_figures() {
        use super::quantities::clean_label;
        assert_eq!(clean_label("（一）人员支出"), "人员支出");
        assert_eq!(clean_label("3.公务用车购置和运行维护费。2023年预算数"), "");
        assert_eq!(
            clean_label("其中：公务用车购置费2020年预算数"),
            "公务用车购置费"
        );
        assert_eq!(clean_label("重大案（事）件处置 "), "重大案（事）件处置");
        assert_eq!(
            clean_label("公务用车购置及运维费97.26万元（其中：公务用车购置费为"),
            "公务用车购置费"
        );
    }
}
