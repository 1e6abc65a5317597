//! PDFs through `export` and `search`, as a user runs them: found when a folder is walked and
//! when named, recognised by their `%PDF` header whatever their name; a password-protected,
//! truncated or malformed one is an error naming the file (exit code 1) while the rest is
//! exported; a scan is a document with its warning; nothing of a caught reader panic on
//! stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn budgettui(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run budgettui")
}

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

#[test]
fn a_folder_of_pdfs_good_and_bad_is_exported_and_the_bad_ones_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::copy(
        data("pdf/jiangsu-zhengxie-2019-budget-tables.pdf"),
        root.join("jiangsu.pdf"),
    )
    .expect("copy");
    std::fs::copy(
        data("pdf/changsha-scan-image-only.pdf"),
        root.join("scan.pdf"),
    )
    .expect("copy");
    std::fs::copy(data("pdf-derived/password.pdf"), root.join("locked.pdf")).expect("copy");
    let good = std::fs::read(data("pdf/suzhou-shenjiju-2026-budget.pdf")).expect("read");
    std::fs::write(root.join("cut.pdf"), &good[..good.len() / 2]).expect("write");
    std::fs::write(
        root.join("junk.pdf"),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n",
    )
    .expect("write");
    let o = budgettui(&["export", "--no-cache", "."], root);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cut.pdf: truncated PDF"), "{err}");
    assert!(
        err.contains("locked.pdf: encrypted PDF: it needs a password"),
        "{err}"
    );
    assert!(err.contains("junk.pdf: malformed PDF"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let v = json(&o);
    let docs = v["documents"].as_array().expect("documents");
    let paths: Vec<&str> = docs.iter().filter_map(|d| d["path"].as_str()).collect();
    assert_eq!(paths, ["./jiangsu.pdf", "./scan.pdf"]);
    assert_eq!(docs[0]["department"], "江苏省政协办公厅");
    assert_eq!(docs[0]["tables"].as_array().map(Vec::len), Some(12));
    assert_eq!(docs[0]["tables"][0]["page"], 1);
    assert_eq!(docs[0]["page_count"], 12);
    let warning = &docs[1]["warnings"][0];
    assert!(
        warning["message"]
            .as_str()
            .is_some_and(|m| m.contains("no text layer") && m.contains("OCR")),
        "{warning}"
    );
    assert_eq!(warning["page"], 1);
}

#[test]
fn a_pdf_is_known_by_its_header_not_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let named = dir.path().join("report.txt");
    std::fs::copy(data("pdf/guangzhou-xinfangju-2026-budget.pdf"), &named).expect("copy");
    let o = budgettui(&["export", "--no-cache", "report.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["documents"][0]["encoding"], "PDF");
    assert_eq!(v["documents"][0]["department"], "广州市信访局");
    // a text file named .pdf is read as text
    std::fs::write(
        dir.path().join("notes.pdf"),
        "2024年某某局部门预算\n一、概况\n",
    )
    .expect("write");
    let o = budgettui(&["export", "--no-cache", "notes.pdf"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["documents"][0]["encoding"], "UTF-8");
}

#[test]
fn csv_rows_of_a_pdf_table_and_a_search_finding_its_project() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = budgettui(
        &[
            "export",
            "--no-cache",
            "--format",
            "csv",
            "samples/guangzhou-xinfangju-2026-budget.pdf",
        ],
        &root,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(
        csv.lines().any(|l| l.contains("收支总体情况表")
            && l.contains("一、预算拨款")
            && l.contains(",表1,")),
        "{}",
        &csv[..csv.len().min(2000)]
    );
    let o = budgettui(
        &["search", "--no-cache", "云客服", "samples", "--json"],
        &root,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json(&o);
    let first = &hits[0];
    assert!(
        first.to_string().contains("云客服服务外包项目") && first.to_string().contains("xinfangju"),
        "{first}"
    );
}

#[test]
fn export_schema_of_a_text_document_has_no_page_fields() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = budgettui(
        &[
            "export",
            "--no-cache",
            "samples/shenzhen-zhian-2023-budget.txt",
        ],
        &root,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        !text.contains("\"page\"") && !text.contains("page_count") && !text.contains("row_pages")
    );
}
