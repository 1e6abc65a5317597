//! The eight real PDFs in tests/data/pdf read as documents, end to end (`pdf::to_document`):
//! department, year and kind; every table with its exact title, label and unit; cells on
//! both sides of two-sided tables, deep 项-level rows with their codes, figures after a page
//! break, wrapped names; the projects with their amounts; the indicators of two projects;
//! pages of every element; the scan's warning. Every fact was checked against the rendered
//! pages (`pdftoppm -r 70 -f P -l P -png FILE out`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use budgettui::model::{DocKind, Document, GridRow, Project, Table, Unit};
use budgettui::pdf::to_document;
use rust_decimal::Decimal;

/// Every file of tests/data/pdf, read once for all tests.
fn doc(file: &str) -> &'static Document {
    static DOCS: OnceLock<HashMap<String, Document>> = OnceLock::new();
    let docs = DOCS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/data/pdf")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        std::thread::scope(|s| {
            let handles: Vec<_> = files
                .iter()
                .map(|path| {
                    s.spawn(move || {
                        let name = path.file_name().expect("name").to_string_lossy();
                        let bytes = std::fs::read(path).expect("read");
                        let doc =
                            to_document(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
                        (name.into_owned(), doc)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("parse"))
                .collect()
        })
    });
    docs.get(file).unwrap_or_else(|| panic!("no {file}"))
}

/// The one table with this exact title.
fn table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    let found: Vec<&Table> = doc.tables.iter().filter(|t| t.title == title).collect();
    assert_eq!(found.len(), 1, "{title}: {:?}", titles(doc));
    found[0]
}

fn titles(doc: &Document) -> Vec<&str> {
    doc.tables.iter().map(|t| t.title.as_str()).collect()
}

/// The body row holding a cell with this text, and its index.
fn row<'a>(t: &'a Table, cell: &str) -> (usize, GridRow<'a>) {
    let r = t
        .rows
        .iter()
        .position(|r| r.iter().any(|c| c == cell))
        .unwrap_or_else(|| panic!("{}: no row with {cell:?}", t.title));
    (r, t.rows.row(r))
}

fn project<'a>(doc: &'a Document, name: &str) -> &'a Project {
    doc.projects
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no project {name:?}"))
}

