//! Tables rebuilt from page geometry on the real PDFs in tests/data/pdf. Every fact below
//! was checked against the rendered page (`pdftoppm -r 80 -f P -l P -png FILE out`).

use std::path::PathBuf;

use budgettui::parse::geometry::{PageLayout, Table, build_page};
use budgettui::pdf::read_pdf;

/// The layout of page `number` (1-based) of a file in tests/data/pdf.
fn page(file: &str, number: usize) -> PageLayout {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pdf")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = read_pdf(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    build_page(&doc.pages[number - 1])
}

fn only_table(layout: &PageLayout) -> &Table {
    let tables: Vec<&Table> = layout.tables().collect();
    assert_eq!(tables.len(), 1, "page {}", layout.number);
    tables[0]
}

/// The row holding a cell with this text.
fn row(table: &Table, text: &str) -> usize {
    table
        .find_row(text)
        .unwrap_or_else(|| panic!("no row with {text:?}"))
}

/// The (row span, column span) of the cell holding this text.
fn spans(table: &Table, text: &str) -> (usize, usize) {
    let cell = table
        .cells
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no cell {text:?}"));
    (cell.row_span, cell.col_span)
}

#[test]
fn two_sided_summary_keeps_income_and_expenditure_as_columns() {
    let layout = page("guangzhou-xinfangju-2026-budget.pdf", 5);
    let t = only_table(&layout);
    assert!(t.ruled);
    assert_eq!((t.rows, t.cols), (24, 4));
    assert_eq!(spans(t, "收入"), (1, 2));
    assert_eq!(spans(t, "支出"), (1, 2));
    assert_eq!(t.row_texts(1), ["项目", "预算", "项目", "预算"]);
    let first = row(t, "一、预算拨款");
    assert_eq!(
        t.row_texts(first),
        [
            "一、预算拨款",
            "3,944.08",
            "一、一般公共服务支出",
            "2,570.71"
        ]
    );
    // Below the seven income lines, the income side is blank and the expenditure side goes on.
    let social = row(t, "八、社会保障和就业支出");
    assert_eq!(
        t.row_texts(social),
        ["", "", "八、社会保障和就业支出", "419.35"]
    );
    assert_eq!(t.text(row(t, "十九、住房保障支出"), 3), "950.05");
    // Lines outside the table: the title is larger and bold, the unit line is plain text.
    let title = layout
        .lines()
        .find(|l| l.text() == "收支总体情况表")
        .expect("title");
    assert!(title.bold && title.size > 12.5);
    assert!(
        layout
            .lines()
            .any(|l| l.text() == "单位名称：广州市信访局 单位：万元")
    );
    assert!(layout.lines().any(|l| l.text() == "表1"));
}

#[test]
fn the_summary_continued_on_the_next_page_repeats_its_header() {
    let layout = page("guangzhou-xinfangju-2026-budget.pdf", 6);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (11, 4));
    assert_eq!(t.row_texts(1), ["项目", "预算", "项目", "预算"]);
    assert_eq!(t.row_texts(2), ["", "", "二十三、其他支出", "0.00"]);
    assert_eq!(
        t.row_texts(row(t, "本年收入合计")),
        ["本年收入合计", "3,944.08", "本年支出合计", "3,944.08"]
    );
    assert_eq!(
        t.row_texts(t.rows - 1),
        ["收入总计", "3,944.08", "支出总计", "3,944.08"]
    );
    // The note under the table stays a text line after it.
    let blocks: Vec<String> = layout
        .blocks
        .iter()
        .map(|b| match b {
            budgettui::parse::geometry::Block::Line(l) => l.text(),
            budgettui::parse::geometry::Block::Table(_) => "<table>".into(),
        })
        .collect();
    assert_eq!(blocks[0], "<table>");
    assert!(blocks[1].starts_with("注：财政拨款收支情况包括"));
}

