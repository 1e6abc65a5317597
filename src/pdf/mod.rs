//! The PDF reader boundary: PDF bytes → [`Page`]s of glyphs and ruling segments.
//!
//! The only module that knows the PDF crate (hayro); everything after it sees the plain page
//! types of [`crate::parse::geometry::page`], so a second reader could be swapped in here.
//! Pure Rust, no external program. Never panics: a panic inside the crate is caught and
//! becomes a [`PdfError`].
//!
//! Words: glyph = one drawn character; ruling = a drawn table line; scan = a page that is an
//! image with no text layer (we do not do OCR).

mod device;
mod finish;

use std::cell::Cell;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Once};

use hayro_interpret::{
    Context, InterpreterCache, InterpreterSettings, InterpreterWarning, TransformExt,
    interpret_page,
};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};

use crate::model::Document;
use crate::parse::geometry::build_page;
use crate::parse::parse_pages;

pub use crate::parse::geometry::page::{Glyph, Orientation, Page, Rect, Segment};

/// Why a PDF could not be read. The message names the problem; the caller adds the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No `%PDF-` header at the start: not a PDF file at all.
    NotPdf,
    /// The file ends before its end-of-file marker: a partial download or copy.
    Truncated,
    /// Protected by a password.
    Encrypted,
    /// Encrypted in a way we cannot decrypt.
    UnsupportedEncryption,
    /// The file's structure (cross-reference table, page tree) cannot be read.
    Malformed,
    /// The reader failed on this file (a bug in the reader, reported instead of crashing).
    ReaderFailed(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "not a PDF file (no %PDF- header)"),
            PdfError::Truncated => write!(
                f,
                "truncated PDF: the file ends before its end-of-file marker (incomplete download or copy?)"
            ),
            PdfError::Encrypted => write!(f, "encrypted PDF: it needs a password to open"),
            PdfError::UnsupportedEncryption => {
                write!(f, "encrypted PDF: its encryption is not supported")
            }
            PdfError::Malformed => write!(
                f,
                "malformed PDF: its structure (cross-reference table or page tree) cannot be read"
            ),
            PdfError::ReaderFailed(why) => write!(f, "the PDF reader failed on this file: {why}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// A PDF read into plain pages.
#[derive(Debug, Clone, Default)]
pub struct PdfDocument {
    pub pages: Vec<Page>,
    /// Problems that did not stop the reading, each naming its page
    /// (e.g. a page whose content could not be interpreted is left empty).
    pub warnings: Vec<String>,
}

impl PdfDocument {
    /// Whether the document has no text layer at all but draws images: a scan.
    pub fn is_scan(&self) -> bool {
        self.pages.iter().any(|p| p.images > 0) && self.pages.iter().all(|p| p.glyphs.is_empty())
    }
}

/// Read a PDF and parse it into a document: pages rebuilt from their geometry
/// ([`crate::parse::geometry::build_page`]), then [`crate::parse::parse_pages`]. A scan
/// without a text layer is a document with a warning saying so. Never panics: a panic while
/// reading or parsing becomes [`PdfError::ReaderFailed`].
pub fn to_document(path: &str, bytes: &[u8]) -> Result<Document, PdfError> {
    let pdf = read_pdf(bytes)?;
    let notes: Vec<(u32, String)> = pdf
        .warnings
        .iter()
        .map(|w| (warning_page(w).unwrap_or(1), w.clone()))
        .collect();
    guarded(move || {
        let layouts = pdf.pages.iter().map(build_page).collect();
        parse_pages(path, layouts, notes)
    })
}

/// The page a reader warning names (`page 3: …`).
fn warning_page(warning: &str) -> Option<u32> {
    let rest = warning.strip_prefix("page ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[..digits].parse().ok()
}

/// Read a PDF from its bytes. Never panics.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
    check_envelope(bytes)?;
    let pdf = guarded(|| Pdf::new(bytes.to_vec()))?.map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::Encrypted,
        LoadPdfError::Decryption(_) => PdfError::UnsupportedEncryption,
        LoadPdfError::Invalid => PdfError::Malformed,
    })?;
    let missing_fonts = Arc::new(AtomicU32::new(0));
    let sink = Arc::clone(&missing_fonts);
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| {
            if matches!(w, InterpreterWarning::UnsupportedFont) {
                sink.fetch_add(1, Ordering::Relaxed);
            }
        }),
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let mut doc = PdfDocument::default();
    for (i, page) in pdf.pages().iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (width, height) = page.render_dimensions();
        match guarded(|| draw_page(page, &cache, &settings)) {
            Ok(drawn) => {
                if drawn.unmapped > 0 {
                    doc.warnings.push(format!(
                        "page {number}: {} characters have no unicode mapping and are left out",
                        drawn.unmapped
                    ));
                }
                doc.pages.push(finish::finish(number, width, height, drawn));
            }
            Err(e) => {
                doc.warnings
                    .push(format!("page {number}: {e}; page left empty"));
                doc.pages.push(Page {
                    number,
                    width,
                    height,
                    ..Page::default()
                });
            }
        }
        if missing_fonts.swap(0, Ordering::Relaxed) > 0 {
            doc.warnings.push(format!(
                "page {number}: a font could not be loaded; some of its text may be missing"
            ));
        }
    }
    if doc.pages.is_empty() {
        return Err(PdfError::Malformed);
    }
    Ok(doc)
}