/// A project's amount in 万元.
fn wan(p: &Project) -> Option<Decimal> {
    p.amount.as_ref().and_then(|a| a.in_wan())
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn guangzhou_budget_cover_tables_and_two_sided_summary() {
    let d = doc("guangzhou-xinfangju-2026-budget.pdf");
    assert_eq!(d.title, "2026年广州市信访局部门预算");
    assert_eq!(d.department.as_deref(), Some("广州市信访局"));
    assert_eq!((d.year, d.kind), (Some(2026), DocKind::Budget));
    assert_eq!((d.encoding.as_str(), d.page_count), ("PDF", Some(25)));
    assert_eq!(
        titles(d),
        [
            "收支总体情况表",
            "收入总体情况表",
            "本年支出总体情况表",
            "财政拨款收支总体情况表",
            "一般公共预算支出情况表（按功能分类科目）",
            "一般公共预算基本支出情况表（按经济分类科目）",
            "一般公共预算项目支出情况表（按经济分类科目）",
            "财政拨款安排的行政经费及“三公”经费预算表",
            "政府性基金预算支出情况表",
            "国有资本经营预算支出情况表",
            "部门预算基本支出预算表",
            "部门预算项目支出及其他支出预算表",
            // printed without a title under its heading: named after it
            "重点项目预算绩效目标情况",
        ]
    );
    for (i, t) in d.tables.iter().take(12).enumerate() {
        assert_eq!(t.label, format!("表{}", i + 1), "{}", t.title);
        assert_eq!(t.unit, Some(Unit::Wan), "{}", t.title);
    }
    // Two-sided: income and expenditure stay four columns; continued on page 6.
    let t = table(d, "收支总体情况表");
    assert_eq!(
        t.header.to_vecs(),
        [
            strings(&["收入", "", "支出", ""]),
            strings(&["项目", "预算", "项目", "预算"])
        ]
    );
    assert_eq!(t.pages, 2);
    assert_eq!(
        row(t, "一、预算拨款").1,
        [
            "一、预算拨款",
            "3,944.08",
            "一、一般公共服务支出",
            "2,570.71"
        ]
    );
    assert_eq!(
        row(t, "八、社会保障和就业支出").1,
        ["", "", "八、社会保障和就业支出", "419.35"]
    );
    let (r, total) = row(t, "收入总计");
    assert_eq!(total, ["收入总计", "3,944.08", "支出总计", "3,944.08"]);
    assert_eq!(t.row_pages[r], 6, "after the page break");
    assert_eq!(t.page, Some(5));
    assert_eq!(t.notes.len(), 2);
    assert!(t.notes[0].starts_with("注：财政拨款收支情况包括"));
    // The header repeated on page 6 is gone: one header, 22 + 9 body rows.
    assert_eq!(t.rows.len(), 31);
}

#[test]
fn guangzhou_budget_cells_codes_and_merged_headers() {
    let d = doc("guangzhou-xinfangju-2026-budget.pdf");
    let t = table(d, "本年支出总体情况表");
    assert_eq!(
        row(t, "2080505").1,
        strings(&[
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "199.06",
            "199.06",
            "0.00",
            "0.00",
            "0.00",
            "0.00"
        ])
    );
    let paths = t.column_paths();
    assert_eq!(paths[0], "功能分类科目 / 科目编码");
    assert_eq!(paths[3], "基本支出");
    let t = table(d, "收入总体情况表");
    assert_eq!(t.column_paths()[3], "财政拨款收入 / 政府性基金预算");
    assert_eq!(&row(t, "广州市信访局").1[1], "3,944.08");
    let t = table(d, "一般公共预算基本支出情况表（按经济分类科目）");
    let (r, cells) = row(t, "[30227]委托业务费");
    assert_eq!((&cells[1], t.row_pages[r]), ("36.00", 13));
    let t = table(d, "财政拨款安排的行政经费及“三公”经费预算表");
    assert_eq!(&row(t, "（二）公务用车购置及运行维护支出").1[1], "2.50");
}

#[test]
fn guangzhou_budget_projects_with_wrapped_names_and_goals() {
    let d = doc("guangzhou-xinfangju-2026-budget.pdf");
    let names: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "物业管理费",
            "市人民来访接待厅专项经费",
            "机构运行辅助经费",
            "社工服务外包项目",
            "云客服服务外包项目",
            "信访工作专项经费",
            "广州市信访局2025-2026年信息化运维项目",
            "信访宣传经费",
            "广州市信访局2026-2027年信息化运维项目",
        ]
    );
    let total: Decimal = d.projects.iter().filter_map(wan).sum();
    assert_eq!(total, dec("739.30"), "the table's 合计");
    // A name wrapped over three lines of its cell, on the page the table continues on.
    let p = project(d, "广州市信访局2025-2026年信息化运维项目");
    assert_eq!((wan(p), p.page), (Some(dec("40.41")), Some(20)));
    let p = project(d, "云客服服务外包项目");
    assert_eq!(wan(p), Some(dec("252.28")));
    assert_eq!(
        p.sources.len(),
        2,
        "the project table and the key-project table"
    );
    assert!(p.goals[0].starts_with("组建专业的客服服务团队"));
    // Economic classification rows of 项目支出 tables are no projects.
    assert!(!names.iter().any(|n| n.starts_with('[')));
}