#[test]
fn project_names_and_targets_wrapped_in_their_cells_are_joined() {
    let layout = page("guangzhou-xinfangju-2026-budget.pdf", 20);
    let t = only_table(&layout);
    assert_eq!(spans(t, "财政拨款"), (1, 4));
    assert_eq!(spans(t, "绩效目标"), (2, 1));
    // "广州市信访局2025-" / "2026年信息化运维项目" in a centred cell.
    let r = row(t, "广州市信访局2025-2026年信息化运维项目");
    assert_eq!(t.text(r, 1), "40.41");
    let target = t.text(r, 8);
    assert!(
        target.starts_with("维护信访业务系统正常运行、记录各类业务系统的运行情况"),
        "{target}"
    );
    assert!(
        target.ends_with("确保日常办公信息平台的稳定运行"),
        "{target}"
    );
    assert!(!target.contains(' '));
    assert_eq!(
        t.row_texts(row(t, "信访宣传经费"))[1..4],
        ["5.00", "5.00", "5.00"]
    );
}

#[test]
fn rows_with_empty_amount_cells_stay_separate() {
    let layout = page("suzhou-shenjiju-2026-budget.pdf", 9);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (35, 4));
    let income = [
        "一、一般公共预算拨款收入",
        "二、政府性基金预算拨款收入",
        "三、国有资本经营预算拨款收入",
        "四、财政专户管理资金收入",
        "五、事业收入",
        "六、事业单位经营收入",
        "七、上级补助收入",
        "八、附属单位上缴收入",
        "九、其他收入",
    ];
    let rows: Vec<usize> = income.iter().map(|label| row(t, label)).collect();
    assert_eq!(rows, (2..11).collect::<Vec<_>>());
    assert_eq!(
        t.row_texts(3),
        ["二、政府性基金预算拨款收入", "", "二、外交支出", ""]
    );
    assert_eq!(
        t.row_texts(9),
        [
            "八、附属单位上缴收入",
            "",
            "八、社会保障和就业支出",
            "442.09"
        ]
    );
    assert_eq!(t.row_texts(21), ["", "", "二十、住房保障支出", "1,302.95"]);
    assert_eq!(t.row_texts(33), ["上年结转结余", "", "年终结转结余", ""]);
    // Totals are printed bold.
    let total = t.cell(row(t, "本年收入合计"), 0).expect("cell");
    assert!(total.lines[0].bold);
    assert!(!t.cell(2, 0).expect("cell").lines[0].bold);
}

#[test]
fn multi_line_headers_span_their_columns_and_rows() {
    let layout = page("foshan-guidao-jiaotong-2019-final.pdf", 8);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (13, 9));
    // 项目 over 功能分类科目编码 | 科目名称; the figure headers span both header rows.
    assert_eq!(spans(t, "项目"), (1, 2));
    assert_eq!(t.row_texts(1)[..2], ["功能分类科目编码", "科目名称"]);
    assert_eq!(spans(t, "本年收入合计"), (2, 1));
    assert_eq!(spans(t, "附属单位上缴收入"), (2, 1));
    assert_eq!(spans(t, "栏次"), (1, 2));
    // A deep 项-level row, its name wrapped over two lines in the cell.
    let r = row(t, "2080505");
    assert_eq!(t.text(r, 1), "机关事业单位基本养老保险缴费支出");
    assert_eq!(t.row_texts(r)[2..4], ["53.45", "53.45"]);
    assert_eq!(t.text(row(t, "2140101"), 2), "609.30");
    assert_eq!(t.text(row(t, "2140101"), 3), "609.29");
}

#[test]
fn subject_code_header_spans_class_section_item() {
    // 功能分类科目编码 over 类 | 款 | 项, codes split into three cells, amounts in 元.
    let layout = page("shanghai-putuo-wanli-jiedao-2024-budget.pdf", 11);
    let t = only_table(&layout);
    assert_eq!(spans(t, "功能分类科目编码"), (1, 3));
    assert_eq!(spans(t, "功能分类科目名称"), (2, 1));
    let header = t.row_texts(row(t, "类"));
    assert_eq!(header[..3], ["类", "款", "项"]);
    let r = row(t, "专项普查活动");
    assert_eq!(
        t.row_texts(r)[..5],
        ["201", "05", "07", "专项普查活动", "257,700"]
    );
    let r = row(t, "一般公共服务支出");
    assert_eq!(
        t.row_texts(r)[..5],
        ["201", "", "", "一般公共服务支出", "2,932,700"]
    );
    assert!(layout.lines().any(|l| l.text() == "2024年部门收入预算总表"));
}

