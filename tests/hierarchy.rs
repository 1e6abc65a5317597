//! The model of issue 10 on the samples: the kind of every table (whatever
//! its regional title), the row hierarchy (parent and role of each row, on
//! each side of a two-sided table), and projects with their categories.

use budgettui::model::{Document, ProjectRole, RowRole, Table, TableKind, TableSide};
use budgettui::parse::parse_bytes;

fn sample(name: &str) -> Document {
    let path = format!("{}/samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_bytes(&format!("samples/{name}.txt"), &bytes)
}

/// The kinds of the grid tables, in order (performance forms left out).
fn grid_kinds(doc: &Document) -> Vec<&'static str> {
    doc.tables
        .iter()
        .filter(|t| t.kind != TableKind::ProjectPerformance)
        .map(|t| t.kind.as_str())
        .collect()
}

#[test]
fn every_standard_table_has_its_kind_whatever_its_title() {
    assert_eq!(
        grid_kinds(&sample("qinhuangdao-kaifaqu-2024-budget")),
        [
            "income_expenditure",         // 部门预算收支总表
            "income",                     // 部门预算收入总表
            "expenditure",                // 部门预算支出总表
            "fiscal_income_expenditure",  // 部门预算财政拨款收支总表
            "general_budget_expenditure", // 部门预算一般公共预算财政拨款支出表
            "basic_expenditure",          // 部门预算一般公共预算财政拨款基本支出表
            "government_fund",
            "state_capital",
            "three_public",
            "grid", // 部门机构设置情况
            "procurement",
            "fixed_assets",
        ]
    );
    assert_eq!(
        grid_kinds(&sample("shenzhen-zhian-2023-budget")),
        [
            "project_list",       // 重点项目预算绩效情况说明 (untitled, named by its section)
            "income_expenditure", // 收支总表
            "expenditure",        // 支出总表
            "fiscal_income_expenditure", // 政府预算拨款收支总表
            "general_budget_expenditure", // 一般公共预算支出表（按功能分类）
            "general_budget_economic", // 一般公共预算支出表（按经济分类）
            "three_public",
            "government_fund",
            "state_capital",
            "department_performance",
        ]
    );
    let luohu = sample("shenzhen-luohu-2020-budget");
    assert_eq!(
        grid_kinds(&luohu),
        [
            "income_expenditure", // 收支预算总表
            "income",             // 收入预算表
            "expenditure",        // 支出预算表
            "basic_expenditure",  // 基本支出预算表
            "project_expenditure",
            "fiscal_income_expenditure",  // 财政拨款收支预算总表
            "general_budget_expenditure", // 一般公共预算支出情况表
            "government_fund",
            "state_capital",
            "transfer_payment", // 上级专项转移支付资金情况表
            "procurement",
            "three_public",
            "project_list", // 部门预算绩效管理项目情况表
            "department_performance",
        ]
    );
    // the code that tests for the performance kinds still finds them
    let forms = luohu
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::ProjectPerformance)
        .count();
    assert_eq!(forms, 96);
}

fn table(doc: &Document, kind: TableKind) -> (usize, &Table) {
    doc.tables
        .iter()
        .enumerate()
        .find(|(_, t)| t.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?}"))
}

