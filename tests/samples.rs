//! The parsing core on the five bundled disclosures: metadata, tables merged
//! across pages, repaired cells, projects with amounts, indicators with
//! fill-down, outline nesting (restarts, table of contents), encodings.

use budgettui::model::{
    Content, DocKind, Document, GridRow, Indicator, IndicatorTexts, Project, Section, SectionKind,
    Table, TableKind,
};
use budgettui::parse::parse_bytes;

fn sample(name: &str) -> Document {
    let path = format!("{}/samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_bytes(&format!("samples/{name}.txt"), &bytes)
}

const QHD2020: &str = "qinhuangdao-kaifaqu-2020-budget";
const QHD2024: &str = "qinhuangdao-kaifaqu-2024-budget";
const LUOHU: &str = "shenzhen-luohu-2020-budget";
const ZHIAN: &str = "shenzhen-zhian-2023-budget";
const TANGSHAN: &str = "tangshan-gaoxin-2022-performance";

fn tables_titled<'a>(doc: &'a Document, title: &str) -> Vec<&'a Table> {
    doc.tables.iter().filter(|t| t.title == title).collect()
}

fn one_table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    let found = tables_titled(doc, title);
    assert_eq!(
        found.len(),
        1,
        "expected one table titled {title}, found {}: {:?}",
        found.len(),
        doc.tables.iter().map(|t| &t.title).collect::<Vec<_>>()
    );
    found[0]
}

/// The body row whose cell `col` equals `key`.
fn row<'a>(t: &'a Table, col: usize, key: &str) -> GridRow<'a> {
    t.rows
        .iter()
        .find(|r| r.get(col).is_some_and(|c| c == key))
        .unwrap_or_else(|| panic!("no row with {key} in column {col} of {}", t.title))
}

fn project<'a>(doc: &'a Document, name: &str) -> &'a Project {
    doc.projects
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no project {name}; have {:?}",
                doc.projects.iter().map(|p| &p.name).collect::<Vec<_>>()
            )
        })
}

/// An amount in 万元, as text.
fn wan(a: &budgettui::model::Amount) -> String {
    a.in_wan().map(|d| d.to_string()).unwrap_or_default()
}

fn amount(p: &Project) -> String {
    p.amount
        .as_ref()
        .and_then(|a| a.in_wan())
        .map(|a| a.to_string())
        .unwrap_or_else(|| "-".into())
}

/// `name amount` per project, one per line, for the full-list snapshots.
fn project_list(doc: &Document) -> String {
    doc.projects
        .iter()
        .map(|p| {
            format!(
                "{} | {} | {} | {}",
                p.name,
                amount(p),
                p.code.as_deref().unwrap_or("-"),
                p.indicators.len()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn find_section<'a>(secs: &'a [Section], title: &str) -> Option<&'a Section> {
    for s in secs {
        if s.title == title {
            return Some(s);
        }
        if let Some(f) = find_section(&s.children, title) {
            return Some(f);
        }
    }
    None
}

fn section<'a>(doc: &'a Document, title: &str) -> &'a Section {
    find_section(&doc.sections, title).unwrap_or_else(|| panic!("no section {title}"))
}

fn child_titles(s: &Section) -> Vec<&str> {
    s.children.iter().map(|c| c.title.as_str()).collect()
}

fn count_sections(doc: &Document, title: &str) -> usize {
    let mut n = 0;
    doc.walk_sections(|_, s| n += usize::from(s.title == title));
    n
}

fn ind(i: &Indicator) -> (String, String, String, String) {
    (
        i.level1().to_string(),
        i.level2().to_string(),
        i.name().to_string(),
        i.target().to_string(),
    )
}

// ---------------------------------------------------------------- metadata

