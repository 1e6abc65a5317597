//! The parsing core: extracted disclosure text → [`crate::model::Document`].
//!
//! Pipeline: [`decode`] bytes → [`normalize`] lines → blocks (tables / prose) →
//! outline, tables, projects, indicators, metadata.

pub mod amount;
pub mod decode;
pub mod normalize;
pub mod repair;

use crate::model::Document;

/// Parse one file's bytes. Never panics; problems become warnings in the document.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Document {
    let decoded = decode::decode(bytes);
    let mut doc = parse_text(path, &decoded.text);
    doc.encoding = decoded.encoding.to_string();
    let mut warnings = decoded.warnings;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    doc
}

/// Parse already-decoded text.
pub fn parse_text(path: &str, text: &str) -> Document {
    let lines = normalize::split_lines(text);
    Document {
        path: path.to_string(),
        line_count: lines.last().map(|l| l.no).unwrap_or(0),
        ..Document::default()
    }
}
