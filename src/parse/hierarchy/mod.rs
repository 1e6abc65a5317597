//! Row hierarchy: for every grid table, the parent and the role (item,
//! subtotal, total) of each body row, on each side of the table.
//!
//! Evidence, strongest first: total words (合计 / 总计 / 小计 / 本年收入合计);
//! the unit's own row (预算单位); subject codes (类 3 digits → 款 5 → 项 7,
//! split codes `208 | 05 | 01` included); for a row printed without a code,
//! the code a coded table of the same document gives the same subject name,
//! or the national class of a class name (公共安全支出 = 204); enumerations
//! (`一、` → `（一）` → `1.`); `其中` (a part of the row above). Rows with no
//! evidence stay under the nearest parent, unless their sums show a nesting
//! (`一般性项目` over its projects): see [`nesting`].
//!
//! Domain words: 类 / 款 / 项 = the three levels of a function subject;
//! 小计 / 合计 / 总计 = subtotal / total / grand total; 其中 = "of which".
//!
//! Where things are: [`columns`] says what each column holds and where a
//! side is; [`rows`] reads a side's rows (label, evidence, figures);
//! [`links`] opens and closes parents over them in order; [`nesting`]
//! nests plain rows by their sums; this file runs a side through them and
//! gives each row its role.

mod columns;
mod figures;
mod labels;
mod links;
mod nesting;
mod rows;

use rust_decimal::Decimal;

use crate::model::{RowRole, Table, TableSide, children_of};
use columns::SideLayout;
use figures::Figures;
use labels::Mark;
use links::link_rows;
use nesting::Fit;
use rows::{Carry, RowRead, SideValues, SubjectNames, cell, read_rows};

/// The sides of every table (empty for performance forms and tables
/// without figures). `department` names the unit rows.
pub(super) fn build_all(tables: &[Table], department: Option<&str>) -> Vec<Vec<TableSide>> {
    // only grids have sides: other tables' cells are never read for figures
    let figures: Vec<Option<Figures>> = tables
        .iter()
        .map(|t| t.kind.is_grid().then(|| Figures::of(t)))
        .collect();
    let layouts: Vec<Vec<SideLayout>> = tables
        .iter()
        .zip(&figures)
        .map(|(t, f)| match f {
            Some(f) => columns::sides_of(t, f),
            None => Vec::new(),
        })
        .collect();
    let names = subject_names(tables, &layouts);
    // the department's name as a key, made once for every side
    let department = department.map(super::chars::name_key);
    let department = department.as_deref();
    tables
        .iter()
        .zip(layouts)
        .zip(&figures)
        .map(|((t, sides), f)| {
            sides
                .into_iter()
                .filter(|s| !s.value_columns.is_empty())
                .filter_map(|s| Some(build_side(t, f.as_ref()?, s, &names, department)))
                .collect()
        })
        .collect()
}

/// Every subject name a code column codes, with its codes (shortest first).
fn subject_names(tables: &[Table], layouts: &[Vec<SideLayout>]) -> SubjectNames {
    let mut names = SubjectNames::default();
    for (t, sides) in tables.iter().zip(layouts) {
        for side in sides
            .iter()
            .filter(|s| !s.code_columns.is_empty() && !s.unit_codes)
        {
            let mut carry = Carry::default();
            for row in &t.rows {
                let label = cell(row, side.label_column);
                let Some(code) = carry.code_of(row, &side.code_columns) else {
                    continue;
                };
                let key = labels::subject_key(label);
                if key.is_empty() {
                    continue;
                }
                let codes = names.entry(key).or_default();
                if !codes.contains(&code) {
                    codes.push(code);
                    codes.sort_by_key(String::len);
                }
            }
        }
    }
    names
}

/// Build one side: read the rows, link them, nest plain rows by their sums,
/// give each row its role.
fn build_side(
    t: &Table,
    figures: &Figures,
    layout: SideLayout,
    names: &SubjectNames,
    department: Option<&str>,
) -> TableSide {
    let values = SideValues::of(t, figures, &layout);
    let rows = read_rows(t, &values, &layout, names, department);
    let mut pass = link_rows(&rows);
    if layout.rows_are_years {
        pass.parent.iter_mut().for_each(|p| *p = None);
    } else {
        settle_part_groups(&rows, &mut pass.parent);
        // units apart from a unit above them: only where two rows are units
        if rows
            .iter()
            .filter(|r| r.mark == Mark::Unit)
            .nth(1)
            .is_some()
        {
            let units: Vec<bool> = rows.iter().map(|r| r.mark == Mark::Unit).collect();
            let firsts: Vec<Option<Decimal>> = rows
                .iter()
                .map(|r| first_value(r).map(|(_, v)| v))
                .collect();
            nesting::units_apart(&units, &firsts, &mut pass.parent);
        }
        nest_plain_children(&rows, &mut pass.parent);
    }
    for (r, row) in rows.iter().enumerate() {
        if pass.code[r].is_empty()
            && let Mark::Coded(c) = &row.mark
        {
            pass.code[r] = c;
        }
    }
    let mut role = roles(&rows, &pass.parent);
    if layout.rows_are_years {
        // rows of years compare, they do not add up
        for (r, row) in rows.iter().enumerate() {
            if row.mark == Mark::Unit {
                role[r] = RowRole::Item;
            }
        }
    }
    // kept for the document's life: no room to spare
    let (mut code_columns, mut value_columns) = (layout.code_columns, layout.value_columns);
    code_columns.shrink_to_fit();
    value_columns.shrink_to_fit();
    TableSide {
        name: layout.name,
        label_column: layout.label_column,
        code_columns,
        value_columns,
        parent: pass.parent.into_iter().collect(),
        role,
        code: pass.code.iter().copied().collect(),
    }
}

