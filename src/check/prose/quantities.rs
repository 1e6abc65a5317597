//! Which quantity a sentence's words name (`部门预算收入`, `人员支出`,
//! `公务接待费`, `公共安全支出`, a project's name), looked up once per document
//! ([`Lookup`]); the figures that hold it are in `table_figures`.
//!
//! Domain words: 人员经费 / 人员支出 = staff costs (工资福利支出 301 and
//! 对个人和家庭的补助 303); 公用经费 / 公用支出 = office costs (商品和服务支出
//! 302 of the 基本支出); 机关运行经费 = the running costs of an office (the
//! 公用经费, as a rule); “三公”经费 = 因公出国（境）费 + 公务用车购置及运行
//! 维护费 + 公务接待费.

use super::super::figures::{Figure, row_label, sides, strip_number};
use super::named::Named;
use super::table_figures::{derived, figures_of, plain_label};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use crate::model::{Document, ProjectRole};
use crate::parse::{compact, name_key};

/// Words a label may end with that name no quantity (stripped first).
const FILLERS: [&str; 16] = [
    "预算数为",
    "预算数",
    "预算为",
    "预算安排",
    "共计安排",
    "安排",
    "共计",
    "合计",
    "为",
    "是",
    "达",
    "约",
    "预算",
    "数",
    "财政拨款",
    "共",
];

/// The label before an amount, cut at the last punctuation, without
/// trailing fillers, years and numbering: `（一）人员支出`, `2023年预算数` → ``.
pub(super) fn clean_label(before: &str) -> String {
    label_forms(before).pop().unwrap_or_default()
}

/// The label before an amount as it is stripped step by step, from the
/// whole clause (`2024年支出预算`) to the bare name (`2024年支出` … ``):
/// a quantity is looked for in every form, the fullest first.
pub(super) fn label_forms(before: &str) -> Vec<String> {
    let c = compact(before);
    let c = c.trim_end_matches(['，', ',', '；', ';', '：', ':', '。', '、']);
    let cut = clause_start(c);
    let (_, rest) = strip_number(&c[cut..]);
    let mut s = rest.to_string();
    for w in ["其中", "包括", "主要为", "主要是"] {
        if let Some(rest) = s.strip_prefix(w) {
            s = rest.to_string();
        }
    }
    let mut forms = vec![s.clone()];
    loop {
        let before = s.len();
        if let Some(rest) = FILLERS.iter().find_map(|f| s.strip_suffix(f)) {
            s = rest.to_string();
        }
        s = strip_year_suffix(&s);
        if s.len() == before {
            break;
        }
        forms.push(s.clone());
    }
    forms
}

