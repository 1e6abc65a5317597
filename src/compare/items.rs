//! The items of one table as a comparison reads them: a name, a code when
//! the row has one, and one figure.
//!
//! - A table whose rows are items: each row gives one item per group of
//!   columns (a label, then figures: a two-sided 收支总表 gives an income
//!   item and an expenditure item per row); the item's figure is the first
//!   column of figures of its group (合计 / 预算数).
//! - A table whose rows are years (a 年度 column: 2019, 2020 / 2022 年, 2023 年,
//!   as 深圳 prints its “三公” table): each column of figures is an item,
//!   named by its header (`公务用车购置及运行维护费 / 小计` → the parent's name),
//!   with the figure of the document's year (else the last year printed).

use std::ops::Range;

use crate::model::{Amount, Table};
use crate::parse::compact;
use crate::rows::columns::{ColumnRole, Columns, header_role};

/// One item of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub code: Option<String>,
    pub name: String,
    pub value: Option<Amount>,
    /// The cell the figure is in (body row, column).
    pub at: (usize, usize),
}

/// The items of `t` of a document of year `year`.
pub fn table_items(t: &Table, year: Option<u16>) -> Vec<Item> {
    let cols = Columns::read(t);
    match year_column(t, &cols) {
        Some(yc) => year_rows(t, &cols, yc, year),
        None => item_rows(t, &cols),
    }
}

/// A year at the start of a cell: `2019`, `2022 年`, `2023年`.
fn year_of(cell: &str) -> Option<u16> {
    let t = compact(cell);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    if digits.len() != 4 || !(rest.is_empty() || rest == "年") {
        return None;
    }
    digits.parse().ok().filter(|y| (1990..=2100).contains(y))
}

/// The column of a table whose rows are years: headed 年度 / 年份, holding years.
fn year_column(t: &Table, cols: &Columns) -> Option<usize> {
    (0..cols.roles.len()).find(|&c| {
        let path = compact(cols.paths.get(c).map(String::as_str).unwrap_or(""));
        (path.contains("年度") || path.contains("年份"))
            && t.rows.iter().any(|r| r.get(c).and_then(year_of).is_some())
    })
}

fn year_rows(t: &Table, cols: &Columns, yc: usize, year: Option<u16>) -> Vec<Item> {
    let years: Vec<(usize, u16)> = t
        .rows
        .iter()
        .enumerate()
        .filter_map(|(r, row)| Some((r, year_of(row.get(yc)?)?)))
        .collect();
    let Some(&(row, _)) = years
        .iter()
        .find(|(_, y)| Some(*y) == year)
        .or(years.last())
    else {
        return Vec::new();
    };
    (0..cols.roles.len())
        .filter(|&c| c != yc && matches!(cols.role(c), ColumnRole::Figure | ColumnRole::Other))
        .filter_map(|c| {
            let path = cols.paths.get(c)?;
            if header_role(path).is_some() {
                return None;
            }
            let name = item_name(path)?;
            Some(Item {
                code: None,
                name,
                value: cols.figure(t, row, c),
                at: (row, c),
            })
        })
        .collect()
}

/// The name of a column as an item: the last part of its header path, or
/// the part above a 小计 / 合计.
fn item_name(path: &str) -> Option<String> {
    let parts: Vec<&str> = path
        .split(" / ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let last = *parts.last()?;
    let name = match compact(last).as_ref() {
        "小计" | "合计" if parts.len() > 1 => parts[parts.len() - 2],
        _ => last,
    };
    Some(name.to_string())
}

/// Groups of columns: a run of labels (and codes) then its figures; the
/// group's figure is its first column of figures.
fn groups(cols: &Columns) -> Vec<(Range<usize>, Option<usize>)> {
    let mut out = Vec::new();
    let (mut start, mut figure) = (0usize, None);
    for (c, role) in cols.roles.iter().enumerate() {
        match role {
            ColumnRole::Label | ColumnRole::Code if figure.is_some() => {
                out.push((start..c, figure));
                start = c;
                figure = None;
            }
            ColumnRole::Figure if figure.is_none() => figure = Some(c),
            _ => {}
        }
    }
    out.push((start..cols.roles.len(), figure));
    out
}

fn item_rows(t: &Table, cols: &Columns) -> Vec<Item> {
    let groups = groups(cols);
    let mut out = Vec::new();
    // Group by group: a two-sided table lists its income items, then its
    // expenditure items.
    for (range, figure) in &groups {
        let Some(fc) = *figure else { continue };
        for (r, row) in t.rows.iter().enumerate() {
            let mut name = String::new();
            let mut code = String::new();
            for c in range.clone() {
                let cell = row.get(c).map(|s| s.trim()).unwrap_or("");
                match cols.role(c) {
                    ColumnRole::Label if !cell.is_empty() => {
                        if !name.is_empty() {
                            name.push(' ');
                        }
                        name.push_str(cell);
                    }
                    ColumnRole::Code if cell.bytes().all(|b| b.is_ascii_digit() || b == b' ') => {
                        code.extend(cell.chars().filter(char::is_ascii_digit));
                    }
                    _ => {}
                }
            }
            if name.is_empty() && code.is_empty() {
                continue;
            }
            out.push(Item {
                code: (!code.is_empty()).then_some(code),
                name,
                value: cols.figure(t, r, fc),
                at: (r, fc),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_names() {
        assert_eq!(year_of("2022 年"), Some(2022));
        assert_eq!(year_of("2019"), Some(2019));
        assert_eq!(year_of("增减变化金额"), None);
        assert_eq!(year_of("20190"), None);
        assert_eq!(
            item_name("公务用车购置及运行维护费 / 小计").as_deref(),
            Some("公务用车购置及运行维护费")
        );
        assert_eq!(
            item_name("公务用车购置及运行维护费 / 公务用车购置费").as_deref(),
            Some("公务用车购置费")
        );
    }
}
