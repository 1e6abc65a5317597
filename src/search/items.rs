//! What becomes a search item of a document, and how: [`document_items`].
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
use rustc_hash::FxHashMap;

use super::index::*;
use super::summary::Summary;
use super::text::{char_bit, fold_char, truncate_chars};
use crate::model::{Document, GridRow, Indicator, LineNo, Table, TableKind, Unit};
use crate::parse::amount::{amounts_in_text, figure_parts, is_null_amount};
use crate::parse::{compact, unit_in_label};

/// A figure of a new item, before it is stored.
#[derive(Debug, Clone, Copy)]
struct Fig {
    /// In 万元.
    amount: Decimal,
    printed: Span,
    unit: Option<Unit>,
    col: Option<usize>,
}

/// The figures of a new item.
enum Figures<I> {
    /// New figures, stored after the others.
    New(I),
    /// Figures already stored (a row's figures are its cells').
    Stored(std::ops::Range<usize>),
}

/// Display text of a name, in the arena, with what the scan needs of its
/// key (the text folded).
#[derive(Debug, Clone, Copy, Default)]
struct Name {
    text: Span,
    /// [`Hot::folds`].
    folds: u8,
    key_chars: u32,
    mask: u64,
    /// See [`Hot::py_letters`].
    py_letters: u32,
    py_initials: u32,
}

/// A document's items while they are made.
struct Builder {
    out: DocItems,
    /// Bit set of the key characters (see [`DocItems::chars`]).
    chars: Vec<u64>,
    /// Texts already in the arena: each is stored once per document.
    texts: FxHashMap<Box<str>, Span>,
    /// Names already made (by their display text).
    names: FxHashMap<Box<str>, Name>,
}

impl Builder {
    /// An empty builder for `doc`'s items, with room for their usual count.
    fn for_document(doc: &Document) -> Builder {
        let mut out = Builder {
            out: DocItems {
                summary: Summary::of(doc),
                ..DocItems::default()
            },
            chars: vec![0u64; super::pinyin::DIRECT / 64],
            texts: FxHashMap::default(),
            names: FxHashMap::default(),
        };
        // Room for the usual item count: no regrowth while filling.
        let indicators: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
        let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
        let items = doc.projects.len() + indicators + doc.indicators.len() + rows * 2 + 32;
        out.out.hot.reserve(items);
        out.out.items.reserve(items);
        out.out
            .figures
            .reserve(doc.projects.len() + indicators + rows * 2);
        out.out
            .arena
            .reserve(32 * (doc.projects.len() + indicators + rows));
        out
    }

    /// Put `s` in the arena, once per document.
    fn intern(&mut self, s: &str) -> Span {
        if let Some(&span) = self.texts.get(s) {
            return span;
        }
        let start = self.out.arena.len();
        self.out.arena.push_str(s);
        let span = Span {
            start: packed(start),
            len: packed(s.len()),
        };
        self.texts.insert(s.into(), span);
        span
    }

    /// Put a context in the arena, once per document.
    fn context(&mut self, s: &str) -> Span {
        self.intern(s)
    }

    /// A display text (trimmed, cut to [`MAX_TEXT`] characters) and what
    /// the scan needs of its key.
    fn name(&mut self, text: &str) -> Name {
        let text = trim(text);
        // At most MAX_TEXT bytes means at most MAX_TEXT characters.
        let text = if text.len() <= MAX_TEXT {
            text
        } else {
            truncate_chars(text, MAX_TEXT)
        };
        if let Some(&name) = self.names.get(text) {
            return name;
        }
        let name = self.new_name(text);
        self.names.insert(text.into(), name);
        name
    }

    /// [`Builder::name`] of a text not seen yet.
    fn new_name(&mut self, text: &str) -> Name {
        let mut name = Name {
            text: self.intern(text),
            folds: OWN_KEY | CHAR_FOR_CHAR | READS_AS_KEY,
            ..Name::default()
        };
        for c in text.chars() {
            let Some(k) = fold_char(c) else {
                name.folds = 0;
                continue;
            };
            if k != c {
                name.folds &= !OWN_KEY;
                if k.is_ascii_alphanumeric() {
                    name.folds &= !READS_AS_KEY;
                }
            }
            name.key_chars += 1;
            name.mask |= char_bit(k);
            self.see(k);
            let (l, i) = super::pinyin::letters_of(k);
            name.py_letters |= l;
            name.py_initials |= i;
        }
        name
    }

