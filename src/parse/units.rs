//! Money units as printed around figures: 元 (yuan), 千元 (thousand), 万元
//! (ten thousand, the usual unit), 亿元 (hundred million); stated on a line of
//! their own (`单位：万元`) or inside a label (`预算数（万元）`).

use super::chars::compact;
use crate::model::Unit;

/// Parse a "unit" statement: `单位：万元`, `单位: 元`, `金额单位：万元`,
/// `（单位：万元）`. Returns the unit.
pub(super) fn unit_statement(s: &str) -> Option<Unit> {
    if !opens_like_statement(s) {
        return None;
    }
    unit_statement_compacted(&compact(s))
}

/// [`unit_statement`] of a text already compacted (`compact(c) == c`).
pub(super) fn unit_statement_compacted(c: &str) -> Option<Unit> {
    if !opens_like_statement(c) {
        return None;
    }
    let c = trim_parens(c);
    let rest = c
        .strip_prefix("金额单位")
        .or_else(|| c.strip_prefix("单位"))
        .or_else(|| c.strip_prefix("计量单位"))?;
    let rest = rest.trim_start_matches([':', '：']);
    unit_word(rest)
}

/// Whether the first character that is neither whitespace nor a bracket
/// is 金, 单 or 计: true of every unit statement, before or after
/// compacting (compacting drops whitespace only), false of most lines.
pub(super) fn opens_like_statement(s: &str) -> bool {
    s.chars()
        .find(|&ch| !(ch.is_whitespace() || matches!(ch, '(' | ')' | '（' | '）')))
        .is_some_and(|ch| matches!(ch, '金' | '单' | '计'))
}

/// `s.trim_matches(['(', ')', '（', '）'])`, on bytes (the brackets are
/// `(` `)` and EF BC 88 / EF BC 89).
pub(super) fn trim_parens(s: &str) -> &str {
    let mut b = s.as_bytes();
    while let [b'(' | b')', rest @ ..] | [0xEF, 0xBC, 0x88 | 0x89, rest @ ..] = b {
        b = rest;
    }
    let start = s.len() - b.len();
    while let [rest @ .., b'(' | b')'] | [rest @ .., 0xEF, 0xBC, 0x88 | 0x89] = b {
        b = rest;
    }
    // whole characters were stepped over: both ends are character boundaries
    &s[start..start + b.len()]
}

/// The unit at the start of the text: `万元`, `千元`, `百万元`, `亿元`, `元`.
pub fn unit_word(s: &str) -> Option<Unit> {
    let s = s.trim();
    [
        Unit::Wan,
        Unit::ThousandYuan,
        Unit::MillionYuan,
        Unit::Yi,
        Unit::Yuan,
    ]
    .into_iter()
    .find(|u| s.starts_with(u.as_str()))
}

/// A unit stated inside a header or label: `资金总额 (万元)`, `预算数（万元）`,
/// `价 值（金额单位：万元）`.
pub fn unit_in_label(s: &str) -> Option<Unit> {
    let c = compact(s);
    let open = c.find(['(', '（'])?;
    let inner = &c[open..];
    let inner = inner.trim_start_matches(['(', '（']);
    let inner = inner
        .strip_prefix("金额单位")
        .or_else(|| inner.strip_prefix("单位"))
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(inner);
    unit_word(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(unit_statement("单位：万元"), Some(Unit::Wan));
        assert_eq!(unit_statement("单位： 万元"), Some(Unit::Wan));
        assert_eq!(unit_statement("金额单位：元"), Some(Unit::Yuan));
        assert_eq!(unit_statement("单位：百万元"), Some(Unit::MillionYuan));
        assert_eq!(unit_statement("单位名称：深圳市公安局罗湖分局"), None);
        assert_eq!(unit_in_label("资金总额 (万元)"), Some(Unit::Wan));
        assert_eq!(unit_in_label("价 值（金额单位：万元）"), Some(Unit::Wan));
        assert_eq!(unit_in_label("预算数（万元）"), Some(Unit::Wan));
        assert_eq!(unit_in_label("预算数"), None);
    }

    /// `unit_statement` as first written.
    fn reference_unit_statement(s: &str) -> Option<Unit> {
        let c = compact(s);
        let c = c.trim_matches(|ch| matches!(ch, '(' | ')' | '（' | '）'));
        let rest = c
            .strip_prefix("金额单位")
            .or_else(|| c.strip_prefix("单位"))
            .or_else(|| c.strip_prefix("计量单位"))?;
        let rest = rest.trim_start_matches([':', '：']);
        unit_word(rest)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn unit_statements_as_first_written(
            s in "[(（)） \t\u{3000}\u{a0}]{0,3}(金额|计量)?单?位?[:： ]{0,2}[百千万亿元 a]{0,3}[)）]{0,2}",
        ) {
            proptest::prop_assert_eq!(unit_statement(&s), reference_unit_statement(&s));
            let c = compact(&s);
            proptest::prop_assert_eq!(unit_statement_compacted(&c), reference_unit_statement(&c));
        }

        #[test]
        fn trim_parens_is_trim_matches(s in "[(（)）a年 ]{0,8}") {
            proptest::prop_assert_eq!(trim_parens(&s), s.trim_matches(['(', ')', '（', '）']));
        }
    }
}
