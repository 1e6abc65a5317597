//! The search index: one flat list of items built from every document.
//!
//! Items, per document, in this order:
//! - `section`: every heading of the outline (title without its number);
//! - `table`: every table's label and title (`表.12 “三公”经费财政拨款预算情况表`);
//! - `text`: every sentence of the prose (paragraphs under the headings and
//!   before the first one; not the table of contents), matched as written
//!   only (no pinyin or fuzzy match on running text);
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
use super::text::{char_bit, fold_char, truncate_chars};
use crate::model::{Amount, Document, LineNo, Table, TableKind, Unit};
use crate::parse::amount::{amounts_in_text, figure_parts, is_null_amount};
use crate::parse::{compact, unit_in_label};

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
    Table,
    Text,
}

impl Kind {
    /// `project`, `row`, `indicator`, `section`, `amount`, `table`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Row => "row",
            Kind::Indicator => "indicator",
            Kind::Section => "section",
            Kind::Amount => "amount",
            Kind::Table => "table",
            Kind::Text => "text",
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
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A body row: [`Document::tables`]`[table].rows[row]`.
    Row { table: usize, row: usize },
    /// `project: Some(p)`: `projects[p].indicators[index]`;
    /// `None`: the document-wide `indicators[index]`.
    Indicator {
        project: Option<usize>,
        index: usize,
    },
    /// Child indices from [`Document::sections`] down to the section.
    Section { path: Vec<usize> },
    /// A table as a whole: [`Document::tables`]`[table]`.
    Table { table: usize },
    /// A sentence of a paragraph at `line`: under the section at `path`
    /// (child indices from [`Document::sections`]), or before the first
    /// heading (`path` empty).
    Text { path: Vec<usize>, line: LineNo },
}

/// A piece of the index's text arena (see [`Index::str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }

    fn shifted(self, by: u32) -> Span {
        Span {
            start: self.start.saturating_add(by),
            len: self.len,
        }
    }

    /// True for the empty text.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// One figure of an item: an [`Amount`] kept compactly (its printed text in
/// the index's arena, its value in 万元 for the amount filters);
/// [`Index::amount`] gives it back as an `Amount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// In 万元 (converted exactly).
    pub amount: Decimal,
    /// As printed (`4,800`, `397.10`): [`Index::str`] gives the text.
    pub printed: Span,
    /// The unit `printed` is in; `None` when the table states none (the
    /// amount is then taken as 万元).
    pub unit: Option<Unit>,
    /// Column of the cell, for rows and cells.
    pub col: Option<u32>,
}

/// One searchable thing. Its texts live in the index's arena: read them
/// with [`Index::str`] (or [`Index::text`], [`Index::key`], …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index into the documents the index was built from.
    pub doc: usize,
    pub kind: Kind,
    pub line: LineNo,
    /// Display text (the name, label or title as printed; cut to 120
    /// characters).
    pub text: Span,
    /// Search key: `text` normalized (see [`super::text::normalize`]).
    pub key: Span,
    /// Characters in the key.
    pub key_chars: u32,
    /// [`super::text::mask_of`] of the key.
    pub(crate) mask: u64,
    /// The item's figures: [`Index::figures`].
    pub figures: (u32, u32),
    /// Classification or project code (rows and projects).
    pub code: Option<Span>,
    pub location: Location,
    /// Where the item is, for display: table title and column, project and
    /// indicator levels, parent sections.
    pub context: Span,
    /// The table the item is in or belongs to.
    pub table: Option<usize>,
}

/// The items of one document, with their figures and texts.
#[derive(Debug, Clone, Default)]
pub struct DocItems {
    pub items: Vec<Item>,
    /// Item figure ranges index into this.
    pub figures: Vec<Figure>,
    /// Item and figure spans index into this.
    pub arena: String,
    /// Bit set of the characters of the keys (code points below
    /// [`super::pinyin::DIRECT`]; others have no reading).
    chars: Vec<u64>,
    /// Fixed-point key of each figure (see [`to_fixed`]).
    fixed: Vec<Option<i128>>,
}

/// Display text and key of a name, in the arena, with the key's mask.
#[derive(Debug, Clone, Copy, Default)]
struct Name {
    text: Span,
    key: Span,
    key_chars: u32,
    mask: u64,
}