    /// Note a key character for the pinyin table.
    #[inline]
    fn see(&mut self, c: char) {
        let code = c as usize;
        if let Some(word) = self.chars.get_mut(code / 64) {
            *word |= 1 << (code % 64);
        }
    }

    /// Store a figure.
    fn figure(&mut self, amount: Decimal, printed: Span, unit: Option<Unit>, col: Option<usize>) {
        let (mut f, exact) = Figure::new(amount, printed, unit, col);
        if let Some(d) = exact {
            f.key = self.out.bigs.len() as i64;
            self.out.bigs.push(d.serialize());
        }
        self.out.figures.push(f);
    }

    /// Add an item with its figures.
    #[allow(clippy::too_many_arguments)]
    fn push<I: IntoIterator<Item = Fig>>(
        &mut self,
        kind: Kind,
        line: LineNo,
        name: Name,
        figures: Figures<I>,
        code: Option<Span>,
        location: Location,
        context: Span,
        table: Option<usize>,
    ) {
        let range = match figures {
            Figures::New(new) => {
                let start = self.out.figures.len();
                for f in new {
                    self.figure(f.amount, f.printed, f.unit, f.col);
                }
                start..self.out.figures.len()
            }
            Figures::Stored(range) => range,
        };
        let fixed = self
            .out
            .figures
            .get(range.clone())
            .is_some_and(|f| f.iter().all(|f| f.flags & EXACT != 0));
        self.out.hot.push(Hot {
            mask: name.mask,
            text: name.text,
            py_letters: name.py_letters,
            py_initials: name.py_initials,
            line,
            fig_start: packed(range.start),
            key_chars: u16::try_from(name.key_chars).unwrap_or(u16::MAX),
            fig_len: u16::try_from(range.len()).unwrap_or(u16::MAX),
            kind: kind.to_u8(),
            fixed: u8::from(fixed),
            folds: name.folds,
            _pad: 0,
        });
        let loc = pack(&location, &mut self.out.paths);
        self.out.items.push(Item {
            context,
            code: code.unwrap_or(Span { start: NO, len: 0 }),
            loc,
            table: table.map_or(NO, packed),
        });
    }

    /// The finished items: the character set as a list.
    fn finish(self) -> DocItems {
        let Builder {
            mut out,
            chars,
            texts,
            names,
        } = self;
        drop((texts, names));
        for (w, &word) in chars.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                out.chars.push(packed(w * 64 + b));
            }
        }
        // the room reserved for the usual count, or left by growing, is not kept
        out.hot.shrink_to_fit();
        out.items.shrink_to_fit();
        out.figures.shrink_to_fit();
        out.arena.shrink_to_fit();
        out
    }
}

/// Every item of one document.
pub fn document_items(doc: &Document) -> DocItems {
    let mut out = Builder::for_document(doc);
    section_items(doc, &mut out);
    project_items(doc, &mut out);
    indicator_items(doc, &mut out);
    let mut scratch = RowScratch::default();
    for (t, table) in doc.tables.iter().enumerate() {
        table_items(t, table, &mut scratch, &mut out);
    }
    prose_items(doc, super::prose::table_titles(doc), &mut out);
    out.finish()
}

/// [`document_items`] of a document not needed afterwards: each part of the
/// model is freed once its items are made (each project's indicators, then
/// the projects, then each table's cells), so that the items of a large document
/// are not held beside all of its model. The same items.
pub fn into_items(mut doc: Document) -> DocItems {
    let mut out = Builder::for_document(&doc);
    section_items(&doc, &mut out);
    project_items(&doc, &mut out);
    take_indicator_items(&mut doc, &mut out);
    doc.projects = Vec::new();
    doc.indicators = Vec::new();
    doc.table_details = Vec::new();
    let titles = super::prose::table_titles(&doc);
    for t in 0..doc.tables.len() {
        let mut scratch = RowScratch::default();
        table_items(t, &doc.tables[t], &mut scratch, &mut out);
        let table = &mut doc.tables[t];
        table.header = Default::default();
        table.rows = Default::default();
        table.row_lines = Vec::new();
    }
    prose_items(&doc, titles, &mut out);
    out.finish()
}

