//! The typed query: words plus an optional amount filter.
//!
//! - Words are separated by whitespace; an item must match every word.
//! - The first token that reads as an amount becomes the filter (later ones
//!   are words): `4800`, `4,800`, `4800.00`, `4800万元`, `48000000元`,
//!   `1.2亿`, `=397.1`, `>=1000`, `>1000`, `<50`, `<=50`, `≥1000`, `100..500`,
//!   `100-500`, `100~500`, `100至500` (ranges are inclusive, either order).
//!   A bare number is in 万元; a unit converts exactly (`rust_decimal`).
//!   An operator or a unit may stand apart from its number (`>= 1000`,
//!   `4800 万元`, `100 .. 500`).
//! - A bare whole number of 3, 5 or 7 digits (the length of classification
//!   codes: `204`, `20402`, `2040201`) also matches rows and projects with that
//!   code.
//! - Full-width characters are folded (`＞＝１０００`). Queries longer than
//!   [`MAX_QUERY_CHARS`] characters are cut; at most [`MAX_TERMS`] words count.

use rust_decimal::Decimal;

use super::text::{fold_char, folds_to_itself_only, mask_of, normalize};
use crate::model::Unit;
use crate::parse::amount::parse_amount_with_unit;

/// Characters of a query looked at.
pub const MAX_QUERY_CHARS: usize = 256;
/// Words of a query looked at.
pub const MAX_TERMS: usize = 16;

/// A filter on amounts, all in 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountFilter {
    /// Equal whatever the printing (`397.1` = `397.10`).
    Eq(Decimal),
    Gt(Decimal),
    Ge(Decimal),
    Lt(Decimal),
    Le(Decimal),
    /// Inclusive, low ≤ high.
    Between(Decimal, Decimal),
}

impl AmountFilter {
    /// True when `amount` (in 万元) passes the filter.
    pub fn matches(&self, amount: Decimal) -> bool {
        match *self {
            AmountFilter::Eq(v) => amount == v,
            AmountFilter::Gt(v) => amount > v,
            AmountFilter::Ge(v) => amount >= v,
            AmountFilter::Lt(v) => amount < v,
            AmountFilter::Le(v) => amount <= v,
            AmountFilter::Between(lo, hi) => lo <= amount && amount <= hi,
        }
    }
}

/// One word of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Normalized like the index keys.
    pub text: String,
    /// Length in characters.
    pub chars: usize,
    /// [`super::text::mask_of`] of the text.
    pub mask: u64,
    /// True when the term is made of ASCII letters only (pinyin can match).
    pub pinyin: bool,
    /// True when every character is one that only itself folds to
    /// ([`super::text::folds_to_itself_only`]): an item whose text folds
    /// character for character holds the term in its key where it holds it
    /// in its text, so the key need not be made.
    pub plain: bool,
    /// The first character that only itself folds to: a key without it in
    /// its text cannot hold the term, even with characters between.
    pub anchor: Option<char>,
}

impl Term {
    fn new(text: String) -> Term {
        Term {
            chars: text.chars().count(),
            mask: mask_of(&text),
            pinyin: !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase()),
            plain: text.chars().all(folds_to_itself_only),
            anchor: text.chars().find(|&c| folds_to_itself_only(c)),
            text,
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
    pub filter: Option<AmountFilter>,
    /// A bare number shaped like a classification code (3, 5 or 7 digits).
    pub code: Option<String>,
}

impl Query {
    /// True when the query can match nothing (no words, no filter).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filter.is_none()
    }
}

/// Parse what the person typed. Never fails: what is not an amount is a word.
pub fn parse(input: &str) -> Query {
    let input = super::text::truncate_chars(input, MAX_QUERY_CHARS);
    let folded = fold_query(input);
    let tokens = join_tokens(folded.split_whitespace().collect());
    let mut q = Query::default();
    for tok in tokens {
        if q.filter.is_none()
            && let Some(f) = parse_filter(&tok)
        {
            q.filter = Some(f);
            if is_code_shaped(&tok) {
                q.code = Some(tok);
            }
            continue;
        }
        if q.terms.len() >= MAX_TERMS {
            continue;
        }
        let text = normalize(&tok);
        if !text.is_empty() && !q.terms.iter().any(|t| t.text == text) {
            q.terms.push(Term::new(text));
        }
    }
    q
}

/// The whole input as one word, numbers and all (spaces dropped like in the
/// index keys): a phrase to look for as text.
pub fn phrase(input: &str) -> Query {
    let text = normalize(super::text::truncate_chars(input, MAX_QUERY_CHARS));
    Query {
        terms: if text.is_empty() {
            Vec::new()
        } else {
            vec![Term::new(text)]
        },
        filter: None,
        code: None,
    }
}