impl DocItems {
    /// Put `s` in the arena.
    fn intern(&mut self, s: &str) -> Span {
        let start = self.arena.len();
        self.arena.push_str(s);
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(s.len()).unwrap_or(0),
        }
    }

    /// A display text (trimmed, cut to [`MAX_TEXT`] characters) and its key,
    /// in one pass when the text needs no folding.
    fn name(&mut self, text: &str) -> Name {
        let text = trim(text);
        // At most MAX_TEXT bytes means at most MAX_TEXT characters.
        let text = if text.len() <= MAX_TEXT {
            text
        } else {
            truncate_chars(text, MAX_TEXT)
        };
        let span = self.intern(text);
        let mut chars = 0u32;
        let mut mask = 0u64;
        let mut folded = true;
        for c in text.chars() {
            if fold_char(c) != Some(c) {
                folded = false;
                break;
            }
            chars += 1;
            mask |= char_bit(c);
            self.see(c);
        }
        if folded {
            return Name {
                text: span,
                key: span,
                key_chars: chars,
                mask,
            };
        }
        let start = self.arena.len();
        let (mut chars, mut mask) = (0u32, 0u64);
        for c in text.chars().filter_map(fold_char) {
            self.arena.push(c);
            chars += 1;
            mask |= char_bit(c);
            self.see(c);
        }
        Name {
            text: span,
            key: Span {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                len: u32::try_from(self.arena.len() - start).unwrap_or(0),
            },
            key_chars: chars,
            mask,
        }
    }

    /// Note a key character for the pinyin table.
    #[inline]
    fn see(&mut self, c: char) {
        let code = c as usize;
        if let Some(word) = self.chars.get_mut(code / 64) {
            *word |= 1 << (code % 64);
        }
    }

    /// Add an item with its figures.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        doc: usize,
        kind: Kind,
        line: LineNo,
        name: Name,
        figures: impl IntoIterator<Item = Figure>,
        code: Option<Span>,
        location: Location,
        context: Span,
        table: Option<usize>,
    ) {
        let start = self.figures.len();
        self.figures.extend(figures);
        let len = self.figures.len() - start;
        for f in self.figures.get(start..).unwrap_or(&[]) {
            self.fixed.push(to_fixed(f.amount));
        }
        self.items.push(Item {
            doc,
            kind,
            line,
            text: name.text,
            key: name.key,
            key_chars: name.key_chars,
            mask: name.mask,
            figures: (
                u32::try_from(start).unwrap_or(u32::MAX),
                u32::try_from(len).unwrap_or(0),
            ),
            code,
            location,
            context,
            table,
        });
    }
}

/// What every query reads of every item, packed apart from the rest so the
/// scan stays in cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hot {
    /// [`super::text::mask_of`] of the key.
    pub mask: u64,
    /// The key in the arena.
    pub key: Span,
    /// Letters of every pinyin reading of the key's characters (ASCII
    /// letters count as themselves), and the first letters of those readings.
    pub py_letters: u32,
    pub py_initials: u32,
    pub key_chars: u32,
    pub doc: u32,
    pub line: LineNo,
    /// The item's figures as fixed-point keys: `fig_keys[fig_start..][..fig_len]`.
    pub fig_start: u32,
    pub fig_len: u32,
    pub kind: Kind,
    /// Every figure has a fixed-point key (else compare the decimals).
    pub fixed: bool,
}

/// Decimal places of the fixed-point figure keys (万元 to 10⁻⁸: finer than 分).
pub(crate) const FIXED_SCALE: u32 = 8;

/// `d` × 10⁸ as an integer, when exact.
pub(crate) fn to_fixed(d: Decimal) -> Option<i128> {
    let d = d.normalize();
    let scale = d.scale();
    if scale > FIXED_SCALE {
        return None;
    }
    d.mantissa()
        .checked_mul(10i128.checked_pow(FIXED_SCALE - scale)?)
}

