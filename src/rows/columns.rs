//! What each column of a table holds — figures, classification codes, labels,
//! or other numbers (序号, 年度, counts) — and, per row, its code, its label
//! and its figure in a column.

use crate::model::{Amount, Table, Unit};
use crate::parse::amount::{is_null_amount, parse_figure};
use crate::parse::{compact, unit_in_label};

/// Header words of code columns (function / economic classification, project codes).
const CODE_WORDS: &[&str] = &["编码", "代码", "编号"];
/// Header cells that are code segments on their own (`类 款 项` split columns).
const CODE_SEGMENTS: &[&str] = &["类", "款", "项"];
/// Header words of columns holding numbers that are not money.
const NOT_MONEY: &[&str] = &[
    "序号", "数量", "年度", "年份", "年限", "栏次", "人数", "个数", "次数", "面积", "比例", "比率",
    "%", "％", "时间", "日期", "行次",
];

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// Figures of money (most filled cells parse as amounts).
    Figure,
    /// Classification or project codes.
    Code,
    /// Names, descriptions: the row's label.
    Label,
    /// Numbers that are not money (序号, 年度, counts, rates) or an empty column.
    Other,
}

/// The columns of one table, read once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    pub roles: Vec<ColumnRole>,
    /// Header path of each column (`收入 / 预算数`).
    pub paths: Vec<String>,
    /// The unit of each column: the one its header states, else the table's.
    pub units: Vec<Option<Unit>>,
}

/// What a header alone says of its column: codes, numbers that are not
/// money, or nothing.
pub fn header_role(path: &str) -> Option<ColumnRole> {
    let c = compact(path);
    if CODE_WORDS.iter().any(|w| c.contains(w))
        || path.split(" / ").any(|s| CODE_SEGMENTS.contains(&s.trim()))
    {
        return Some(ColumnRole::Code);
    }
    NOT_MONEY
        .iter()
        .any(|w| c.contains(w))
        .then_some(ColumnRole::Other)
}

/// Rows read to tell what the columns hold (evenly spread over the table).
const SAMPLE_ROWS: usize = 2000;

impl Columns {
    /// Read the columns of `t`: a column is of figures when at least 60 %
    /// of its filled cells parse as amounts and its header names no code or
    /// count; a label when it holds text. Long tables are judged on
    /// [`SAMPLE_ROWS`] rows spread over them.
    pub fn read(t: &Table) -> Columns {
        let paths = t.column_paths();
        let width = t.width();
        let mut filled = vec![0usize; width];
        let mut numbers = vec![0usize; width];
        let step = t.rows.len().div_ceil(SAMPLE_ROWS).max(1);
        for row in t.rows.iter().step_by(step) {
            for (c, cell) in row.iter().enumerate().take(width) {
                let cell = cell.trim();
                if cell.is_empty() || is_null_amount(cell) {
                    continue;
                }
                filled[c] += 1;
                if parse_figure(cell, None).is_some() {
                    numbers[c] += 1;
                }
            }
        }
        let roles = (0..width)
            .map(|c| {
                let path = paths.get(c).map(String::as_str).unwrap_or("");
                let numeric = filled[c] > 0 && numbers[c] * 10 >= filled[c] * 6;
                match header_role(path) {
                    Some(role) => role,
                    _ if filled[c] == 0 => ColumnRole::Other,
                    _ if numeric => ColumnRole::Figure,
                    _ => ColumnRole::Label,
                }
            })
            .collect();
        let units = paths.iter().map(|p| unit_in_label(p).or(t.unit)).collect();
        Columns {
            roles,
            paths,
            units,
        }
    }

    pub fn role(&self, c: usize) -> ColumnRole {
        self.roles.get(c).copied().unwrap_or(ColumnRole::Other)
    }

    /// The first column of figures.
    pub fn first_figure(&self) -> Option<usize> {
        self.roles.iter().position(|r| *r == ColumnRole::Figure)
    }

    /// The figure of a cell in its column's unit (`None` for text, blanks).
    pub fn figure(&self, t: &Table, row: usize, c: usize) -> Option<Amount> {
        let cell = t.rows.get(row)?.get(c)?.trim();
        parse_figure(cell, self.units.get(c).copied().flatten())
    }

    /// The row's classification code: the digits of its code cells joined
    /// (`208 05 01` split over three columns → `2080501`), else a code of
    /// 3, 5 or 7 digits printed before the label (`2040201 行政运行`).
    pub fn code(&self, t: &Table, row: usize) -> Option<String> {
        let cells = t.rows.get(row)?;
        let mut code = String::new();
        for (c, cell) in cells.iter().enumerate() {
            if self.role(c) == ColumnRole::Code {
                let cell = cell.trim();
                if cell.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
                    code.extend(cell.chars().filter(char::is_ascii_digit));
                }
            }
        }
        if !code.is_empty() {
            return Some(code);
        }
        cells
            .iter()
            .enumerate()
            .filter(|(c, _)| self.role(*c) == ColumnRole::Label)
            .find_map(|(_, cell)| leading_code(cell))
    }

    /// The row's label: its label cells joined by a space.
    pub fn label(&self, t: &Table, row: usize) -> String {
        let Some(cells) = t.rows.get(row) else {
            return String::new();
        };
        let mut out = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let cell = cell.trim();
            if self.role(c) == ColumnRole::Label && !cell.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(cell);
            }
        }
        out
    }
}

/// A classification code of 3, 5 or 7 digits at the start of a label,
/// followed by a space or the name (`2040201 行政运行`, `204公共安全支出`).
fn leading_code(cell: &str) -> Option<String> {
    let t = cell.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    let named = rest
        .chars()
        .next()
        .is_some_and(|c| c == ' ' || !c.is_ascii());
    (matches!(digits, 3 | 5 | 7) && named).then(|| t[..digits].to_string())
}

/// A label that names a total (合计, 总计, 本年收入合计, 支出总计, 共计).
pub fn is_total_label(s: &str) -> bool {
    let c = compact(s);
    c.ends_with("合计") || c.ends_with("总计") || c.ends_with("共计") || c == "总额"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_columns_and_labels() {
        assert_eq!(leading_code("2040201 行政运行").as_deref(), Some("2040201"));
        assert_eq!(leading_code("204公共安全支出").as_deref(), Some("204"));
        assert_eq!(leading_code("2019"), None);
        assert_eq!(leading_code("12 个"), None);
        assert!(is_total_label("本年收入 合计"));
        assert!(!is_total_label("合计数量说明"));
    }
}