/// Full-width → half-width (keeping whitespace as separators), `≥`/`≧` →
/// `>=`, `≤`/`≦` → `<=`, `～` → `~`, `ü` → `v`.
fn fold_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '≥' | '≧' => out.push_str(">="),
            '≤' | '≦' => out.push_str("<="),
            'ü' | 'Ü' => out.push('v'),
            c if c.is_whitespace() => out.push(' '),
            c => match fold_char(c) {
                Some(f) => out.push(f),
                None => out.push(' '),
            },
        }
    }
    out
}

const OPERATORS: &[&str] = &[">=", "<=", "==", ">", "<", "="];

const RANGE_SEPARATORS: &[&str] = &["..", "~", "至", "到", "-"];

/// Glue operators, units and range separators typed apart to their numbers.
fn join_tokens(raw: Vec<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let tok = raw[i];
        // `>= 1000`
        if OPERATORS.contains(&tok) && i + 1 < raw.len() {
            out.push(format!("{tok}{}", raw[i + 1]));
            i += 2;
            continue;
        }
        if let Some(prev) = out.last_mut() {
            let prev_numeric = parse_filter(prev).is_some();
            // `4800 万元`
            if Unit::from_word(tok).is_some() && prev_numeric {
                let joined = format!("{prev}{tok}");
                if parse_filter(&joined).is_some() {
                    *prev = joined;
                    i += 1;
                    continue;
                }
            }
            // `100 .. 500`, `100 ..500`, `100.. 500`
            if prev_numeric && i + 1 < raw.len() {
                let joined = format!("{prev}{tok}{}", raw[i + 1]);
                if RANGE_SEPARATORS.contains(&tok) && parse_filter(&joined).is_some() {
                    *prev = joined;
                    i += 2;
                    continue;
                }
            }
            let joined = format!("{prev}{tok}");
            let sep_end = RANGE_SEPARATORS.iter().any(|s| prev.ends_with(s));
            let sep_start = RANGE_SEPARATORS.iter().any(|s| tok.starts_with(s));
            if (sep_end || sep_start) && parse_filter(&joined).is_some() {
                *prev = joined;
                i += 1;
                continue;
            }
        }
        out.push(tok.to_string());
        i += 1;
    }
    out
}

/// A whole token as an amount filter.
pub fn parse_filter(tok: &str) -> Option<AmountFilter> {
    let tok = tok.trim();
    for op in OPERATORS {
        if let Some(rest) = tok.strip_prefix(op) {
            let v = number_in_wan(rest, None)?;
            return Some(match *op {
                ">=" => AmountFilter::Ge(v),
                "<=" => AmountFilter::Le(v),
                ">" => AmountFilter::Gt(v),
                "<" => AmountFilter::Lt(v),
                _ => AmountFilter::Eq(v),
            });
        }
    }
    if let Some(v) = number_in_wan(tok, None) {
        return Some(AmountFilter::Eq(v));
    }
    for sep in RANGE_SEPARATORS {
        // Skip a leading sign: `-5..5` splits after it.
        let search_from = tok.chars().next().map_or(0, |c| c.len_utf8());
        let Some(pos) = tok.get(search_from..).and_then(|r| r.find(sep)) else {
            continue;
        };
        let at = search_from + pos;
        let (Some(a), Some(b)) = (tok.get(..at), tok.get(at + sep.len()..)) else {
            continue;
        };
        // `100-500万元`: the unit of the high end applies to a bare low end.
        let b_unit = parse_amount_with_unit(b).and_then(|(_, u)| u);
        let (Some(lo), Some(hi)) = (number_in_wan(a, b_unit), number_in_wan(b, None)) else {
            continue;
        };
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        return Some(AmountFilter::Between(lo, hi));
    }
    None
}

/// A number with an optional unit, in 万元 (`default_unit` when none is printed,
/// else 万元).
fn number_in_wan(s: &str, default_unit: Option<Unit>) -> Option<Decimal> {
    let (value, unit) = parse_amount_with_unit(s)?;
    unit.or(default_unit)
        .unwrap_or(Unit::Wan)
        .convert(value, Unit::Wan)
}

