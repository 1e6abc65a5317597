//! Repairs inside table cells: numbers and codes split by spaces, words split
//! by spaces between Chinese characters, rows cut by a page break.

/// Repair one cell (TODO).
pub fn repair_cell(s: &str) -> String {
    s.trim().to_string()
}