#[test]
fn metadata_of_every_sample() {
    let cases = [
        (
            QHD2020,
            "秦皇岛经济技术开发区公安分局",
            2020,
            DocKind::Budget,
        ),
        (
            QHD2024,
            "秦皇岛市公安局经济技术开发区分局",
            2024,
            DocKind::Budget,
        ),
        (LUOHU, "深圳市公安局罗湖分局", 2020, DocKind::Budget),
        (ZHIAN, "深圳市公安局治安管理支队", 2023, DocKind::Budget),
        (
            TANGSHAN,
            "唐山市公安局高新区分局",
            2022,
            DocKind::Performance,
        ),
    ];
    for (name, dept, year, kind) in cases {
        let d = sample(name);
        assert_eq!(d.department.as_deref(), Some(dept), "{name}");
        assert_eq!(d.year, Some(year), "{name}");
        assert_eq!(d.kind, kind, "{name}");
        assert_eq!(d.encoding, "UTF-8", "{name}");
    }
    assert_eq!(
        sample(LUOHU).title,
        "2020 年深圳市公安局罗湖分局（本级） 部门预算"
    );
    assert_eq!(
        sample(ZHIAN).title,
        "2023 年深圳市公安局治安管理支队 部门预算"
    );
    assert_eq!(
        sample(TANGSHAN).title,
        "唐山市公安局高新区分局 2022年部门预算绩效文本"
    );
}

#[test]
fn totals() {
    let t = sample(LUOHU).total.expect("luohu total");
    assert_eq!(
        (wan(&t.amount), t.amount.printed.as_str(), t.line),
        ("145863.63".into(), "145,863.63", 272)
    );
    let t = sample(QHD2024).total.expect("qhd total");
    assert_eq!(t.amount.printed, "11262.73");
    let t = sample(ZHIAN).total.expect("zhian total");
    assert_eq!(wan(&t.amount), "19535");
    // no summary table: the prose figure
    let t = sample(QHD2020).total.expect("qhd2020 total");
    assert_eq!((t.amount.printed.as_str(), t.line), ("8522.39", 42));
    assert!(sample(TANGSHAN).total.is_none());
}

// ---------------------------------------------------------------- tables

#[test]
fn multi_page_tables_are_one_table() {
    let d = sample(QHD2024);
    let t = one_table(&d, "部门预算收支总表");
    assert_eq!((t.pages, t.rows.len(), t.header.len()), (3, 34, 2));
    assert_eq!(t.unit.map(|u| u.as_str()), Some("万元"));
    assert_eq!(
        t.rows.last().map(|r| r.to_vec()),
        Some(
            ["34", "收入总计", "11262.73", "支出总计", "11262.73"]
                .map(String::from)
                .to_vec()
        )
    );
    let t = one_table(&d, "部门预算收入总表");
    assert_eq!((t.pages, t.rows.len()), (4, 22));
    assert_eq!(t.header.cell(1, 1), Some("科目编码"));
    let t = one_table(&d, "部门预算财政拨款收支总表");
    assert_eq!((t.pages, t.rows.len()), (6, 37));
    // a performance table over two pages, header repeated on the second
    let t = one_table(&d, "运行维护费绩效目标表");
    assert_eq!(t.pages, 2);
    assert_eq!(
        t.rows
            .iter()
            .filter(|r| r.first().is_some_and(|c| c == "一级指标"))
            .count(),
        1
    );

    let d = sample(ZHIAN);
    let t = one_table(&d, "收支总表");
    assert_eq!((t.label.as_str(), t.pages, t.rows.len()), ("表 1", 2, 23));
    let t = one_table(&d, "一般公共预算支出表（按功能分类）");
    assert_eq!((t.label.as_str(), t.pages), ("表 7", 2));
    assert_eq!(one_table(&d, "一般公共预算支出表（按经济分类）").pages, 3);

    let d = sample(LUOHU);
    let t = one_table(&d, "部门预算绩效管理项目情况表");
    assert_eq!((t.label.as_str(), t.pages, t.rows.len()), ("表. 13", 4, 96));
    assert_eq!(t.header.len(), 2);
    assert_eq!(one_table(&d, "收入预算表").header.len(), 4);
}

