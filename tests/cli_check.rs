//! `budgettui check` end to end: text grouped by document, the JSON array,
//! exit codes (0 no error, 1 errors or an unreadable path, 2 bad arguments),
//! and the row hierarchy and kinds in `export`.

use std::path::Path;
use std::process::{Command, Output};

fn budgettui(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(args)
        .arg("--no-cache")
        .current_dir(dir)
        .output()
        .expect("run budgettui")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn text_groups_findings_by_document() {
    let o = budgettui(&["check", "samples"], root());
    assert_eq!(o.status.code(), Some(1), "the samples hold errors");
    let out = stdout(&o);
    // one heading per document, with its counts
    for name in [
        "samples/qinhuangdao-kaifaqu-2020-budget.txt",
        "samples/qinhuangdao-kaifaqu-2024-budget.txt",
        "samples/shenzhen-luohu-2020-budget.txt",
        "samples/shenzhen-zhian-2023-budget.txt",
        "samples/tangshan-gaoxin-2022-performance.txt",
    ] {
        assert!(out.lines().any(|l| l == name), "{name} missing:\n{out}");
    }
    assert!(
        out.contains(
            "秦皇岛市公安局经济技术开发区分局 2024 年部门预算公开 — 错误 1，尾差 1，存疑 0"
        ),
        "{out}"
    );
    // a finding: severity, rule, place; then the sentence with the figures
    assert!(
        out.contains(
            "  错误  sums.rows  第 508 行 · 表 9“部门预算财政拨款“三公”经费支出表” 第 1 行第 3 列\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "“合计”（合计列）为 124.59 万元，其下 1 行之和为 104.07 万元，相差 20.52 万元"
        ),
        "{out}"
    );
    assert!(out.contains("应为 104.07，实为 124.59。"), "{out}");
}

#[test]
fn json_is_one_array_of_findings() {
    let o = budgettui(
        &["check", "--json", "samples/shenzhen-zhian-2023-budget.txt"],
        root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let findings = v.as_array().expect("an array");
    assert_eq!(findings.len(), 8);
    for f in findings {
        for k in [
            "path", "rule", "severity", "message", "page", "line", "table", "row", "column",
            "expected", "found",
        ] {
            assert!(f.get(k).is_some(), "finding lacks {k}: {f}");
        }
    }
    let total = findings
        .iter()
        .find(|f| f["rule"] == "sums.rows" && f["line"] == 228)
        .expect("收入总计 of 收支总表");
    assert_eq!(total["severity"], "rounding");
    // 1-based, as in the CSV export
    assert_eq!(
        (
            total["table"].as_u64(),
            total["row"].as_u64(),
            total["column"].as_u64()
        ),
        (Some(2), Some(23), Some(2))
    );
    assert_eq!(
        (total["expected"].as_str(), total["found"].as_str()),
        (Some("19536"), Some("19535"))
    );
    assert!(total["page"].is_null());
}

#[test]
fn a_scan_has_nothing_to_check_and_is_not_called_clean() {
    let o = budgettui(
        &["check", "tests/data/pdf/changsha-scan-image-only.pdf"],
        root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("无可检查的内容"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("错误 0"), "{}", stdout(&o));
}

#[test]
fn exit_0_without_errors_and_2_on_bad_arguments() {
    let o = budgettui(
        &["check", "samples/tangshan-gaoxin-2022-performance.txt"],
        root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("错误 0，尾差 0，存疑 0"));
    // rounding and warnings alone are no errors
    let o = budgettui(
        &["check", "samples/qinhuangdao-kaifaqu-2020-budget.txt"],
        root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(["check"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let o = budgettui(&["check", "--bogus", "samples"], root());
    assert_eq!(o.status.code(), Some(2));
    // an unreadable path: the rest is checked, exit 1
    let o = budgettui(
        &[
            "check",
            "samples/tangshan-gaoxin-2022-performance.txt",
            "no/such/file.txt",
        ],
        root(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("tangshan-gaoxin-2022-performance.txt"));
}

#[test]
fn export_writes_kinds_and_the_row_hierarchy_into_each_table() {
    let o = budgettui(
        &["export", "samples/shenzhen-zhian-2023-budget.txt"],
        root(),
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let doc = &v["documents"][0];
    assert!(
        doc.get("table_details").is_none(),
        "details live in their tables"
    );
    let tables = doc["tables"].as_array().expect("tables");
    let t = tables
        .iter()
        .find(|t| t["kind"] == "income_expenditure")
        .expect("收支总表");
    let sides = t["sides"].as_array().expect("sides");
    assert_eq!(sides.len(), 2);
    assert_eq!(sides[0]["name"], "收入");
    let rows = t["rows"].as_array().expect("rows").len();
    for side in sides {
        assert_eq!(side["parent"].as_array().map(Vec::len), Some(rows));
        assert_eq!(side["role"].as_array().map(Vec::len), Some(rows));
    }
    // 收入总计 (last row) is a total at the top; 本年收入合计 is its child
    assert_eq!(sides[0]["role"][rows - 1], "total");
    assert!(sides[0]["parent"][rows - 1].is_null());
    assert_eq!(sides[0]["parent"][rows - 3], rows - 1);
    assert!(
        t["furniture"][0]["text"]
            .as_str()
            .is_some_and(|s| s.contains("深圳市公安局治安管理支队"))
    );
    // projects: role and parent
    let projects = doc["projects"].as_array().expect("projects");
    let category = projects
        .iter()
        .position(|p| p["name"] == "公安证照制发")
        .expect("category");
    assert_eq!(projects[category]["role"], "category");
    assert!(projects.iter().any(|p| p["parent"] == category));
}