#[test]
fn guangzhou_budget_outline_without_page_furniture() {
    let d = doc("guangzhou-xinfangju-2026-budget.pdf");
    let top: Vec<(&str, &str, Option<u32>)> = d
        .sections
        .iter()
        .map(|s| (s.number.as_str(), s.title.as_str(), s.page))
        .collect();
    assert_eq!(
        top,
        [
            ("", "目录", Some(2)),
            ("第一部分", "广州市信访局概况", Some(3)),
            ("第二部分", "2026年部门预算表", Some(5)),
            ("第三部分", "2026年部门预算情况说明", Some(21)),
            ("第四部分", "名词解释", Some(24)),
        ]
    );
    let third = &d.sections[3];
    assert_eq!(third.children.len(), 7);
    assert_eq!(third.children[6].title, "重点项目预算绩效目标情况");
    // A paragraph wrapped over lines and over a page break is one paragraph; page numbers
    // (`- 1 -`) are gone.
    let mut paragraphs = Vec::new();
    d.walk_sections(|_, s| {
        for c in &s.content {
            if let budgettui::model::Content::Paragraph { text, .. } = c {
                paragraphs.push(text.clone());
            }
        }
    });
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("（五）指导全市信访业务工作")
                && p.ends_with("指导全市信访部门信息化建设。"))
    );
    assert!(!paragraphs.iter().any(|p| p.starts_with("- ")));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn guangzhou_performance_projects_table_over_twelve_pages() {
    let d = doc("guangzhou-zhengshuju-2026-performance-projects.pdf");
    assert_eq!(d.department.as_deref(), Some("广州市政务服务和数据管理局"));
    assert_eq!((d.year, d.kind), (Some(2026), DocKind::Performance));
    assert_eq!(d.title, "2026年广州市政务服务和数据管理局绩效目标");
    assert_eq!(titles(d), ["项目支出绩效目标表（含转移支付项目）"]);
    let t = &d.tables[0];
    assert_eq!((t.pages, t.unit, t.rows.len()), (12, Some(Unit::Wan), 75));
    assert_eq!(
        t.header.row(0),
        strings(&[
            "项目名称（资金使用单位）",
            "总计",
            "财政拨款",
            "财政专户拨款",
            "其他资金",
            "绩效目标",
            "绩效指标"
        ])
    );
    assert_eq!(&row(t, "合计").1[1], "86,246.64");
    // 75 rows: the total, four spending units (no goals of their own) and 70 projects.
    assert_eq!(d.projects.len(), 70);
    for unit in [
        "广州市数字政府运营中心",
        "广州市政务服务中心",
        "广州市市长专线电话受理中心",
    ] {
        assert!(d.projects.iter().all(|p| p.name != unit), "{unit}");
        assert!(row(t, unit).1[5].is_empty());
    }
    let first = &d.projects[0];
    assert_eq!(
        first.name,
        "广州市政务服务和数据管理局数字政府运营中心穗智管运营服务项目"
    );
    assert_eq!(wan(first), Some(dec("1391.47")));
    let last = d.projects.last().expect("projects");
    assert_eq!(
        last.name,
        "广州12345政府服务热线受理中心2025年热线智能平台建设项目"
    );
    assert_eq!((wan(last), last.page), (Some(dec("463.32")), Some(12)));
    // Two units each have a project of this name, with their own amounts.
    let same: Vec<Option<Decimal>> = d
        .projects
        .iter()
        .filter(|p| p.name == "业务用房物业管理费")
        .map(wan)
        .collect();
    assert_eq!(same, [Some(dec("271.19")), Some(dec("112.11"))]);
}

#[test]
fn guangzhou_performance_indicators_of_two_projects() {
    let d = doc("guangzhou-zhengshuju-2026-performance-projects.pdf");
    let p = project(d, "广州12345政务服务便民热线平台运营项目");
    assert_eq!(wan(p), Some(dec("12000.00")));
    assert!(p.goals[0].starts_with("通过实施2026年度广州12345热线平台运营项目"));
    let got: Vec<(&str, &str, &str, &str)> = p
        .indicators
        .iter()
        .map(|i| (i.level1(), i.level2(), i.name(), i.target()))
        .collect();
    assert_eq!(got.len(), 8);
    assert_eq!(got[0], ("产出指标", "质量指标", "不满意回访率", "100%"));
    assert_eq!(got[4], ("产出指标", "时效指标", "工单转派及时率", "100%"));
    assert_eq!(
        got[6],
        ("满意度指标", "服务对象满意度", "受理服务满意度", "≥95%")
    );
    assert_eq!(got[7], ("成本指标", "经济成本指标", "人工成本控制率", "≤1"));
    assert!(p.indicators.iter().all(|i| i.page() == Some(1)));
    let p = project(
        d,
        "广州市政务服务和数据管理局2024-2027年广州市数字政府政务云服务运维项目",
    );
    assert_eq!((wan(p), p.page), (Some(dec("20206.21")), Some(5)));
    let i = &p.indicators[0];
    assert_eq!((i.name(), i.target()), ("云平台计算承载能力", "≥10.8万核"));
    assert_eq!(i.description(), "实施周期指标值：≥11万核");
    assert_eq!(p.indicators.last().map(|i| i.target()), Some("≤75%"));
}

