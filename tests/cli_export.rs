//! `budgettui export` end to end: formats, paths, notes, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn budgettui(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run budgettui")
}

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn json_export_of_the_samples_folder() {
    let o = budgettui(
        &["export", "--format", "json", "samples"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let docs = v["documents"].as_array().expect("documents array");
    // five text extractions and two PDFs
    assert_eq!(docs.len(), 7);
    // sorted by path
    let paths: Vec<&str> = docs.iter().filter_map(|d| d["path"].as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    // the schema's required fields
    for d in docs {
        for k in [
            "path",
            "title",
            "department",
            "year",
            "kind",
            "sections",
            "tables",
            "projects",
            "indicators",
            "warnings",
        ] {
            assert!(d.get(k).is_some(), "document lacks {k}");
        }
        for t in d["tables"].as_array().into_iter().flatten() {
            for k in ["title", "unit", "line", "header", "rows"] {
                assert!(t.get(k).is_some(), "table lacks {k}");
            }
        }
        for p in d["projects"].as_array().into_iter().flatten() {
            for k in ["name", "amount", "code", "line", "indicators"] {
                assert!(p.get(k).is_some(), "project lacks {k}");
            }
            // amounts are decimal strings, never floats
            assert!(p["amount"].is_null() || p["amount"].is_string());
        }
    }
    let zhian = docs
        .iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.contains("zhian")))
        .expect("zhian");
    assert_eq!(zhian["kind"], "budget");
    assert_eq!(zhian["year"], 2023);
    let p = zhian["projects"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "公安证照制发"))
        .expect("公安证照制发");
    assert_eq!(p["amount"], "4800");
}

#[test]
fn csv_export_has_one_row_per_cell() {
    let o = budgettui(
        &[
            "export",
            "--format",
            "csv",
            "qinhuangdao-kaifaqu-2024-budget.txt",
        ],
        &samples(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = r.headers().expect("headers").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        budgettui::export::CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    // the repaired figure with its header path and source line
    let hit = rows
        .iter()
        .find(|rec| &rec[3] == "部门预算收入总表" && &rec[8] == "3295.04")
        .expect("3295.04 in 收入总表");
    assert_eq!(&hit[7], "合计");
    assert_eq!(&hit[9], "3295.04");
    assert!(rows.iter().all(|rec| !rec[8].is_empty()));
}

#[test]
fn out_file_and_folder_walk_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join(".hidden")).expect("mkdir");
    std::fs::copy(
        samples().join("tangshan-gaoxin-2022-performance.txt"),
        docs.join("tangshan.txt"),
    )
    .expect("copy");
    std::fs::write(docs.join("report.docx"), b"PK").expect("write");
    std::fs::write(docs.join(".hidden/x.txt"), "2020年部门预算").expect("write");
    let out = dir.path().join("out.json");
    let o = budgettui(
        &["export", "--out", out.to_str().expect("utf-8 path"), "docs"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("skipped unsupported file docs/report.docx"),
        "{err}"
    );
    assert!(err.contains(".hidden"), "{err}");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("out file")).expect("JSON");
    assert_eq!(v["documents"].as_array().map(|a| a.len()), Some(1));
}

#[test]
fn unreadable_path_exits_1_and_exports_the_rest() {
    let o = budgettui(
        &[
            "export",
            "does-not-exist.txt",
            "shenzhen-zhian-2023-budget.txt",
        ],
        &samples(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does-not-exist.txt"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["documents"].as_array().map(|a| a.len()), Some(1));
}

#[test]
fn binary_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("blob.txt"), [0u8, 1, 2, 0, 0, 255, 0, 7]).expect("write");
    let o = budgettui(&["export", "blob.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("blob.txt") && err.contains("binary"), "{err}");
}

#[test]
fn bad_arguments_exit_2() {
    let o = budgettui(&["export", "--format", "xml", "x.txt"], &samples());
    assert_eq!(o.status.code(), Some(2));
    let o = budgettui(&["export"], &samples());
    assert_eq!(o.status.code(), Some(2));
    let o = budgettui(&["--no-such-flag"], &samples());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let o = budgettui(&["--help"], &samples());
    assert!(o.status.success());
    assert!(stdout(&o).contains("export"));
    let o = budgettui(&["--version"], &samples());
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn jsonl_has_one_document_per_line_as_in_the_json_export() {
    let dir = samples();
    let root = dir.parent().expect("crate root");
    let json = budgettui(&["--no-cache", "export", "samples"], root);
    let jsonl = budgettui(
        &["--no-cache", "export", "--format", "jsonl", "samples"],
        root,
    );
    assert!(jsonl.status.success(), "{}", stderr(&jsonl));
    let all: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    let docs = all["documents"].as_array().expect("documents");
    let out = stdout(&jsonl);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), docs.len());
    assert!(lines.len() >= 5, "every sample");
    for (line, doc) in lines.iter().zip(docs) {
        let parsed: serde_json::Value = serde_json::from_str(line).expect("one document a line");
        assert_eq!(&parsed, doc);
    }
}