#[test]
fn repaired_cells() {
    let d = sample(QHD2024);
    let t = one_table(&d, "部门预算收入总表");
    // numbers split by spaces
    assert_eq!(&row(t, 2, "合计")[3], "11262.73"); // `1126 2.73`
    assert_eq!(&row(t, 1, "2040201")[3], "5639.75"); // `2040 201` / `5639 .75`
    assert_eq!(&row(t, 1, "2040202")[3], "55.08"); // `55.0 8`
    assert_eq!(&row(t, 1, "2040219")[3], "997.10"); // `997. 10`
    // a row cut by a page break: `2040` + `299`, `其他` + `公安 支出`, `3295` + `.04`
    let r = row(t, 1, "2040299");
    assert_eq!((&r[2], &r[3]), ("其他公安支出", "3295.04"));
    // words split between Chinese characters
    assert_eq!(&row(t, 1, "208")[2], "社会保障和就业支出");
    // a name cut by a page break
    assert_eq!(&row(t, 1, "2080505")[2], "机关事业单位基本养老保险缴费支出");
    let t = one_table(&d, "部门预算财政拨款收支总表");
    assert_eq!(&row(t, 0, "15")[3], "十五、资源勘探工业信息等支出");
    assert_eq!(&row(t, 0, "29")[3], "二十九、债务发行费用支出");
    assert_eq!(&row(t, 0, "32")[1], "本年收入合计");

    let d = sample(LUOHU);
    let t = one_table(&d, "收支预算总表");
    assert_eq!(&row(t, 0, "收入总计")[1], "145,863.63");
    assert_eq!(
        &row(t, 2, "机关事业单位基本养老保险缴费支出")[3],
        "5,423.64"
    );
}

#[test]
fn empty_tables_keep_their_note() {
    let d = sample(QHD2024);
    let t = one_table(&d, "部门预算政府性基金预算财政拨款支出表");
    assert_eq!(&t.notes[..], ["注：无政府基金预算财政拨款预算，空表列示。"]);
}

#[test]
fn cell_per_line_tables() {
    let d = sample(QHD2020);
    let t = one_table(&d, "部门政府采购预算");
    assert_eq!(t.unit.map(|u| u.as_str()), Some("万元"));
    let r = row(t, 0, "创安公司服装购置");
    assert_eq!(&r[1], "30.51");
    assert_eq!(&r[3], "A070399");
    let t = one_table(&d, "部门固定资产占用情况表");
    assert_eq!(&row(t, 0, "4、其他固定资产")[2], "517.72");
}

// ---------------------------------------------------------------- projects

#[test]
fn projects_qinhuangdao_2024() {
    let d = sample(QHD2024);
    let got: Vec<(&str, String)> = d
        .projects
        .iter()
        .map(|p| (p.name.as_str(), amount(p)))
        .collect();
    let want = [
        ("创安公司辅警服装", "29.23"),
        ("创安公司经费", "2653.81"),
        (
            "戴河派出所新址改造及 2021 分局大楼及派出所办公场所、设施改造、修缮、更新费用",
            "100.00",
        ),
        ("东区检查站扩建项目", "40.00"),
        ("公安业务经费", "168.99"),
        ("旅游旺季经费", "16.00"),
        ("视频监控系统租赁费", "600.00"),
        ("铁路护路工作专项经费", "42.70"),
        ("物业管理费", "55.08"),
        ("新增警务辅助人员劳务费", "125.01"),
        ("运行维护费", "211.01"),
        ("智慧社区", "397.10"),
        ("专项公用经费", "25.07"),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(n, a)| (*n, a.to_string()))
            .collect::<Vec<_>>()
    );
    let p = project(&d, "智慧社区");
    assert_eq!(p.code.as_deref(), Some("13031124P00AN97105727"));
    assert_eq!(
        p.amount.as_ref().map(|a| a.printed.as_str()),
        Some("397.10")
    );
    // the performance table and the procurement row are one project
    assert_eq!(p.sources.len(), 2);
    assert_eq!(p.goals.len(), 2);
    let p = project(&d, "运行维护费");
    assert_eq!(p.sources.len(), 3);
}