#[test]
fn national_final_accounts_code_line_under_the_title() {
    let d = doc("national-xinfangju-2024-final.pdf");
    assert_eq!(d.department.as_deref(), Some("国家信访局"));
    assert_eq!((d.year, d.kind), (Some(2024), DocKind::FinalAccounts));
    let want = [
        ("公开 01 表", "收入支出决算总表"),
        ("公开 02 表", "收入决算表"),
        ("公开 03 表", "支出决算表"),
        ("公开 04 表", "财政拨款收入支出决算总表"),
        ("公开 05 表", "一般公共预算财政拨款支出决算表"),
        ("公开 06 表", "一般公共预算财政拨款基本支出决算表"),
        ("公开 07 表", "政府性基金预算财政拨款收入支出决算表"),
        ("公开 08 表", "国有资本经营预算财政拨款支出决算表"),
        ("公开 09 表", "一般公共预算财政拨款“三公”经费支出决算表"),
        ("", "信访干部培训专项项目绩效自评表"),
        ("", "信访研究宣传立法专项项目绩效自评表"),
        ("", "资产运行维护项目绩效自评表"),
        ("", "信息化运行维护项目绩效自评表"),
        ("表 1", "项目年度绩效指标表"),
        ("表 2", "综合评价得分情况表"),
    ];
    let got: Vec<(&str, &str)> = d
        .tables
        .iter()
        .map(|t| (t.label.as_str(), t.title.as_str()))
        .collect();
    assert_eq!(got, want);
    let t = table(d, "收入支出决算总表");
    assert_eq!(
        row(t, "一、一般公共预算财政拨款收入").1,
        strings(&[
            "一、一般公共预算财政拨款收入",
            "1",
            "19,572.91",
            "一、一般公共服务支出",
            "32",
            "10,685.56"
        ])
    );
    assert_eq!(&row(t, "十九、住房保障支出").1[5], "980.85");
    // the headline total: 总计, not the 行次 beside it
    let total = d.total.as_ref().expect("total");
    assert_eq!(
        (total.label.as_str(), total.amount.in_wan()),
        ("总计", Some(dec("22066.59")))
    );
    let t = table(d, "一般公共预算财政拨款支出决算表");
    assert_eq!(
        row(t, "2080506").1,
        strings(&[
            "2080506",
            "机关事业单位职业年金缴费支出",
            "329.53",
            "329.53",
            ""
        ])
    );
    assert_eq!(t.unit, Some(Unit::Wan));
}

#[test]
fn national_self_evaluation_projects_and_indicators_over_a_page_break() {
    let d = doc("national-xinfangju-2024-final.pdf");
    let got: Vec<(&str, Option<Decimal>)> = d
        .projects
        .iter()
        .map(|p| (p.name.as_str(), wan(p)))
        .collect();
    assert_eq!(
        got,
        [
            ("信访干部培训专项", Some(dec("180.03"))),
            ("信访研究宣传立法专项", Some(dec("536.2"))),
            ("资产运行维护", Some(dec("120.00"))),
            ("信息化运行维护", Some(dec("1639.34"))),
        ]
    );
    let p = project(d, "信访干部培训专项");
    assert_eq!(p.goals.len(), 3);
    let got: Vec<(&str, &str, &str, &str, Option<u32>)> = p
        .indicators
        .iter()
        .map(|i| (i.level1(), i.level2(), i.name(), i.target(), i.page()))
        .collect();
    assert_eq!(got.len(), 10);
    assert_eq!(
        got[0],
        (
            "成本指标",
            "经济成本指标",
            "参加培训学员人均培训费",
            "不超标准",
            Some(30)
        )
    );
    // merged level cells: same as above
    assert_eq!(
        got[2],
        ("产出指标", "数量指标", "培训人数", "≥300人", Some(30))
    );
    // the table goes on on page 31 under the merged cells cut by the page break
    assert_eq!(
        got[8],
        (
            "效益指标",
            "社会效益指标",
            "信访系统干部整体素质",
            "有所提高",
            Some(31)
        )
    );
    assert_eq!(
        got[9],
        (
            "满意度指标",
            "服务对象满意度指标",
            "受训学员满意率",
            "≥95%",
            Some(31)
        )
    );
    let p = project(d, "信息化运行维护");
    assert_eq!(p.indicators.len(), 8);
    assert_eq!(p.indicators[6].level2(), "生态效益指标");
    assert_eq!(p.indicators[6].target(), "≥95%");
    // The appendix's indicator table names no project: reported, not invented.
    assert!(
        d.warnings
            .iter()
            .any(|w| w.message.contains("项目年度绩效指标表") && w.page == Some(46))
    );
}

