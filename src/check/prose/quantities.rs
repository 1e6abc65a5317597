//! The quantities a sentence names (`部门预算收入`, `人员支出`, `公务接待费`,
//! `公共安全支出`, a project's name) and the table figures that hold them.
//!
//! Domain words: 人员经费 / 人员支出 = staff costs (工资福利支出 301 and
//! 对个人和家庭的补助 303); 公用经费 / 公用支出 = office costs (商品和服务支出
//! 302 of the 基本支出); 机关运行经费 = the running costs of an office (the
//! 公用经费, as a rule); “三公”经费 = 因公出国（境）费 + 公务用车购置及运行
//! 维护费 + 公务接待费.

use super::super::figures::{
    Figure, column_with, figure, grand_total, header_segments, row_label, sides, strip_number,
    tables_of, year_total,
};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use crate::model::{Document, ProjectRole, RowRole, SourceKind, TableKind};
use crate::parse::{compact, name_key};

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

    /// A quantity no table of `doc` holds directly (a 机关运行经费 compared
    /// with the 公用经费): a mismatch is a warning.
    pub(super) fn derived(&self, doc: &Document) -> bool {
        matches!(self, Named::OfficeRunning) && office_running(doc).is_empty()
    }

    /// A 三公 quantity (its table has a row or a column per year).
    fn three_public(&self) -> bool {
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
}

impl<'a> Lookup<'a> {
    pub(super) fn new(doc: &'a Document) -> Lookup<'a> {
        Lookup {
            doc,
            subjects: OnceCell::new(),
            named: RefCell::default(),
            figures: RefCell::default(),
        }
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
                    index.entry(name_key(&own)).or_insert_with(|| code.clone());
                }
            }
        }
    }
    index
}

