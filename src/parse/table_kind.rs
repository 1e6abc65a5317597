//! Table kinds: what a grid is (收支总表, 支出总表, “三公”经费表, …), whatever
//! its title in a region, from the words of its title and, when the title
//! names nothing, the shape of its header.
//!
//! Domain words: 收支总表 = income and expenditure summary (two sides);
//! 财政拨款 = money appropriated by the finance bureau; 一般公共预算 = the
//! general public budget; 政府性基金 = government funds; 国有资本经营 =
//! state capital operations; 基本支出 = running costs (人员经费 staff +
//! 公用经费 office); 项目支出 = project spending; “三公”经费 = travel abroad,
//! official cars, official receptions; 政府采购 = government procurement;
//! 决算 = final accounts (the same tables, with 决算 in their titles).

use super::chars::{self, compact};
use crate::model::{Table, TableKind};

/// Refine the kind of every grid table (performance tables keep theirs).
pub(super) fn classify_all(tables: &mut [Table]) {
    for t in tables.iter_mut() {
        if t.kind == TableKind::Grid {
            t.kind = classify(t);
        }
    }
}

/// The kind of one grid table: by title, else by header.
fn classify(t: &Table) -> TableKind {
    let kind = kind_of_title(&t.title);
    if kind != TableKind::Grid {
        return kind;
    }
    kind_of_header(t)
}

/// The kind a table title names, `Grid` when it names none. Also used for
/// the entries of a table of contents.
pub fn kind_of_title(title: &str) -> TableKind {
    let c = compact(title);
    let has = |w: &str| chars::has(&c, w);
    if has("绩效目标") || has("绩效表") || has("名词解释") || has("机构设置") {
        return TableKind::Grid;
    }
    if has("三公") {
        return TableKind::ThreePublic;
    }
    if has("采购") {
        return TableKind::Procurement;
    }
    if has("政府性基金") {
        return TableKind::GovernmentFund;
    }
    if has("国有资本经营") {
        return TableKind::StateCapital;
    }
    if has("转移支付") {
        return TableKind::TransferPayment;
    }
    if has("固定资产") || has("国有资产") || has("资产占用") {
        return TableKind::FixedAssets;
    }
    if let Some(k) = budget_table_kind(&c) {
        return k;
    }
    if has("项目") && (has("情况") || has("明细") || has("清单") || has("重点") || has("表"))
    {
        return TableKind::ProjectList;
    }
    TableKind::Grid
}

/// The standard budget / final-accounts tables named by their title words.
fn budget_table_kind(c: &str) -> Option<TableKind> {
    let has = |w: &str| chars::has(c, w);
    let is_table = has("表") || has("情况");
    if !is_table {
        return None;
    }
    let two_sided = has("收支") || has("收入支出");
    let fiscal = has("财政拨款") || has("政府预算拨款") || has("财政预算拨款");
    if two_sided {
        return Some(if fiscal {
            TableKind::FiscalIncomeExpenditure
        } else {
            TableKind::IncomeExpenditure
        });
    }
    if has("基本支出") {
        return Some(TableKind::BasicExpenditure);
    }
    if has("项目支出") {
        return Some(TableKind::ProjectExpenditure);
    }
    if has("一般公共预算") && has("支出") {
        return Some(if has("经济分类") {
            TableKind::GeneralBudgetEconomic
        } else {
            TableKind::GeneralBudgetExpenditure
        });
    }
    if has("收入") && !has("支出") {
        return Some(TableKind::Income);
    }
    if has("支出") && !has("收入") {
        return Some(TableKind::Expenditure);
    }
    None
}

/// The kind a header says, for a table whose title names none.
fn kind_of_header(t: &Table) -> TableKind {
    let words: Vec<String> = t
        .header
        .iter()
        .flatten()
        .map(|c| compact(c).into_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let any = |w: &str| words.iter().any(|c| chars::has(c, w));
    let exact = |w: &str| words.iter().any(|c| c == w);
    if any("因公出国") && any("公务接待") {
        return TableKind::ThreePublic;
    }
    if any("采购") && (any("采购品目") || any("采购目录") || any("采购项目")) {
        return TableKind::Procurement;
    }
    if exact("收入") && exact("支出") {
        return TableKind::IncomeExpenditure;
    }
    if any("人员经费") && any("公用经费") {
        return TableKind::BasicExpenditure;
    }
    if any("科目") && any("基本支出") && any("项目支出") {
        return TableKind::Expenditure;
    }
    if any("项目名称") && words.len() <= 12 {
        return TableKind::ProjectList;
    }
    TableKind::Grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_every_region_name_their_kind() {
        let cases = [
            ("部门预算收支总表", TableKind::IncomeExpenditure),
            ("收支预算总表", TableKind::IncomeExpenditure),
            ("收入支出决算总表", TableKind::IncomeExpenditure),
            ("部门预算收入总表", TableKind::Income),
            ("收入预算表", TableKind::Income),
            ("收入决算表", TableKind::Income),
            ("支出总表", TableKind::Expenditure),
            ("支出决算表", TableKind::Expenditure),
            ("政府预算拨款收支总表", TableKind::FiscalIncomeExpenditure),
            ("财政拨款收支总体情况表", TableKind::FiscalIncomeExpenditure),
            (
                "财政拨款收入支出决算总表",
                TableKind::FiscalIncomeExpenditure,
            ),
            (
                "部门预算一般公共预算财政拨款支出表",
                TableKind::GeneralBudgetExpenditure,
            ),
            (
                "一般公共预算支出情况表",
                TableKind::GeneralBudgetExpenditure,
            ),
            (
                "一般公共预算支出表（按经济分类）",
                TableKind::GeneralBudgetEconomic,
            ),
            (
                "部门预算一般公共预算财政拨款基本支出表",
                TableKind::BasicExpenditure,
            ),
            ("基本支出预算表", TableKind::BasicExpenditure),
            ("项目支出预算表", TableKind::ProjectExpenditure),
            ("一般公共预算“三公”经费支出表", TableKind::ThreePublic),
            ("财政拨款“三公”经费支出决算表", TableKind::ThreePublic),
            ("政府性基金预算支出情况表", TableKind::GovernmentFund),
            ("国有资本经营预算财政拨款支出表", TableKind::StateCapital),
            ("部门政府采购预算", TableKind::Procurement),
            ("上级专项转移支付资金情况表", TableKind::TransferPayment),
            ("部门固定资产占用情况表", TableKind::FixedAssets),
            ("部门预算绩效管理项目情况表", TableKind::ProjectList),
            ("重点项目预算绩效情况说明", TableKind::ProjectList),
            ("功能分类名词解释：", TableKind::Grid),
            ("部门机构设置情况", TableKind::Grid),
            ("项目支出绩效目标表", TableKind::Grid),
        ];
        for (title, kind) in cases {
            assert_eq!(kind_of_title(title), kind, "{title}");
        }
    }

    #[test]
    fn an_untitled_table_is_named_by_its_header() {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let t = Table {
            header: vec![
                s(&["收 入", "", "支 出", ""]),
                s(&["项目", "预算数", "项目", "预算数"]),
            ]
            .into(),
            ..Table::default()
        };
        assert_eq!(classify(&t), TableKind::IncomeExpenditure);
        let t = Table {
            header: vec![s(&["科目编码", "科目名称", "合计", "人员经费", "公用经费"])].into(),
            ..Table::default()
        };
        assert_eq!(classify(&t), TableKind::BasicExpenditure);
    }
}
