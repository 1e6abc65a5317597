//! Money units as printed around figures: 元 (yuan), 千元 (thousand), 万元
//! (ten thousand, the usual unit), 亿元 (hundred million); stated on a line of
//! their own (`单位：万元`) or inside a label (`预算数（万元）`).

use super::chars::compact;
use crate::model::Unit;

/// Parse a "unit" statement: `单位：万元`, `单位: 元`, `金额单位：万元`,
/// `（单位：万元）`. Returns the unit.
pub(super) fn unit_statement(s: &str) -> Option<Unit> {
    let c = compact(s);
    let c = c.trim_matches(|ch| matches!(ch, '(' | ')' | '（' | '）'));
    let rest = c
        .strip_prefix("金额单位")
        .or_else(|| c.strip_prefix("单位"))
        .or_else(|| c.strip_prefix("计量单位"))?;
    let rest = rest.trim_start_matches([':', '：']);
    unit_word(rest)
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
}
