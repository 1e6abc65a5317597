//! Synthetic documents for benchmarks, tests and trying the views by hand
//! (`cargo run --example explore -- --demo`). Not part of the stable API.

use rust_decimal::Decimal;

use crate::model::{
    Amount, Content, DocKind, Document, Indicator, IndicatorTexts, Project, Section, Table,
    TableKind, Total, Unit,
};

/// A wide budget table with `rows` body rows: code and name columns, then
/// amounts; two header rows with a merged cell.
pub fn table(rows: usize) -> Table {
    let header = vec![
        vec![
            "功能分类科目".to_string(),
            String::new(),
            "合计".into(),
            "本年收入".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "上年结转".into(),
        ],
        vec![
            "科目编码".to_string(),
            "科目名称".into(),
            String::new(),
            "小计".into(),
            "财政拨款收入".into(),
            "财政专户收入".into(),
            "事业收入".into(),
            "经营收入".into(),
            "其他收入".into(),
            String::new(),
        ],
    ];
    let names = [
        "公共安全支出",
        "公安",
        "行政运行",
        "一般行政管理事务",
        "信息化建设",
        "执法办案",
        "其他公安支出",
    ];
    let mut body = Vec::with_capacity(rows);
    let mut row_lines = Vec::with_capacity(rows);
    for i in 0..rows {
        let code = format!("{}", 2040000 + i);
        let name = format!("{}（{}）", names[i % names.len()], i + 1);
        let a = (i as u64 * 7919) % 1_000_000;
        let amount = format!("{},{:03}.{:02}", a / 1000 + 1, a % 1000, i % 100);
        let mut row = vec![code, name, amount.clone(), amount.clone(), amount];
        for k in 0..4 {
            row.push(if (i + k) % 3 == 0 {
                format!("{}.{:02}", i % 997, k)
            } else {
                String::new()
            });
        }
        row.push(String::new());
        body.push(row);
        row_lines.push(100 + i as u32);
    }
    Table {
        title: "部门预算收入总表".into(),
        label: "表 2".into(),
        unit: Some(Unit::Wan),
        line: 99,
        end_line: 100 + rows as u32,
        kind: TableKind::Grid,
        header: header.into(),
        rows: body.into(),
        row_lines,
        pages: (rows / 40).max(1) as u32,
        notes: vec!["注：本表为演示数据。".into()].into_boxed_slice(),
        page: None,
        row_pages: Box::default(),
    }
}

/// A small expenditure table: two header rows with a merged cell, code and
/// name columns, three amount columns, a total row.
pub fn small_table() -> Table {
    let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    Table {
        title: "支出总表".into(),
        unit: Some(Unit::Wan),
        header: vec![
            s(&["功能分类科目", "", "合计", "基本支出", "项目支出"]),
            s(&["科目编码", "科目名称", "", "", ""]),
        ]
        .into(),
        rows: vec![
            s(&["", "合计", "11262.73", "6798.73", "4464.00"]),
            s(&["204", "公共安全支出", "10103.75", "5639.75", "4464.00"]),
            s(&["2040201", "行政运行", "5639.75", "5639.75", ""]),
        ]
        .into(),
        ..Table::default()
    }
}

fn indicator(l1: &str, l2: &str, name: &str, target: &str, basis: &str) -> Indicator {
    let texts = IndicatorTexts {
        level1: l1,
        level2: l2,
        name,
        description: "",
        target,
        basis,
    };
    Indicator::new(texts, 0)
}

/// A project with a full indicator table.
pub fn project() -> Project {
    Project {
        name: "智慧平安社区建设费".into(),
        amount: Some(Amount {
            value: Decimal::new(39710, 2),
            unit: Some(Unit::Wan),
            printed: "397.10".into(),
        }),
        code: Some("13031124P00AN97105727".into()),
        line: 300,
        goals: vec!["完成辖区 50 个小区智能监控安装，提升社区治安防控水平。".into()],
        purpose: Some("用于智慧社区平台建设工程结算及运转维护。".into()),
        indicators: vec![
            indicator(
                "产出指标",
                "数量指标",
                "安装智能监控数量",
                "≥200 个",
                "年度工作计划",
            ),
            indicator(
                "产出指标",
                "数量指标",
                "覆盖小区数",
                "50 个",
                "年度工作计划",
            ),
            indicator("产出指标", "质量指标", "设备验收合格率", "≥95%", "合同约定"),
            indicator(
                "产出指标",
                "时效指标",
                "完成时间",
                "12 月底前",
                "年度工作计划",
            ),
            indicator(
                "产出指标",
                "成本指标",
                "项目成本",
                "≤397.1 万元",
                "预算批复",
            ),
            indicator(
                "效益指标",
                "社会效益指标",
                "社区发案率",
                "较上年下降",
                "历年统计数据",
            ),
            indicator(
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "≥90%",
                "满意度调查",
            ),
        ],
        ..Project::default()
    }
}

/// A document with a prose section, one table of `rows` rows and a project.
pub fn document(rows: usize) -> Document {
    let para = |line: u32, text: &str| Content::Paragraph {
        line,
        text: text.into(),
    };
    Document {
        path: "demo/synthetic-2024-budget.txt".into(),
        title: "2024 年演示市公安局部门预算".into(),
        department: Some("演示市公安局".into()),
        year: Some(2024),
        kind: DocKind::Budget,
        sections: vec![
            Section {
                title: "部门概况".into(),
                number: "第一部分".into(),
                level: 1,
                line: 10,
                end_line: 98,
                content: vec![
                    para(
                        11,
                        "负责维护全区政治安全，预防、制止和侦查各类违法犯罪活动；维护社会治安秩序，制止危害社会治安秩序行为。",
                    ),
                    para(
                        12,
                        "2024 年部门预算收入 11,262.73 万元，支出 11,262.73 万元。",
                    ),
                ],
                children: vec![Section {
                    title: "收入预算".into(),
                    number: "一、".into(),
                    level: 2,
                    line: 98,
                    end_line: 299,
                    content: vec![Content::Table { index: 0 }],
                    ..Section::default()
                }],
                ..Section::default()
            },
            Section {
                title: "项目绩效目标".into(),
                number: "第二部分".into(),
                level: 1,
                line: 299,
                end_line: 320,
                content: vec![Content::Project { index: 0 }],
                ..Section::default()
            },
        ],
        tables: vec![table(rows)],
        projects: vec![project()],
        total: Some(Total {
            amount: Amount {
                value: Decimal::new(1126273, 2),
                unit: Some(Unit::Wan),
                printed: "11,262.73".into(),
            },
            label: "收入总计".into(),
            line: 120,
        }),
        encoding: "UTF-8".into(),
        line_count: 400 + rows as u32,
        ..Document::default()
    }
}
