//! Budget arithmetic: the rules a disclosure's figures must obey, each
//! finding with a rule id, a severity and the place it stands.
//!
//! One file per family of rules:
//! - [`sums`]: a total row equals the sum of its rows (类 = Σ 款 = Σ 项), a
//!   合计 column the sum of its columns, a category the sum of its projects;
//! - [`balances`]: the two sides of a two-sided table (收入总计 = 支出总计);
//! - [`across`]: a quantity printed in several tables agrees (the same
//!   subject in 支出总表 and 一般公共预算支出表, 项目支出 and the projects);
//! - [`prose`]: figures the text states match their tables; changes,
//!   percentages and comparison words are recomputed;
//! - [`integrity`]: required tables present, the contents list true, one
//!   department name, no template placeholders, years of the report.
//!
//! Severity: `error`; `rounding` when a difference stays within one unit of
//! the last printed decimal per summand (published tables round each cell:
//! 0.01 per summand for figures printed with two decimals); `warning` for
//! what cannot be decided. Amounts are exact decimals, never floats.
//!
//! Domain words: 合计 / 小计 / 总计 = total / subtotal / grand total; 类 / 款
//! / 项 = the three levels of a function subject; 万元 = 10,000 yuan.

pub mod across;
pub mod balances;
mod figures;
pub mod integrity;
pub mod output;
pub mod prose;
pub mod sums;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Content, Document, LineNo, Section, SectionKind};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The figures disagree.
    Error,
    /// The figures disagree by no more than the rounding of their cells.
    Rounding,
    /// Something that cannot be decided from the document alone.
    Warning,
}

impl Severity {
    /// `error`, `rounding`, `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Rounding => "rounding",
            Severity::Warning => "warning",
        }
    }

    /// The Chinese word a reader expects: 错误, 尾差, 存疑.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Rounding => "尾差",
            Severity::Warning => "存疑",
        }
    }
}

/// One inconsistency, where it stands. Indices are 0-based (as in the
/// model); `line` is the 1-based line of the original file. Its texts are
/// boxed to their length: the explorer keeps every finding of a document
/// (thousands in a large one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's id, e.g. `sums.rows`.
    pub rule: &'static str,
    pub severity: Severity,
    /// A plain sentence with the domain's Chinese words.
    pub message: Box<str>,
    /// Page of a PDF (none for text documents).
    pub page: Option<u32>,
    pub line: Option<LineNo>,
    /// Index into [`Document::tables`].
    pub table: Option<usize>,
    /// Body row index within that table.
    pub row: Option<usize>,
    /// Column index within that table.
    pub column: Option<usize>,
    /// What the figure should be (a decimal in the unit of the place it
    /// stands, or a name / year).
    pub expected: Option<Box<str>>,
    /// What the document prints there.
    pub found: Option<Box<str>>,
}

impl Finding {
    /// A finding of `rule` with no location yet.
    pub fn new(rule: &'static str, severity: Severity, message: String) -> Finding {
        Finding {
            rule,
            severity,
            message: message.into_boxed_str(),
            page: None,
            line: None,
            table: None,
            row: None,
            column: None,
            expected: None,
            found: None,
        }
    }

    /// At a cell of a table (its line, and a PDF's page, taken from the
    /// table's rows).
    pub fn at_cell(mut self, doc: &Document, table: usize, row: usize, column: usize) -> Finding {
        self.table = Some(table);
        self.row = Some(row);
        self.column = Some(column);
        if let Some(t) = doc.tables.get(table) {
            self.line = Some(t.row_lines.get(row).copied().unwrap_or(t.line));
            self.page = t.row_pages.get(row).copied().or(t.page);
        }
        self
    }

    /// At a table (its title line; a PDF's page).
    pub fn at_table(mut self, doc: &Document, table: usize) -> Finding {
        self.table = Some(table);
        if let Some(t) = doc.tables.get(table) {
            self.line = Some(t.line);
            self.page = t.page;
        }
        self
    }

    /// At a line of prose.
    pub fn at_line(mut self, line: LineNo) -> Finding {
        self.line = Some(line);
        self
    }

    /// The cell a finding marks (table, row, column), when it is at one.
    pub fn cell(&self) -> Option<(usize, usize, usize)> {
        Some((self.table?, self.row?, self.column?))
    }

    /// The figures compared.
    pub fn figures(mut self, expected: impl ToString, found: impl ToString) -> Finding {
        self.expected = Some(expected.to_string().into_boxed_str());
        self.found = Some(found.to_string().into_boxed_str());
        self
    }
}

/// Every paragraph of the document in order, outside the contents list (目录),
/// with each section's heading before its paragraphs when `headings`.
fn texts(doc: &Document, headings: bool) -> Vec<(LineNo, &str)> {
    fn walk<'a>(sections: &'a [Section], headings: bool, out: &mut Vec<(LineNo, &'a str)>) {
        for s in sections {
            if s.kind == SectionKind::Contents {
                continue;
            }
            if headings {
                out.push((s.line, s.title.as_str()));
            }
            paragraphs(&s.content, out);
            walk(&s.children, headings, out);
        }
    }
    fn paragraphs<'a>(content: &'a [Content], out: &mut Vec<(LineNo, &'a str)>) {
        for c in content {
            if let Content::Paragraph { line, text } = c {
                out.push((*line, text.as_str()));
            }
        }
    }
    let mut out = Vec::new();
    paragraphs(&doc.preamble, &mut out);
    walk(&doc.sections, headings, &mut out);
    out
}