#[test]
fn projects_qinhuangdao_2020() {
    let d = sample(QHD2020);
    // 33 performance tables, amounts only where the procurement table gives them
    assert_eq!(d.projects.len(), 33, "{}", project_list(&d));
    assert_eq!(amount(project(&d, "智慧社区建设经费")), "300.00");
    assert_eq!(amount(project(&d, "物业管理费")), "55.08");
    assert_eq!(amount(project(&d, "创安公司服装购置")), "30.51");
    assert_eq!(amount(project(&d, "禁毒经费")), "-");
    assert_eq!(
        project(&d, "“平安眼”项目流量使用费及安全路由服务费用")
            .indicators
            .len(),
        7
    );
}

#[test]
fn projects_luohu() {
    let d = sample(LUOHU);
    assert_eq!(amount(project(&d, "辅警保障经费")), "9380.14");
    assert_eq!(amount(project(&d, "警务辅助专项经费")), "28565.01");
    // 〔〕 vs (), full- vs half-width commas: one project
    let p = project(
        &d,
        "深财预(2019)171号提前下达2020年转移支付,2020年度政法转移支付资金-公安部门",
    );
    assert_eq!(amount(p), "800.00");
    assert!(p.sources.len() >= 2);
    // two procurement lines of one project, and its line in the project list
    assert_eq!(
        amount(project(&d, "分局网络黑产监控系统数据服务")),
        "443.00"
    );
    // every performance table became a project
    let perf = d
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::ProjectPerformance)
        .count();
    assert_eq!(perf, 96);
    assert_eq!(d.projects.iter().filter(|p| p.table.is_some()).count(), 96);
    assert!(d.projects.iter().all(|p| !p.name.contains("**")));
}

#[test]
fn projects_zhian() {
    let d = sample(ZHIAN);
    assert_eq!(amount(project(&d, "公安证照制发")), "4800");
    assert_eq!(amount(project(&d, "公安行政管理")), "2066");
    // prose: `治安业务费 807 万元，用于…`
    assert_eq!(amount(project(&d, "治安业务费")), "807");
    assert_eq!(amount(project(&d, "购买社会工作服务项目")), "53");
}

#[test]
fn projects_tangshan_amounts_from_prose() {
    let d = sample(TANGSHAN);
    let got: Vec<(&str, String, &str)> = d
        .projects
        .iter()
        .map(|p| (p.name.as_str(), amount(p), p.code.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            ("办案维稳经费", "50", "2040220"),
            ("科防一期、二期工程维护费", "73.70", "2040202"),
            ("铁路沿线视频监控租赁维护费", "50", "2040202"),
            ("火炬路派出所建设项目", "677", "2120899"),
            ("智慧平安社区建设费", "924", "2040299"),
            ("居民身份证自助受理设备购置项目", "60", "2040202"),
            ("跨部门涉案财物共管中心服务项目", "50", "2040299"),
            ("视频智能化应用建设", "680", "2040202"),
            ("公安视频专网安全防护体系建设", "193.1", "2040202"),
        ]
        .iter()
        .map(|(n, a, c)| (*n, a.to_string(), *c))
        .collect::<Vec<_>>()
    );
}

#[test]
fn full_project_lists() {
    for name in [QHD2020, QHD2024, LUOHU, ZHIAN, TANGSHAN] {
        insta::assert_snapshot!(format!("projects-{name}"), project_list(&sample(name)));
    }
}

// ---------------------------------------------------------------- indicators

