//! The PDF reader on the eight real PDFs in tests/data/pdf and on broken or derived copies:
//! every character pdftotext extracts, page sizes, sideways pages turned upright, scans,
//! encrypted and truncated files as errors.

use std::path::PathBuf;

use budgettui::parse::geometry::{Block, build_page};
use budgettui::pdf::{PdfDocument, PdfError, read_pdf};

fn data(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn read(path: &str) -> PdfDocument {
    read_pdf(&data(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Characters (not counting whitespace) on all pages.
fn char_count(doc: &PdfDocument) -> usize {
    doc.pages.iter().map(|p| p.glyphs.len()).sum()
}

#[test]
fn every_character_pdftotext_extracts_is_read() {
    // (file, pages, characters without whitespace in `pdftotext -layout` output)
    let expected = [
        ("foshan-guidao-jiaotong-2019-final.pdf", 31, 11_780),
        ("guangzhou-xinfangju-2026-budget.pdf", 25, 9_612),
        (
            "guangzhou-zhengshuju-2026-performance-projects.pdf",
            12,
            37_669,
        ),
        ("jiangsu-zhengxie-2019-budget-tables.pdf", 12, 3_372),
        ("national-xinfangju-2024-final.pdf", 50, 24_735),
        ("shanghai-putuo-wanli-jiedao-2024-budget.pdf", 33, 17_985),
        ("suzhou-shenjiju-2026-budget.pdf", 33, 13_817),
    ];
    for (file, pages, chars) in expected {
        let doc = read(&format!("pdf/{file}"));
        assert_eq!(doc.pages.len(), pages, "{file}");
        assert_eq!(char_count(&doc), chars, "{file}");
        assert!(doc.warnings.is_empty(), "{file}: {:?}", doc.warnings);
        assert!(!doc.is_scan(), "{file}");
    }
}

#[test]
fn page_text_reads_in_drawing_order_with_sizes() {
    let doc = read("pdf/guangzhou-xinfangju-2026-budget.pdf");
    let cover = &doc.pages[0];
    assert_eq!(cover.raw_text(), "2026年广州市信访局部门预算");
    assert!(cover.glyphs.iter().all(|g| g.size > 20.0));
    // Portrait prose pages and landscape table pages, as pdfinfo reports them.
    assert_eq!(
        (doc.pages[2].width.round(), doc.pages[2].height.round()),
        (595.0, 842.0)
    );
    assert_eq!(
        (doc.pages[4].width.round(), doc.pages[4].height.round()),
        (842.0, 595.0)
    );
}

#[test]
fn a_scan_has_images_and_no_text_layer() {
    let doc = read("pdf/changsha-scan-image-only.pdf");
    assert_eq!(doc.pages.len(), 6);
    assert!(doc.is_scan());
    for page in &doc.pages {
        assert!(page.is_scan(), "page {}", page.number);
        assert!(page.glyphs.is_empty());
        assert!(build_page(page).scan);
    }
    // A text PDF's pages are not scans.
    let text = read("pdf/suzhou-shenjiju-2026-budget.pdf");
    assert!(text.pages.iter().all(|p| !p.is_scan()));
}

#[test]
fn rotated_pages_read_upright() {
    // Page 5 of guangzhou-xinfangju three times, with /Rotate 90, 270 and 180 (made with
    // qpdf): a viewer shows it sideways or upside down; we read it as the original.
    let original = read("pdf/guangzhou-xinfangju-2026-budget.pdf")
        .pages
        .remove(4);
    let rotated = read("pdf-derived/rotated.pdf");
    assert_eq!(rotated.pages.len(), 3);
    let want = build_page(&original);
    for page in &rotated.pages {
        assert_eq!((page.width.round(), page.height.round()), (842.0, 595.0));
        assert_eq!(page.raw_text(), original.raw_text(), "page {}", page.number);
        let got = build_page(page);
        let texts = |l: &budgettui::parse::geometry::PageLayout| -> Vec<String> {
            l.blocks
                .iter()
                .map(|b| match b {
                    Block::Line(line) => line.text(),
                    Block::Table(t) => t.cells.iter().map(|c| c.text.clone()).collect(),
                })
                .collect()
        };
        assert_eq!(texts(&got), texts(&want), "page {}", page.number);
        let first = got.lines().next().expect("a title line");
        assert_eq!(first.text(), "第二部分 2026年部门预算表");
    }
}

#[test]
fn a_password_protected_pdf_is_an_error_and_owner_only_protection_is_not() {
    let err = read_pdf(&data("pdf-derived/password.pdf")).unwrap_err();
    assert_eq!(err, PdfError::Encrypted);
    assert!(err.to_string().contains("password"), "{err}");
    // Encrypted with an empty user password (print and copy restrictions only): readable.
    let doc = read("pdf-derived/owner-only.pdf");
    assert_eq!(doc.pages.len(), 1);
    assert!(doc.pages[0].raw_text().contains("收支总体情况表"));
}

#[test]
fn truncated_and_foreign_bytes_are_errors() {
    let bytes = data("pdf/suzhou-shenjiju-2026-budget.pdf");
    for cut in [bytes.len() / 2, bytes.len() - 100, 2000, 10] {
        let err = read_pdf(&bytes[..cut]).unwrap_err();
        assert_eq!(err, PdfError::Truncated, "cut at {cut}");
        assert!(err.to_string().contains("truncated"));
    }
    assert_eq!(read_pdf(b"").unwrap_err(), PdfError::NotPdf);
    let noise: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(read_pdf(&noise).unwrap_err(), PdfError::NotPdf);
    // Noise dressed as a PDF: a header and an end marker, nothing readable between.
    let mut dressed = b"%PDF-1.7\n".to_vec();
    dressed.extend_from_slice(&noise);
    dressed.extend_from_slice(b"\n%%EOF\n");
    assert_eq!(read_pdf(&dressed).unwrap_err(), PdfError::Malformed);
    assert!(PdfError::Malformed.to_string().contains("malformed"));
}
