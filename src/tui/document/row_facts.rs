//! What is read once of a table's rows for sorting, filtering, marks and
//! charts: what each column holds, and per side of the table (a 收支总表 has
//! an income and an expenditure side) each row's parent and which rows are
//! totals. The hierarchy is the parser's (`TableDetail::sides`) when it read
//! one; else it is read here from the codes, or from rows that add up
//! ([`crate::rows::row_parents`]).

use crate::model::{RowRole, Table, TableDetail};
use crate::rows::columns::is_total_label;
use crate::rows::{Columns, row_parents_by};

/// One side of a table: its columns, each row's parent, its totals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowSide {
    /// The columns of the side (label, codes, figures); empty: every column.
    pub columns: Vec<usize>,
    /// Each row's parent; a row under a total (合计 / 总计) counts as a top
    /// row, so that a sort keeps the total last.
    pub parents: Vec<Option<usize>>,
    /// The rows that are totals (合计 / 总计): kept last in a sort.
    pub totals: Vec<bool>,
}

/// What is read once of a table's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowFacts {
    pub columns: Columns,
    /// At least one side.
    pub sides: Vec<RowSide>,
}

impl RowFacts {
    pub fn read(t: &Table, detail: Option<&TableDetail>) -> RowFacts {
        let columns = Columns::read(t);
        let n = t.rows.len();
        let from_parser: Vec<RowSide> = detail
            .map(|d| &d.sides[..])
            .unwrap_or_default()
            .iter()
            .filter(|s| s.parent.len() == n && s.role.len() == n)
            .map(|s| {
                let totals: Vec<bool> = s.role.iter().map(|r| *r == RowRole::Total).collect();
                let parents = s
                    .parent
                    .iter()
                    .map(|p| p.filter(|&p| !totals.get(p).copied().unwrap_or(false)))
                    .collect();
                let mut cols = s.value_columns.clone();
                cols.push(s.label_column);
                cols.extend(&s.code_columns);
                RowSide {
                    columns: cols,
                    parents,
                    totals,
                }
            })
            .collect();
        let sides = if from_parser.is_empty() {
            let labels: Vec<String> = (0..n).map(|r| columns.label(t, r)).collect();
            let totals: Vec<bool> = labels.iter().map(|l| is_total_label(l)).collect();
            let parents = row_parents_by(t, &columns, &labels)
                .into_iter()
                .map(|p| p.filter(|&p| !totals.get(p).copied().unwrap_or(false)))
                .collect();
            vec![RowSide {
                columns: Vec::new(),
                parents,
                totals,
            }]
        } else {
            from_parser
        };
        RowFacts { columns, sides }
    }

    /// The side column `col` belongs to (the first side by default).
    pub fn side(&self, col: usize) -> &RowSide {
        static NONE: RowSide = RowSide {
            columns: Vec::new(),
            parents: Vec::new(),
            totals: Vec::new(),
        };
        self.sides
            .iter()
            .find(|s| s.columns.contains(&col))
            .or(self.sides.first())
            .unwrap_or(&NONE)
    }
}