#[test]
fn foshan_multi_line_headers_and_tables_over_several_pages() {
    let d = doc("foshan-guidao-jiaotong-2019-final.pdf");
    assert_eq!(d.department.as_deref(), Some("佛山市轨道交通局"));
    assert_eq!((d.year, d.kind), (Some(2019), DocKind::FinalAccounts));
    let want = [
        ("表 1", "收入支出决算总表", 3),
        ("表 2", "收入决算表", 2),
        ("表 3", "支出决算表", 2),
        ("表 4", "财政拨款收入支出决算总表", 3),
        ("表 5", "一般公共预算财政拨款支出决算表", 2),
        ("表 6", "一般公共预算财政拨款基本支出决算表", 4),
        ("表 7", "一般公共预算财政拨款“三公”经费支出决算表", 1),
        ("表 8", "政府性基金预算财政拨款收入支出决算表", 2),
    ];
    let got: Vec<(&str, &str, u32)> = d
        .tables
        .iter()
        .take(8)
        .map(|t| (t.label.as_str(), t.title.as_str(), t.pages))
        .collect();
    assert_eq!(got, want);
    let t = table(d, "收入支出决算总表");
    // the 栏次 row under the header and the caption repeated on every page are gone
    assert_eq!(
        t.header.to_vecs(),
        [
            strings(&["收入", "", "", "支出", "", ""]),
            strings(&["项目", "行次", "决算数", "项目", "行次", "决算数"])
        ]
    );
    let (r, cells) = row(t, "十三、交通运输支出");
    assert_eq!((&cells[5], t.row_pages[r]), ("1531.04", 6));
    let (r, cells) = row(t, "年末结转和结余");
    assert_eq!((&cells[5], t.row_pages[r]), ("0.01", 7));
    let t = table(d, "收入决算表");
    assert_eq!(t.column_paths()[0], "项目 / 功能分类科目编码");
    assert_eq!(
        row(t, "2140101").1.to_vec()[..4],
        strings(&["2140101", "行政运行", "609.30", "609.29"])
    );
    // two-sided over four pages: 人员经费 | 公用经费
    let t = table(d, "一般公共预算财政拨款基本支出决算表");
    assert_eq!(
        row(t, "30108").1,
        strings(&[
            "30108",
            "机关事业单位基本养老保险缴费",
            "47.01",
            "30206",
            "电费",
            "11.22"
        ])
    );
    let (r, cells) = row(t, "30702");
    assert_eq!((&cells[0], &cells[5], t.row_pages[r]), ("", "0.00", 19));
}

#[test]
fn foshan_self_evaluated_projects_have_no_amounts() {
    let d = doc("foshan-guidao-jiaotong-2019-final.pdf");
    let names: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 7);
    assert_eq!(names[0], "质量抽检和试验检测管理");
    assert_eq!(names[6], "广佛两市轨道交通系统一体化规划");
    assert!(
        d.projects
            .iter()
            .all(|p| p.amount.is_none() && p.page == Some(29))
    );
    let outline: Vec<&str> = d.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(
        outline,
        ["", "第一部分", "第二部分", "第三部分", "第四部分"]
    );
    assert_eq!(d.sections[3].children.len(), 4);
}

