//! Budget arithmetic on the five bundled disclosures: every finding is a
//! real inconsistency of the document (the figures are in the comments), and
//! copies of the samples with one error planted each are caught by the right
//! rule at the right place, with nothing else new.

use budgettui::check::{Finding, check};
use budgettui::model::Document;
use budgettui::parse::parse_bytes;

const QHD2020: &str = "qinhuangdao-kaifaqu-2020-budget";
const QHD2024: &str = "qinhuangdao-kaifaqu-2024-budget";
const LUOHU: &str = "shenzhen-luohu-2020-budget";
const ZHIAN: &str = "shenzhen-zhian-2023-budget";
const TANGSHAN: &str = "tangshan-gaoxin-2022-performance";

fn text(name: &str) -> String {
    let path = format!("{}/samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str, text: &str) -> Document {
    parse_bytes(&format!("samples/{name}.txt"), text.as_bytes())
}

/// `rule severity line table/row/column expected→found` (indices 0-based).
fn summary(f: &Finding) -> String {
    let at = |i: Option<usize>| i.map_or("-".to_string(), |i| i.to_string());
    format!(
        "{} {} L{} T{}/{}/{} {}→{}",
        f.rule,
        f.severity.as_str(),
        f.line.unwrap_or(0),
        at(f.table),
        at(f.row),
        at(f.column),
        f.expected.as_deref().unwrap_or("-"),
        f.found.as_deref().unwrap_or("-"),
    )
}

fn findings(name: &str) -> Vec<String> {
    check(&parse(name, &text(name)))
        .iter()
        .map(summary)
        .collect()
}

// ------------------------------------------------------------ the samples

#[test]
fn qinhuangdao_2020_has_no_tables_and_a_generic_unit_name() {
    assert_eq!(
        findings(QHD2020),
        [
            // the text carries none of the 预算公开表
            "integrity.tables warning L1 T-/-/- -→-",
            // `编制部门：公安分局部门` under the assets table
            "integrity.department warning L245 T-/-/- 秦皇岛经济技术开发区公安分局→公安分局部门",
        ]
    );
}

#[test]
fn qinhuangdao_2024_three_public_total_and_procurement_rounding() {
    assert_eq!(
        findings(QHD2024),
        [
            // 三公 table: 合计 124.59, but its only child “三公”经费小计 is
            // 104.07 (= 97.26 + 6.81); the 20.52 is the 培训费 of the basic table
            "sums.rows error L508 T8/0/2 104.07→124.59",
            // procurement: (本级)小计 1375.15, its nine lines add up to 1375.16
            "sums.rows rounding L987 T23/1/7 1375.16→1375.15",
        ]
    );
}

#[test]
fn luohu_rounding_and_a_change_that_is_no_change() {
    assert_eq!(
        findings(LUOHU),
        [
            // 84,701.75 + 5,419.21 + 2,502.90 + 53,239.76 = 145,863.62
            "prose.breakdown rounding L79 T-/-/- 145863.63→145863.62",
            // 公务接待费 “与 2019 年增加 10.29 万元持平”: 10.29 in 2019 and 2020
            "prose.change error L149 T-/-/- 0.00→10.29",
            // 公安 120,703.64; its six 项 add up to 120,703.63 (收支总表)
            "sums.rows rounding L236 T0/1/3 120703.63→120703.64",
            // 本年支出合计 145,863.63; the five 类 add up to 145,863.62
            "sums.rows rounding L267 T0/25/3 145863.62→145863.63",
            // 支出预算表: 92,623.86 + 53,239.76 = 145,863.62
            "sums.columns rounding L298 T2/0/1 145863.62→145863.63",
            // 工资福利支出 84,701.75; its nine items add up to 84,701.76
            "sums.rows rounding L312 T3/1/1 84701.76→84701.75",
            // 商品和服务支出 5,419.21; its 22 items add up to 5,419.22
            "sums.rows rounding L322 T3/11/1 5419.22→5419.21",
            // 一般性项目 49,244.32; its 21 projects add up to 49,244.33
            "sums.rows rounding L361 T4/1/1 49244.33→49244.32",
            // the same 公安 and 本年支出合计 in 财政拨款收支预算总表
            "sums.rows rounding L398 T5/1/3 120703.63→120703.64",
            "sums.rows rounding L429 T5/25/3 145863.62→145863.63",
            // 一般公共预算支出情况表: the department's row against its 类 …
            "sums.rows rounding L442 T6/0/3 145863.62→145863.63",
            // … and against 基本支出 + 项目支出
            "sums.columns rounding L442 T6/0/3 145863.62→145863.63",
            // 公共安全支出 121,423.64 = 68,207.22 + 53,216.41 = 121,423.63
            "sums.columns rounding L443 T6/1/3 121423.63→121423.64",
            "sums.rows rounding L444 T6/2/3 120703.63→120703.64",
            "sums.columns rounding L444 T6/2/3 120703.63→120703.64",
            // the 96 projects of 表.13 and of the 96 表.15 add up to 53,239.77
            "across.projects rounding L555 T12/-/- 53239.76→53239.77",
            "across.projects rounding L692 T14/-/- 53239.76→53239.77",
        ]
    );
}

#[test]
fn zhian_missing_tables_a_wrong_percentage_and_rounding() {
    assert_eq!(
        findings(ZHIAN),
        [
            // the contents list 收入总表, 基本支出总表, 项目支出总表; the text has none
            "integrity.contents error L23 T-/-/- 收入总表→缺失",
            "integrity.contents error L25 T-/-/- 基本支出总表→缺失",
            "integrity.contents error L26 T-/-/- 项目支出总表→缺失",
            // 公安行政管理 2,066, “减少 242 万元，下降 10.7%”: 242 / 2,308 = 10.49%
            "prose.percent error L85 T-/-/- 10.49%→10.7%",
            // 政府采购 6,280 = 货物 23 + 工程 0 + 服务 6,256 = 6,279
            "prose.breakdown rounding L99 T-/-/- 6280→6279",
            // 收入总计 19,535 = 本年收入合计 19,520 + 上年结余 16 = 19,536
            "sums.rows rounding L228 T1/22/1 19536→19535",
            "sums.rows rounding L320 T3/22/1 19536→19535",
            // 商品和服务支出 7,919 (basic 651); its items add up to 7,918 (650)
            "sums.rows rounding L384 T5/11/3 7918→7919",
        ]
    );
}

#[test]
fn tangshan_is_consistent() {
    assert_eq!(findings(TANGSHAN), Vec::<String>::new());
}

// ------------------------------------------------------ planted errors

/// The sample with line `line` (1-based) changed from `from` to `to`.
fn planted(name: &str, line: usize, from: &str, to: &str) -> String {
    let text = text(name);
    let mut lines: Vec<&str> = text.split('\n').collect();
    let old = lines[line - 1];
    assert!(old.contains(from), "line {line} is {old:?}");
    let new = old.replacen(from, to, 1);
    lines[line - 1] = &new;
    lines.join("\n")
}

/// The findings of `changed` that `name` itself does not have.
fn new_findings(name: &str, changed: &str, key: fn(&Finding) -> String) -> Vec<String> {
    let mut before: Vec<String> = check(&parse(name, &text(name))).iter().map(key).collect();
    let mut new = Vec::new();
    for f in check(&parse(name, changed)).iter().map(key) {
        match before.iter().position(|b| *b == f) {
            Some(i) => {
                before.remove(i);
            }
            None => new.push(f),
        }
    }
    new
}

#[test]
fn an_altered_figure_is_caught_in_its_row_its_column_and_across_tables() {
    // 一般公共预算财政拨款支出表: 一般行政管理事务 55.08 → 65.08 in the 合计 column
    let changed = planted(
        QHD2024,
        368,
        "5\t2040202\t一般行政管理事务\t55.08",
        "5\t2040202\t一般行政管理事务\t65.08",
    );
    assert_eq!(
        new_findings(QHD2024, &changed, summary),
        [
            // its parent 公安 (10,103.75) no longer adds up
            "sums.rows error L366 T4/2/3 10113.75→10103.75",
            // 合计 65.08 ≠ 基本支出 + 项目支出 = 55.08
            "sums.columns error L368 T4/4/3 55.08→65.08",
            // 2040202 is 55.08 in 收入总表 and 支出总表
            "across.subjects error L368 T4/4/3 55.08→65.08",
        ]
    );
}

#[test]
fn a_changed_total_unbalances_a_two_sided_table() {
    let changed = planted(ZHIAN, 228, "支出总计\t19,535", "支出总计\t19,545");
    assert_eq!(
        new_findings(ZHIAN, &changed, summary),
        [
            "sums.rows error L228 T1/22/3 19535→19545",
            "balance.totals error L228 T1/22/3 19535→19545",
        ]
    );
}

/// Without place: removing lines moves every later line and table.
fn what(f: &Finding) -> String {
    format!("{} {} {}", f.rule, f.severity.as_str(), f.message)
}

#[test]
fn a_removed_table_is_missing_unless_declared_empty() {
    let text = text(LUOHU);
    let lines: Vec<&str> = text.split('\n').collect();
    // 表.2 收入预算表 (lines 274–287)
    assert_eq!(lines[273], "表.2");
    let without_income = [&lines[..273], &lines[287..]].concat().join("\n");
    assert_eq!(
        new_findings(LUOHU, &without_income, what),
        ["integrity.tables error 缺少收入总表（也未说明为空表）"]
    );
    // 表.9 国有资本经营预算支出情况表: the text says 本单位无…国有资本经营预算支出
    assert_eq!(lines[480], "表. 9");
    let without_state_capital = [&lines[..480], &lines[491..]].concat().join("\n");
    assert_eq!(
        new_findings(LUOHU, &without_state_capital, what),
        Vec::<String>::new()
    );
}

#[test]
fn a_satisfaction_target_turned_into_a_ceiling() {
    let changed = planted(LUOHU, 1975, "大于", "小于");
    assert_eq!(
        new_findings(LUOHU, &changed, summary),
        ["prose.direction error L1975 T61/-/- ≥80%→小于80%"]
    );
}

#[test]
fn a_placeholder_department() {
    let changed = planted(ZHIAN, 189, "深圳市公安局治安管理支队", "XX局");
    assert_eq!(
        new_findings(ZHIAN, &changed, summary),
        ["integrity.placeholder error L189 T-/-/- 实际名称→XX局"]
    );
}

#[test]
fn a_heading_of_another_year() {
    let changed = planted(ZHIAN, 47, "2023", "2021");
    assert_eq!(
        new_findings(ZHIAN, &changed, summary),
        ["integrity.year error L47 T-/-/- 2023→2021"]
    );
}

#[test]
fn a_prose_figure_in_yuan_is_a_unit_slip() {
    let changed = planted(ZHIAN, 73, "9,835万元", "9,835元");
    assert_eq!(
        new_findings(ZHIAN, &changed, summary),
        ["prose.unit error L73 T-/-/- 9835 万元→9,835 元"]
    );
}
