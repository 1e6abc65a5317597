//! The JSON and JSON Lines export (`export::write_stream`), which writes each
//! document straight from the model, against the route it replaced and that
//! defines the schema: the document as a `serde_json::Value` from
//! [`Document`]'s derived `Serialize`, `table_details` taken out and each
//! detail's fields merged into its table. The same bytes on every bundled
//! sample, every PDF of tests/data/pdf and the layout text, and on documents
//! whose table details do not line up with their tables: a change of
//! model.rs's serde attributes (a rename, a skip, a new field) that the
//! exporter does not follow fails here. (A field added to `Document` already
//! stops src/export.rs from compiling: it names every field.)

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use budgettui::export::{Format, write_stream};
use budgettui::model::{Document, TableDetail};
use serde_json::Value;

/// The old export of one document: its `Value`, details merged into tables.
fn reference(doc: &Document) -> Value {
    let mut value = serde_json::to_value(doc).expect("document as a Value");
    let object = value.as_object_mut().expect("a document is an object");
    let details = object.shift_remove("table_details");
    if let (Some(Value::Array(details)), Some(Value::Array(tables))) =
        (details, object.get_mut("tables"))
    {
        for (table, detail) in tables.iter_mut().zip(details) {
            if let (Some(table), Value::Object(detail)) = (table.as_object_mut(), detail) {
                table.extend(detail);
            }
        }
    }
    value
}

/// What the old route wrote for `docs` in `format`.
fn reference_bytes(docs: &[Document], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        Format::Json => {
            let docs: Vec<Value> = docs.iter().map(reference).collect();
            let export = serde_json::json!({ "documents": docs });
            serde_json::to_writer_pretty(&mut out, &export).expect("write");
            out.push(b'\n');
        }
        Format::Jsonl => {
            for d in docs {
                serde_json::to_writer(&mut out, &reference(d)).expect("write");
                out.push(b'\n');
            }
        }
        Format::Csv => unreachable!("CSV is not written through a Value"),
    }
    out
}

/// What the exporter writes for `docs` in `format`.
fn exported(docs: &[Document], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    write_stream(docs.iter(), format, &mut out).expect("export");
    out
}

/// The two outputs are the same bytes; else where they first differ.
fn assert_same(what: &str, got: &[u8], want: &[u8]) {
    if got == want {
        return;
    }
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let around = |b: &[u8]| {
        String::from_utf8_lossy(&b[at.saturating_sub(200)..(at + 200).min(b.len())]).into_owned()
    };
    panic!(
        "{what}: export differs from the Value route at byte {at} (lengths {} and {})\n\
         exported:  …{}…\nreference: …{}…",
        got.len(),
        want.len(),
        around(got),
        around(want),
    );
}

/// Every bundled sample, every PDF of tests/data/pdf and the layout text,
/// read as `budgettui export` reads them, in path order (once for all tests).
fn documents() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(read_documents)
}

fn read_documents() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for (dir, ext) in [
        ("samples", None),
        ("tests/data/pdf", Some("pdf")),
        ("tests/data/layout", Some("txt")),
    ] {
        let mut in_dir: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| ext.is_none_or(|ext| p.extension().is_some_and(|e| e == ext)))
            .collect();
        assert!(!in_dir.is_empty(), "no files in {dir}");
        in_dir.sort();
        files.extend(in_dir);
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .map(|path| {
                s.spawn(move || {
                    budgettui::load::read_document(path)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("reading thread"))
            .collect()
    })
}

#[test]
fn json_and_jsonl_are_the_value_route_byte_for_byte_on_every_sample_and_pdf() {
    let docs = documents();
    for d in docs {
        let one = std::slice::from_ref(d);
        for format in [Format::Json, Format::Jsonl] {
            let what = format!("{} ({format:?})", d.path);
            assert_same(&what, &exported(one, format), &reference_bytes(one, format));
        }
    }
    // all of them in one export, as a folder is written
    for format in [Format::Json, Format::Jsonl] {
        let what = format!("all documents ({format:?})");
        assert_same(
            &what,
            &exported(docs, format),
            &reference_bytes(docs, format),
        );
    }

    // The comparison above covers what the corpus holds: the merge, both
    // sides of page_count's skip and a total.
    let values: Vec<Value> = docs.iter().map(reference).collect();
    let tables = || {
        values
            .iter()
            .flat_map(|v| v["tables"].as_array().expect("tables"))
    };
    let non_empty = |t: &Value, k: &str| t[k].as_array().is_some_and(|a| !a.is_empty());
    assert!(
        tables().any(|t| non_empty(t, "sides")),
        "no table has sides"
    );
    assert!(
        tables().any(|t| non_empty(t, "furniture")),
        "no table has furniture"
    );
    assert!(
        tables().any(|t| t.get("page").is_some()),
        "no table has a page"
    );
    assert!(values.iter().any(|v| v.get("page_count").is_some()));
    assert!(values.iter().any(|v| v.get("page_count").is_none()));
    assert!(values.iter().any(|v| !v["total"].is_null()));
    assert!(docs.iter().all(|d| d.table_details.len() == d.tables.len()));
}

#[test]
fn details_that_do_not_line_up_with_the_tables_export_as_the_value_route() {
    let docs = documents();
    let doc = docs
        .iter()
        .filter(|d| d.page_count.is_some())
        .max_by_key(|d| d.tables.len())
        .expect("a PDF with tables");
    assert!(doc.tables.len() >= 2, "{}: too few tables", doc.path);

    // fewer details than tables: the last tables carry none
    let mut fewer = doc.clone();
    fewer.table_details.truncate(doc.tables.len() / 2);
    // more details than tables: the extra ones are not written
    let mut more = doc.clone();
    more.table_details.push(TableDetail::default());
    more.table_details.push(doc.table_details[0].clone());
    // none at all, and an empty document
    let none = Document {
        table_details: Vec::new(),
        ..doc.clone()
    };
    let empty = Document::default();

    let odd = [fewer, more, none, empty];
    for format in [Format::Json, Format::Jsonl] {
        for d in &odd {
            let one = std::slice::from_ref(d);
            let what = format!(
                "{} with {} details ({format:?})",
                d.path,
                d.table_details.len()
            );
            assert_same(&what, &exported(one, format), &reference_bytes(one, format));
        }
        assert_same(
            &format!("odd documents together ({format:?})"),
            &exported(&odd, format),
            &reference_bytes(&odd, format),
        );
    }
}
