//! The search index: one flat list of items built from every document.
//!
//! Items, per document, in this order:
//! - `section`: every heading of the outline (title without its number);
//! - `project`: every project, with its amount and the distinct amounts of
//!   its mentions;
//! - `indicator`: every 三级指标 of every project, then the department-wide
//!   ones (the name, or the description when the name is blank), with the
//!   amount its target states (`≤397.1 万元`);
//! - `row`: every body row of an ordinary table (rows of performance tables
//!   only when they carry figures), labelled by its text cells, with all its
//!   figures and its classification code;
//! - `amount`: every figure cell of every table, labelled by the nearest text
//!   cell to its left in the row, with the column's header path.
//!
//! A cell is a figure when it parses as an amount (`145,863.63`, `.04`,
//! `(12.5)`) in a column whose header does not name a code, a count, a year
//! or a rank (编码 / 代码 / 编号 / 类 / 款 / 项, 序号, 数量, 年度, 年限, 栏次, 比例,
//! `%`, …) and whose label cell to the left does not either (`项目编码 2040299`
//! in a performance table). Its unit is the one its header states
//! (`预算数（万元）`), else the table's; an unknown unit (`个`) is not money; no
//! unit at all is taken as 万元 and reported as `None`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::pinyin::PinyinTable;
use super::text::{mask_of, normalize, truncate_chars};
use crate::model::{Document, LineNo, Table, TableKind};
use crate::parse::amount::{amounts_in_text, is_null_amount, parse_amount, to_wan};
use crate::parse::text::{unit_in_label, unit_word};

/// Longest display text kept for a row label or an indicator (characters).
const MAX_TEXT: usize = 120;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Project,
    Row,
    Indicator,
    Section,
    Amount,
}

impl Kind {
    /// `project`, `row`, `indicator`, `section`, `amount`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Row => "row",
            Kind::Indicator => "indicator",
            Kind::Section => "section",
            Kind::Amount => "amount",
        }
    }
}

/// The exact place of an item inside its document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Location {
    /// Index into [`Document::projects`].
    Project { project: usize },
    /// A figure cell: [`Document::tables`]`[table].rows[row][col]`.
    Cell { table: usize, row: usize, col: usize },
    /// A body row: [`Document::tables`]`[table].rows[row]`.
    Row { table: usize, row: usize },
    /// `project: Some(p)`: `projects[p].indicators[index]`;
    /// `None`: the document-wide `indicators[index]`.
    Indicator { project: Option<usize>, index: usize },
    /// Child indices from [`Document::sections`] down to the section.
    Section { path: Vec<usize> },
}

/// One figure of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// In 万元 (converted exactly).
    pub amount: Decimal,
    /// As printed (`4,800`, `397.10`).
    pub printed: String,
    /// The unit `printed` is in (`万元`, `元`, `千元`, `亿元`); `None` when the
    /// table states none (the amount is then taken as 万元).
    pub unit: Option<&'static str>,
    /// Column of the cell, for rows.
    pub col: Option<usize>,
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index into the documents the index was built from.
    pub doc: usize,
    pub kind: Kind,
    pub line: LineNo,
    /// Display text (the name, label or title as printed).
    pub text: String,
    /// Search key: `text` normalized (see [`super::text::normalize`]).
    pub key: String,
    /// Characters in `key`.
    pub key_chars: u32,
    /// Prefilter mask of the key's characters.
    pub mask: u64,
    /// Letters of every pinyin reading of the key's characters (ASCII
    /// letters count as themselves), and the first letters of those readings.
    pub py_letters: u32,
    pub py_initials: u32,
    pub figures: Vec<Figure>,
    /// Classification or project code (rows and projects).
    pub code: Option<String>,
    pub location: Location,
    /// Where the item is, for display: table title and column, project and
    /// indicator levels, parent sections.
    pub context: String,
    /// The table the item is in or belongs to.
    pub table: Option<usize>,
}