/// Everything searchable in a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) items: Vec<Item>,
    pub(crate) hot: Vec<Hot>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) fig_keys: Vec<i128>,
    pub(crate) arena: String,
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
        let parts: Vec<DocItems> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| document_items(i, d))
            .collect();
        let mut index = Index::new();
        index.register_chars(&parts);
        let table = &index.pinyin;
        let hots: Vec<Vec<Hot>> = parts.par_iter().map(|p| hot_of(table, p)).collect();
        index
            .items
            .reserve(parts.iter().map(|p| p.items.len()).sum());
        index.hot.reserve(index.items.capacity());
        let figures = parts.iter().map(|p| p.figures.len()).sum();
        index.figures.reserve(figures);
        index.fig_keys.reserve(figures);
        index
            .arena
            .reserve(parts.iter().map(|p| p.arena.len()).sum());
        for (part, hot) in parts.into_iter().zip(hots) {
            index.append(part, hot);
        }
        index.docs = docs.len();
        index
    }

    /// Add one more document, known to the caller as `doc_index` (cheap:
    /// only that document is read).
    pub fn push_document(&mut self, doc_index: usize, doc: &Document) {
        let part = document_items(doc_index, doc);
        self.register_chars(std::slice::from_ref(&part));
        let hot = hot_of(&self.pinyin, &part);
        self.append(part, hot);
        self.docs = self.docs.max(doc_index + 1);
    }

    /// Give every character of the parts' keys its pinyin entry, in code
    /// point order.
    fn register_chars(&mut self, parts: &[DocItems]) {
        let mut all: Vec<u64> = Vec::new();
        for p in parts {
            if all.len() < p.chars.len() {
                all.resize(p.chars.len(), 0);
            }
            for (a, b) in all.iter_mut().zip(&p.chars) {
                *a |= b;
            }
        }
        for (w, &word) in all.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let code = u32::try_from(w * 64 + b).unwrap_or(0);
                if let Some(c) = char::from_u32(code) {
                    self.pinyin.register(c);
                }
            }
        }
    }

    /// Move a document's items in, with their hot records.
    fn append(&mut self, part: DocItems, hot: Vec<Hot>) {
        let text_offset = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        let fig_offset = u32::try_from(self.figures.len()).unwrap_or(u32::MAX);
        self.arena.push_str(&part.arena);
        self.fig_keys
            .extend(part.fixed.iter().map(|k| k.unwrap_or(0)));
        for mut f in part.figures {
            f.printed = f.printed.shifted(text_offset);
            self.figures.push(f);
        }
        for mut item in part.items {
            item.text = item.text.shifted(text_offset);
            item.key = item.key.shifted(text_offset);
            item.context = item.context.shifted(text_offset);
            item.code = item.code.map(|c| c.shifted(text_offset));
            item.figures.0 = item.figures.0.saturating_add(fig_offset);
            self.items.push(item);
        }
        for mut h in hot {
            h.key = h.key.shifted(text_offset);
            h.fig_start = h.fig_start.saturating_add(fig_offset);
            h.fixed = h.fixed && h.fig_start != u32::MAX;
            self.hot.push(h);
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

    /// The text of a span of this index (empty for a span of another index).
    pub fn str(&self, span: Span) -> &str {
        self.arena.get(span.range()).unwrap_or("")
    }

    /// Display text of an item.
    pub fn text(&self, item: &Item) -> &str {
        self.str(item.text)
    }

    /// Search key of an item.
    pub fn key(&self, item: &Item) -> &str {
        self.str(item.key)
    }

    /// Where an item is (table and column, project and levels, sections).
    pub fn context(&self, item: &Item) -> &str {
        self.str(item.context)
    }

    /// Classification or project code of an item.
    pub fn code(&self, item: &Item) -> Option<&str> {
        item.code.map(|c| self.str(c))
    }

    /// The figures of an item.
    pub fn figures(&self, item: &Item) -> &[Figure] {
        let (start, len) = item.figures;
        let start = start as usize;
        self.figures.get(start..start + len as usize).unwrap_or(&[])
    }

    /// A figure as the [`Amount`] it was made from.
    pub fn amount(&self, figure: &Figure) -> Amount {
        let value = match figure.unit {
            Some(u) => Unit::Wan.convert(figure.amount, u).unwrap_or(figure.amount),
            None => figure.amount,
        };
        Amount {
            value,
            unit: figure.unit,
            printed: self.str(figure.printed).to_string(),
        }
    }
}

/// The hot records of a document's items (spans and figure ranges local to
/// the document). Every key character must be registered in `table`.
fn hot_of(table: &PinyinTable, part: &DocItems) -> Vec<Hot> {
    // Cells of one row share their label: its letters are reused.
    let mut last: Option<(Span, u32, u32)> = None;
    part.items
        .iter()
        .map(|item| {
            let (letters, initials) = match last {
                Some((key, l, i)) if key == item.key => (l, i),
                _ => {
                    let key = part.arena.get(item.key.range()).unwrap_or("");
                    let (mut l, mut i) = (0u32, 0u32);
                    for c in key.chars() {
                        let (cl, ci) = table.letters(table.id(c));
                        l |= cl;
                        i |= ci;
                    }
                    last = Some((item.key, l, i));
                    (l, i)
                }
            };
            let (start, len) = item.figures;
            let fixed = part
                .fixed
                .get(start as usize..start as usize + len as usize)
                .is_some_and(|f| f.iter().all(Option::is_some));
            Hot {
                mask: item.mask,
                key: item.key,
                py_letters: letters,
                py_initials: initials,
                key_chars: item.key_chars,
                doc: u32::try_from(item.doc).unwrap_or(u32::MAX),
                line: item.line,
                fig_start: start,
                fig_len: len,
                kind: item.kind,
                fixed,
            }
        })
        .collect()
}

/// Every item of one document.
pub fn document_items(doc_index: usize, doc: &Document) -> DocItems {
    let mut out = DocItems {
        chars: vec![0u64; super::pinyin::DIRECT / 64],
        ..DocItems::default()
    };
    // Room for the usual item count: no regrowth while filling.
    let indicators: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
    out.items
        .reserve(doc.projects.len() + indicators + doc.indicators.len() + rows * 2 + 32);
    out.figures
        .reserve(doc.projects.len() + indicators + rows * 2);
    out.arena
        .reserve(64 * (doc.projects.len() + indicators + rows));
    section_items(doc_index, doc, &mut out);
    project_items(doc_index, doc, &mut out);
    indicator_items(doc_index, doc, &mut out);
    let mut scratch = RowScratch::default();
    for (t, table) in doc.tables.iter().enumerate() {
        table_items(doc_index, t, table, &mut scratch, &mut out);
    }
    prose_items(doc_index, doc, &mut out);
    out
}

/// The `table` and `text` items of a document (see [`super::prose`]).
fn prose_items(doc_index: usize, doc: &Document, out: &mut DocItems) {
    use super::prose::{At, section_paths, sentences, table_titles};
    let paths = section_paths(doc);
    for piece in table_titles(doc).into_iter().chain(sentences(doc, &paths)) {
        let name = out.name(&piece.text);
        let context = out.intern(&piece.context);
        let (kind, location, table) = match piece.at {
            At::Table(t) => (Kind::Table, Location::Table { table: t }, Some(t)),
            At::Text(path) => (
                Kind::Text,
                Location::Text {
                    path: path.to_vec(),
                    line: piece.line,
                },
                None,
            ),
        };
        out.push(
            doc_index, kind, piece.line, name, None, None, location, context, table,
        );
    }
}

fn section_items(doc_index: usize, doc: &Document, out: &mut DocItems) {
    let mut context = String::new();
    doc.walk_sections(|path, s| {
        if s.title.trim().is_empty() {
            return;
        }
        // Titles of the ancestors.
        context.clear();
        let mut level = &doc.sections;
        for &i in path.iter().take(path.len().saturating_sub(1)) {
            let Some(sec) = level.get(i) else { break };
            if !context.is_empty() {
                context.push_str(" / ");
            }
            context.push_str(sec.title.trim());
            level = &sec.children;
        }
        let name = out.name(&s.title);
        let context = out.intern(&context);
        out.push(
            doc_index,
            Kind::Section,
            s.line,
            name,
            None,
            None,
            Location::Section {
                path: path.to_vec(),
            },
            context,
            None,
        );
    });
}

fn project_items(doc_index: usize, doc: &Document, out: &mut DocItems) {
    let mut figures: Vec<Figure> = Vec::new();
    for (p, project) in doc.projects.iter().enumerate() {
        if project.name.trim().is_empty() {
            continue;
        }
        figures.clear();
        let amounts = project
            .amount
            .iter()
            .chain(project.sources.iter().filter_map(|s| s.amount.as_ref()));
        for a in amounts {
            let Some(amount) = a.in_wan() else { continue };
            if figures.iter().any(|f| f.amount == amount) {
                continue;
            }
            figures.push(Figure {
                amount,
                printed: out.intern(&a.printed),
                unit: a.unit,
                col: None,
            });
        }
        let table = project
            .table
            .or_else(|| project.sources.iter().find_map(|s| s.table));
        let context = table
            .and_then(|t| doc.tables.get(t))
            .map(|t| t.title.trim())
            .unwrap_or_default();
        let name = out.name(&project.name);
        let context = out.intern(context);
        let code = project.code.as_deref().map(|c| out.intern(c));
        out.push(
            doc_index,
            Kind::Project,
            project.line,
            name,
            figures.iter().copied(),
            code,
            Location::Project { project: p },
            context,
            table,
        );
    }
}

fn indicator_items(doc_index: usize, doc: &Document, out: &mut DocItems) {
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
    // Neighbouring indicators share their levels: one context for them.
    let mut last: Option<(&str, &str, &str, Span)> = None;
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
            let (l1, l2) = (ind.level1.trim(), ind.level2.trim());
            let context = match last {
                Some((o, a, b, span)) if o == owner && a == l1 && b == l2 => span,
                _ => {
                    let mut text = String::from(owner);
                    for level in [l1, l2] {
                        if !level.is_empty() {
                            text.push_str(" / ");
                            text.push_str(level);
                        }
                    }
                    let span = out.intern(&text);
                    last = Some((owner, l1, l2, span));
                    span
                }
            };
            let figure = if ind.target.bytes().any(|b| b.is_ascii_digit()) {
                amounts_in_text(&ind.target).into_iter().find_map(|a| {
                    Some(Figure {
                        amount: a.amount.in_wan()?,
                        printed: out.intern(&a.amount.printed),
                        unit: a.amount.unit,
                        col: None,
                    })
                })
            } else {
                None
            };
            // the target is searched too (`较上年提高`, `≥95%`): the item reads `name：target`
            let target = ind.target.trim();
            let name = if target.is_empty() || target == name {
                out.name(name)
            } else {
                out.name(&format!("{name}：{target}"))
            };
            out.push(
                doc_index,
                Kind::Indicator,
                ind.line,
                name,
                figure,
                None,
                Location::Indicator { project, index },
                context,
                table,
            );
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
    "序号",
    "数量",
    "年度",
    "年限",
    "栏次",
    "人数",
    "个数",
    "次数",
    "面积",
    "比例",
    "比率",
    "%",
    "％",
    "时间",
    "日期",
    "计量单位",
    "规格",
    "行次",
];

/// Characters that begin one of [`CODE_WORDS`], [`CODE_SEGMENTS`] or
/// [`NOT_MONEY_WORDS`]: a label without any of them is money.
const TRIGGERS: &[char] = &[
    '编', '代', '类', '款', '项', '序', '数', '年', '栏', '人', '个', '次', '面', '比', '%', '％',
    '时', '日', '计', '规', '行',
];

fn col_kind(label: &str) -> ColKind {
    if !label.contains(TRIGGERS) {
        return ColKind::Money;
    }
    let c = compact(label);
    if CODE_WORDS.iter().any(|w| c.contains(w))
        || label
            .split(" / ")
            .any(|seg| CODE_SEGMENTS.contains(&seg.trim()))
    {
        ColKind::Code
    } else if NOT_MONEY_WORDS.iter().any(|w| c.contains(w)) {
        ColKind::NotMoney
    } else {
        ColKind::Money
    }
}

/// [`col_kind`] of a label cell beside a number; long cells (sentences)
/// are never labels of codes or counts.
fn label_kind(cell: &str) -> ColKind {
    if cell.len() > 60 {
        ColKind::Money
    } else {
        col_kind(cell)
    }
}

/// `s.trim()`, without its cost when neither end can be whitespace (the
/// parser's cells are usually trimmed already).
fn trim(s: &str) -> &str {
    // Lead bytes of whitespace: ASCII controls and space, U+0085 / U+00A0
    // (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3).
    fn may_be_space(lead: u8) -> bool {
        (lead < 0x80 && !lead.is_ascii_graphic()) || matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3)
    }
    let b = s.as_bytes();
    let Some(&first) = b.first() else { return s };
    let last_lead = b
        .iter()
        .rev()
        .take(4)
        .find(|&&x| (x & 0xC0) != 0x80)
        .copied()
        .unwrap_or(0);
    if may_be_space(first) || may_be_space(last_lead) {
        s.trim()
    } else {
        s
    }
}

