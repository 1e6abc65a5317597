//! Where an element of a document stands in its file.

/// 1-based line number in the original file.
pub type LineNo = u32;

/// 1-based page number of a PDF (`None` for documents read as text).
pub type PageNo = u32;