/// Everything searchable in a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) items: Vec<Item>,
    pub(crate) pinyin: PinyinTable,
    docs: usize,
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Index `docs` (item `doc` fields are indices into `docs`). Documents
    /// are read in parallel.
    pub fn build(docs: &[Document]) -> Index {
        use rayon::prelude::*;
        let parts: Vec<Vec<Item>> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| document_items(i, d))
            .collect();
        let mut index = Index::new();
        index.items.reserve(parts.iter().map(Vec::len).sum());
        for part in parts {
            index.add_items(part);
        }
        index.docs = docs.len();
        index
    }

    /// Add one more document, known to the caller as `doc_index` (cheap:
    /// only that document is read).
    pub fn push_document(&mut self, doc_index: usize, doc: &Document) {
        let items = document_items(doc_index, doc);
        self.add_items(items);
        self.docs = self.docs.max(doc_index + 1);
    }

    fn add_items(&mut self, items: Vec<Item>) {
        for mut item in items {
            let mut letters = 0u32;
            let mut initials = 0u32;
            for c in item.key.chars() {
                let id = self.pinyin.register(c);
                let (l, i) = self.pinyin.letters(id);
                letters |= l;
                initials |= i;
            }
            item.py_letters = letters;
            item.py_initials = initials;
            self.items.push(item);
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item, in index order (document order, then as listed in the
    /// module comment).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Number of documents indexed (highest document index + 1).
    pub fn doc_count(&self) -> usize {
        self.docs
    }
}

/// A new item; masks filled here, pinyin masks when added to the index.
#[allow(clippy::too_many_arguments)]
fn item(
    doc: usize,
    kind: Kind,
    line: LineNo,
    text: &str,
    figures: Vec<Figure>,
    code: Option<String>,
    location: Location,
    context: String,
    table: Option<usize>,
) -> Item {
    let text = truncate_chars(text.trim(), MAX_TEXT).to_string();
    let key = normalize(&text);
    Item {
        doc,
        kind,
        line,
        key_chars: u32::try_from(key.chars().count()).unwrap_or(u32::MAX),
        mask: mask_of(&key),
        py_letters: 0,
        py_initials: 0,
        text,
        key,
        figures,
        code,
        location,
        context,
        table,
    }
}

/// Every item of one document.
pub fn document_items(doc_index: usize, doc: &Document) -> Vec<Item> {
    let mut out = Vec::new();
    section_items(doc_index, doc, &mut out);
    project_items(doc_index, doc, &mut out);
    indicator_items(doc_index, doc, &mut out);
    for (t, table) in doc.tables.iter().enumerate() {
        table_items(doc_index, t, table, &mut out);
    }
    out
}

fn section_items(doc_index: usize, doc: &Document, out: &mut Vec<Item>) {
    doc.walk_sections(|path, s| {
        if s.title.trim().is_empty() {
            return;
        }
        // Titles of the ancestors.
        let mut context = String::new();
        let mut level = &doc.sections;
        for &i in path.iter().take(path.len().saturating_sub(1)) {
            let Some(sec) = level.get(i) else { break };
            if !context.is_empty() {
                context.push_str(" / ");
            }
            context.push_str(sec.title.trim());
            level = &sec.children;
        }
        out.push(item(
            doc_index,
            Kind::Section,
            s.line,
            &s.title,
            Vec::new(),
            None,
            Location::Section {
                path: path.to_vec(),
            },
            context,
            None,
        ));
    });
}

fn static_unit(u: Option<&str>) -> Option<&'static str> {
    u.and_then(unit_word)
}

fn project_items(doc_index: usize, doc: &Document, out: &mut Vec<Item>) {
    for (p, project) in doc.projects.iter().enumerate() {
        if project.name.trim().is_empty() {
            continue;
        }
        let mut figures: Vec<Figure> = Vec::new();
        if let Some(amount) = project.amount {
            figures.push(Figure {
                amount,
                printed: project
                    .amount_printed
                    .clone()
                    .unwrap_or_else(|| amount.to_string()),
                unit: static_unit(project.amount_unit.as_deref()),
                col: None,
            });
        }
        for s in &project.sources {
            let Some(amount) = s.amount else { continue };
            if figures.iter().any(|f| f.amount == amount) {
                continue;
            }
            figures.push(Figure {
                amount,
                printed: s.printed.clone().unwrap_or_else(|| amount.to_string()),
                unit: static_unit(s.unit.as_deref()),
                col: None,
            });
        }
        let table = project
            .table
            .or_else(|| project.sources.iter().find_map(|s| s.table));
        let context = table
            .and_then(|t| doc.tables.get(t))
            .map(|t| t.title.trim().to_string())
            .unwrap_or_default();
        out.push(item(
            doc_index,
            Kind::Project,
            project.line,
            &project.name,
            figures,
            project.code.clone(),
            Location::Project { project: p },
            context,
            table,
        ));
    }
}

fn indicator_items(doc_index: usize, doc: &Document, out: &mut Vec<Item>) {
    let dept_table = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::DepartmentPerformance);
    let groups = doc
        .projects
        .iter()
        .enumerate()
        .map(|(p, pr)| (Some(p), pr.name.trim(), pr.table, &pr.indicators))
        .chain(std::iter::once((
            None,
            "整体绩效目标",
            dept_table,
            &doc.indicators,
        )));
    for (project, owner, table, indicators) in groups {
        for (index, ind) in indicators.iter().enumerate() {
            let name = if ind.name.trim().is_empty() {
                ind.description.trim()
            } else {
                ind.name.trim()
            };
            if name.is_empty() {
                continue;
            }
            let figures = amounts_in_text(&ind.target)
                .into_iter()
                .filter_map(|a| {
                    Some(Figure {
                        amount: to_wan(a.value, a.unit)?,
                        printed: a.printed,
                        unit: Some(a.unit),
                        col: None,
                    })
                })
                .take(1)
                .collect();
            let mut context = String::from(owner);
            for level in [&ind.level1, &ind.level2] {
                let level = level.trim();
                if !level.is_empty() {
                    context.push_str(" / ");
                    context.push_str(level);
                }
            }
            out.push(item(
                doc_index,
                Kind::Indicator,
                ind.line,
                name,
                figures,
                None,
                Location::Indicator { project, index },
                context,
                table,
            ));
        }
    }
}

