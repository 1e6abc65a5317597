//! `budgettui search QUERY PATH... [--json] [--limit N]` end to end.

use std::path::Path;
use std::process::{Command, Output};

fn budgettui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run budgettui")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v.as_array().expect("a JSON array").clone()
}

#[test]
fn json_shape() {
    let o = budgettui(&["search", "智慧社区", "samples", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json(&o);
    assert!(!hits.is_empty() && hits.len() <= 20);
    let keys = [
        "path",
        "department",
        "year",
        "kind",
        "text",
        "amount",
        "unit",
        "table",
        "line",
        "score",
    ];
    for h in &hits {
        let obj = h.as_object().expect("object");
        let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
        got.sort_unstable();
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
        let kind = h["kind"].as_str().expect("kind");
        assert!(
            [
                "project",
                "row",
                "indicator",
                "section",
                "amount",
                "table",
                "text"
            ]
            .contains(&kind),
            "{kind}"
        );
        assert!(h["path"].is_string());
        assert!(h["line"].as_u64().is_some_and(|l| l > 0));
        assert!(h["score"].is_i64());
        assert!(h["amount"].is_null() || h["amount"].is_string());
        assert!(h["table"].is_null() || h["table"].is_string());
        if h["amount"].is_string() {
            assert_eq!(h["unit"], "万元");
        } else {
            assert!(h["unit"].is_null());
        }
    }
    let first = &hits[0];
    assert_eq!(first["kind"], "project");
    assert_eq!(first["text"], "智慧社区");
    assert_eq!(first["amount"], "397.10");
    assert_eq!(first["year"], 2024);
    assert_eq!(first["department"], "秦皇岛市公安局经济技术开发区分局");
    assert_eq!(first["table"], "智慧社区绩效目标表");
    assert_eq!(first["path"], "samples/qinhuangdao-kaifaqu-2024-budget.txt");
}

#[test]
fn amounts_in_yuan_are_reported_in_wan() {
    let o = budgettui(&["search", "48000000元", "samples", "--json", "--limit", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json(&o);
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(
            h["amount"].as_str().and_then(|a| a.parse::<f64>().ok()),
            Some(4800.0)
        );
    }
}

#[test]
fn limit() {
    let o = budgettui(&["search", "公安", "samples", "--json", "--limit", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o).len(), 3);
    let o = budgettui(&["search", "公安", "samples", "--json"]);
    assert_eq!(json(&o).len(), 20);
    let o = budgettui(&["search", "公安", "samples", "--json", "--limit", "0"]);
    assert!(json(&o).len() > 20);
    let o = budgettui(&["search", "公安", "samples", "--limit", "5"]);
    assert_eq!(stdout(&o).lines().count(), 5);
}

#[test]
fn text_lines() {
    let o = budgettui(&["search", "智慧社区", "samples"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.lines().next().expect("a line");
    assert!(first.starts_with("2024 秦皇岛开发区  project  "), "{first}");
    assert!(first.contains("  智慧社区  397.10 万元  "), "{first}");
    assert!(
        first.ends_with("samples/qinhuangdao-kaifaqu-2024-budget.txt:932"),
        "{first}"
    );
    assert!(out.lines().count() <= 20);
}

#[test]
fn comparison_and_negative_queries_are_not_flags() {
    for q in [">=1000", "-5", "100..500", "<50"] {
        let o = budgettui(&["search", q, "samples", "--limit", "3"]);
        assert_eq!(o.status.code(), Some(0), "{q}: {}", stderr(&o));
    }
}

#[test]
fn exit_codes() {
    // An unreadable path: results for the rest, exit 1.
    let o = budgettui(&[
        "search",
        "智慧社区",
        "samples",
        "no/such/file.txt",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/file.txt"), "{}", stderr(&o));
    assert!(!json(&o).is_empty());
    // No path, bad limit, empty query, unknown flag: bad arguments.
    for args in [
        &["search", "智慧社区"][..],
        &["search", "智慧社区", "samples", "--limit", "many"],
        &["search", "", "samples"],
        &["search", "  ", "samples"],
        &["search", "智慧社区", "samples", "--frobnicate"],
    ] {
        let o = budgettui(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // Nothing found is fine.
    let o = budgettui(&["search", "不存在的名字", "samples", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(json(&o).is_empty());
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .is_dir()
    );
}