#[test]
fn indicators_fill_down() {
    let d = sample(QHD2024);
    let got: Vec<_> = project(&d, "智慧社区").indicators.iter().map(ind).collect();
    let s = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        got,
        [
            s("产出指标", "数量指标", "建设数量", "90 个"),
            s("产出指标", "质量指标", "小区验收合格率", "100%"),
            s("产出指标", "时效指标", "项目完成时间", "≤12 月之前"),
            s("产出指标", "成本指标", "预算金额", "≤397.1 万元"),
            s(
                "效益指标",
                "社会效益指标",
                "维护社会稳定能力增强",
                "较上年提高"
            ),
            s(
                "效益指标",
                "社会效益指标",
                "保障公安业务顺利开展",
                "有效保障"
            ),
            s("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
        ]
    );
    let i = &project(&d, "智慧社区").indicators[0];
    assert_eq!(
        (i.description(), i.basis(), i.line),
        ("智慧社区建设数量", "合同", 943)
    );
    // a name cut by a page break inside an indicator table
    let p = project(
        &d,
        "戴河派出所新址改造及 2021 分局大楼及派出所办公场所、设施改造、修缮、更新费用",
    );
    assert!(
        p.indicators
            .iter()
            .any(|i| i.name() == "维护社会稳定能力增强")
    );

    // one cell per line, level cells blank on following rows (qinhuangdao 2020)
    let d = sample(QHD2020);
    let p = project(&d, "“平安眼”项目流量使用费及安全路由服务费用");
    assert_eq!(
        ind(&p.indicators[1]),
        s("产出指标", "质量指标", "信息系统应用质量", "≥0%")
    );
    assert_eq!(
        ind(&p.indicators[4]),
        s("效果指标", "社会效益指标", "信息系统采纳情况", "≥0%")
    );

    // shifted columns (luohu): levels recognized wherever they stand
    let d = sample(LUOHU);
    let p = project(&d, "辅警保障经费");
    assert!(
        p.indicators.contains(&Indicator::new(
            IndicatorTexts {
                level1: "产出指标",
                level2: "数量指标",
                name: "指标 2：奖励费保障人员数量",
                target: "≥103 人",
                ..IndicatorTexts::default()
            },
            705
        )),
        "{:#?}",
        p.indicators
    );
    assert!(
        p.indicators
            .iter()
            .any(|i| i.level1() == "满意度指标" && i.name() == "辖区居民治安满意度")
    );

    // tangshan: fill-down under 数量指标
    let d = sample(TANGSHAN);
    let p = project(&d, "办案维稳经费");
    let i = p
        .indicators
        .iter()
        .find(|i| i.name() == "处理案件数量")
        .expect("处理案件数量");
    assert_eq!(
        (i.level1(), i.level2(), i.target()),
        ("产出指标", "数量指标", "≥1514件")
    );
}

#[test]
fn department_wide_indicators() {
    let d = sample(ZHIAN);
    assert_eq!(d.indicators.len(), 28);
    assert_eq!(
        ind(&d.indicators[5]),
        (
            "产出指标".into(),
            "数量指标".into(),
            "第二代身份证及居住证制证量".into(),
            "≥188 万张".into()
        )
    );
    let d = sample(QHD2024);
    let i = d
        .indicators
        .iter()
        .find(|i| i.name().starts_with("16 岁以上"))
        .expect("prose indicator");
    assert_eq!(i.target(), "≥95%"); // from `$\geq 95\%$`
    assert_eq!(d.indicators[0].name(), "重大敏感事件发生率");
    assert_eq!(d.indicators[0].target(), "比上年有所降低");
}

// ---------------------------------------------------------------- outline

#[test]
fn outline_restart_nests_as_child() {
    let d = sample(QHD2024);
    // `一、` … `四、` under `（二）` are children, not new top-level parts
    let s = section(&d, "分项绩效目标");
    assert_eq!(s.number, "（二）");
    assert_eq!(
        child_titles(s),
        [
            "维护国家安全和政治稳定",
            "降低案件发案率，提高案件侦破率",
            "掌握全区治安形势，维护社会稳定。",
            "提高技术水平，为工作提供支持"
        ]
    );
    // `（一）` restarting under `（三）`
    let s = section(&d, "工作保障措施");
    assert_eq!(s.children.len(), 7);
    assert_eq!(s.level + 1, s.children[0].level);
    // and the sequence picks up again at `六、`
    let five = section(&d, "部门整体绩效目标");
    let six = section(&d, "部门主管专项资金预算安排情况及绩效目标");
    assert_eq!(five.level, six.level);
    // definitions and sentences are not headings
    assert_eq!(
        count_sections(
            &d,
            "绩效目标：严密防范影响政治安全的重大敏感事件，做好重大安保等13项工作，提高反恐处突能力；"
        ),
        0
    );

    let d = sample(ZHIAN);
    // 第一部分 … nest under 一、文字部分; the tables under 二、表格部分
    let text = section(&d, "文字部分");
    assert_eq!(text.children.len(), 9);
    assert_eq!(text.children[0].title, "部门概况");
    let tables = section(&d, "表格部分");
    assert_eq!(tables.level, text.level);
    assert_eq!(
        tables
            .content
            .iter()
            .filter(|c| matches!(c, Content::Table { .. }))
            .count(),
        9
    );
}