/// A row label without its enumeration (`一、公共安全支出` → `公共安全支出`).
fn plain_label(label: &str) -> String {
    let c = compact(label);
    strip_number(&c).1.to_string()
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

/// The figures of the tables that hold a quantity for `year` (the report
/// year when `previous` is false, the year before when true), in 万元.
pub(super) fn figures_of(doc: &Document, n: &Named, previous: bool) -> Vec<Figure> {
    if n.three_public() {
        return three_public(doc, n, previous);
    }
    if previous {
        return Vec::new();
    }
    match n {
        Named::IncomeTotal => {
            let mut v = side_totals(doc, TableKind::IncomeExpenditure, "收入");
            v.extend(totals_of(doc, TableKind::Income, &["合计", "总计"]));
            v
        }
        Named::SpendingTotal => {
            let mut v = side_totals(doc, TableKind::IncomeExpenditure, "支出");
            v.extend(totals_of(doc, TableKind::Expenditure, &["合计", "总计"]));
            v
        }
        Named::GeneralIncome => {
            labelled_rows(doc, TableKind::IncomeExpenditure, "收入", "一般公共预算")
        }
        Named::Basic => {
            let mut v = totals_of(doc, TableKind::Expenditure, &["基本支出"]);
            v.extend(totals_of(
                doc,
                TableKind::GeneralBudgetExpenditure,
                &["基本支出"],
            ));
            v.extend(totals_of(
                doc,
                TableKind::BasicExpenditure,
                &["合计", "总计"],
            ));
            v
        }
        Named::Projects => {
            let mut v = totals_of(doc, TableKind::Expenditure, &["项目支出"]);
            v.extend(totals_of(
                doc,
                TableKind::GeneralBudgetExpenditure,
                &["项目支出"],
            ));
            v.extend(totals_of(
                doc,
                TableKind::ProjectExpenditure,
                &["合计", "总计"],
            ));
            v
        }
        Named::Personnel => {
            // 人员经费 is 工资福利支出 (301), or 301 with 对个人和家庭的补助 (303)
            let mut v = totals_of(doc, TableKind::BasicExpenditure, &["人员经费"]);
            v.extend(coded(doc, "301"));
            v.extend(coded_sum(doc, &["301", "303"]));
            v
        }
        Named::OfficeRunning if !office_running(doc).is_empty() => office_running(doc),
        Named::Public | Named::OfficeRunning => {
            // 公用经费 is 商品和服务支出 (302), or 302 with the basic part of
            // 资本性支出 (310)
            let mut v = totals_of(doc, TableKind::BasicExpenditure, &["公用经费"]);
            v.extend(coded(doc, "302"));
            v.extend(coded_sum(doc, &["302", "310"]));
            v
        }
        Named::Household => coded(doc, "303"),
        Named::Procurement => {
            let mut v = totals_of(doc, TableKind::Procurement, &["合计"]);
            v.extend(totals_of(doc, TableKind::Expenditure, &["采购"]));
            v
        }
        Named::Transfer => totals_of(doc, TableKind::TransferPayment, &[]),
        Named::Assets => totals_of(doc, TableKind::FixedAssets, &[]),
        Named::Subject(code) => coded(doc, code),
        Named::Project(p) => project_figures(doc, *p),
        _ => Vec::new(),
    }
}

/// Words of a row or a column holding the 机关运行经费 (`行政经费` in some
/// regions' tables).
const OFFICE_RUNNING: [&str; 2] = ["机关运行经费", "行政经费"];

/// The 机关运行经费 a table prints: a row so labelled (`行政经费 444.39`), or
/// a column so headed, at its total row (the table's only row, else the
/// grand total).
fn office_running(doc: &Document) -> Vec<Figure> {
    let names = |s: &str| OFFICE_RUNNING.iter().any(|w| s.contains(w));
    let mut out = Vec::new();
    for (i, t) in doc.tables.iter().enumerate() {
        let segments = header_segments(t);
        let side = sides(doc, i).first();
        let columns: Vec<usize> = (0..segments.len())
            .filter(|&c| segments[c].iter().any(|w| names(w)))
            .collect();
        let row = match side {
            _ if t.rows.len() == 1 => Some(0),
            Some(side) => grand_total(side),
            None => None,
        };
        if let (Some(&c), Some(r)) = (columns.first(), row) {
            out.extend(figure(doc, i, r, c));
            continue;
        }
        for side in sides(doc, i) {
            let Some(&c) = side.value_columns.first() else {
                continue;
            };
            for r in 0..t.rows.len() {
                let label = plain_label(row_label(t, side, r));
                if OFFICE_RUNNING.contains(&label.as_str()) {
                    out.extend(figure(doc, i, r, c));
                }
            }
        }
    }
    out
}

/// The grand-total row of the tables of a kind, in the column named by
/// `words` (the first value column when `words` is empty).
fn totals_of(doc: &Document, kind: TableKind, words: &[&str]) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).first() else {
            continue;
        };
        let Some(row) = grand_total(side) else {
            continue;
        };
        let column = if words.is_empty() {
            side.value_columns.first().copied()
        } else {
            column_with(t, side, words)
        };
        out.extend(column.and_then(|c| figure(doc, i, row, c)));
    }
    out
}

/// 收入总计 / 本年收入合计 (or 支出) of the two-sided tables of a kind.
fn side_totals(doc: &Document, kind: TableKind, name: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let Some(side) = sides(doc, i).iter().find(|s| s.name == name) else {
            continue;
        };
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        let t = &doc.tables[i];
        for row in [grand_total(side), year_total(t, side)]
            .into_iter()
            .flatten()
        {
            out.extend(figure(doc, i, row, c));
        }
    }
    out
}

/// Rows of a side whose label contains `word` (first value column).
fn labelled_rows(doc: &Document, kind: TableKind, name: &str, word: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in tables_of(doc, kind) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).iter().find(|s| s.name == name) else {
            continue;
        };
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        for r in 0..t.rows.len() {
            if side.role[r] != RowRole::Blank && compact(row_label(t, side, r)).contains(word) {
                out.extend(figure(doc, i, r, c));
            }
        }
    }
    out
}

/// Rows coded `code`: in the 基本支出 column when the side has one (the
/// basic part of an economic subject), else the first value column.
fn coded(doc: &Document, code: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in 0..doc.tables.len() {
        let t = &doc.tables[i];
        for side in sides(doc, i) {
            let column =
                column_with(t, side, &["基本支出"]).or(side.value_columns.first().copied());
            let Some(c) = column else {
                continue;
            };
            for (r, rc) in side.code.iter().enumerate() {
                if rc == code {
                    out.extend(figure(doc, i, r, c));
                }
            }
        }
    }
    out
}