/// How a column (or a label cell) treats the numbers under (or beside) it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColKind {
    Money,
    Code,
    NotMoney,
}

const CODE_WORDS: &[&str] = &["编码", "代码", "编号"];
const CODE_SEGMENTS: &[&str] = &["类", "款", "项"];
const NOT_MONEY_WORDS: &[&str] = &[
    "序号", "数量", "年度", "年限", "栏次", "人数", "个数", "次数", "面积", "比例", "比率", "%",
    "％", "时间", "日期", "计量单位", "规格", "行次",
];

fn col_kind(label: &str) -> ColKind {
    let c = normalize(label);
    if CODE_WORDS.iter().any(|w| c.contains(w))
        || label.split(" / ").any(|seg| CODE_SEGMENTS.contains(&seg.trim()))
    {
        ColKind::Code
    } else if NOT_MONEY_WORDS.iter().any(|w| c.contains(w)) {
        ColKind::NotMoney
    } else {
        ColKind::Money
    }
}

/// A classified body cell.
enum Cell<'a> {
    Text(&'a str),
    Figure(Figure),
    Code(&'a str),
}

fn table_items(doc_index: usize, t: usize, table: &Table, out: &mut Vec<Item>) {
    let title = table.title.trim();
    let paths = table.column_paths();
    let width = table.width();
    let table_unit = table.unit.as_deref().map(|u| unit_word(u).ok_or(()));
    // Per column: kind and unit (Err: a unit that is not money).
    let columns: Vec<(ColKind, Option<Result<&'static str, ()>>)> = (0..width)
        .map(|c| {
            let path = paths.get(c).map(String::as_str).unwrap_or("");
            let unit = unit_in_label(path).map(Ok).or(table_unit);
            (col_kind(path), unit)
        })
        .collect();
    let grid = table.kind == TableKind::Grid;
    for (r, row) in table.rows.iter().enumerate() {
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        let mut cells: Vec<(usize, Cell)> = Vec::new();
        let mut left_label = ColKind::Money;
        for (c, raw) in row.iter().enumerate() {
            let cell = raw.trim();
            if cell.is_empty() || is_null_amount(cell) {
                continue;
            }
            let (kind, unit) = columns.get(c).copied().unwrap_or((ColKind::Money, None));
            let classified = match (kind, parse_amount(cell)) {
                (ColKind::Code, _) if cell.bytes().all(|b| b.is_ascii_digit() || b == b' ') => {
                    Cell::Code(cell)
                }
                (ColKind::Code, _) => Cell::Text(cell),
                (ColKind::NotMoney, Some(_)) => continue,
                (ColKind::Money, Some(value)) => match left_label {
                    ColKind::Code => Cell::Code(cell),
                    ColKind::NotMoney => continue,
                    ColKind::Money => match unit {
                        Some(Err(())) => continue,
                        Some(Ok(u)) => match to_wan(value, u) {
                            Some(amount) => Cell::Figure(Figure {
                                amount,
                                printed: cell.to_string(),
                                unit: Some(u),
                                col: Some(c),
                            }),
                            None => continue,
                        },
                        None => Cell::Figure(Figure {
                            amount: value,
                            printed: cell.to_string(),
                            unit: None,
                            col: Some(c),
                        }),
                    },
                },
                (_, None) => {
                    left_label = col_kind(cell);
                    Cell::Text(cell)
                }
            };
            cells.push((c, classified));
        }
        let last_figure = cells
            .iter()
            .rposition(|(_, cell)| matches!(cell, Cell::Figure(_)));
        let label_cells = match last_figure {
            Some(end) => &cells[..end],
            None => &cells[..],
        };
        let mut label = String::new();
        for (_, cell) in label_cells {
            if let Cell::Text(text) = cell {
                if !label.is_empty() {
                    label.push(' ');
                }
                label.push_str(text);
                if label.len() > MAX_TEXT * 4 {
                    break;
                }
            }
        }
        let code: String = cells
            .iter()
            .filter_map(|(_, cell)| match cell {
                Cell::Code(code) => Some(*code),
                _ => None,
            })
            .flat_map(|code| code.chars().filter(char::is_ascii_digit))
            .collect();
        let code = (!code.is_empty()).then_some(code);
        // Amount items: one per figure, labelled by the text to its left.
        let mut nearest: Option<&str> = None;
        for (c, cell) in &cells {
            match cell {
                Cell::Text(text) => nearest = Some(text),
                Cell::Figure(f) => {
                    let column = paths.get(*c).map(String::as_str).unwrap_or("").trim();
                    let text = nearest
                        .or((!label.is_empty()).then_some(label.as_str()))
                        .or((!column.is_empty()).then_some(column))
                        .unwrap_or(title);
                    let context = match (title.is_empty(), column.is_empty()) {
                        (false, false) => format!("{title} / {column}"),
                        (false, true) => title.to_string(),
                        (true, _) => column.to_string(),
                    };
                    out.push(item(
                        doc_index,
                        Kind::Amount,
                        line,
                        text,
                        vec![f.clone()],
                        None,
                        Location::Cell {
                            table: t,
                            row: r,
                            col: *c,
                        },
                        context,
                        Some(t),
                    ));
                }
                Cell::Code(_) => {}
            }
        }
        let figures: Vec<Figure> = cells
            .into_iter()
            .filter_map(|(_, cell)| match cell {
                Cell::Figure(f) => Some(f),
                _ => None,
            })
            .collect();
        if label.is_empty() || (!grid && figures.is_empty()) {
            continue;
        }
        out.push(item(
            doc_index,
            Kind::Row,
            line,
            &label,
            figures,
            code,
            Location::Row { table: t, row: r },
            title.to_string(),
            Some(t),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn grid() -> Table {
        Table {
            title: "一般公共预算支出表".into(),
            unit: Some("万元".into()),
            header: vec![
                vec!["序号".into(), "科目编码".into(), "科目名称".into(), "合计".into(), "基本支出".into()],
            ],
            rows: vec![
                vec!["1".into(), "2040201".into(), "行政运行".into(), "4,800.00".into(), "".into()],
                vec!["2".into(), "".into(), "合计".into(), "5000".into(), "—".into()],
            ],
            row_lines: vec![10, 11],
            ..Table::default()
        }
    }

    #[test]
    fn rows_and_cells() {
        let doc = Document {
            tables: vec![grid()],
            ..Document::default()
        };
        let items = document_items(0, &doc);
        let rows: Vec<&Item> = items.iter().filter(|i| i.kind == Kind::Row).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "行政运行");
        assert_eq!(rows[0].code.as_deref(), Some("2040201"));
        assert_eq!(rows[0].figures.len(), 1);
        assert_eq!(rows[0].figures[0].amount, d("4800"));
        assert_eq!(rows[0].figures[0].printed, "4,800.00");
        assert_eq!(rows[0].line, 10);
        let cells: Vec<&Item> = items.iter().filter(|i| i.kind == Kind::Amount).collect();
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[0].text, "行政运行");
        assert_eq!(cells[0].context, "一般公共预算支出表 / 合计");
        assert_eq!(
            cells[0].location,
            Location::Cell {
                table: 0,
                row: 0,
                col: 3
            }
        );
    }

    #[test]
    fn yuan_tables_convert_and_headers_state_units() {
        let mut t = grid();
        t.unit = Some("元".into());
        t.rows[0][3] = "48,000,000".into();
        t.header[0][4] = "基本支出（万元）".into();
        t.rows[0][4] = "12".into();
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let items = document_items(0, &doc);
        let cells: Vec<&Item> = items.iter().filter(|i| i.kind == Kind::Amount).collect();
        assert_eq!(cells[0].figures[0].amount, d("4800"));
        assert_eq!(cells[0].figures[0].unit, Some("元"));
        assert_eq!(cells[1].figures[0].amount, d("12"));
        assert_eq!(cells[1].figures[0].unit, Some("万元"));
    }

    #[test]
    fn codes_beside_labels_are_not_money() {
        let t = Table {
            title: "项目绩效表".into(),
            kind: TableKind::ProjectPerformance,
            rows: vec![
                vec!["项目编码".into(), "2040299".into(), "项目名称".into(), "智慧".into()],
                vec!["预算数".into(), "924".into(), "数量".into(), "3".into()],
            ],
            row_lines: vec![1, 2],
            ..Table::default()
        };
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let items = document_items(0, &doc);
        let cells: Vec<&Item> = items.iter().filter(|i| i.kind == Kind::Amount).collect();
        assert_eq!(cells.len(), 1);
        assert_eq!(cells[0].text, "预算数");
        assert_eq!(cells[0].figures[0].unit, None);
        // Performance rows without figures are not rows.
        let rows: Vec<&Item> = items.iter().filter(|i| i.kind == Kind::Row).collect();
        assert_eq!(rows.len(), 1);
    }
}