/// Each row's role: blank, total (a total word, or the unit's row at the
/// top), subtotal (has children), item.
fn roles(rows: &[RowRead], parent: &[Option<usize>]) -> Vec<RowRole> {
    let mut has_children = vec![false; rows.len()];
    for p in parent.iter().flatten() {
        has_children[*p] = true;
    }
    rows.iter()
        .enumerate()
        .map(|(r, row)| match row.mark {
            Mark::Empty => RowRole::Blank,
            Mark::Total(_) => RowRole::Total,
            Mark::Unit if parent[r].is_none() => RowRole::Total,
            _ if has_children[r] => RowRole::Subtotal,
            _ => RowRole::Item,
        })
        .collect()
}

/// The first figure of a row and its column index.
fn first_value(row: &RowRead) -> Option<(usize, Decimal)> {
    row.values
        .iter()
        .enumerate()
        .find_map(|(c, v)| v.map(|v| (c, v)))
}

/// Plain rows after a `其中` row were taken for its siblings (`其中：教学科研
/// 人员… / 其他因公出国费`); when the group does not add up to its row, the
/// plain rows past the point where it does (or all of them, when it never
/// does) go back up a level (`基本工资 / 其中：… / 津贴补贴`).
fn settle_part_groups(rows: &[RowRead], parent: &mut [Option<usize>]) {
    // (most sides have no 其中 row: their children are not listed)
    if !rows.iter().any(|r| r.mark == Mark::Part) {
        return;
    }
    let index = children_of(parent);
    for (p, children) in index.iter().enumerate() {
        let Some(&first) = children.first() else {
            continue;
        };
        if rows[first].mark != Mark::Part {
            continue;
        }
        let Some((col, whole)) = first_value(&rows[p]) else {
            continue;
        };
        let value = |c: usize| {
            rows[c]
                .values
                .get(col)
                .copied()
                .flatten()
                .unwrap_or_default()
        };
        let mut sum = Decimal::ZERO;
        let mut keep = None;
        for (k, &c) in children.iter().enumerate() {
            sum += value(c);
            if sum == whole && k > 0 {
                keep = Some(k);
                break;
            }
        }
        for (k, &c) in children.iter().enumerate() {
            let beyond = keep.is_none_or(|last| k > last);
            if beyond && rows[c].mark == Mark::Plain {
                parent[c] = parent[p];
            }
        }
    }
}

