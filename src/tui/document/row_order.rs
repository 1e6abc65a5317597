//! Sorting and filtering a table's rows: the keys of a column (each row's
//! figure in 万元 as a fixed-point integer, and its text folded), the rows a
//! filter keeps, and the order a sort gives — children kept under their
//! parents in a hierarchical table, totals (合计 / 总计) kept at the end.
//! Pure functions of the table; fast enough to run on every keystroke over
//! 100,000 rows (see `benches/tui.rs`).

use rust_decimal::Decimal;

use crate::model::{GridRow, Table, Unit};
use crate::parse::amount::{figure_parts, is_null_amount};
use crate::rows::{ColumnRole, Columns};
use crate::search::query;
use crate::search::text::normalize;

/// Decimal places of the fixed-point figure keys (万元 to 10⁻⁸).
const SCALE: u32 = 8;

/// What a column gives each row to be sorted and filtered by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnKeys {
    /// The column holds figures: sorted and filtered by value.
    pub numeric: bool,
    /// Each row's figure in 万元 × 10⁸ (`None`: blank or not a figure).
    pub figures: Vec<Option<i128>>,
    /// Each row's cell, folded as search folds it (columns of text only).
    pub text: Vec<String>,
}

/// `d` (in 万元) as a fixed-point key.
pub fn fixed(d: Decimal) -> i128 {
    let d = d.round_dp(SCALE);
    let m = d.mantissa();
    let up = 10i128.pow(SCALE - d.scale().min(SCALE));
    m.checked_mul(up)
        .unwrap_or(if m < 0 { i128::MIN } else { i128::MAX })
}

impl ColumnKeys {
    /// The keys of column `col`: a column of figures by their value in
    /// 万元; a column of other numbers (years, counts) by their value; any
    /// other column by its text.
    pub fn read(t: &Table, col: usize, cols: &Columns) -> ColumnKeys {
        let money = cols.role(col) == ColumnRole::Figure;
        let unit = if money {
            cols.units.get(col).copied().flatten()
        } else {
            None
        };
        // Each row: (filled, its key).
        let key = |row: GridRow<'_>| -> (bool, Option<i128>) {
            let cell = trimmed(row.get(col).unwrap_or(""));
            if cell.is_empty() || is_null_amount(cell) {
                return (false, None);
            }
            let key = plain_key(cell, unit, money).unwrap_or_else(|| figure_key(cell, unit, money));
            (true, key)
        };
        let keyed: Vec<(bool, Option<i128>)> = t.rows.iter().map(key).collect();
        let filled = keyed.iter().filter(|k| k.0).count();
        let parsed = keyed.iter().filter(|k| k.1.is_some()).count();
        let numeric = money || (filled > 0 && parsed * 10 >= filled * 6);
        // Text keys only where text is sorted and filtered.
        let text = if numeric {
            Vec::new()
        } else {
            t.rows
                .iter()
                .map(|row| normalize(row.get(col).unwrap_or("")))
                .collect()
        };
        ColumnKeys {
            numeric,
            figures: keyed.into_iter().map(|k| k.1).collect(),
            text,
        }
    }
}

/// `s` without the white space around it; a cell with none (the usual
/// case) is returned without decoding its ends.
fn trimmed(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let b = s.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// A cell's key: a figure of money in 万元, another number as printed.
fn figure_key(cell: &str, unit: Option<Unit>, money: bool) -> Option<i128> {
    let (value, unit, _) = figure_parts(cell, unit)?;
    let value = match money {
        true => unit.unwrap_or(Unit::Wan).convert(value, Unit::Wan)?,
        false => value,
    };
    Some(fixed(value))
}

/// [`figure_key`] of a cell printed in plain ASCII (`-1,234.56`), without
/// going through `Decimal`: the same answer (a test holds them together),
/// about ten times faster, which keeps the first sort of a large column
/// within a keystroke. `None` where it does not decide: any other character
/// (a unit, parentheses, full-width signs), more than 18 digits, or a key
/// that would need rounding (元 with more than four decimals).
fn plain_key(cell: &str, unit: Option<Unit>, money: bool) -> Option<Option<i128>> {
    let b = cell.as_bytes();
    if !b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b',' | b'.' | b'-'))
    {
        return None;
    }
    let (negative, body) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (mut mantissa, mut digits) = (0i128, 0usize);
    // Digits since the last comma (-1: no comma yet), fraction digits.
    let (mut run, mut commas, mut frac): (usize, bool, Option<usize>) = (0, false, None);
    let group_ok = |run: usize, commas: bool| {
        if commas {
            run == 3
        } else {
            (1..=3).contains(&run)
        }
    };
    for &c in body {
        match (c, frac) {
            (b'0'..=b'9', _) => {
                mantissa = mantissa * 10 + i128::from(c - b'0');
                digits += 1;
                match frac.as_mut() {
                    Some(f) => *f += 1,
                    None => run += 1,
                }
                if digits > 18 {
                    return None;
                }
            }
            (b',', None) if group_ok(run, commas) => (commas, run) = (true, 0),
            (b'.', None) if !commas || run == 3 => frac = Some(0),
            _ => return Some(None),
        }
    }
    if (commas && frac.is_none() && run != 3) || (run == 0 && frac.unwrap_or(0) == 0 && !commas) {
        return Some(None);
    }
    let unit_shift = match money {
        true => i64::from(unit.unwrap_or(Unit::Wan).exponent()) - i64::from(Unit::Wan.exponent()),
        false => 0,
    };
    let shift = i64::from(SCALE) - frac.unwrap_or(0) as i64 + unit_shift;
    let key = mantissa.checked_mul(10i128.checked_pow(u32::try_from(shift).ok()?)?)?;
    Some(Some(if negative { -key } else { key }))
}