/// A cheap test before [`parse_amount`]: short, and starting like a number.
fn looks_numeric(cell: &str) -> bool {
    cell.len() <= 48
        && cell.chars().next().is_some_and(|c| {
            c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '(' | '（' | '－' | '−')
        })
}

/// A classified body cell.
enum Cell<'a> {
    Text,
    /// In 万元, the unit printed, the number as printed (without the unit).
    Figure(Decimal, Option<Unit>, &'a str),
    Code,
}

/// Buffers reused from row to row.
#[derive(Default)]
struct RowScratch<'a> {
    cells: Vec<(usize, &'a str, Cell<'a>)>,
    label: String,
    code: String,
    figures: Vec<Figure>,
}

/// What every row of one table shares while its items are made.
struct TableCtx<'a> {
    doc_index: usize,
    t: usize,
    title: &'a str,
    paths: Vec<String>,
    /// Per column: kind and unit.
    columns: Vec<(ColKind, Option<Unit>)>,
    /// Context of the cells of each column, made on first use.
    contexts: Vec<Option<Span>>,
    title_span: Option<Span>,
}

fn table_items<'a>(
    doc_index: usize,
    t: usize,
    table: &'a Table,
    scratch: &mut RowScratch<'a>,
    out: &mut DocItems,
) {
    let paths = table.column_paths();
    let width = table.width();
    let columns: Vec<(ColKind, Option<Unit>)> = (0..width)
        .map(|c| {
            let path = paths.get(c).map(String::as_str).unwrap_or("");
            let unit = unit_in_label(path).or(table.unit);
            (col_kind(path), unit)
        })
        .collect();
    let mut ctx = TableCtx {
        doc_index,
        t,
        title: table.title.trim(),
        paths,
        columns,
        contexts: vec![None; width],
        title_span: None,
    };
    let grid = table.kind.is_grid();
    for (r, row) in table.rows.iter().enumerate() {
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        classify_row(row, &ctx.columns, &mut scratch.cells);
        let cells = &scratch.cells;
        let last_figure = cells
            .iter()
            .rposition(|(_, _, cell)| matches!(cell, Cell::Figure(..)));
        // Rows of performance tables count only with figures.
        if cells.is_empty() || (!grid && last_figure.is_none()) {
            continue;
        }
        let label_cells = match last_figure {
            Some(end) => cells.get(..end).unwrap_or(&[]),
            None => &cells[..],
        };
        let label = row_label(label_cells, &mut scratch.label, out);
        let code = row_code(cells, &mut scratch.code, out);
        amount_items(&mut ctx, r, line, label, cells, &mut scratch.figures, out);
        if label.text.is_empty() {
            continue;
        }
        let context = *ctx.title_span.get_or_insert_with(|| out.intern(ctx.title));
        out.push(
            doc_index,
            Kind::Row,
            line,
            label,
            scratch.figures.iter().copied(),
            code,
            Location::Row { table: t, row: r },
            context,
            Some(t),
        );
    }
}