/// A parent whose children do not add up to it, two or more of them plain
/// rows: nest the plain rows by their sums when a nesting adds up (`年初结转
/// 和结余` over `一般公共预算财政拨款` beside `本年收入合计` under `总计`).
fn nest_plain_children(rows: &[RowRead], parent: &mut [Option<usize>]) {
    // (most sides have no parent of two plain rows: their children are not listed)
    let mut plain_children = vec![0u32; rows.len()];
    for (c, p) in parent.iter().enumerate() {
        if let Some(n) = p.and_then(|p| plain_children.get_mut(p))
            && rows[c].mark == Mark::Plain
        {
            *n += 1;
        }
    }
    if plain_children.iter().all(|&n| n < 2) {
        return;
    }
    let index = children_of(parent);
    for (p, children) in index.iter().enumerate() {
        let plain = |c: usize| rows[c].mark == Mark::Plain;
        if children.iter().filter(|&&c| plain(c)).count() < 2 {
            continue;
        }
        let movable: Vec<bool> = children.iter().map(|&c| plain(c)).collect();
        let Some(col) = rows[p].values.iter().position(Option::is_some) else {
            continue;
        };
        let Some(target) = rows[p].values[col] else {
            continue;
        };
        let values: Vec<Option<Decimal>> = children.iter().map(|&c| rows[c].values[col]).collect();
        let scale = values
            .iter()
            .flatten()
            .chain([&target])
            .map(Decimal::scale)
            .max()
            .unwrap_or(0);
        let unit = Decimal::new(1, scale);
        let flat: Decimal = values.iter().flatten().sum();
        if (flat - target).abs() <= unit * Decimal::from(children.len()) {
            continue;
        }
        let nested = nesting::nest_by_sums(&values, &movable, target, Fit::Exact)
            .or_else(|| nesting::nest_by_sums(&values, &movable, target, Fit::Rounded(unit)));
        if let Some(nested) = nested {
            for (k, adopted_by) in nested.into_iter().enumerate() {
                if let Some(a) = adopted_by {
                    parent[children[k]] = Some(children[a]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|c| c.to_string()).collect()
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            kind: TableKind::Expenditure,
            header: vec![s(header)].into(),
            rows: rows.iter().map(|r| s(r)).collect(),
            row_lines: (1..=rows.len() as u32).collect(),
            ..Table::default()
        }
    }

    #[test]
    fn split_code_parts_drop_spaces_and_get_back_a_lost_zero() {
        let rows = crate::model::Grid::from_rows([
            ["2 08", "", "", "x"],
            ["", "5", "", "x"],
            ["", "", "0 1", "x"],
            ["", "", "合计", "x"],
        ]);
        let mut carry = Carry::default();
        let codes: Vec<Option<String>> = rows
            .iter()
            .map(|row| carry.code_of(row, &[0, 1, 2]))
            .collect();
        let expected = [Some("208"), Some("20805"), Some("2080501"), None];
        assert_eq!(codes, expected.map(|c| c.map(String::from)));
    }

    #[test]
    fn units_codes_nest_by_prefix() {
        // 部门代码 024 (the department) over 024001 (its one unit, same name)
        let t = table(
            &["部门代码", "部门名称", "合计"],
            &[
                &["合计", "", "5"],
                &["024", "审计局", "5"],
                &["024001", "审计局", "5"],
            ],
        );
        let side = &build_all(&[t], None)[0][0];
        assert_eq!(side.parent, [None, Some(0), Some(1)]);
        assert_eq!(side.code, ["", "024", "024001"]);
    }

    #[test]
    fn split_codes_carry_their_class_and_kuan_down() {
        let t = table(
            &["类", "款", "项", "科目名称", "合计"],
            &[
                &["", "", "", "合计", "10"],
                &["208", "", "", "社会保障和就业支出", "10"],
                &["", "05", "", "行政事业单位养老支出", "10"],
                &["", "", "01", "行政单位离退休", "4"],
                &["", "", "05", "机关事业单位基本养老保险缴费支出", "6"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(side.code_columns, [0, 1, 2]);
        assert_eq!(side.code, ["", "208", "20805", "2080501", "2080505"]);
        assert_eq!(side.parent, [None, Some(0), Some(1), Some(2), Some(2)]);
        assert_eq!(
            side.role,
            [
                RowRole::Total,
                RowRole::Subtotal,
                RowRole::Subtotal,
                RowRole::Item,
                RowRole::Item
            ]
        );
    }

    #[test]
    fn enumerations_nest_and_parts_stay_under_their_row() {
        let t = table(
            &["项目", "金额"],
            &[
                &["一、财政拨款收入", "10"],
                &["（一）一般公共预算", "8"],
                &["其中：上年结转", "1"],
                &["（二）政府性基金", "2"],
                &["二、其他收入", "0"],
                &["本年收入合计", "10"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(
            side.parent,
            [Some(5), Some(0), Some(1), Some(0), Some(5), None]
        );
        assert_eq!(side.role[5], RowRole::Total);
    }

    #[test]
    fn a_row_after_a_part_goes_back_up_unless_the_group_adds_up() {
        let t = table(
            &["项目", "金额"],
            &[
                &["工资福利支出", "100"],
                &["基本工资", "50"],
                &["其中：绩效工资", "10"],
                &["津贴补贴", "50"],
                &["二、公务用车购置及运维费", "97.26"],
                &["其中：公务用车购置费", ""],
                &["公务用车运行维护费", "97.26"],
            ],
        );
        let sides = build_all(std::slice::from_ref(&t), None);
        let side = &sides[0][0];
        assert_eq!(side.parent.get(2), Some(1)); // 其中 under 基本工资
        assert_eq!(side.parent.get(3), Some(0)); // 津贴补贴 back under 工资福利支出
        assert_eq!(side.parent.get(6), Some(4)); // the group adds up: it stays
    }

    #[test]
    fn a_subject_printed_without_code_borrows_it_by_name() {
        let coded = table(
            &["科目编码", "科目名称", "合计"],
            &[
                &["204", "公共安全支出", "5"],
                &["20402", "公安", "5"],
                &["2040201", "行政运行", "5"],
            ],
        );
        let mut plain = table(
            &["项目", "金额"],
            &[
                &["公共安全支出", "5"],
                &["公安", "5"],
                &["行政运行", "5"],
                &["本年支出合计", "5"],
            ],
        );
        plain.kind = TableKind::IncomeExpenditure;
        let sides = build_all(&[coded, plain], None);
        let side = &sides[1][0];
        assert_eq!(side.code, ["204", "20402", "2040201", ""]);
        assert_eq!(side.parent, [Some(3), Some(0), Some(1), None]);
    }
}