/// Each row's label (its text cells), folded.
pub fn row_labels(t: &Table, cols: &Columns) -> Vec<String> {
    (0..t.rows.len())
        .map(|r| normalize(&cols.label(t, r)))
        .collect()
}

/// The rows a filter keeps. On a column of figures, the query is search's
/// (`>=1000`, `100..500`, `4800万元`): its amount filter applies to the
/// column, its words to the row's label; on a column of text, every word
/// must be in the cell.
pub fn filter_rows(keys: &ColumnKeys, labels: &[String], typed: &str) -> Vec<bool> {
    let n = keys.figures.len();
    if typed.trim().is_empty() {
        return vec![true; n];
    }
    if !keys.numeric {
        let words: Vec<String> = typed.split_whitespace().map(normalize).collect();
        return keys
            .text
            .iter()
            .map(|t| words.iter().all(|w| t.contains(w.as_str())))
            .collect();
    }
    let q = query::parse(typed);
    let amount = q.filter.as_ref();
    let fixed_filter = amount.map(|f| {
        use query::AmountFilter as F;
        match *f {
            F::Eq(v) => (fixed(v), fixed(v)),
            F::Gt(v) => (fixed(v).saturating_add(1), i128::MAX),
            F::Ge(v) => (fixed(v), i128::MAX),
            F::Lt(v) => (i128::MIN, fixed(v).saturating_sub(1)),
            F::Le(v) => (i128::MIN, fixed(v)),
            F::Between(a, b) => (fixed(a), fixed(b)),
        }
    });
    (0..n)
        .map(|r| {
            let by_amount = fixed_filter
                .is_none_or(|(lo, hi)| keys.figures[r].is_some_and(|v| lo <= v && v <= hi));
            by_amount
                && q.terms
                    .iter()
                    .all(|t| labels.get(r).is_some_and(|l| l.contains(t.text.as_str())))
        })
        .collect()
}

/// The rows shown, in order: those `keep` keeps, sorted by `sort` (`desc`:
/// largest first; blanks last either way; ties in document order). With
/// `parents` (and no rows left out), each row's children follow it, sorted
/// among themselves. Totals (`pinned`) without a parent stay at the end.
pub fn arrange(
    sort: Option<(&ColumnKeys, bool)>,
    keep: Option<&[bool]>,
    parents: Option<&[Option<usize>]>,
    pinned: &[bool],
) -> Option<Vec<usize>> {
    let n = pinned.len();
    let mut rows: Vec<usize> = match keep {
        Some(k) => (0..n)
            .filter(|&r| k.get(r).copied().unwrap_or(false))
            .collect(),
        None => (0..n).collect(),
    };
    let Some((keys, desc)) = sort else {
        return keep.is_some().then_some(rows);
    };
    if keys.numeric {
        // Sorted as packed (blank, value, row) triples: blanks last, ties in
        // document order, the value negated for largest first.
        let mut keyed: Vec<(bool, i128, usize)> = rows
            .iter()
            .map(|&r| match keys.figures.get(r).copied().flatten() {
                Some(v) if desc => (false, v.saturating_neg(), r),
                Some(v) => (false, v, r),
                None => (true, 0, r),
            })
            .collect();
        keyed.sort_unstable();
        rows = keyed.into_iter().map(|(_, _, r)| r).collect();
    } else {
        let key = |r: usize| keys.text.get(r).map_or("", String::as_str);
        rows.sort_unstable_by(|&a, &b| {
            let (ka, kb) = (key(a), key(b));
            let by = match (ka.is_empty(), kb.is_empty()) {
                (false, false) if desc => kb.cmp(ka),
                (false, false) => ka.cmp(kb),
                (x, y) => x.cmp(&y),
            };
            by.then(a.cmp(&b))
        });
    }
    let tree = parents.filter(|p| keep.is_none() && p.iter().any(Option::is_some));
    Some(match tree {
        Some(parents) => under_parents(&rows, parents, pinned),
        None => pinned_last(rows, pinned),
    })
}

fn pinned_last(rows: Vec<usize>, pinned: &[bool]) -> Vec<usize> {
    let (mut rest, mut totals): (Vec<usize>, Vec<usize>) = rows
        .into_iter()
        .partition(|&r| !pinned.get(r).copied().unwrap_or(false));
    totals.sort_unstable();
    rest.extend(totals);
    rest
}

