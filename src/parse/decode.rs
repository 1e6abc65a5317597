//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GBK / GB18030.
//! Undecodable bytes become U+FFFD and a warning, never a failure.

use crate::model::Warning;

/// Decoded text of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, …
    pub encoding: &'static str,
    pub warnings: Vec<Warning>,
}

/// Decode a file's bytes (TODO: real detection).
pub fn decode(bytes: &[u8]) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        warnings: Vec::new(),
    }
}

/// True when the bytes look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let _ = bytes;
    false
}
