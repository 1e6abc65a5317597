//! A side's rows as read: each row's label, its evidence (a total word, the
//! unit's row, a subject code, an enumeration, 其中) and its figures; the
//! parts of a split code (类 | 款 | 项) carried down from the rows above.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::super::numbering::numbering;
use super::columns::SideLayout;
use super::figures::Figures;
use super::labels::{self, Mark};
use crate::model::{GridRow, Table};

/// Subject name (as a key) → the codes coded tables of the document give it.
pub(super) type SubjectNames = FxHashMap<String, Vec<String>>;

pub(super) fn cell(row: GridRow<'_>, j: usize) -> &str {
    row.get(j).map(super::super::chars::trim_cell).unwrap_or("")
}

/// The parts of a split code (类 | 款 | 项) carried down from the rows above.
#[derive(Default)]
pub(super) struct Carry {
    parts: [String; 3],
    /// Units' codes: any length (`024`, `024001`).
    any_length: bool,
}

impl Carry {
    /// The code of a row: one code column (`2040201`), or split columns whose
    /// blank leading parts repeat the rows above (`| 05 | 01`).
    pub(super) fn code_of(&mut self, row: GridRow<'_>, columns: &[usize]) -> Option<String> {
        let digits = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        if let [j] = columns {
            // one code column: no copy unless the code is one
            let c = cell(row, *j);
            let c = if c.contains(' ') {
                std::borrow::Cow::Owned(c.replace(' ', ""))
            } else {
                std::borrow::Cow::Borrowed(c)
            };
            let fits = matches!(c.len(), 3 | 5 | 7) || (self.any_length && c.len() >= 2);
            return (fits && digits(&c)).then(|| c.into_owned());
        }
        // a part: a cell of digits, the spaces between them dropped (read
        // borrowed: most cells of split code columns are blank)
        let part_in = |j: usize| {
            let c = cell(row, j);
            let digits = c.bytes().filter(|&b| b != b' ').count();
            let only_digits = c.bytes().all(|b| b == b' ' || b.is_ascii_digit());
            (digits > 0 && only_digits).then_some((c, digits))
        };
        let last = columns.iter().rposition(|&j| part_in(j).is_some())?;
        let mut code = String::with_capacity(7);
        for (k, &j) in columns.iter().enumerate().take(last + 1).take(3) {
            if let Some((c, digits)) = part_in(j) {
                let part = &mut self.parts[k];
                part.clear();
                // 款 and 项 are two digits; a spreadsheet drops the leading zero (`301 | 2`)
                if k > 0 && digits == 1 {
                    part.push('0');
                }
                part.extend(c.split(' '));
                for deeper in self.parts.iter_mut().skip(k + 1) {
                    deeper.clear();
                }
            }
            code.push_str(&self.parts[k]);
        }
        (matches!(code.len(), 3 | 5 | 7) && code.bytes().all(|b| b.is_ascii_digit()))
            .then_some(code)
    }
}

/// One row as read through a side.
pub(super) struct RowRead<'a> {
    pub(super) label: &'a str,
    pub(super) mark: Mark,
    /// Codes a coded table gives the label (to choose from by context).
    pub(super) candidates: &'a [String],
    /// Its figures in the side's value columns (a row of [`SideValues`]).
    pub(super) values: &'a [Option<Decimal>],
}

/// The figures of a side's rows in its value columns, row after row (one
/// list for the side, not one per row).
pub(super) struct SideValues {
    values: Vec<Option<Decimal>>,
    width: usize,
}

impl SideValues {
    pub(super) fn of(t: &Table, figures: &Figures, side: &SideLayout) -> SideValues {
        let width = side.value_columns.len();
        let mut values = Vec::with_capacity(width * t.rows.len());
        for r in 0..t.rows.len() {
            values.extend(side.value_columns.iter().map(|&j| figures.amount(r, j)));
        }
        SideValues { values, width }
    }

    /// The figures of row `r`.
    fn row(&self, r: usize) -> &[Option<Decimal>] {
        let from = r * self.width;
        self.values.get(from..from + self.width).unwrap_or_default()
    }
}

/// Read the rows of a side: label, evidence, figures (`department`: the
/// department's name as a key).
pub(super) fn read_rows<'a>(
    t: &'a Table,
    values: &'a SideValues,
    side: &SideLayout,
    names: &'a SubjectNames,
    department: Option<&str>,
) -> Vec<RowRead<'a>> {
    let mut carry = Carry {
        any_length: side.unit_codes,
        ..Carry::default()
    };
    t.rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let values = values.row(r);
            let code = carry.code_of(row, &side.code_columns);
            let mut label = cell(row, side.label_column);
            if label.is_empty() {
                // a label printed across the code columns (`合计`)
                label = side
                    .code_columns
                    .iter()
                    .map(|&j| cell(row, j))
                    .find(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or("");
            }
            let mut unit = false;
            if label.is_empty()
                && let Some(u) = side
                    .unit_column
                    .map(|j| cell(row, j))
                    .filter(|u| !u.is_empty())
            {
                label = u;
                unit = code.is_none();
            }
            let unlabelled = label.is_empty() && code.is_none();
            let blank = unlabelled && values.iter().all(Option::is_none);
            // the numbering and the name key only where they may decide (the
            // label is trimmed: its numbering serves both)
            let numbered = std::cell::OnceCell::new();
            let numbered = || numbered.get_or_init(|| numbering(label)).clone();
            let key = std::cell::OnceCell::new();
            let key = || {
                key.get_or_init(|| labels::subject_key_of(label, numbered()))
                    .as_str()
            };
            let mark = if blank {
                Mark::Empty
            } else if unlabelled {
                Mark::Unlabelled
            } else if let Some(rank) = labels::total_rank(label) {
                Mark::Total(rank)
            } else if unit || (side.label_is_unit && labels::names_unit(label, department)) {
                Mark::Unit
            } else if let Some(c) = code.or_else(|| labels::leading_code(label)) {
                Mark::Coded(c)
            } else if labels::is_part(label) {
                Mark::Part
            } else if let Some(c) = labels::class_code(key()) {
                Mark::Coded(c.to_string())
            } else if let Some((style, value)) = numbered().and_then(labels::enumeration_of) {
                Mark::Numbered(style, value)
            } else {
                Mark::Plain
            };
            let candidates = match mark {
                Mark::Plain | Mark::Numbered(..) => names.get(key()).map_or(&[][..], Vec::as_slice),
                _ => &[],
            };
            RowRead {
                label,
                mark,
                candidates,
                values,
            }
        })
        .collect()
}
