//! Rows whose labels give no level (`一般性项目` over its projects,
//! `一般公共预算拨款` over `一般性经费拨款`) are nested by their sums, when the
//! flat reading does not add up: scanning from the last row up, a row adopts
//! the rows right below it when their values add up to its own.

use rust_decimal::Decimal;

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
/// left at the top add up to `target`. Returns, per child, the index of the
/// child that adopted it (`None`: still a child of the parent), or `None`
/// when no such nesting is found.
pub(super) fn nest_by_sums(
    values: &[Option<Decimal>],
    target: Decimal,
    fit: Fit,
) -> Option<Vec<Option<usize>>> {
    let v = |i: usize| values[i].unwrap_or_default();
    let any_negative = values.iter().flatten().any(|d| d.is_sign_negative());
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    // rows not yet adopted, nearest (smallest index) last
    let mut open: Vec<usize> = Vec::new();
    for i in (0..values.len()).rev() {
        let own = v(i);
        if !own.is_zero() {
            let mut sum = Decimal::ZERO;
            let mut take = None;
            for (k, &j) in open.iter().rev().enumerate() {
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
        let p = nest_by_sums(&values, Decimal::from(54), Fit::Exact).expect("nesting");
        assert_eq!(p, vec![None, Some(0), Some(0), None, Some(3)]);
    }

    #[test]
    fn blank_rows_after_a_group_stay_siblings() {
        // 一般公共预算拨款 = 一般性经费拨款 + (blank) + 政府投资项目拨款, then two blanks
        let values = [d("10"), d("7"), None, d("3"), None, None];
        let p = nest_by_sums(&values, Decimal::from(10), Fit::Exact).expect("nesting");
        assert_eq!(p, vec![None, Some(0), Some(0), Some(0), None, None]);
    }

    #[test]
    fn no_nesting_when_nothing_adds_up() {
        let values = [d("10"), d("7"), d("4")];
        assert_eq!(nest_by_sums(&values, Decimal::from(20), Fit::Exact), None);
    }
}