/// Whether a document has anything the rules read: tables, text, projects
/// (a scan, a PDF of images, has none: it is not "checked and clean").
pub fn checkable(doc: &Document) -> bool {
    !(doc.tables.is_empty()
        && doc.sections.is_empty()
        && doc.preamble.is_empty()
        && doc.projects.is_empty()
        && doc.indicators.is_empty())
}

/// Run every rule on a document. Findings are ordered by line.
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    sums::check(doc, &mut out);
    balances::check(doc, &mut out);
    across::check(doc, &mut out);
    prose::check(doc, &mut out);
    integrity::check(doc, &mut out);
    out.sort_by_key(|f| (f.line.unwrap_or(0), f.table, f.row, f.column));
    out
}

/// The most serious finding at each cell (for marking cells in a table view).
pub fn cell_marks(
    findings: &[Finding],
) -> std::collections::BTreeMap<(usize, usize, usize), Severity> {
    let mut marks = std::collections::BTreeMap::new();
    for f in findings {
        if let Some(cell) = f.cell() {
            let worst = marks.entry(cell).or_insert(f.severity);
            *worst = (*worst).min(f.severity);
        }
    }
    marks
}

/// Counts of findings by severity: (errors, rounding, warnings).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (
        n(Severity::Error),
        n(Severity::Rounding),
        n(Severity::Warning),
    )
}

/// The severity of a difference between a printed figure and what it should
/// be: `None` when equal, `Rounding` within one unit of the last printed
/// decimal (`scale`) per summand, else `Error`.
pub fn judge(expected: Decimal, found: Decimal, scale: u32, summands: usize) -> Option<Severity> {
    let diff = (expected - found).abs();
    if diff.is_zero() {
        return None;
    }
    let allowance = Decimal::new(1, scale.min(10)) * Decimal::from(summands.max(1));
    Some(if diff <= allowance {
        Severity::Rounding
    } else {
        Severity::Error
    })
}

/// A decimal as a plain string with `scale` decimals (`104.070` → `104.07`),
/// for `expected` / `found`.
pub fn plain(d: Decimal, scale: u32) -> String {
    let mut d = d;
    d.rescale(scale.min(10));
    d.to_string()
}

/// A decimal for a message: `scale` decimals, thousands separated
/// (`120703.64` → `120,703.64`).
pub fn show(d: Decimal, scale: u32) -> String {
    let s = plain(d, scale);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn severity_by_rounding_allowance() {
        assert_eq!(judge(d("104.07"), d("104.07"), 2, 3), None);
        assert_eq!(
            judge(d("1375.16"), d("1375.15"), 2, 9),
            Some(Severity::Rounding)
        );
        assert_eq!(judge(d("104.07"), d("124.59"), 2, 3), Some(Severity::Error));
        // whole 万元: one per summand
        assert_eq!(
            judge(d("19536"), d("19535"), 0, 2),
            Some(Severity::Rounding)
        );
    }

    #[test]
    fn figures_in_messages_and_fields() {
        assert_eq!(show(d("120703.64"), 2), "120,703.64");
        assert_eq!(show(d("-1532.98"), 2), "-1,532.98");
        assert_eq!(show(d("651"), 0), "651");
        assert_eq!(plain(d("104.070"), 2), "104.07");
    }

    #[test]
    fn a_pdfs_findings_name_their_page() {
        use crate::model::Table;
        let doc = Document {
            tables: vec![Table {
                line: 40,
                page: Some(3),
                rows: crate::model::Grid::from_rows(vec![vec!["a"], vec!["b"]]),
                row_lines: vec![41, 60],
                row_pages: [3, 4].into(),
                ..Table::default()
            }],
            ..Document::default()
        };
        let f = || Finding::new("sums.rows", Severity::Error, String::new());
        let cell = f().at_cell(&doc, 0, 1, 0);
        assert_eq!((cell.line, cell.page), (Some(60), Some(4)));
        let table = f().at_table(&doc, 0);
        assert_eq!((table.line, table.page), (Some(40), Some(3)));
        let text = Document {
            tables: vec![Table::default()],
            ..Document::default()
        };
        assert_eq!(f().at_cell(&text, 0, 0, 0).page, None);
    }

    #[test]
    fn the_worst_finding_marks_a_cell() {
        let at = |severity, row| Finding {
            table: Some(1),
            row: Some(row),
            column: Some(2),
            ..Finding::new("sums.rows", severity, String::new())
        };
        let marks = cell_marks(&[
            at(Severity::Rounding, 3),
            at(Severity::Error, 3),
            at(Severity::Warning, 4),
            Finding::new("integrity.year", Severity::Error, String::new()),
        ]);
        assert_eq!(marks.len(), 2);
        assert_eq!(marks[&(1, 3, 2)], Severity::Error);
        assert_eq!(marks[&(1, 4, 2)], Severity::Warning);
    }
}