/// The non-empty cells of a row, each a text, a code or a figure (in 万元,
/// with its unit and the number as printed).
fn classify_row<'a>(
    row: &'a [String],
    columns: &[(ColKind, Option<Unit>)],
    cells: &mut Vec<(usize, &'a str, Cell<'a>)>,
) {
    cells.clear();
    // The text cell to the left of the current one (judged only when a
    // number follows it, once per text cell).
    let mut left_text: Option<&str> = None;
    let mut left_kind: Option<ColKind> = None;
    for (c, raw) in row.iter().enumerate() {
        let cell = trim(raw);
        if cell.is_empty() {
            continue;
        }
        let (kind, unit) = columns.get(c).copied().unwrap_or((ColKind::Money, None));
        let number = if looks_numeric(cell) {
            figure_parts(cell, unit)
        } else {
            None
        };
        // Null markers (`-`, `——`, `无`, `/`) are at most 6 bytes long.
        if number.is_none() && cell.len() <= 6 && is_null_amount(cell) {
            continue;
        }
        let classified = match (kind, number) {
            (ColKind::Code, _) if cell.bytes().all(|b| b.is_ascii_digit() || b == b' ') => {
                Cell::Code
            }
            (ColKind::Code, _) => Cell::Text,
            // Counts, ranks, units of measure, dates: neither figures nor labels.
            (ColKind::NotMoney, _) => continue,
            (ColKind::Money, Some((value, unit, printed))) => {
                let kind =
                    *left_kind.get_or_insert_with(|| left_text.map_or(ColKind::Money, label_kind));
                match (kind, unit) {
                    (ColKind::Code, _) => Cell::Code,
                    (ColKind::NotMoney, _) => continue,
                    (_, Some(u)) => match u.convert(value, Unit::Wan) {
                        Some(amount) => Cell::Figure(amount, Some(u), printed),
                        None => continue,
                    },
                    (_, None) => Cell::Figure(value, None, printed),
                }
            }
            (_, None) => {
                left_text = Some(cell);
                left_kind = None;
                Cell::Text
            }
        };
        cells.push((c, cell, classified));
    }
}