/// The `table` and `text` items of a document (see [`super::prose`]).
/// `titles`: the tables' (see [`super::prose::table_titles`]), made while
/// the tables were whole.
fn prose_items(doc: &Document, titles: Vec<super::prose::Piece<'static>>, out: &mut Builder) {
    use super::prose::{At, section_paths, sentences};
    let paths = section_paths(doc);
    for piece in titles.into_iter().chain(sentences(doc, &paths)) {
        let name = out.name(&piece.text);
        let context = out.context(&piece.context);
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
            kind,
            piece.line,
            name,
            Figures::New(None),
            None,
            location,
            context,
            table,
        );
    }
}

fn section_items(doc: &Document, out: &mut Builder) {
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
        let context = out.context(&context);
        out.push(
            Kind::Section,
            s.line,
            name,
            Figures::New(None),
            None,
            Location::Section {
                path: path.to_vec(),
            },
            context,
            None,
        );
    });
}

fn project_items(doc: &Document, out: &mut Builder) {
    let mut figures: Vec<Fig> = Vec::new();
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
            figures.push(Fig {
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
        let context = out.context(context);
        let code = project.code.as_deref().map(|c| out.intern(c));
        out.push(
            Kind::Project,
            project.line,
            name,
            Figures::New(figures.iter().copied()),
            code,
            Location::Project { project: p },
            context,
            table,
        );
    }
}

fn indicator_items(doc: &Document, out: &mut Builder) {
    let mut last = None;
    for (p, project) in doc.projects.iter().enumerate() {
        let group = (Some(p), project.name.trim(), project.table);
        group_indicator_items(group, &project.indicators, &mut last, out);
    }
    department_indicator_items(doc, &mut last, out);
}

/// [`indicator_items`] of a document not needed afterwards: each project's
/// indicators are freed once their items are made.
fn take_indicator_items(doc: &mut Document, out: &mut Builder) {
    let mut last = None;
    for p in 0..doc.projects.len() {
        let indicators = std::mem::take(&mut doc.projects[p].indicators);
        let project = &doc.projects[p];
        let group = (Some(p), project.name.trim(), project.table);
        group_indicator_items(group, &indicators, &mut last, out);
    }
    department_indicator_items(doc, &mut last, out);
}

/// The items of the department's own indicators (整体绩效目标).
fn department_indicator_items(doc: &Document, last: &mut Option<LastContext>, out: &mut Builder) {
    let dept_table = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::DepartmentPerformance);
    let group = (None, "整体绩效目标", dept_table);
    group_indicator_items(group, &doc.indicators, last, out);
}

/// The owner and levels of the last indicator's context, and its text:
/// neighbouring indicators share their levels, and one context.
type LastContext = (String, String, String, Span);

