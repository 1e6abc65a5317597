//! `budgettui compare KIND PATH...` end to end: 三公 across the samples,
//! the change and percentage for a department's two years, CSV and JSON,
//! an unknown kind.

use std::path::Path;
use std::process::{Command, Output};

fn budgettui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("run budgettui")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn sangong_across_the_samples_as_csv() {
    let o = budgettui(&[
        "--no-cache",
        "compare",
        "三公",
        "samples",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        // the bundled PDF's 表8 (广州信访) has its column too
        Some("code,name,2026 广州信访,2023 深圳治安,2024 秦皇岛开发区,2020 罗湖")
    );
    let rows: Vec<&str> = lines.collect();
    // The economic codes the parser found for these subjects elsewhere in
    // the documents.
    assert!(rows.contains(&"30217,公务接待费,,1.95,6.81,10.29"), "{out}");
    assert!(
        // named as the first document (the PDF) prints it
        rows.contains(&"30231,2.公务用车运行维护费,2.50,55,97.26,755.00"),
        "{out}"
    );
    // 总计 (深圳) and 合计 (秦皇岛) are one row.
    assert!(rows.contains(&",总计,,56.95,124.59,"), "{out}");
}

#[test]
fn a_departments_two_years_give_the_change() {
    let o = budgettui(&[
        "--no-cache",
        "compare",
        "固定资产",
        "samples",
        "--format",
        "json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["kind"], "固定资产");
    assert_eq!(v["unit"], "万元");
    let docs = v["documents"].as_array().expect("documents");
    let years: Vec<u64> = docs.iter().filter_map(|d| d["year"].as_u64()).collect();
    assert_eq!(years, [2020, 2024]);
    let total = v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["name"] == "资产总额")
        .expect("资产总额");
    assert_eq!(total["values"], serde_json::json!(["1574.39", "541.28"]));
    let change = &total["changes"][0];
    assert_eq!(change["change"], "-1033.11");
    assert_eq!(change["percent"], "-65.6");
    // As text: the change and the percentage beside the later year.
    let text = stdout(&budgettui(&[
        "--no-cache",
        "compare",
        "固定资产",
        "samples",
    ]));
    assert!(text.contains("增减 2020→2024"), "{text}");
    assert!(
        text.contains("-1,033.11") && text.contains("-65.6%"),
        "{text}"
    );
}

#[test]
fn an_unknown_kind_lists_the_kinds() {
    let o = budgettui(&["--no-cache", "compare", "没有这种表", "samples"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        // three text samples and the bundled PDF budget
        err.contains("三公经费 (4)") && err.contains("收支总表"),
        "{err}"
    );
}