#[test]
fn final_accounts_summary_with_line_numbers() {
    let layout = page("national-xinfangju-2024-final.pdf", 7);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (34, 6));
    assert_eq!(
        t.row_texts(1),
        ["项目", "行次", "金额", "项目", "行次", "金额"]
    );
    assert_eq!(
        t.row_texts(row(t, "八、其他收入")),
        [
            "八、其他收入",
            "8",
            "878.44",
            "八、社会保障和就业支出",
            "39",
            "2,228.57"
        ]
    );
    assert_eq!(t.row_texts(32), ["", "30", "", "", "61", ""]);
    assert_eq!(
        t.row_texts(row(t, "本年收入合计")),
        [
            "本年收入合计",
            "27",
            "20,451.35",
            "本年支出合计",
            "58",
            "14,572.53"
        ]
    );
    // The code line sits beside the title, not inside the table.
    let lines: Vec<String> = layout.lines().map(|l| l.text()).collect();
    assert_eq!(lines[0], "收入支出决算总表");
    assert_eq!(lines[1], "公开 01 表");
}

#[test]
fn performance_self_evaluation_keeps_merged_indicator_levels() {
    let layout = page("national-xinfangju-2024-final.pdf", 30);
    let t = only_table(&layout);
    assert_eq!(spans(t, "项目资金（万元）"), (5, 2));
    assert_eq!(spans(t, "产出指标"), (6, 1));
    assert_eq!(spans(t, "数量指标"), (3, 1));
    assert_eq!(spans(t, "质量指标"), (2, 1));
    // Text wrapped inside small cells: "其中：财政" / "拨款", "上" / "年结转".
    assert!(t.cells.iter().any(|c| c.text == "其中：财政拨款"));
    assert!(t.cells.iter().any(|c| c.text == "上年结转"));
    let r = row(t, "培训人数");
    assert!(t.row_texts(r).contains(&"≥300人".to_string()));
    assert!(t.row_texts(r).contains(&"366人".to_string()));
    // Under 数量指标 (merged over three rows) the level-1 and level-2 cells are the merged
    // ones, not blank cells of their own.
    assert_eq!(t.cell(r, 1).expect("cell").text, "产出指标");
    assert_eq!(t.cell(r, 2).expect("cell").text, "数量指标");
}

#[test]
fn long_performance_text_over_a_tall_page() {
    let layout = page("guangzhou-zhengshuju-2026-performance-projects.pdf", 1);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (9, 7));
    assert_eq!(
        t.row_texts(0),
        [
            "项目名称（资金使用单位）",
            "总计",
            "财政拨款",
            "财政专户拨款",
            "其他资金",
            "绩效目标",
            "绩效指标"
        ]
    );
    let r = row(t, "广州12345政务服务便民热线平台运营项目");
    assert_eq!(t.row_texts(r)[1..5], ["12,000.00", "12,000.00", "", ""]);
    assert!(
        t.text(r, 5)
            .starts_with("通过实施2026年度广州12345热线平台运营项目，进一步加强12345热线规范管理")
    );
    let indicators = t.text(r, 6);
    assert!(
        indicators.starts_with("1、1-产出指标；12-质量指标；不满意回访率；实施周期指标值:100%"),
        "{indicators}"
    );
}

#[test]
fn three_sided_summary_without_cover_prose() {
    let layout = page("jiangsu-zhengxie-2019-budget-tables.pdf", 1);
    let t = only_table(&layout);
    assert_eq!((t.rows, t.cols), (26, 6));
    assert_eq!(spans(t, "收入"), (1, 2));
    assert_eq!(spans(t, "支出"), (1, 4));
    assert_eq!(spans(t, "项目名称"), (2, 1));
    assert_eq!(spans(t, "当年支出小计"), (1, 3));
    assert_eq!(
        t.row_texts(row(t, "一、财政拨款")),
        [
            "一、财政拨款",
            "13,297.11",
            "一、一般公共服务支出",
            "10,271.56",
            "一、基本支出",
            "6,522.75"
        ]
    );
    assert_eq!(
        t.row_texts(row(t, "当年收入小计")),
        [
            "当年收入小计",
            "13,377.11",
            "当年支出小计",
            "当年支出小计",
            "当年支出小计",
            "13,377.11"
        ]
    );
    let code = layout.lines().next().expect("code line");
    assert_eq!(code.text(), "公开01表");
    assert!(code.bold);
    let title = layout
        .lines()
        .find(|l| l.text() == "收支预算总表")
        .expect("title");
    assert!(title.size > 20.0 && !title.bold);
}
