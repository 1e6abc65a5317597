//! The budget checks of one document (`crate::check`), run once on the
//! loader thread beside building its tree, kept with the document: the
//! findings in order, the worst severity at each table cell (to mark it),
//! and the counts the outline, the summary card and the document list show.
//!
//! Severity words: 错误 = the figures disagree; 尾差 = they disagree by no
//! more than the rounding of their cells; 存疑 = cannot be decided.

use std::collections::BTreeMap;

use crate::check::{self, Finding, Severity};
use crate::model::Document;

use super::super::base::screen_text::ambiguous_wide;

/// A document's findings and what is derived from them once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checks {
    /// Every finding, ordered by line (as `budgettui check` prints them).
    pub findings: Vec<Finding>,
    /// The most serious finding at each (table, row, column).
    pub marks: BTreeMap<(usize, usize, usize), Severity>,
    /// Errors, rounding differences, warnings.
    pub counts: (usize, usize, usize),
    /// The document had something to check (a scan has not).
    pub checked: bool,
}

/// No finding, on a document that was checked.
impl Default for Checks {
    fn default() -> Checks {
        Checks::from_findings(Vec::new())
    }
}

impl Checks {
    /// Run every rule on `doc` (a few milliseconds; call on a worker).
    pub fn run(doc: &Document) -> Checks {
        Checks {
            checked: check::checkable(doc),
            ..Checks::from_findings(check::check(doc))
        }
    }

    pub fn from_findings(mut findings: Vec<Finding>) -> Checks {
        // Kept as long as the document is open: no room to spare.
        findings.shrink_to_fit();
        Checks {
            marks: check::cell_marks(&findings),
            counts: check::counts(&findings),
            findings,
            checked: true,
        }
    }

    /// The worst severity of the findings at a cell of table `table`.
    pub fn mark(&self, table: usize, row: usize, col: usize) -> Option<Severity> {
        self.marks.get(&(table, row, col)).copied()
    }

    /// The findings at a cell, most serious first.
    pub fn at_cell(&self, table: usize, row: usize, col: usize) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.cell() == Some((table, row, col)))
            .collect();
        v.sort_by_key(|f| f.severity);
        v
    }

    /// The most serious severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).min()
    }

    /// `✗1 ≈16 ?2`: the count of each severity found (none: `✓`).
    pub fn tally(&self) -> String {
        match self.checked {
            true => tally(self.counts),
            false => NOTHING_CHECKED.to_string(),
        }
    }

    /// The count of the most serious severity found only (`✗1`), for a
    /// narrow column; none: `✓`.
    pub fn tally_short(&self) -> String {
        tally_short(self.counts)
    }

    /// `错误 1 · 尾差 16 · 存疑 0`.
    pub fn counts_zh(&self) -> String {
        let (e, r, w) = self.counts;
        format!(
            "{} {e} · {} {r} · {} {w}",
            Severity::Error.label_zh(),
            Severity::Rounding.label_zh(),
            Severity::Warning.label_zh()
        )
    }
}

/// `✗1 ≈16 ?2` of the counts of errors, rounding differences and warnings
/// (none: `✓`).
pub fn tally(counts: (usize, usize, usize)) -> String {
    let parts: Vec<String> = by_severity(counts)
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(s, n)| format!("{}{n}", symbol(s)))
        .collect();
    if parts.is_empty() {
        NONE_FOUND.to_string()
    } else {
        parts.join(" ")
    }
}

/// The count of the most serious severity only (`✗1`); none: `✓`.
pub fn tally_short(counts: (usize, usize, usize)) -> String {
    match by_severity(counts).into_iter().find(|(_, n)| *n > 0) {
        Some((s, n)) => format!("{}{}", symbol(s), n.min(999)),
        None => NONE_FOUND.to_string(),
    }
}

/// The most serious severity counted, if any.
pub fn worst_of(counts: (usize, usize, usize)) -> Option<Severity> {
    by_severity(counts)
        .into_iter()
        .find(|(_, n)| *n > 0)
        .map(|(s, _)| s)
}

/// The counts beside their severities, most serious first.
fn by_severity((e, r, w): (usize, usize, usize)) -> [(Severity, usize); 3] {
    [
        (Severity::Error, e),
        (Severity::Rounding, r),
        (Severity::Warning, w),
    ]
}

/// What the outline shows of a document with nothing to check (a scan).
pub const NOTHING_CHECKED: &str = "—";

/// What the document list and the outline show when no rule failed.
pub const NONE_FOUND: &str = "✓";

/// The symbol that marks a severity, visible without colour: `✗` 错误,
/// `≈` 尾差 (`~` where ambiguous characters are two cells wide: a table
/// marks a cell with one cell), `?` 存疑.
pub fn symbol(s: Severity) -> char {
    match s {
        Severity::Error => '✗',
        Severity::Rounding if ambiguous_wide() => '~',
        Severity::Rounding => '≈',
        Severity::Warning => '?',
    }
}

/// The outline's label of the checks node: `检查 ✗1 ≈1`.
pub fn node_label(checks: &Checks) -> String {
    format!("检查 {}", checks.tally())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(severity: Severity, cell: Option<(usize, usize, usize)>) -> Finding {
        let mut f = Finding::new("sums.rows", severity, String::new());
        if let Some((t, r, c)) = cell {
            (f.table, f.row, f.column) = (Some(t), Some(r), Some(c));
        }
        f
    }

    #[test]
    fn tallies_and_marks() {
        let c = Checks::from_findings(vec![
            at(Severity::Rounding, Some((1, 2, 3))),
            at(Severity::Error, Some((1, 2, 3))),
            at(Severity::Rounding, Some((0, 0, 1))),
            at(Severity::Warning, None),
        ]);
        assert_eq!(c.counts, (1, 2, 1));
        assert_eq!(c.tally(), "✗1 ≈2 ?1");
        assert_eq!(c.tally_short(), "✗1");
        assert_eq!(c.mark(1, 2, 3), Some(Severity::Error));
        assert_eq!(c.mark(0, 0, 1), Some(Severity::Rounding));
        assert_eq!(c.mark(0, 0, 2), None);
        let here = c.at_cell(1, 2, 3);
        assert_eq!(here.len(), 2);
        assert_eq!(here[0].severity, Severity::Error);
        assert_eq!(c.counts_zh(), "错误 1 · 尾差 2 · 存疑 1");
        let clean = Checks::default();
        assert_eq!(
            (clean.tally(), clean.tally_short()),
            ("✓".into(), "✓".into())
        );
        assert_eq!(node_label(&clean), "检查 ✓");
        let scan = Checks {
            checked: false,
            ..Checks::default()
        };
        assert_eq!(node_label(&scan), "检查 —");
    }
}
