//! Budget arithmetic on the eight real PDFs of tests/data/pdf (other regions, other
//! layouts): every finding left is a real inconsistency of the document, checked against
//! the rendered page (`pdftoppm -r 80 -f P -l P -png FILE out`); the figures are in the
//! comments. A finding gained or lost fails: a new one is a parser or rule bug to fix, a
//! lost one a rule gone blind.

use std::path::PathBuf;

use budgettui::check::{Finding, check};
use budgettui::pdf::to_document;

/// `rule severity page line table/row/column expected→found` (indices 0-based).
fn summary(f: &Finding) -> String {
    let at = |i: Option<usize>| i.map_or("-".to_string(), |i| i.to_string());
    format!(
        "{} {} P{} L{} T{}/{}/{} {}→{}",
        f.rule,
        f.severity.as_str(),
        f.page.map_or("-".to_string(), |p| p.to_string()),
        f.line.map_or("-".to_string(), |l| l.to_string()),
        at(f.table),
        at(f.row),
        at(f.column),
        f.expected.as_deref().unwrap_or("-"),
        f.found.as_deref().unwrap_or("-"),
    )
}

fn findings(file: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pdf")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = to_document(file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    check(&doc).iter().map(summary).collect()
}

#[test]
fn foshan_final_accounts_round_their_cells_and_overstate_the_evaluated_share() {
    assert_eq!(
        findings("foshan-guidao-jiaotong-2019-final.pdf"),
        [
            // 收入支出决算总表: 本年收入合计 1668.14 = 财政拨款 1668.14 + 其他收入 0.01
            "sums.rows rounding P6 L66 T0/22/2 1668.15→1668.14",
            // 总计 1668.14 = 本年支出合计 1668.14 + 年末结转和结余 0.01
            "sums.rows rounding P7 L69 T0/25/5 1668.15→1668.14",
            // 收入决算表: 合计 1668.14 = 财政拨款收入 1668.14 + 其他收入 0.01
            "sums.columns rounding P8 L77 T1/0/2 1668.15→1668.14",
            // 交通运输支出 1531.04 = 1531.04 + 其他收入 0.01
            "sums.columns rounding P8 L82 T1/5/2 1531.05→1531.04",
            // 公路水路运输 1531.04 = 609.30 + 905.60 + 16.15 (1531.05), and by columns
            "sums.rows rounding P8 L83 T1/6/2 1531.05→1531.04",
            "sums.columns rounding P8 L83 T1/6/2 1531.05→1531.04",
            // 2140101 行政运行 609.30 in 收入决算表, 609.29 in 支出决算表
            "across.subjects rounding P8 L84 T1/7/2 609.29→609.30",
            // 基本支出决算表: 工资福利支出 649.20, its 13 rows make 649.19
            "sums.rows rounding P17 L170 T5/0/2 649.19→649.20",
            // 商品和服务支出 94.65, its 27 rows make 94.66
            "sums.rows rounding P17 L170 T5/0/5 94.66→94.65",
            // 绩效自评 funds 940.15 said to be 100% of 一般公共预算项目支出, which the
            // 支出决算表 prints as 921.75 (the funds may be a budget: a warning)
            "prose.percent warning P- L297 T-/-/- 102.00%→100%",
        ]
    );
}

#[test]
fn guangzhou_xinfangju_rounds_one_pension_subject_in_two_tables() {
    assert_eq!(
        findings("guangzhou-xinfangju-2026-budget.pdf"),
        [
            // 20805 行政事业单位养老支出 419.35 = 123.54 + 199.06 + 96.76 (419.36)
            "sums.rows rounding P8 L95 T2/7/2 419.36→419.35",
            "sums.rows rounding P11 L154 T4/7/1 419.36→419.35",
        ]
    );
}