#[test]
fn table_of_contents_does_not_duplicate_the_outline() {
    for (name, entries) in [(LUOHU, 8), (ZHIAN, 23), (QHD2024, 22)] {
        let d = sample(name);
        let toc: Vec<&Section> = d
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Contents)
            .collect();
        assert_eq!(toc.len(), 1, "{name}");
        assert_eq!(toc[0].content.len(), entries, "{name}");
        assert!(toc[0].children.is_empty());
    }
    let d = sample(LUOHU);
    assert_eq!(count_sections(&d, "部门概况"), 1);
    assert_eq!(count_sections(&d, "名词解释"), 1);
    let d = sample(QHD2024);
    assert_eq!(count_sections(&d, "部门职责及机构设置情况"), 1);
}

#[test]
fn tables_and_projects_are_leaves_of_their_section() {
    let d = sample(QHD2024);
    let s = section(&d, "部门项目预算安排情况及绩效目标");
    let projects: Vec<&str> = s
        .content
        .iter()
        .filter_map(|c| match c {
            Content::Project { index } => Some(d.projects[*index].name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(projects.len(), 13);
    assert_eq!(projects[11], "智慧社区");
    let d = sample(LUOHU);
    let s = section(&d, "附表");
    assert_eq!(s.level, 1);
    let n = s
        .content
        .iter()
        .filter(|c| matches!(c, Content::Project { .. }))
        .count();
    assert_eq!(n, 96);
}

// ---------------------------------------------------------------- encodings

fn without_source(mut d: Document) -> Document {
    d.path.clear();
    d.encoding.clear();
    d
}

#[test]
fn gb18030_and_crlf_copies_parse_to_the_same_model() {
    for name in [QHD2024, ZHIAN, TANGSHAN] {
        let original = sample(name);
        let path = format!("{}/samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("sample");

        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let doc = parse_bytes(&path, &gbk);
        assert_eq!(doc.encoding, "GB18030");
        assert_eq!(
            without_source(doc),
            without_source(original.clone()),
            "{name} GB18030"
        );

        let crlf = text.replace('\n', "\r\n");
        let doc = parse_bytes(&path, crlf.as_bytes());
        assert_eq!(
            without_source(doc),
            without_source(original.clone()),
            "{name} CRLF"
        );

        let cr = text.replace('\n', "\r");
        let doc = parse_bytes(&path, cr.as_bytes());
        assert_eq!(without_source(doc), without_source(original), "{name} CR");
    }
}

#[test]
fn ranges_cover_their_content() {
    // a table encoded one cell per line ends on its last cell's line
    let doc = sample(QHD2020);
    let t = &doc.tables[0];
    assert_eq!((t.line, t.end_line), (17, 35));
    // a section's range covers its children and their tables
    fn check(s: &Section) {
        for c in &s.children {
            assert!(
                c.end_line <= s.end_line,
                "{} ends at {} before its child {} ({})",
                s.title,
                s.end_line,
                c.title,
                c.end_line
            );
            check(c);
        }
    }
    for name in [QHD2020, QHD2024, LUOHU, ZHIAN, TANGSHAN] {
        sample(name).sections.iter().for_each(check);
    }
}
