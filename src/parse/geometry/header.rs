//! A table's header: how many of its first rows are header, and each column's header levels
//! (`科目编码` over `类`, `财政拨款` over `一般公共预算`).
//!
//! Words: figure = a cell holding only a number (`3,944.08`, `-12.5`, `90%`); column-number
//! row = the `栏次 | 1 | 2 | 3` row under a header, page furniture that belongs to the header.

use super::table::Table;

/// Whether a cell's text is a figure: digits with optional sign, thousands separators, one
/// decimal point and a trailing percent sign.
pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    let t = t.strip_prefix(['-', '－', '+']).unwrap_or(t);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.matches('.').count() <= 1
}

/// A row numbering the columns: `栏次` first, or its numbers counting up by one (`1 2 3 …`).
pub fn is_column_number_row(table: &Table, row: usize) -> bool {
    let texts: Vec<&str> = table
        .row_cells(row)
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    if texts.first().is_some_and(|t| t.starts_with("栏次")) {
        return true;
    }
    let numbers: Vec<u32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    numbers.len() >= 2
        && numbers.len() == texts.len()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// How many leading rows form the header: the rows before the first row with a figure
/// (column-number rows count as header), never ending inside a header cell that spans down.
/// A table whose rows all lack figures has a one-row header; a page that continues a table
/// without repeating its header has none.
pub fn header_rows(table: &Table) -> usize {
    let first_data = (0..table.rows).find(|&r| {
        !is_column_number_row(table, r) && table.row_cells(r).any(|c| is_figure(&c.text))
    });
    let mut n = match first_data {
        Some(r) => r,
        None => table.rows.min(1),
    };
    // Extend past header cells that reach further down (a spanning header cell).
    loop {
        let reach = table
            .cells
            .iter()
            .filter(|c| c.row < n && !c.is_blank())
            .map(|c| c.row + c.row_span)
            .max()
            .unwrap_or(n);
        if reach <= n || first_data.is_some_and(|d| reach > d) {
            return n;
        }
        n = reach;
    }
}

/// Each column's header levels, top to bottom: the texts of the header cells covering it,
/// blank cells and column-number rows left out, a cell spanning rows counted once.
pub fn column_headers(table: &Table, header_rows: usize) -> Vec<Vec<String>> {
    (0..table.cols)
        .map(|col| {
            let mut levels: Vec<String> = Vec::new();
            for row in 0..header_rows.min(table.rows) {
                if is_column_number_row(table, row) {
                    continue;
                }
                let Some(cell) = table.cell(row, col) else {
                    continue;
                };
                if cell.row == row && !cell.is_blank() {
                    levels.push(cell.text.clone());
                }
            }
            levels
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_numbers_only() {
        for yes in ["3,944.08", "0.00", "12", "-5.5", "98%", "1,302.95"] {
            assert!(is_figure(yes), "{yes}");
        }
        for no in ["", "2024年", "≥90%", "201 05", "一、", "1.2.3", "合计"] {
            assert!(!is_figure(no), "{no}");
        }
    }
}
