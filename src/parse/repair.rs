//! Repairs inside table cells: numbers and codes split by spaces, words split
//! by spaces between Chinese characters, rows cut by a page break.

/// Repair one cell (TODO).
pub fn repair_cell(s: &str) -> String {
    s.trim().to_string()
}

/// Join two fragments of a cell cut by a page break (TODO).
pub fn join_cut(upper: &str, lower: &str) -> String {
    repair_cell(&format!("{}{}", upper.trim(), lower.trim()))
}

/// CJK characters (TODO).
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Remove spaces between CJK characters (TODO).
pub fn squash_spaces_cjk(s: &str) -> String {
    s.to_string()
}