#[test]
fn suzhou_running_header_removed_and_sparse_two_sided_rows_kept_apart() {
    let d = doc("suzhou-shenjiju-2026-budget.pdf");
    assert_eq!(d.department.as_deref(), Some("苏州市审计局"));
    assert_eq!((d.year, d.kind), (Some(2026), DocKind::Budget));
    assert_eq!(d.tables.len(), 13);
    for (i, t) in d.tables.iter().enumerate() {
        assert_eq!(t.label, format!("公开 {:02} 表", i + 1));
        assert_eq!(t.unit, Some(Unit::Wan));
    }
    assert_eq!(table(d, "财政拨款收支总表").pages, 2);
    let t = table(d, "收支总表");
    assert_eq!(
        row(t, "二十、住房保障支出").1,
        ["", "", "二十、住房保障支出", "1,302.95"]
    );
    // a page that goes on with rows holding no figure is still the same table
    let t = table(d, "财政拨款收支总表");
    let (r, cells) = row(t, "（二十）住房保障支出");
    assert_eq!((&cells[3], t.row_pages[r]), ("1,302.95", 13));
    assert_eq!(
        row(t, "收入总计").1,
        ["收入总计", "4,651.67", "支出总计", "4,651.67"]
    );
    let t = table(d, "财政拨款支出表（功能科目）");
    assert_eq!(
        row(t, "2010801").1.to_vec()[..4],
        strings(&["2010801", "行政运行", "2,342.00", "2,342.00"])
    );
    // the line printed atop every page is no heading, no paragraph
    let json = serde_json::to_string(&d.sections).expect("json");
    assert!(!json.contains("苏州市审计局 2026 年度部门预算公开"));
    assert!(d.projects.is_empty());
}

#[test]
fn shanghai_amounts_in_yuan_and_cover_department() {
    let d = doc("shanghai-putuo-wanli-jiedao-2024-budget.pdf");
    assert_eq!(
        d.department.as_deref(),
        Some("上海市普陀区人民政府万里街道办事处")
    );
    assert_eq!((d.year, d.kind), (Some(2024), DocKind::Budget));
    let want = [
        ("2024年部门财务收支预算总表", 1),
        ("2024年部门收入预算总表", 5),
        ("2024年部门支出预算总表", 5),
        ("2024年部门财政拨款收支预算总表", 1),
        ("2024年部门一般公共预算支出功能分类预算表", 5),
        ("2024年部门政府性基金预算支出功能分类预算表", 1),
        ("2024年部门国有资本经营预算支出功能分类预算表", 1),
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", 2),
        ("部门“三公”经费和机关运行经费预算表", 1),
    ];
    let got: Vec<(&str, u32)> = d
        .tables
        .iter()
        .map(|t| (t.title.as_str(), t.pages))
        .collect();
    assert_eq!(got, want);
    assert!(d.tables[..8].iter().all(|t| t.unit == Some(Unit::Yuan)));
    assert_eq!(d.tables[8].unit, Some(Unit::Wan));
    let t = table(d, "2024年部门财务收支预算总表");
    assert_eq!(
        row(t, "一、财政拨款收入").1,
        [
            "一、财政拨款收入",
            "156,211,123",
            "一、一般公共服务支出",
            "2,932,700"
        ]
    );
    // the headline total, converted exactly from 元
    let total = d.total.as_ref().expect("total");
    assert_eq!(total.amount.in_wan(), Some(dec("15621.1123")));
    // 类 | 款 | 项 under 功能分类科目编码; a 项 row continued on page 12
    let t = table(d, "2024年部门收入预算总表");
    assert_eq!(t.header.len(), 3);
    assert_eq!(t.column_paths()[2], "项目 / 功能分类科目编码 / 项");
    let (r, cells) = row(t, "专项普查活动");
    assert_eq!(
        cells.to_vec()[..5],
        strings(&["201", "05", "07", "专项普查活动", "257,700"])
    );
    assert_eq!(t.row_pages[r], 11);
    let (r, cells) = row(t, "公共安全支出");
    assert_eq!((&cells[4], t.row_pages[r]), ("1,633,000", 12));
    // budget subjects in the prose (`…（类）…（款）…（项）`) are no projects
    assert!(
        d.projects.is_empty(),
        "{:?}",
        d.projects.iter().map(|p| &p.name).collect::<Vec<_>>()
    );
}

