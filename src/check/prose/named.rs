//! The quantities a sentence of a disclosure can state (`收入`, `人员经费`,
//! `“三公”经费`, a subject by its code, a project), and what a message calls
//! them.
//!
//! Domain words: 人员经费 = staff costs; 公用经费 = office costs; 机关运行经费 =
//! an office's running costs; “三公”经费 = 因公出国（境）费 + 公务用车购置及运行
//! 维护费 + 公务接待费; 科目 = a subject of the budget classification (类 款 项).

use crate::model::Document;

/// A quantity the text can state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Named {
    IncomeTotal,
    SpendingTotal,
    GeneralIncome,
    Basic,
    Projects,
    Personnel,
    Public,
    Household,
    OfficeRunning,
    ThreePublic,
    Abroad,
    Reception,
    Cars,
    CarPurchase,
    CarRunning,
    Procurement,
    Transfer,
    Assets,
    /// A subject by its code.
    Subject(String),
    /// A project by its index.
    Project(usize),
}

impl Named {
    /// What a message calls it.
    pub(super) fn label(&self, doc: &Document) -> String {
        let s = match self {
            Named::IncomeTotal => "收入",
            Named::SpendingTotal => "支出",
            Named::GeneralIncome => "一般公共预算收入",
            Named::Basic => "基本支出",
            Named::Projects => "项目支出",
            Named::Personnel => "人员经费",
            Named::Public => "公用经费",
            Named::Household => "对个人和家庭的补助",
            Named::OfficeRunning => "机关运行经费",
            Named::ThreePublic => "“三公”经费",
            Named::Abroad => "因公出国（境）费",
            Named::Reception => "公务接待费",
            Named::Cars => "公务用车购置及运行维护费",
            Named::CarPurchase => "公务用车购置费",
            Named::CarRunning => "公务用车运行维护费",
            Named::Procurement => "政府采购预算",
            Named::Transfer => "上级专项转移支付",
            Named::Assets => "资产总额",
            Named::Subject(code) => return format!("科目 {code}"),
            Named::Project(p) => {
                return format!("项目“{}”", doc.projects.get(*p).map_or("", |p| &p.name));
            }
        };
        s.to_string()
    }

    /// A 三公 quantity (its table has a row or a column per year).
    pub(super) fn three_public(&self) -> bool {
        matches!(
            self,
            Named::ThreePublic
                | Named::Abroad
                | Named::Reception
                | Named::Cars
                | Named::CarPurchase
                | Named::CarRunning
        )
    }
}