/// The items of one group of indicators: a project's (its number, name and
/// table) or the department's.
fn group_indicator_items(
    (project, owner, table): (Option<usize>, &str, Option<usize>),
    indicators: &[Indicator],
    last: &mut Option<LastContext>,
    out: &mut Builder,
) {
    for (index, ind) in indicators.iter().enumerate() {
        let name = if ind.name().trim().is_empty() {
            ind.description().trim()
        } else {
            ind.name().trim()
        };
        if name.is_empty() {
            continue;
        }
        let (l1, l2) = (ind.level1().trim(), ind.level2().trim());
        let context = match last {
            Some((o, a, b, span)) if o == owner && a == l1 && b == l2 => *span,
            _ => {
                let mut text = String::from(owner);
                for level in [l1, l2] {
                    if !level.is_empty() {
                        text.push_str(" / ");
                        text.push_str(level);
                    }
                }
                let span = out.context(&text);
                *last = Some((owner.to_string(), l1.to_string(), l2.to_string(), span));
                span
            }
        };
        let figure = if ind.target().bytes().any(|b| b.is_ascii_digit()) {
            amounts_in_text(ind.target()).into_iter().find_map(|a| {
                Some(Fig {
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
        let target = ind.target().trim();
        let name = if target.is_empty() || target == name {
            out.name(name)
        } else {
            out.name(&format!("{name}：{target}"))
        };
        out.push(
            Kind::Indicator,
            ind.line,
            name,
            Figures::New(figure),
            None,
            Location::Indicator { project, index },
            context,
            table,
        );
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
}

/// What every row of one table shares while its items are made.
struct TableCtx<'a> {
    t: usize,
    title: &'a str,
    paths: Vec<String>,
    /// Per column: kind and unit.
    columns: Vec<(ColKind, Option<Unit>)>,
    /// Context of the cells of each column, made on first use.
    contexts: Vec<Option<Span>>,
    title_span: Option<Span>,
}

fn table_items<'a>(t: usize, table: &'a Table, scratch: &mut RowScratch<'a>, out: &mut Builder) {
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
        let first = out.out.figures.len();
        amount_items(&mut ctx, r, line, label, cells, out);
        if label.text.is_empty() {
            continue;
        }
        let context = *ctx.title_span.get_or_insert_with(|| out.context(ctx.title));
        out.push(
            Kind::Row,
            line,
            label,
            Figures::<Option<Fig>>::Stored(first..out.out.figures.len()),
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
    row: GridRow<'a>,
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
fn row_label(label_cells: &[(usize, &str, Cell)], label: &mut String, out: &mut Builder) -> Name {
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
fn row_code(cells: &[(usize, &str, Cell)], code: &mut String, out: &mut Builder) -> Option<Span> {
    code.clear();
    for (_, text, cell) in cells {
        if let Cell::Code = cell {
            code.extend(text.chars().filter(char::is_ascii_digit));
        }
    }
    (!code.is_empty()).then(|| out.intern(code))
}

/// Amount items: one per figure of the row, labelled by the text to its left
/// (one name shared by the cells it labels); their figures, stored one after
/// the other, are the row's figures too.
fn amount_items(
    ctx: &mut TableCtx,
    r: usize,
    line: LineNo,
    label: Name,
    cells: &[(usize, &str, Cell)],
    out: &mut Builder,
) {
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
        let figure = Fig {
            amount,
            printed: out.intern(printed),
            unit,
            col: Some(c),
        };
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
            Kind::Amount,
            line,
            name,
            Figures::New(Some(figure)),
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
    out: &mut Builder,
) -> Span {
    if let Some(span) = contexts.get(c).copied().flatten() {
        return span;
    }
    let span = match (title.is_empty(), column.is_empty()) {
        (false, false) => out.context(&format!("{title} / {column}")),
        (false, true) => out.context(title),
        (true, _) => out.context(column),
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
            header: crate::model::Grid::from_rows(vec![vec![
                "序号",
                "科目编码",
                "科目名称",
                "合计",
                "基本支出",
            ]]),
            rows: crate::model::Grid::from_rows(vec![
                vec!["1", "2040201", "行政运行", "4,800.00", ""],
                vec!["2", "", "合计", "5000", "—"],
            ]),
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

    use crate::search::Index;

    fn ids_of(index: &Index, kind: Kind) -> Vec<usize> {
        (0..index.len())
            .filter(|&i| index.kind(i) == kind)
            .collect()
    }

    #[test]
    fn rows_and_cells() {
        let doc = Document {
            tables: vec![grid()],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let rows = ids_of(&index, Kind::Row);
        assert_eq!(rows.len(), 2);
        assert_eq!(index.text(rows[0]), "行政运行");
        assert_eq!(index.code(rows[0]), Some("2040201"));
        let figs = index.figures(rows[0]);
        assert_eq!(figs.len(), 1);
        assert_eq!(index.wan(&figs[0]), d("4800"));
        assert_eq!(index.str(figs[0].printed), "4,800.00");
        assert_eq!(index.line(rows[0]), 10);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), 2);
        assert_eq!(index.text(cells[0]), "行政运行");
        assert_eq!(index.context(cells[0]), "一般公共预算支出表 / 合计");
        assert_eq!(
            index.location(cells[0]),
            Location::Cell {
                table: 0,
                row: 0,
                col: 3
            }
        );
        assert_eq!(index.wan(&index.figures(cells[1])[0]), d("5000"));
        // a row's figures are its cells' figures, stored once
        assert_eq!(index.figures(rows[0]), index.figures(cells[0]));
        assert_eq!(index.figures.len(), 2);
    }

    #[test]
    fn yuan_tables_convert_and_headers_state_units() {
        let mut t = grid();
        t.unit = Some(Unit::Yuan);
        let (mut rows, mut header) = (t.rows.to_vecs(), t.header.to_vecs());
        rows[0][3] = "48,000,000".into();
        header[0][4] = "基本支出（万元）".into();
        rows[0][4] = "12".into();
        (t.rows, t.header) = (rows.into(), header.into());
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        let fig = |i: usize| index.figures(cells[i])[0];
        assert_eq!(index.wan(&fig(0)), d("4800"));
        assert_eq!(fig(0).unit(), Some(Unit::Yuan));
        assert_eq!(index.wan(&fig(1)), d("12"));
        assert_eq!(fig(1).unit(), Some(Unit::Wan));
    }

    #[test]
    fn figures_keep_their_exact_value_and_scale() {
        let mut t = grid();
        let values = [
            "397.10",
            "-0.5",
            "0.000000001",
            "1.000000000",
            "123456789012345.678",
            "79228162514264337593543950335",
            "(12.50)",
        ];
        t.rows = values
            .iter()
            .map(|v| {
                vec![
                    "1".into(),
                    "".into(),
                    "项目".into(),
                    v.to_string(),
                    "".into(),
                ]
            })
            .collect();
        t.row_lines = vec![1; values.len()];
        let doc = Document {
            tables: vec![t.clone()],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), values.len());
        for (id, v) in cells.into_iter().zip(values) {
            let fig = index.figures(id)[0];
            let expected = crate::parse::amount::parse_amount(v).expect("a figure");
            let got = index.wan(&fig);
            assert_eq!(got.serialize(), expected.serialize(), "{v}: {got}");
            assert_eq!(
                index.amount(&fig).value.to_string(),
                expected.to_string(),
                "{v}"
            );
        }
        assert!(
            !index.bigs.is_empty(),
            "values beyond 10⁻⁸ or i64 kept exactly"
        );
    }

    #[test]
    fn codes_beside_labels_are_not_money() {
        let t = Table {
            title: "项目绩效表".into(),
            kind: TableKind::ProjectPerformance,
            rows: crate::model::Grid::from_rows(vec![
                vec!["项目编码", "2040299", "项目名称", "智慧"],
                vec!["预算数", "924", "数量", "3"],
            ]),
            row_lines: vec![1, 2],
            ..Table::default()
        };
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), 1);
        assert_eq!(index.text(cells[0]), "预算数");
        assert_eq!(index.figures(cells[0])[0].unit(), None);
        // Performance rows without figures are not rows.
        assert_eq!(ids_of(&index, Kind::Row).len(), 1);
    }

    #[test]
    fn items_made_as_the_model_is_freed_are_the_same() {
        let docs = crate::load::sample_documents();
        for d in &docs {
            let made = document_items(d).to_bytes();
            assert!(made.len() > 1000, "{}", d.path);
            assert!(into_items(d.clone()).to_bytes() == made, "{}", d.path);
        }
    }

    #[test]
    fn documents_added_one_by_one_equal_a_build() {
        let docs = crate::load::sample_documents();
        let built = Index::build(&docs);
        let mut grown = Index::new();
        for (i, d) in docs.iter().enumerate() {
            grown.push_document(i, d);
        }
        // into room made first, every document is copied; into an empty
        // index without room, the first is moved
        let reserved = Index::from_parts(docs.iter().map(document_items).collect());
        for index in [&grown, &reserved] {
            assert_eq!(built.items, index.items);
            assert_eq!(built.hot, index.hot);
            assert_eq!(built.figures, index.figures);
            assert_eq!(built.bigs, index.bigs);
            assert_eq!(built.paths, index.paths);
            assert_eq!(built.arena, index.arena);
        }
        // every bundled sample: five text extractions and two PDFs
        assert_eq!(built.doc_count(), 7);
        assert_eq!(grown.doc_count(), 7);
        // and merging stored items gives the same index
        let mut stored = Index::new();
        for (i, d) in docs.iter().enumerate() {
            let bytes = document_items(d).to_bytes();
            let items = DocItems::from_bytes(&bytes, &d.path).expect("items");
            stored.append(i, items);
        }
        assert_eq!(built.hot, stored.hot);
        assert_eq!(built.items, stored.items);
        assert_eq!(built.arena, stored.arena);
        for id in 0..built.len() {
            assert_eq!(built.location(id), stored.location(id));
        }
    }
}
