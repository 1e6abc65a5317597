//! Rows whose labels give no level (`一般性项目` over its projects,
//! `一般公共预算拨款` over `一般性经费拨款`) are nested by their sums, when the
//! flat reading does not add up: scanning from the last row up, a row adopts
//! the rows right below it when their values add up to its own. Units listed
//! after the department's row are its siblings when its row adds up without
//! them ([`units_apart`]).

use rust_decimal::Decimal;

use crate::model::children_of;

/// How close two sums must be: exactly, or within one unit of the last
/// printed decimal per summand (published tables round every cell).
#[derive(Debug, Clone, Copy)]
pub(super) enum Fit {
    Exact,
    Rounded(Decimal),
}

impl Fit {
    fn close(self, sum: Decimal, target: Decimal, summands: usize) -> bool {
        let diff = (sum - target).abs();
        match self {
            Fit::Exact => diff.is_zero(),
            Fit::Rounded(unit) => diff <= unit * Decimal::from(summands),
        }
    }
}

/// Nest `values` (the children of one parent, in order; `None` = blank) so
/// that each adopting row equals the sum of the rows it adopts and the rows
/// left at the top add up to `target`. Only `movable` rows adopt or are
/// adopted (the others, totals or coded rows, stay where they are and stop
/// a row from adopting past them). Returns, per child, the index of the
/// child that adopted it (`None`: still a child of the parent), or `None`
/// when no such nesting is found.
pub(super) fn nest_by_sums(
    values: &[Option<Decimal>],
    movable: &[bool],
    target: Decimal,
    fit: Fit,
) -> Option<Vec<Option<usize>>> {
    let v = |i: usize| values[i].unwrap_or_default();
    let moves = |i: usize| movable.get(i).copied().unwrap_or(false);
    let any_negative = values.iter().flatten().any(|d| d.is_sign_negative());
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    // rows not yet adopted, nearest (smallest index) last
    let mut open: Vec<usize> = Vec::new();
    for i in (0..values.len()).rev() {
        let own = v(i);
        if !own.is_zero() && moves(i) {
            let mut sum = Decimal::ZERO;
            let mut take = None;
            for (k, &j) in open.iter().rev().enumerate() {
                if !moves(j) {
                    break;
                }
                sum += v(j);
                if fit.close(sum, own, k + 1) {
                    take = Some(k + 1);
                    break;
                }
                if !any_negative && sum > own.abs() * Decimal::TWO {
                    break;
                }
            }
            for _ in 0..take.unwrap_or(0) {
                if let Some(j) = open.pop() {
                    parent[j] = Some(i);
                }
            }
        }
        open.push(i);
    }
    let top: Decimal = open.iter().map(|&j| v(j)).sum();
    fit.close(top, target, open.len().max(1)).then_some(parent)
}

/// Units under a unit's row (`广州市数字政府运营中心` under the department's
/// row, as the rows were read): when the row adds up with its own rows alone
/// (within a unit of the last decimal per summand) and not with the units,
/// the units are its siblings. `values` holds, per row, its figure in the
/// first value column.
pub(super) fn units_apart(
    units: &[bool],
    values: &[Option<Decimal>],
    parent: &mut [Option<usize>],
) {
    let index = children_of(parent);
    for (u, children) in index.iter().enumerate() {
        if !units[u] || !children.iter().any(|&c| units[c]) {
            continue;
        }
        let Some(whole) = values[u] else {
            continue;
        };
        let own: Vec<usize> = children.iter().copied().filter(|&c| !units[c]).collect();
        let sum = |rows: &[usize]| -> Decimal { rows.iter().filter_map(|&c| values[c]).sum() };
        let scale = children
            .iter()
            .filter_map(|&c| values[c])
            .chain([whole])
            .map(|d| d.scale())
            .max()
            .unwrap_or(0);
        let fit = Fit::Rounded(Decimal::new(1, scale));
        if own.is_empty()
            || !fit.close(sum(&own), whole, own.len())
            || fit.close(sum(children), whole, children.len())
        {
            continue;
        }
        for &c in children.iter().filter(|&&c| units[c]) {
            parent[c] = parent[u];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn a_category_adopts_its_projects() {
        // 一般性项目 49 = 40 + 9, then 政府投资项目 5 over 政府投资项目 5
        let values = [d("49"), d("40"), d("9"), d("5"), d("5")];
        let p = nest_by_sums(&values, &[true; 5], Decimal::from(54), Fit::Exact).expect("nesting");
        assert_eq!(p, vec![None, Some(0), Some(0), None, Some(3)]);
    }

    #[test]
    fn blank_rows_after_a_group_stay_siblings() {
        // 一般公共预算拨款 = 一般性经费拨款 + (blank) + 政府投资项目拨款, then two blanks
        let values = [d("10"), d("7"), None, d("3"), None, None];
        let p = nest_by_sums(&values, &[true; 6], Decimal::from(10), Fit::Exact).expect("nesting");
        assert_eq!(p, vec![None, Some(0), Some(0), Some(0), None, None]);
    }

    #[test]
    fn no_nesting_when_nothing_adds_up() {
        let values = [d("10"), d("7"), d("4")];
        assert_eq!(
            nest_by_sums(&values, &[true; 3], Decimal::from(20), Fit::Exact),
            None
        );
    }

    #[test]
    fn fixed_rows_stay_and_stop_an_adoption() {
        // 总计 20 = 本年收入合计 (a total, fixed) 15 + 年初结转 5 over its part 5
        let values = [d("15"), d("5"), d("5"), None];
        let movable = [false, true, true, true];
        let p = nest_by_sums(&values, &movable, Decimal::from(20), Fit::Exact).expect("nesting");
        assert_eq!(p, vec![None, None, Some(1), None]);
        // a fixed row between a row and its would-be parts
        let values = [d("5"), d("5"), d("5")];
        let movable = [true, false, true];
        assert_eq!(
            nest_by_sums(&values, &movable, Decimal::from(10), Fit::Exact),
            None
        );
    }

    #[test]
    fn units_after_the_department_are_its_siblings_when_it_adds_up_alone() {
        // 合计 30 = 本级 10 (items 4 + 6) + 中心 20 (item 20)
        let units = [false, true, false, false, true, false];
        let values = [d("30"), d("10"), d("4"), d("6"), d("20"), d("20")];
        let mut parent = vec![None, Some(0), Some(1), Some(1), Some(1), Some(4)];
        units_apart(&units, &values, &mut parent);
        assert_eq!(parent, [None, Some(0), Some(1), Some(1), Some(0), Some(4)]);
        // the department's row as the sum of its units stays their parent
        let values = [d("30"), d("30"), d("4"), d("6"), d("20"), d("20")];
        let mut parent = vec![None, Some(0), Some(1), Some(1), Some(1), Some(4)];
        units_apart(&units, &values, &mut parent);
        assert_eq!(parent[4], Some(1));
    }
}