/// Index of the row whose label on `side` is `label`.
fn row(t: &Table, side: &TableSide, label: &str) -> usize {
    t.rows
        .iter()
        .position(|r| r[side.label_column].replace(' ', "") == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn labels_of(t: &Table, side: &TableSide, rows: impl Iterator<Item = usize>) -> Vec<String> {
    rows.map(|r| t.rows.row(r)[side.label_column].replace(' ', ""))
        .collect()
}

#[test]
fn subject_codes_nest_the_rows_and_totals_close_them() {
    let doc = sample("shenzhen-zhian-2023-budget");
    // 支出总表: the department's row, then 类 → 款 → 项 by code
    let (i, t) = table(&doc, TableKind::Expenditure);
    let side = &doc.table_details[i].sides[0];
    assert_eq!(side.role[0], RowRole::Total);
    let public_security = row(t, side, "公共安全支出");
    assert_eq!(side.parent.get(public_security), Some(0));
    assert_eq!(side.code.get(public_security), Some("204"));
    let police = row(t, side, "公安");
    assert_eq!(side.parent.get(police), Some(public_security));
    assert_eq!(side.role[police], RowRole::Subtotal);
    assert_eq!(
        labels_of(t, side, side.children(police)),
        ["行政运行", "一般行政管理事务", "信息化建设", "执法办案"]
    );
    assert_eq!(side.role[row(t, side, "执法办案")], RowRole::Item);

    // 收支总表: two sides; the 支出 side, printed without codes, borrows them
    // by name; 本年收入合计 closes the items above it, 收入总计 closes it
    let (i, t) = table(&doc, TableKind::IncomeExpenditure);
    let [income, spending] = &doc.table_details[i].sides[..] else {
        panic!("two sides");
    };
    assert_eq!(
        (income.name.as_str(), spending.name.as_str()),
        ("收入", "支出")
    );
    let year_total = row(t, income, "本年收入合计");
    let grand_total = row(t, income, "收入总计");
    assert_eq!(
        labels_of(t, income, income.children(year_total)),
        ["一、政府预算拨款", "二、财政专户管理资金", "三、单位资金"]
    );
    assert_eq!(
        labels_of(t, income, income.children(grand_total)),
        ["本年收入合计", "上年结余、结转"]
    );
    assert_eq!(income.role[grand_total], RowRole::Total);
    let first = row(t, income, "一、政府预算拨款");
    assert_eq!(income.children(first).count(), 3); // 1. 2. 3.
    let pension = row(t, spending, "行政事业单位养老支出");
    assert_eq!(spending.code.get(pension), Some("20805"));
    assert_eq!(
        spending.parent.get(pension),
        Some(row(t, spending, "二、社会保障和就业支出"))
    );
}

#[test]
fn plain_rows_nest_by_their_sums_and_parts_sit_under_their_row() {
    // 项目支出预算表: 一般性项目 is the subtotal of the 21 rows below it
    let doc = sample("shenzhen-luohu-2020-budget");
    let (i, t) = table(&doc, TableKind::ProjectExpenditure);
    let side = &doc.table_details[i].sides[0];
    let general = row(t, side, "一般性项目");
    assert_eq!(side.role[general], RowRole::Subtotal);
    assert_eq!(side.children(general).count(), 21);
    assert_eq!(side.parent.get(general), Some(0)); // the department's row
    // 收支预算总表: 一般公共预算拨款 over 一般性经费拨款 … 政府投资项目拨款
    let (i, t) = table(&doc, TableKind::IncomeExpenditure);
    let income = &doc.table_details[i].sides[0];
    let general_budget = row(t, income, "一般公共预算拨款");
    assert_eq!(
        labels_of(t, income, income.children(general_budget)),
        ["一般性经费拨款", "财政专项资金拨款", "政府投资项目拨款"]
    );
    // 基本支出预算表: economic classes named without codes
    let (i, t) = table(&doc, TableKind::BasicExpenditure);
    let side = &doc.table_details[i].sides[0];
    let wages = row(t, side, "工资福利支出");
    assert_eq!(side.code.get(wages), Some("301"));
    assert_eq!(side.children(wages).count(), 9);

    // 三公 (秦皇岛 2024): 合计 → “三公”经费小计 → 一、… with their 其中 rows
    let doc = sample("qinhuangdao-kaifaqu-2024-budget");
    let (i, t) = table(&doc, TableKind::ThreePublic);
    let side = &doc.table_details[i].sides[0];
    let total = row(t, side, "合计");
    let subtotal = row(t, side, "“三公”经费小计");
    assert_eq!(side.parent.get(subtotal), Some(total));
    assert_eq!(side.role[subtotal], RowRole::Total);
    assert_eq!(
        labels_of(t, side, side.children(subtotal)),
        [
            "一、因公出国(境)费",
            "二、公务用车购置及运维费",
            "三、公务接待费"
        ]
    );
    let cars = row(t, side, "二、公务用车购置及运维费");
    assert_eq!(
        labels_of(t, side, side.children(cars)),
        ["其中：公务用车购置费", "公务用车运行维护费"]
    );
}

#[test]
fn rows_of_years_do_not_nest() {
    let doc = sample("shenzhen-luohu-2020-budget");
    let (i, _) = table(&doc, TableKind::ThreePublic);
    let side = &doc.table_details[i].sides[0];
    assert_eq!(side.parent, [None, None]);
    assert_eq!(side.role, [RowRole::Item, RowRole::Item]);
}

#[test]
fn projects_in_categories_and_subtotals_that_are_no_projects() {
    let doc = sample("shenzhen-luohu-2020-budget");
    let general = doc
        .projects
        .iter()
        .position(|p| p.name == "一般性项目")
        .expect("一般性项目");
    assert_eq!(doc.projects[general].role, ProjectRole::Subtotal);
    let under: Vec<&str> = doc
        .projects
        .iter()
        .filter(|p| p.parent == Some(general))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(under.len(), 21);
    assert!(under.contains(&"警务辅助专项经费"));

    // 公安证照制发预算 4,800 万元，主要包括：第二代居民身份证及居住证制作服务项目 4,800 万元
    let doc = sample("shenzhen-zhian-2023-budget");
    let id = |name: &str| {
        doc.projects
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let category = id("公安证照制发");
    assert_eq!(doc.projects[category].role, ProjectRole::Category);
    assert_eq!(
        doc.projects[id("第二代居民身份证及居住证制作服务项目")].parent,
        Some(category)
    );
    let admin = id("公安行政管理");
    let children: Vec<&str> = doc
        .projects
        .iter()
        .filter(|p| p.parent == Some(admin))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        children,
        [
            "保安员资格考试服务费",
            "治安业务费",
            "警务辅助类临聘人员（纳入置换）",
            "辅警专项经费"
        ]
    );
    // the leaf projects add up to the 项目支出 of the tables: 7,291 less what
    // 主要包括 leaves out of 公安行政管理 (2,066 listed as 2,051)
    let leaves: rust_decimal::Decimal = doc
        .projects
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            p.role == ProjectRole::Item && !doc.projects.iter().any(|c| c.parent == Some(*i))
        })
        .filter_map(|(_, p)| p.amount.as_ref()?.in_wan())
        .sum();
    assert_eq!(leaves.to_string(), "7276");
}
