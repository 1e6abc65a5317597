//! The orders of the document list (`s` cycles them; `[list] sort` in the
//! configuration picks the first).

/// How the document list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortMode {
    /// Department, then year (the default).
    #[default]
    Department,
    /// Year (newest first), then department.
    Year,
    /// Total budget, largest first.
    Total,
    /// Most problems first: the checks' errors, then warnings (the
    /// parser's and the checks' 存疑), then rounding differences (尾差).
    Warnings,
    /// File path.
    Path,
}

impl SortMode {
    /// Every order, in the order `s` cycles them, with the name the
    /// configuration file uses.
    pub const NAMES: &'static [(&'static str, SortMode)] = &[
        ("department", SortMode::Department),
        ("year", SortMode::Year),
        ("total", SortMode::Total),
        ("warnings", SortMode::Warnings),
        ("path", SortMode::Path),
    ];

    pub fn next(self) -> SortMode {
        match self {
            SortMode::Department => SortMode::Year,
            SortMode::Year => SortMode::Total,
            SortMode::Total => SortMode::Warnings,
            SortMode::Warnings => SortMode::Path,
            SortMode::Path => SortMode::Department,
        }
    }

    /// How the list title and the status bar name it.
    pub fn label(self) -> &'static str {
        match self {
            SortMode::Department => "by department",
            SortMode::Year => "by year",
            SortMode::Total => "by total",
            SortMode::Warnings => "by warnings",
            SortMode::Path => "by file",
        }
    }
}