/// Where the clause before an amount starts: after the last punctuation or
/// the last parenthesis left open (`（其中：…`), not inside a closed one
/// (`重大案（事）件处置`).
pub(super) fn clause_start(c: &str) -> usize {
    let after = |p: usize| p + c[p..].chars().next().map_or(1, char::len_utf8);
    let mut cut = c
        .rfind(['，', ',', '；', ';', '：', ':', '。', '、'])
        .map(after)
        .unwrap_or(0);
    let mut depth = 0i32;
    for (p, ch) in c.char_indices().rev() {
        match ch {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => {
                cut = cut.max(after(p));
                break;
            }
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    cut
}

/// `公务接待费2023年` → `公务接待费`.
fn strip_year_suffix(s: &str) -> String {
    for suffix in ["年度", "年"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            let digits = rest.chars().rev().take_while(char::is_ascii_digit).count();
            if digits == 4 {
                return rest[..rest.len() - 4].to_string();
            }
        }
    }
    s.to_string()
}

/// A document with what the prose checks look up in it, each found once:
/// the subjects its tables name, the quantity each label names, the figures
/// of each quantity (a document of a thousand tables and ten thousand
/// sentences stays linear).
pub(super) struct Lookup<'a> {
    pub doc: &'a Document,
    /// Subject names (as name keys) to their codes, the first row's.
    subjects: OnceCell<HashMap<String, String>>,
    named: RefCell<HashMap<String, Option<Named>>>,
    figures: RefCell<HashMap<(Named, bool), Vec<Figure>>>,
    /// Whether a 机关运行经费 stated is derived (no table prints it).
    office_running_derived: OnceCell<bool>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(doc: &'a Document) -> Lookup<'a> {
        Lookup {
            doc,
            subjects: OnceCell::new(),
            named: RefCell::default(),
            figures: RefCell::default(),
            office_running_derived: OnceCell::new(),
        }
    }

    /// Whether the figure of `named` is derived, not printed in a table
    /// ([`derived`]), read once per document.
    pub(super) fn derived(&self, named: &Named) -> bool {
        matches!(named, Named::OfficeRunning)
            && *self
                .office_running_derived
                .get_or_init(|| derived(named, self.doc))
    }

    /// The quantity a cleaned label names, if any.
    pub(super) fn resolve(&self, label: &str) -> Option<Named> {
        if let Some(n) = self.named.borrow().get(label) {
            return n.clone();
        }
        let n = if label.chars().count() < 2 {
            None
        } else {
            by_words(self.doc, label)
                .or_else(|| self.subject(label))
                .or_else(|| project(self.doc, label))
        };
        self.named.borrow_mut().insert(label.to_string(), n.clone());
        n
    }

    /// [`figures_of`], found once per quantity and year.
    pub(super) fn figures_of(&self, n: &Named, previous: bool) -> Vec<Figure> {
        let key = (n.clone(), previous);
        if let Some(f) = self.figures.borrow().get(&key) {
            return f.clone();
        }
        let f = figures_of(self.doc, n, previous);
        self.figures.borrow_mut().insert(key, f.clone());
        f
    }

    fn subject(&self, l: &str) -> Option<Named> {
        let index = self.subjects.get_or_init(|| subjects(self.doc));
        index
            .get(&name_key(l))
            .map(|code| Named::Subject(code.clone()))
    }
}

/// The quantity a cleaned label names, if any (one look-up; see [`Lookup`]).
#[cfg(test)]
pub(super) fn resolve(doc: &Document, label: &str) -> Option<Named> {
    Lookup::new(doc).resolve(label)
}

fn by_words(doc: &Document, l: &str) -> Option<Named> {
    let ends = |w: &str| l.ends_with(w);
    let has = |w: &str| l.contains(w);
    if has("结转") || has("结余") {
        // money carried over (`上年结转结余的一般公共预算收入`): no quantity of the year
        return None;
    }
    if has("三公") && (ends("经费") || ends("预算") || ends("总额") || ends("拨款")) {
        return Some(Named::ThreePublic);
    }
    if has("因公出国") {
        return Some(Named::Abroad);
    }
    if has("公务接待") {
        return Some(Named::Reception);
    }
    if has("公务用车购置") && (has("运行") || has("运维")) {
        return Some(Named::Cars);
    }
    if ends("公务用车购置费") {
        return Some(Named::CarPurchase);
    }
    if has("公务用车运行") || has("公务用车运维") {
        return Some(Named::CarRunning);
    }
    if ends("机关运行经费") {
        return Some(Named::OfficeRunning);
    }
    let named = [
        ("人员经费", Named::Personnel),
        ("人员支出", Named::Personnel),
        ("公用经费", Named::Public),
        ("公用支出", Named::Public),
        ("对个人和家庭的补助", Named::Household),
        ("对个人和家庭补助", Named::Household),
        ("对个人和家庭的补助支出", Named::Household),
        ("对个人和家庭补助支出", Named::Household),
        ("基本支出", Named::Basic),
        ("项目支出", Named::Projects),
        ("一般公共预算收入", Named::GeneralIncome),
        ("一般公共预算拨款收入", Named::GeneralIncome),
        ("上级专项转移支付支出", Named::Transfer),
        ("上级专项转移支付", Named::Transfer),
    ];
    if let Some((_, n)) = named.iter().find(|(w, _)| ends(w)) {
        return Some(n.clone());
    }
    if (has("政府采购") && !has("实际指标")) || ends("采购预算") || ends("采购指标")
    {
        return Some(Named::Procurement);
    }
    if (ends("资产总额") || ends("固定资产金额")) && !has("购置") && !has("新增") && !has("拟")
    {
        return Some(Named::Assets);
    }
    totals(doc, l)
}

/// 收入 / 支出 totals: `部门预算收入`, `支出预算`, `预算收支安排`, `<部门>预算`.
fn totals(doc: &Document, l: &str) -> Option<Named> {
    let ends = |w: &str| l.ends_with(w);
    let other_income = [
        "一般公共",
        "基金",
        "国有资本",
        "财政专户",
        "事业",
        "经营",
        "其他",
        "上级",
        "附属",
    ];
    if (ends("预算收入")
        || ends("收入预算")
        || ends("收入总计")
        || ends("收入合计")
        || ends("部门收入"))
        && !other_income.iter().any(|w| l.contains(w))
    {
        return Some(Named::IncomeTotal);
    }
    let department = doc.department.as_deref().map(|d| compact(d).into_owned());
    if let Some(end) = SPENDING_ENDS.iter().find(|w| ends(w)) {
        return spending(doc, l, end, department.as_deref());
    }
    let names_department = department
        .as_ref()
        .is_some_and(|d| !d.is_empty() && l.contains(d.as_str()));
    if names_department && !l.contains("采购") {
        // `深圳市公安局治安管理支队预算19,535万元` (`预算` was stripped)
        let rest = department.map(|d| l.replace(&d, "")).unwrap_or_default();
        if rest.is_empty() || rest == "部门" {
            return Some(Named::SpendingTotal);
        }
    }
    None
}

/// How a label names the whole spending (`部门支出预算`, `支出合计`).
const SPENDING_ENDS: [&str; 6] = [
    "预算支出",
    "支出预算",
    "支出总计",
    "支出合计",
    "预算收支",
    "收支预算",
];

/// Words that make a spending figure a part of the whole: a kind of
/// spending (`基本支出预算`), a fund (`一般公共预算支出`, `政府性基金支出预算`),
/// an item (`会议费预算支出`), money carried over (`结转`).
const SPENDING_PARTS: [&str; 22] = [
    "基本",
    "项目",
    "人员",
    "公用",
    "三公",
    "公务",
    "会议",
    "培训",
    "基金",
    "国有资本",
    "一般公共",
    "财政拨款",
    "财政专户",
    "机关运行",
    "采购",
    "经营",
    "上缴",
    "附属",
    "专项",
    "转移支付",
    "结转",
    "结余",
];

/// A label ending in `end` (one of [`SPENDING_ENDS`]): the quantity its
/// words before `预算` name when they name one (`基本支出预算` → 基本支出,
/// `机关运行经费预算支出` → 机关运行经费), none when they name a part of the
/// spending, else the whole spending.
fn spending(doc: &Document, l: &str, end: &str, department: Option<&str>) -> Option<Named> {
    let stem = &l[..l.len() - end.len()];
    let narrower = [l.strip_suffix("预算"), Some(stem)]
        .into_iter()
        .flatten()
        .filter(|s| s.chars().count() >= 2)
        .filter_map(|s| by_words(doc, s))
        .find(|n| !matches!(n, Named::SpendingTotal | Named::IncomeTotal));
    if narrower.is_some() {
        return narrower;
    }
    let own = department.map_or_else(|| stem.to_string(), |d| stem.replace(d, ""));
    if own.ends_with('费') || SPENDING_PARTS.iter().any(|w| own.contains(w)) {
        return None;
    }
    Some(Named::SpendingTotal)
}

/// A subject named by a coded row of a table (`公共安全支出`).
/// Every subject the tables name with its code (of 3 digits or more), by
/// the name's key; the first row naming it gives the code.
fn subjects(doc: &Document) -> HashMap<String, String> {
    let mut index = HashMap::new();
    for i in 0..doc.tables.len() {
        for side in sides(doc, i) {
            for (r, code) in side.code.iter().enumerate() {
                if code.len() < 3 {
                    continue;
                }
                let own = plain_label(row_label(&doc.tables[i], side, r));
                if !own.is_empty() {
                    index
                        .entry(name_key(&own))
                        .or_insert_with(|| code.to_string());
                }
            }
        }
    }
    index
}

/// A project named by the label (its name, or its name with `项目` added or
/// dropped).
fn project(doc: &Document, l: &str) -> Option<Named> {
    let key = |s: &str| {
        let k = name_key(s);
        k.strip_suffix("项目").map(str::to_string).unwrap_or(k)
    };
    let want = key(l);
    if want.chars().count() < 2 {
        return None;
    }
    doc.projects
        .iter()
        .position(|p| p.role != ProjectRole::Subtotal && key(&p.name) == want)
        .map(Named::Project)
}