/// `sorted` (every row) rearranged so that each row's children follow it,
/// in their sorted order.
fn under_parents(sorted: &[usize], parents: &[Option<usize>], pinned: &[bool]) -> Vec<usize> {
    let n = parents.len();
    let root = n;
    let parent = |r: usize| {
        parents
            .get(r)
            .copied()
            .flatten()
            .filter(|&p| p < n)
            .unwrap_or(root)
    };
    // Children of each row (and of the root) in sorted order, packed.
    let mut start = vec![0usize; n + 2];
    for &r in sorted {
        start[parent(r) + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut kids = vec![0usize; sorted.len()];
    let top: Vec<usize> = sorted
        .iter()
        .copied()
        .filter(|&r| parent(r) == root)
        .collect();
    for &r in sorted {
        let p = parent(r);
        kids[fill[p]] = r;
        fill[p] += 1;
    }
    let top = pinned_last(top, pinned);
    let mut out = Vec::with_capacity(sorted.len());
    for t in top {
        let mut stack = vec![(t, start[t])];
        out.push(t);
        while let Some((node, next)) = stack.last_mut() {
            if *next < start[*node + 1] {
                let child = kids[*next];
                *next += 1;
                out.push(child);
                stack.push((child, start[child]));
            } else {
                stack.pop();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const UNITS: [Option<Unit>; 6] = [
        None,
        Some(Unit::Yuan),
        Some(Unit::ThousandYuan),
        Some(Unit::Wan),
        Some(Unit::MillionYuan),
        Some(Unit::Yi),
    ];

    #[test]
    fn the_plain_key_decides_plain_figures_as_the_parser_does() {
        for (cell, unit, want) in [
            ("1,234.56", Some(Unit::Wan), Some(123_456_000_000)),
            ("-12.5", Some(Unit::Yuan), Some(-125_000)),
            (".04", None, Some(4_000_000)),
            ("8.", None, Some(800_000_000)),
            ("1,2", None, None),
            ("1-2", None, None),
        ] {
            assert_eq!(plain_key(cell, unit, true), Some(want), "{cell}");
            assert_eq!(figure_key(cell, unit, true), want, "{cell}");
        }
        // what it leaves to the parser
        for cell in [
            "(12.5)",
            "4800万元",
            "－3",
            "+3",
            "1.234567",
            "1234567890123456789",
        ] {
            assert_eq!(plain_key(cell, Some(Unit::Yuan), true), None, "{cell}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn plain_key_agrees_with_figure_key(
            cell in "-?[0-9,.]{0,22}|-?[0-9]{1,3}(,[0-9]{3}){0,5}(\\.[0-9]{0,7})?|-?[0-9]{0,20}\\.?[0-9]{0,6}",
            unit in 0usize..6,
            money: bool,
        ) {
            let slow = figure_key(&cell, UNITS[unit], money);
            if let Some(key) = plain_key(&cell, UNITS[unit], money) {
                prop_assert_eq!(key, slow);
            }
        }
    }

    fn keys(values: &[Option<i128>]) -> ColumnKeys {
        ColumnKeys {
            numeric: true,
            figures: values.to_vec(),
            text: vec![String::new(); values.len()],
        }
    }

    #[test]
    fn sorts_with_blanks_last_and_children_under_parents() {
        let k = keys(&[Some(10), Some(6), Some(4), None, Some(7), Some(17)]);
        let pinned = [false, false, false, false, false, true];
        assert_eq!(
            arrange(Some((&k, true)), None, None, &pinned),
            Some(vec![0, 4, 1, 2, 3, 5])
        );
        assert_eq!(
            arrange(Some((&k, false)), None, None, &pinned),
            Some(vec![2, 1, 4, 0, 3, 5])
        );
        // 0 is the parent of 1 and 2.
        let parents = [None, Some(0), Some(0), None, None, None];
        assert_eq!(
            arrange(Some((&k, true)), None, Some(&parents), &pinned),
            Some(vec![0, 1, 2, 4, 3, 5])
        );
        assert_eq!(
            arrange(Some((&k, false)), None, Some(&parents), &pinned),
            Some(vec![4, 0, 2, 1, 3, 5])
        );
    }

    #[test]
    fn filters_by_amount_and_words() {
        let k = ColumnKeys {
            numeric: true,
            figures: vec![
                Some(fixed(Decimal::from(1500))),
                Some(fixed(Decimal::from(90))),
                None,
            ],
            text: vec![String::new(); 3],
        };
        let labels = vec!["智慧社区".to_string(), "智慧警务".into(), "其他".into()];
        assert_eq!(filter_rows(&k, &labels, ">=1000"), vec![true, false, false]);
        assert_eq!(
            filter_rows(&k, &labels, "50..100"),
            vec![false, true, false]
        );
        assert_eq!(filter_rows(&k, &labels, "智慧"), vec![true, true, false]);
        assert_eq!(
            filter_rows(&k, &labels, "智慧 <100"),
            vec![false, true, false]
        );
        assert_eq!(filter_rows(&k, &labels, " "), vec![true; 3]);
        assert_eq!(
            arrange(None, Some(&[true, false, true]), None, &[false; 3]),
            Some(vec![0, 2])
        );
    }
}