/// The sum of the rows coded `codes` of each table that prints them all (on
/// any of its sides: a 基本支出表 prints 302 and 310 side by side).
fn coded_sum(doc: &Document, codes: &[&str]) -> Vec<Figure> {
    let mut out = Vec::new();
    for i in 0..doc.tables.len() {
        let t = &doc.tables[i];
        let figures: Vec<Figure> = codes
            .iter()
            .filter_map(|code| {
                sides(doc, i).iter().find_map(|side| {
                    let c = column_with(t, side, &["基本支出"])
                        .or(side.value_columns.first().copied())?;
                    let r = side.code.iter().position(|rc| rc == code)?;
                    figure(doc, i, r, c)
                })
            })
            .collect();
        if !figures.is_empty() && figures.len() == codes.len() {
            let mut sum = figures[0];
            sum.printed = figures.iter().map(|f| f.printed).sum();
            sum.wan = figures.iter().map(|f| f.wan).sum();
            out.push(sum);
        }
    }
    out
}

/// A project's amounts from tables (project tables, performance tables).
fn project_figures(doc: &Document, p: usize) -> Vec<Figure> {
    let Some(project) = doc.projects.get(p) else {
        return Vec::new();
    };
    project
        .sources
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SourceKind::ProjectTable | SourceKind::PerformanceTable
            )
        })
        .filter_map(|s| {
            let amount = s.amount.as_ref()?;
            Some(Figure {
                table: s.table.unwrap_or(0),
                row: s.row.unwrap_or(0),
                column: 0,
                printed: amount.value,
                wan: amount.in_wan()?,
            })
        })
        .collect()
}

/// Words of each 三公 quantity in a row label or a column header.
fn three_public_words(n: &Named) -> &'static [&'static str] {
    match n {
        Named::ThreePublic => &["三公"],
        Named::Abroad => &["因公出国"],
        Named::Reception => &["公务接待"],
        Named::Cars => &["购置及运行", "购置和运行", "购置及运维", "购置和运维"],
        Named::CarPurchase => &["公务用车购置费"],
        Named::CarRunning => &["运行维护费", "运维费"],
        _ => &[],
    }
}

/// A 三公 quantity in a 三公 table: a column per quantity and a row per
/// year, or a row per quantity (the table of one year).
fn three_public(doc: &Document, n: &Named, previous: bool) -> Vec<Figure> {
    let Some(year) = doc.year.map(|y| if previous { y - 1 } else { y }) else {
        return Vec::new();
    };
    let words = three_public_words(n);
    let matches = |s: &str| {
        words.iter().any(|w| s.contains(w)) && !(n == &Named::CarRunning && s.contains("购置"))
    };
    let mut out = Vec::new();
    for i in tables_of(doc, TableKind::ThreePublic) {
        let t = &doc.tables[i];
        let Some(side) = sides(doc, i).first() else {
            continue;
        };
        let segments = header_segments(t);
        let year_rows: Vec<usize> = (0..t.rows.len())
            .filter(|&r| {
                t.rows[r]
                    .iter()
                    .any(|c| compact(c).trim_end_matches('年') == year.to_string())
            })
            .collect();
        let by_column = side
            .value_columns
            .iter()
            .copied()
            .find(|&c| {
                let s = &segments[c];
                s.iter().any(|w| matches(w))
                    && s.last().is_some_and(|l| matches(l) || l.ends_with("小计"))
            })
            .or_else(|| {
                // the 三公 total column is headed 总计 / 合计
                let first = *side.value_columns.first()?;
                let head = segments[first].last()?;
                (n == &Named::ThreePublic
                    && !year_rows.is_empty()
                    && ["总计", "合计", "总额"].iter().any(|w| head.ends_with(w)))
                .then_some(first)
            });
        if let (Some(c), Some(&r)) = (by_column, year_rows.first()) {
            out.extend(figure(doc, i, r, c));
            continue;
        }
        if previous || by_column.is_some() {
            continue;
        }
        let Some(&c) = side.value_columns.first() else {
            continue;
        };
        if let Some(r) = (0..t.rows.len()).find(|&r| matches(&compact(row_label(t, side, r)))) {
            out.extend(figure(doc, i, r, c));
        }
    }
    out
}