#[test]
fn guangzhou_zhengshuju_units_round_their_projects() {
    assert_eq!(
        findings("guangzhou-zhengshuju-2026-performance-projects.pdf"),
        [
            // 合计 86246.64 = 16926.32 + 67756.88 + 834.36 + 729.07 (86246.63)
            "sums.rows rounding P1 L4 T0/0/1 86246.63→86246.64",
            // each unit's row against its projects, 0.01 apart
            "sums.rows rounding P1 L5 T0/1/1 16926.33→16926.32",
            "sums.rows rounding P4 L27 T0/23/1 67756.89→67756.88",
            "sums.rows rounding P11 L73 T0/69/1 729.08→729.07",
        ]
    );
}

#[test]
fn national_final_accounts_round_and_misstate_a_growth_rate() {
    assert_eq!(
        findings("national-xinfangju-2024-final.pdf"),
        [
            // 本年支出合计 14572.53 = 10685.56 + 180.03 + 2228.57 + 497.53 + 980.85 (14572.54)
            "sums.rows rounding P7 L78 T0/26/5 14572.54→14572.53",
            "sums.rows rounding P9 L122 T2/0/2 14572.54→14572.53",
            // 一般公共服务支出 / 信访事务 10685.56 = 基本 7366.16 + 项目 3319.39 (10685.55)
            "sums.columns rounding P9 L123 T2/1/2 10685.55→10685.56",
            "sums.columns rounding P9 L124 T2/2/2 10685.55→10685.56",
            // 信访事务 基本支出 7366.16 = 6026.13 + 799.43 + 540.61 (7366.17)
            "sums.rows rounding P9 L124 T2/2/3 7366.17→7366.16",
            // 住房改革支出 980.85 = 586.32 + 63.52 + 331.00 (980.84)
            "sums.rows rounding P9 L143 T2/21/2 980.84→980.85",
            // 财政拨款收入支出决算总表: 总计 20727.53 = 13733.80 + 6993.74 (20727.54)
            "sums.rows rounding P10 L184 T3/31/5 20727.54→20727.53",
            // 一般公共预算财政拨款支出决算表: 合计 13733.80 = 10234.37 + 3499.42 (13733.79)
            "sums.columns rounding P11 L192 T4/0/2 13733.79→13733.80",
            // 基本支出 10234.37 = 6527.43 + 2228.57 + 497.53 + 980.85 (10234.38)
            "sums.rows rounding P11 L192 T4/0/3 10234.38→10234.37",
            "sums.rows rounding P11 L213 T4/21/2 980.84→980.85",
            // 基本支出决算表: 商品和服务支出 2239.41, its 21 rows make 2239.42
            "sums.rows rounding P12 L223 T5/0/5 2239.42→2239.41",
            // 资本性支出 27.24 = 24.67 + 2.58 (27.25)
            "sums.rows rounding P12 L226 T5/3/8 27.25→27.24",
            // 对个人和家庭的补助 984.97 = 537.43 + 257.54 + 154.88 + 1.09 + 34.04 (984.98)
            "sums.rows rounding P12 L237 T5/14/2 984.98→984.97",
            // 收、支总计 22066.59, up 5834.37 on 2023: 5834.37 / 16232.22 is 35.94%, not 35.74%
            "prose.percent error P- L295 T-/-/- 35.94%→35.74%",
            // 绩效自评 funds 5105.75 said to be 100% of 一般公共预算项目支出 (3499.42 in
            // the tables; the funds may be a budget: a warning)
            "prose.percent warning P- L359 T-/-/- 145.90%→100%",
        ]
    );
}

#[test]
fn the_other_four_are_consistent() {
    for file in [
        // a scan: no text, nothing to check
        "changsha-scan-image-only.pdf",
        // a 2019 budget of tables only (eight tables: no 国有资本经营 table then)
        "jiangsu-zhengxie-2019-budget-tables.pdf",
        // tables in 元 (156,211,123 元 is the text's 15621.11 万元); 机关运行经费 443.18
        // from its own column
        "shanghai-putuo-wanli-jiedao-2024-budget.pdf",
        // units coded 024 → 024001; 基本支出预算, 会议费预算支出 are no spending total
        "suzhou-shenjiju-2026-budget.pdf",
    ] {
        assert_eq!(findings(file), Vec::<String>::new(), "{file}");
    }
}