/// The row's label: its text cells before the last figure, joined.
fn row_label(label_cells: &[(usize, &str, Cell)], label: &mut String, out: &mut DocItems) -> Name {
    label.clear();
    for (_, text, cell) in label_cells {
        if let Cell::Text = cell {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(text);
            if label.len() > MAX_TEXT * 4 {
                break;
            }
        }
    }
    out.name(label)
}

/// The row's classification code: the digits of its code cells.
fn row_code(cells: &[(usize, &str, Cell)], code: &mut String, out: &mut DocItems) -> Option<Span> {
    code.clear();
    for (_, text, cell) in cells {
        if let Cell::Code = cell {
            code.extend(text.chars().filter(char::is_ascii_digit));
        }
    }
    (!code.is_empty()).then(|| out.intern(code))
}

/// Amount items: one per figure of the row, labelled by the text to its left
/// (one name shared by the cells it labels); the row's figures are left in
/// `figures`.
fn amount_items(
    ctx: &mut TableCtx,
    r: usize,
    line: LineNo,
    label: Name,
    cells: &[(usize, &str, Cell)],
    figures: &mut Vec<Figure>,
    out: &mut DocItems,
) {
    figures.clear();
    let mut nearest: Option<Name> = None;
    let mut pending: Option<&str> = None;
    for &(c, text, ref cell) in cells {
        let (amount, unit, printed) = match cell {
            Cell::Text => {
                pending = Some(text);
                continue;
            }
            Cell::Code => continue,
            Cell::Figure(amount, unit, printed) => (*amount, *unit, *printed),
        };
        let figure = Figure {
            amount,
            printed: out.intern(printed),
            unit,
            col: u32::try_from(c).ok(),
        };
        figures.push(figure);
        let column = ctx.paths.get(c).map(String::as_str).unwrap_or("").trim();
        if let Some(text) = pending.take() {
            nearest = Some(out.name(text));
        }
        let name = match nearest {
            Some(n) => n,
            None if !label.text.is_empty() => label,
            None if !column.is_empty() => out.name(column),
            None => out.name(ctx.title),
        };
        let context = column_context(&mut ctx.contexts, ctx.title, c, column, out);
        out.push(
            ctx.doc_index,
            Kind::Amount,
            line,
            name,
            Some(figure),
            None,
            Location::Cell {
                table: ctx.t,
                row: r,
                col: c,
            },
            context,
            Some(ctx.t),
        );
    }
}