/// 3, 5 or 7 ASCII digits and nothing else.
fn is_code_shaped(tok: &str) -> bool {
    matches!(tok.len(), 3 | 5 | 7) && tok.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn filter(s: &str) -> Option<AmountFilter> {
        parse(s).filter
    }

    #[test]
    fn every_printing_of_one_amount() {
        for s in [
            "4800",
            "4,800",
            "4800.00",
            "4800万元",
            "4800 万元",
            "4800万",
            "48000000元",
            "48,000,000 元",
            "0.48亿元",
            "=4800",
            "== 4800",
            "４８００",
        ] {
            assert_eq!(filter(s), Some(AmountFilter::Eq(d("4800"))), "{s}");
        }
        assert_eq!(filter("397.1"), filter("397.10"));
        assert!(filter("397.1").is_some_and(|f| f.matches(d("397.10"))));
        assert_eq!(filter("12345元"), Some(AmountFilter::Eq(d("1.2345"))));
    }

    #[test]
    fn comparisons() {
        assert_eq!(filter(">=1000"), Some(AmountFilter::Ge(d("1000"))));
        assert_eq!(filter(">= 1000"), Some(AmountFilter::Ge(d("1000"))));
        assert_eq!(filter("≥1000"), Some(AmountFilter::Ge(d("1000"))));
        assert_eq!(filter("＞＝１０００"), Some(AmountFilter::Ge(d("1000"))));
        assert_eq!(filter(">1000"), Some(AmountFilter::Gt(d("1000"))));
        assert_eq!(filter("<50"), Some(AmountFilter::Lt(d("50"))));
        assert_eq!(filter("<=50"), Some(AmountFilter::Le(d("50"))));
        assert_eq!(filter("≤50"), Some(AmountFilter::Le(d("50"))));
        assert_eq!(filter("<500000元"), Some(AmountFilter::Lt(d("50"))));
        let f = filter(">=1000").expect("filter");
        assert!(f.matches(d("1000")) && f.matches(d("1000.01")) && !f.matches(d("999.99")));
        let f = filter("<50").expect("filter");
        assert!(!f.matches(d("50")) && f.matches(d("49.9")));
    }

    #[test]
    fn ranges() {
        let want = Some(AmountFilter::Between(d("100"), d("500")));
        for s in [
            "100..500",
            "100 .. 500",
            "100.. 500",
            "100 ..500",
            "100-500",
            "100~500",
            "100～500",
            "100至500",
            "500..100",
            "100-500万元",
            "1000000..5000000元",
        ] {
            assert_eq!(filter(s), want, "{s}");
        }
        let f = filter("100..500").expect("filter");
        assert!(f.matches(d("100")) && f.matches(d("500")) && !f.matches(d("500.01")));
        assert_eq!(
            filter("-5..5"),
            Some(AmountFilter::Between(d("-5"), d("5")))
        );
    }

    #[test]
    fn words_and_numbers() {
        let q = parse("智慧 300");
        assert_eq!(q.filter, Some(AmountFilter::Eq(d("300"))));
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].text, "智慧");
        let q = parse("300 智慧 社区");
        assert_eq!(q.terms.len(), 2);
        assert!(q.filter.is_some());
        // Only the first number is a filter.
        let q = parse("100 200");
        assert_eq!(q.filter, Some(AmountFilter::Eq(d("100"))));
        assert_eq!(q.terms[0].text, "200");
        assert_eq!(q.code.as_deref(), Some("100"));
    }

    #[test]
    fn words_only() {
        let q = parse("  智慧社区  ");
        assert!(q.filter.is_none());
        assert_eq!(q.terms[0].text, "智慧社区");
        assert!(!q.terms[0].pinyin);
        let q = parse("ZHSQ");
        assert!(q.terms[0].pinyin);
        assert_eq!(q.terms[0].text, "zhsq");
        assert!(parse("lüse").terms[0].pinyin);
        assert_eq!(parse("（二期）").terms[0].text, "(二期)");
        for s in ["", "   ", "\t\n"] {
            assert!(parse(s).is_empty(), "{s:?}");
        }
    }

    #[test]
    fn codes() {
        assert_eq!(parse("2040201").code.as_deref(), Some("2040201"));
        assert_eq!(parse("20402").code.as_deref(), Some("20402"));
        assert_eq!(parse("4800").code, None);
        assert_eq!(parse("204.00").code, None);
    }

    #[test]
    fn odd_input_is_words() {
        for s in [
            ">=", "..", "-", "<", "=", ">=abc", "1..", "..5", "1,23", "1.2.3", "((", "%",
        ] {
            let q = parse(s);
            assert!(q.filter.is_none(), "{s}");
        }
        assert_eq!(parse("1..").terms[0].text, "1..");
        let long = "智".repeat(10_000);
        assert_eq!(parse(&long).terms[0].chars, MAX_QUERY_CHARS);
        let many = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(parse(&many).terms.len(), MAX_TERMS);
    }
}
