//! The kind of a table, from its title: the standard tables of a disclosure
//! (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表 by function or
//! by economic class, 基本支出表, 项目支出表, “三公”经费表, 政府性基金 / 国有资本经营
//! 预算支出表, 政府采购, 固定资产) under one name whatever the region prints
//! (`部门预算财政拨款“三公”经费支出表`, `“三公”经费财政拨款预算情况表` and
//! `一般公共预算“三公”经费支出表` are all `三公经费`).
//!
//! The parser's class of the table (`Table::kind`) decides when it names one;
//! the title is read for the tables it leaves a plain grid.

use crate::model::{Table, TableKind};
use crate::parse::compact;

/// Kinds, most specific first: the name, and words that must all be in the
/// title (any one of the alternatives separated by `|`).
const KINDS: &[(&str, &[&str])] = &[
    ("三公经费", &["三公"]),
    ("政府采购", &["采购"]),
    ("固定资产", &["固定资产"]),
    ("政府性基金预算支出表", &["政府性基金"]),
    ("国有资本经营预算支出表", &["国有资本经营"]),
    ("上级转移支付", &["转移支付"]),
    ("财政拨款收支总表", &["拨款收支"]),
    ("收支总表", &["收支"]),
    ("收入总表", &["收入"]),
    ("基本支出表", &["基本支出"]),
    ("项目支出表", &["项目支出"]),
    (
        "一般公共预算支出表（经济分类）",
        &["一般公共预算", "经济分类"],
    ),
    ("一般公共预算支出表", &["一般公共预算", "支出"]),
    ("支出总表", &["支出"]),
];

/// The short name of a class of table the parser knows.
fn class_name(kind: TableKind) -> Option<&'static str> {
    Some(match kind {
        TableKind::Grid => return None,
        TableKind::ProjectPerformance | TableKind::DepartmentPerformance => "绩效目标",
        TableKind::IncomeExpenditure => "收支总表",
        TableKind::Income => "收入总表",
        TableKind::Expenditure => "支出总表",
        TableKind::FiscalIncomeExpenditure => "财政拨款收支总表",
        TableKind::GeneralBudgetExpenditure => "一般公共预算支出表",
        TableKind::GeneralBudgetEconomic => "一般公共预算支出表（经济分类）",
        TableKind::BasicExpenditure => "基本支出表",
        TableKind::ProjectExpenditure => "项目支出表",
        TableKind::ThreePublic => "三公经费",
        TableKind::GovernmentFund => "政府性基金预算支出表",
        TableKind::StateCapital => "国有资本经营预算支出表",
        TableKind::Procurement => "政府采购",
        TableKind::TransferPayment => "上级转移支付",
        TableKind::FixedAssets => "固定资产",
        TableKind::ProjectList => "项目情况表",
    })
}

/// The kind of a table: the parser's class (`三公经费`, `收支总表`, …,
/// `绩效目标` for performance tables), else one of the standard names above
/// read from the title, else the title without its department and year
/// words (`机构设置`).
pub fn table_kind_key(t: &Table) -> String {
    if let Some(name) = class_name(t.kind) {
        return name.to_string();
    }
    let title = compact(&t.title);
    for (name, words) in KINDS {
        let all = words
            .iter()
            .all(|w| w.split('|').any(|alt| title.contains(alt)));
        if all {
            return name.to_string();
        }
    }
    let mut rest = title.to_string();
    for word in ["部门预算", "部门决算", "部门", "预算", "情况"] {
        rest = rest.replace(word, "");
    }
    if rest.is_empty() {
        title.into_owned()
    } else {
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str) -> String {
        table_kind_key(&Table {
            title: title.into(),
            ..Table::default()
        })
    }

    #[test]
    fn regions_print_one_kind_many_ways() {
        for t in [
            "部门预算财政拨款“三公”经费支出表",
            "“三公”经费财政拨款预算情况表",
            "一般公共预算“三公”经费支出表",
        ] {
            assert_eq!(kind(t), "三公经费", "{t}");
        }
        assert_eq!(kind("部门预算收支总表"), "收支总表");
        assert_eq!(kind("收支预算总表"), "收支总表");
        assert_eq!(kind("部门预算财政拨款收支总表"), "财政拨款收支总表");
        assert_eq!(kind("政府预算拨款收支总表"), "财政拨款收支总表");
        assert_eq!(kind("部门预算一般公共预算财政拨款基本支出表"), "基本支出表");
        assert_eq!(
            kind("一般公共预算支出表（按经济分类）"),
            "一般公共预算支出表（经济分类）"
        );
        assert_eq!(kind("一般公共预算支出情况表"), "一般公共预算支出表");
        assert_eq!(
            kind("部门预算一般公共预算财政拨款支出表"),
            "一般公共预算支出表"
        );
        assert_eq!(kind("部门预算支出总表"), "支出总表");
        assert_eq!(kind("部门预算收入总表"), "收入总表");
        assert_eq!(kind("收入预算表"), "收入总表");
        assert_eq!(kind("部门固定资产占用情况表"), "固定资产");
        assert_eq!(kind("部门机构设置情况"), "机构设置");
    }
}