/// `title / column` for the cells of column `c`, interned once.
fn column_context(
    contexts: &mut [Option<Span>],
    title: &str,
    c: usize,
    column: &str,
    out: &mut DocItems,
) -> Span {
    if let Some(span) = contexts.get(c).copied().flatten() {
        return span;
    }
    let span = match (title.is_empty(), column.is_empty()) {
        (false, false) => out.intern(&format!("{title} / {column}")),
        (false, true) => out.intern(title),
        (true, _) => out.intern(column),
    };
    if let Some(slot) = contexts.get_mut(c) {
        *slot = Some(span);
    }
    span
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
            unit: Some(Unit::Wan),
            header: vec![vec![
                "序号".into(),
                "科目编码".into(),
                "科目名称".into(),
                "合计".into(),
                "基本支出".into(),
            ]],
            rows: vec![
                vec![
                    "1".into(),
                    "2040201".into(),
                    "行政运行".into(),
                    "4,800.00".into(),
                    "".into(),
                ],
                vec![
                    "2".into(),
                    "".into(),
                    "合计".into(),
                    "5000".into(),
                    "—".into(),
                ],
            ],
            row_lines: vec![10, 11],
            ..Table::default()
        }
    }

    #[test]
    fn fast_trim_agrees_with_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "智慧",
            "智慧\u{3000}",
            "\u{3000}智慧",
            "12.5",
            "x\u{a0}",
            "\u{2003}x",
            "“引号”",
            "—",
            "a\t",
            "\n",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn fixed_point_keys() {
        assert_eq!(to_fixed(d("397.10")), to_fixed(d("397.1")));
        assert_eq!(to_fixed(d("4800")), Some(480_000_000_000));
        assert_eq!(to_fixed(d("-0.5")), Some(-50_000_000));
        assert_eq!(to_fixed(d("0.000000001")), None);
        assert_eq!(to_fixed(d("1.000000000")), Some(100_000_000));
        assert!(to_fixed(Decimal::MAX).is_some());
    }

    fn cells_of(index: &Index) -> Vec<&Item> {
        index
            .items()
            .iter()
            .filter(|i| i.kind == Kind::Amount)
            .collect()
    }

    #[test]
    fn rows_and_cells() {
        let doc = Document {
            tables: vec![grid()],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let rows: Vec<&Item> = index
            .items()
            .iter()
            .filter(|i| i.kind == Kind::Row)
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(index.text(rows[0]), "行政运行");
        assert_eq!(index.code(rows[0]), Some("2040201"));
        let figs = index.figures(rows[0]);
        assert_eq!(figs.len(), 1);
        assert_eq!(figs[0].amount, d("4800"));
        assert_eq!(index.str(figs[0].printed), "4,800.00");
        assert_eq!(rows[0].line, 10);
        let cells = cells_of(&index);
        assert_eq!(cells.len(), 2);
        assert_eq!(index.text(cells[0]), "行政运行");
        assert_eq!(index.context(cells[0]), "一般公共预算支出表 / 合计");
        assert_eq!(
            cells[0].location,
            Location::Cell {
                table: 0,
                row: 0,
                col: 3
            }
        );
        assert_eq!(index.figures(cells[1])[0].amount, d("5000"));
    }

    #[test]
    fn yuan_tables_convert_and_headers_state_units() {
        let mut t = grid();
        t.unit = Some(Unit::Yuan);
        t.rows[0][3] = "48,000,000".into();
        t.header[0][4] = "基本支出（万元）".into();
        t.rows[0][4] = "12".into();
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = cells_of(&index);
        assert_eq!(index.figures(cells[0])[0].amount, d("4800"));
        assert_eq!(index.figures(cells[0])[0].unit, Some(Unit::Yuan));
        assert_eq!(index.figures(cells[1])[0].amount, d("12"));
        assert_eq!(index.figures(cells[1])[0].unit, Some(Unit::Wan));
    }

    #[test]
    fn codes_beside_labels_are_not_money() {
        let t = Table {
            title: "项目绩效表".into(),
            kind: TableKind::ProjectPerformance,
            rows: vec![
                vec![
                    "项目编码".into(),
                    "2040299".into(),
                    "项目名称".into(),
                    "智慧".into(),
                ],
                vec!["预算数".into(), "924".into(), "数量".into(), "3".into()],
            ],
            row_lines: vec![1, 2],
            ..Table::default()
        };
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = cells_of(&index);
        assert_eq!(cells.len(), 1);
        assert_eq!(index.text(cells[0]), "预算数");
        assert_eq!(index.figures(cells[0])[0].unit, None);
        // Performance rows without figures are not rows.
        let rows = index.items().iter().filter(|i| i.kind == Kind::Row).count();
        assert_eq!(rows, 1);
    }

    #[test]
    fn documents_added_one_by_one_equal_a_build() {
        let docs = crate::load::sample_documents();
        let built = Index::build(&docs);
        let mut grown = Index::new();
        for (i, d) in docs.iter().enumerate() {
            grown.push_document(i, d);
        }
        assert_eq!(built.items(), grown.items());
        assert_eq!(built.hot, grown.hot);
        assert_eq!(built.fig_keys, grown.fig_keys);
        assert_eq!(built.arena, grown.arena);
        // every bundled sample: five text extractions and two PDFs
        assert_eq!(built.doc_count(), 7);
        assert_eq!(grown.doc_count(), 7);
    }
}