#[test]
fn jiangsu_tables_only_department_and_year_from_captions() {
    let d = doc("jiangsu-zhengxie-2019-budget-tables.pdf");
    assert_eq!(d.department.as_deref(), Some("江苏省政协办公厅"));
    assert_eq!((d.year, d.kind), (Some(2019), DocKind::Budget));
    // no title line (the first page opens on 公开01表): titled from what the tables say
    assert_eq!(d.title, "2019年江苏省政协办公厅部门预算");
    assert!(d.warnings.iter().all(|w| w.message != "no title found"));
    let want = [
        "收支预算总表",
        "收入预算总表",
        "支出预算总表",
        "财政拨款收支预算总表",
        "财政拨款支出预算表（功能科目）",
        "财政拨款基本支出预算表（经济科目）",
        "一般公共预算支出预算表（功能科目）",
        "一般公共预算基本支出预算表（经济科目）",
        "“三公”经费、会议费、培训费支出预算表",
        "财政拨款政府性基金支出预算表",
        "一般公共预算机关运行经费支出预算表",
        "2019年政府采购预算表",
    ];
    assert_eq!(titles(d), want);
    for (i, t) in d.tables.iter().enumerate() {
        assert_eq!(t.label, format!("公开{:02}表", i + 1));
        assert_eq!(t.page, Some(i as u32 + 1));
    }
    let t = table(d, "收支预算总表");
    assert_eq!(t.header.len(), 3);
    assert_eq!(
        row(t, "一、财政拨款").1,
        strings(&[
            "一、财政拨款",
            "13,297.11",
            "一、一般公共服务支出",
            "10,271.56",
            "一、基本支出",
            "6,522.75"
        ])
    );
    assert_eq!(&row(t, "十八、住房保障支出").1[3], "2,247.04");
    let t = table(d, "财政拨款支出预算表（功能科目）");
    assert_eq!(row(t, "2010201").1, ["2010201", "行政运行", "5,223.22"]);
    let t = table(d, "2019年政府采购预算表");
    assert_eq!(&row(t, "台式计算机（20万以下）").1[5], "18.00");
    // 收入预算总表 lists income sources under 项目名称: no projects
    assert!(d.projects.is_empty());
}

#[test]
fn a_scan_is_a_document_with_a_warning() {
    let d = doc("changsha-scan-image-only.pdf");
    assert_eq!(d.page_count, Some(6));
    assert!(d.tables.is_empty() && d.sections.is_empty());
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    let w = &d.warnings[0];
    assert!(
        w.message.contains("no text layer") && w.message.contains("OCR"),
        "{}",
        w.message
    );
    assert_eq!((w.line, w.page), (1, Some(1)));
}

#[test]
fn every_element_of_a_pdf_has_its_page_and_lines_count_up() {
    for file in [
        "guangzhou-xinfangju-2026-budget.pdf",
        "national-xinfangju-2024-final.pdf",
        "shanghai-putuo-wanli-jiedao-2024-budget.pdf",
    ] {
        let d = doc(file);
        let pages = d.page_count.expect("pages");
        let ok = |p: Option<u32>| p.is_some_and(|p| (1..=pages).contains(&p));
        d.walk_sections(|_, s| assert!(ok(s.page), "{file}: {}", s.title));
        for t in &d.tables {
            assert!(ok(t.page), "{file}: {}", t.title);
            assert_eq!(t.row_pages.len(), t.rows.len());
            assert!(t.row_pages.windows(2).all(|w| w[0] <= w[1]));
            assert!(
                t.row_lines.windows(2).all(|w| w[0] < w[1]),
                "{file}: {}",
                t.title
            );
            assert!(t.line <= t.row_lines.first().copied().unwrap_or(t.line));
        }
        for p in &d.projects {
            assert!(ok(p.page), "{file}: {}", p.name);
            assert!(p.sources.iter().all(|s| ok(s.page)));
            assert!(p.indicators.iter().all(|i| ok(i.page())));
        }
        assert!(d.warnings.iter().all(|w| ok(w.page)));
        assert!(d.line_count > 0);
    }
}
