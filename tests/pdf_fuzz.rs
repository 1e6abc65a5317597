//! Bounded fuzzing: mutated PDF bytes and arbitrary page geometry never panic.
//! Few cases by default so CI stays fast; raise with PROPTEST_CASES=… for a longer run.

use std::path::PathBuf;
use std::sync::OnceLock;

use budgettui::parse::geometry::{Glyph, Page, Rect, Segment, build_page};
use budgettui::parse::parse_pages;
use budgettui::pdf::read_pdf;
use proptest::prelude::*;

/// A real three-page PDF (fonts, rulings, rotated pages) to mutate.
fn original() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf-derived/rotated.pdf");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

/// Apply byte edits at positions given as fractions of the length, optionally cut the file
/// short (keeping an end marker so the reader goes past its first checks).
fn mutate(edits: &[(u32, u8)], cut: Option<u32>) -> Vec<u8> {
    let mut bytes = original().to_vec();
    for &(at, value) in edits {
        let i = (u64::from(at) * bytes.len() as u64 / u64::from(u32::MAX)) as usize;
        if let Some(b) = bytes.get_mut(i) {
            *b = value;
        }
    }
    if let Some(at) = cut {
        let i = (u64::from(at) * bytes.len() as u64 / u64::from(u32::MAX)) as usize;
        bytes.truncate(i);
        bytes.extend_from_slice(b"\n%%EOF\n");
    }
    bytes
}

/// 24 cases unless PROPTEST_CASES says otherwise.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        8 => -50.0f32..900.0,
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(1.0e30f32),
    ]
}

fn glyph() -> impl Strategy<Value = Glyph> {
    (
        any::<char>(),
        coordinate(),
        coordinate(),
        0.0f32..40.0,
        0.0f32..30.0,
        any::<bool>(),
    )
        .prop_map(|(ch, x, y, w, size, bold)| Glyph {
            ch,
            rect: Rect::new(x, y, x + w, y + size),
            size,
            bold,
        })
}

fn segment() -> impl Strategy<Value = Segment> {
    (any::<bool>(), coordinate(), coordinate(), coordinate()).prop_map(|(h, at, a, b)| {
        if h {
            Segment::horizontal(at, a, b)
        } else {
            Segment::vertical(at, a, b)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn mutated_pdf_bytes_never_panic(
        edits in proptest::collection::vec((any::<u32>(), any::<u8>()), 1..24),
        cut in proptest::option::of(any::<u32>()),
    ) {
        let bytes = mutate(&edits, cut);
        if let Ok(doc) = read_pdf(&bytes) {
            let mut layouts = Vec::new();
            for page in &doc.pages {
                let layout = build_page(page);
                prop_assert_eq!(layout.number, page.number);
                layouts.push(layout);
            }
            // and on to a document (parse_pages itself, not behind the reader's guard)
            let d = parse_pages("fuzz.pdf", layouts, Vec::new());
            prop_assert_eq!(d.page_count, Some(doc.pages.len() as u32));
        }
    }

    #[test]
    fn arbitrary_page_geometry_never_panics(
        glyphs in proptest::collection::vec(glyph(), 0..200),
        segments in proptest::collection::vec(segment(), 0..80),
    ) {
        let page = Page { number: 1, width: 600.0, height: 800.0, glyphs, segments, images: 0 };
        let layout = build_page(&page);
        // the same page twice makes a document: tables may continue, furniture repeats
        let mut second = layout.clone();
        second.number = 2;
        let d = parse_pages("fuzz.pdf", vec![layout.clone(), second], Vec::new());
        prop_assert!(d.tables.iter().all(|t| t.row_pages.len() == t.rows.len()));
        for table in layout.tables() {
            // Every slot of every table is covered by exactly one cell.
            for r in 0..table.rows {
                for c in 0..table.cols {
                    prop_assert_eq!(table.cells.iter().filter(|cell| cell.covers(r, c)).count(), 1);
                }
            }
        }
    }
}

/// A grid of ruling lines with text in every cell, in many sizes: every slot covered once.
#[test]
fn dense_grids_cover_every_slot_once() {
    for n in [2usize, 5, 17] {
        let mut segments = Vec::new();
        let mut glyphs = Vec::new();
        for i in 0..=n {
            let at = 20.0 + i as f32 * 20.0;
            segments.push(Segment::horizontal(at, 20.0, 20.0 + n as f32 * 20.0));
            // Every other vertical line stops halfway: merged cells in the lower half.
            let end = if i % 2 == 1 {
                20.0 + n as f32 * 10.0
            } else {
                20.0 + n as f32 * 20.0
            };
            segments.push(Segment::vertical(at, 20.0, end));
        }
        for r in 0..n {
            for c in 0..n {
                let (x, y) = (25.0 + c as f32 * 20.0, 25.0 + r as f32 * 20.0);
                glyphs.push(Glyph {
                    ch: '数',
                    rect: Rect::new(x, y, x + 10.0, y + 10.0),
                    size: 10.0,
                    bold: false,
                });
            }
        }
        let page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            segments,
            images: 0,
        };
        let layout = build_page(&page);
        let table = layout.tables().next().expect("a table");
        assert_eq!((table.rows, table.cols), (n, n));
        for r in 0..n {
            for c in 0..n {
                assert_eq!(
                    table.cells.iter().filter(|cell| cell.covers(r, c)).count(),
                    1
                );
            }
        }
        let glyph_count: usize = table.cells.iter().map(|c| c.text.chars().count()).sum();
        assert_eq!(glyph_count, n * n);
    }
}