/// Interpret one page into a collector (device space: points, top-left origin, rotation applied).
fn draw_page<'a>(
    page: &hayro_syntax::page::Page<'a>,
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
) -> device::Collector {
    let (w, h) = page.render_dimensions();
    let mut collector = device::Collector::default();
    let mut ctx = Context::new(
        page.initial_transform(true).to_kurbo(),
        hayro_interpret::kurbo::Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
        cache,
        page.xref(),
        settings.clone(),
    );
    interpret_page(page, &mut ctx, &mut collector);
    collector
}

/// Cheap checks before parsing: the header, and the end-of-file marker a complete file ends with.
fn check_envelope(bytes: &[u8]) -> Result<(), PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !contains(head, b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !contains(tail, b"%%EOF") {
        return Err(PdfError::Truncated);
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

thread_local! {
    /// Set while the reader runs: a panic there is caught and reported as an error, so the
    /// panic hook stays quiet (nothing on stderr, which the explorer's screen owns).
    static IN_READER: Cell<bool> = const { Cell::new(false) };
}

/// Install, once, a panic hook that stays quiet for panics caught inside the reader and
/// hands every other panic to the hook that was there before.
fn quiet_panics_in_reader() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Run the crate's code; a panic in it becomes an error instead of reaching the caller (and
/// prints nothing).
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, PdfError> {
    quiet_panics_in_reader();
    let before = IN_READER.with(|r| r.replace(true));
    let out = catch_unwind(AssertUnwindSafe(f));
    IN_READER.with(|r| r.set(before));
    out.map_err(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".into());
        PdfError::ReaderFailed(why)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_errors_name_the_problem() {
        assert_eq!(read_pdf(b"hello").unwrap_err(), PdfError::NotPdf);
        assert_eq!(read_pdf(b"").unwrap_err(), PdfError::NotPdf);
        assert_eq!(
            read_pdf(b"%PDF-1.4\n1 0 obj\n<<").unwrap_err(),
            PdfError::Truncated
        );
        assert!(PdfError::Truncated.to_string().contains("truncated"));
        assert!(PdfError::Encrypted.to_string().contains("password"));
    }

    #[test]
    fn garbage_between_header_and_marker_is_malformed() {
        let err = read_pdf(b"%PDF-1.7\nnonsense nonsense\n%%EOF\n").unwrap_err();
        assert_eq!(err, PdfError::Malformed);
    }
}
