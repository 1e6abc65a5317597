//! The search index: one flat list of items built from every document
//! (what becomes an item, and how: [`super::items`]).
//!
//! Storage: each item is a packed record of plain integers ([`Hot`], what
//! every query reads, and [`Item`], what a hit reads), its texts spans of one
//! arena of text, its figures [`Figure`] records (fixed-point keys in 万元,
//! the rare figure that does not fit kept exactly beside them). A
//! document's items ([`DocItems`]) are made once and can be stored as raw
//! bytes (`super::raw`) and merged into an [`super::Index`] by copying.

use rust_decimal::Decimal;
use serde::Serialize;

use super::summary::Summary;
use crate::model::{LineNo, Unit};

/// Longest display text kept for a row label or an indicator (characters).
pub(super) const MAX_TEXT: usize = 120;

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
    /// Every kind, in the order of its stored number.
    pub const ALL: [Kind; 7] = [
        Kind::Project,
        Kind::Row,
        Kind::Indicator,
        Kind::Section,
        Kind::Amount,
        Kind::Table,
        Kind::Text,
    ];

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

    /// The kind stored as `n` (its position in [`Kind::ALL`]); `Amount`
    /// for a number that names none (damaged input).
    pub(crate) fn from_u8(n: u8) -> Kind {
        Kind::ALL
            .get(usize::from(n))
            .copied()
            .unwrap_or(Kind::Amount)
    }

    pub(crate) fn to_u8(self) -> u8 {
        Kind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u8
    }
}

/// The exact place of an item inside its document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Location {
    /// Index into [`Document::projects`](crate::model::Document::projects).
    Project { project: usize },
    /// A figure cell: [`Document::tables`](crate::model::Document::tables)`[table].rows[row][col]`.
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A body row: [`Document::tables`](crate::model::Document::tables)`[table].rows[row]`.
    Row { table: usize, row: usize },
    /// `project: Some(p)`: `projects[p].indicators[index]`;
    /// `None`: the document-wide `indicators[index]`.
    Indicator {
        project: Option<usize>,
        index: usize,
    },
    /// Child indices from [`Document::sections`](crate::model::Document::sections) down to the section.
    Section { path: Vec<usize> },
    /// A table as a whole: [`Document::tables`](crate::model::Document::tables)`[table]`.
    Table { table: usize },
    /// A sentence of a paragraph at `line`: under the section at `path`
    /// (child indices from [`Document::sections`](crate::model::Document::sections)), or before the first
    /// heading (`path` empty).
    Text { path: Vec<usize>, line: LineNo },
}

/// "None" in a packed `u32` field.
pub(crate) const NO: u32 = u32::MAX;

pub(super) fn packed(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NO)
}

fn unpacked(n: u32) -> Option<usize> {
    (n != NO).then_some(n as usize)
}

/// A piece of the index's text arena (see [`super::Index::str`]).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }

    pub(crate) fn shifted(self, by: u32) -> Span {
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

/// One figure of an item: an [`crate::model::Amount`] kept compactly: its
/// value in 万元 as a fixed-point integer (×10⁸) with the scale it was
/// printed with, its printed text in the arena, its unit and column.
/// [`super::Index::wan`] gives the value, [`super::Index::amount`] the
/// `Amount`. A figure the integer cannot hold exactly is kept as a
/// `Decimal` beside the records ([`EXACT`] unset).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Figure {
    /// 万元 × 10⁸ when `flags & EXACT`; else the position of the value
    /// among the figures kept exactly.
    pub(crate) key: i64,
    /// As printed (`4,800`, `397.10`): [`super::Index::str`] gives the text.
    pub printed: Span,
    /// Column of the cell (rows and cells), else [`NO`].
    pub(crate) col: u32,
    /// 0: no unit stated (taken as 万元); else 1 + the unit's position in
    /// [`Unit::ALL`].
    pub(crate) unit: u8,
    /// Decimal places of the value in 万元.
    pub(crate) scale: u8,
    pub(crate) flags: u8,
    pub(crate) _pad: u8,
}

/// [`Figure::flags`]: the value is `key` at `scale`.
pub(crate) const EXACT: u8 = 1;

impl Figure {
    /// A figure of `amount` 万元; the second value is the amount itself when
    /// the record cannot hold it exactly.
    pub(crate) fn new(
        amount: Decimal,
        printed: Span,
        unit: Option<Unit>,
        col: Option<usize>,
    ) -> (Figure, Option<Decimal>) {
        let unit = unit
            .and_then(|u| Unit::ALL.iter().position(|&x| x == u))
            .map_or(0, |i| i as u8 + 1);
        let scale = u8::try_from(amount.scale()).unwrap_or(u8::MAX);
        let key = to_fixed(amount).and_then(|k| i64::try_from(k).ok());
        let mut f = Figure {
            key: key.unwrap_or(0),
            printed,
            col: col.map_or(NO, packed),
            unit,
            scale,
            flags: 0,
            _pad: 0,
        };
        // exact only when the value comes back bit for bit (scale, sign)
        if key.is_some() && f.fixed_value().map(|d| d.serialize()) == Some(amount.serialize()) {
            f.flags = EXACT;
            (f, None)
        } else {
            (f, Some(amount))
        }
    }

    /// The value from `key` and `scale`, when the record holds it.
    pub(crate) fn fixed_value(&self) -> Option<Decimal> {
        let scale = u32::from(self.scale);
        let key = i128::from(self.key);
        let mantissa = if scale <= FIXED_SCALE {
            let div = 10i128.pow(FIXED_SCALE - scale);
            (key % div == 0).then_some(key / div)?
        } else {
            key.checked_mul(10i128.checked_pow(scale - FIXED_SCALE)?)?
        };
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }

    /// The unit `printed` is in; `None` when the table states none (the
    /// amount is then taken as 万元).
    pub fn unit(&self) -> Option<Unit> {
        usize::from(self.unit)
            .checked_sub(1)
            .and_then(|i| Unit::ALL.get(i).copied())
    }

    /// Column of the cell, for rows and cells.
    pub fn col(&self) -> Option<usize> {
        unpacked(self.col)
    }
}

/// A figure kept exactly beside the records: the decimal's 16 bytes
/// (`Decimal::serialize`); the figure's `key` is its position.
pub(crate) type Big = [u8; 16];

/// What every query reads of every item, packed apart from the rest so the
/// scan stays in cache. The search key is not stored: it is the display
/// text folded ([`super::text::normalize`]), made when a query needs it
/// (the text itself when [`Hot::folds`] says it is its own key). The
/// document an item is in is known by its number (see
/// [`super::Index::doc`]).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub(crate) struct Hot {
    /// [`super::text::mask_of`] of the key.
    pub mask: u64,
    /// Display text (the name, label or title as printed; cut to 120
    /// characters) in the arena.
    pub text: Span,
    /// Letters of every pinyin reading of the key's characters (ASCII
    /// letters count as themselves), and the first letters of those readings.
    pub py_letters: u32,
    pub py_initials: u32,
    pub line: LineNo,
    /// The item's figures: `figures[fig_start..][..fig_len]`.
    pub fig_start: u32,
    pub key_chars: u16,
    pub fig_len: u16,
    /// [`Kind::to_u8`].
    pub kind: u8,
    /// Every figure is [`EXACT`] (compare keys, not decimals).
    pub fixed: u8,
    /// [`OWN_KEY`], [`CHAR_FOR_CHAR`], [`READS_AS_KEY`]: how the text
    /// folds to its key.
    pub folds: u8,
    pub _pad: u8,
}

/// [`Hot::folds`]: the text is its own key (folding changes nothing).
pub(crate) const OWN_KEY: u8 = 1;
/// [`Hot::folds`]: folding maps each character of the text to one
/// character of the key (it drops none: no whitespace).
pub(crate) const CHAR_FOR_CHAR: u8 = 2;
/// [`Hot::folds`]: the text's characters read in pinyin as the key's, one
/// for one: [`CHAR_FOR_CHAR`], and every character folding changes folds
/// to one without a reading (punctuation: `：` → `:`, not `Ａ` → `a`). A
/// character folding changes is in no key, so the pinyin table gives it no
/// reading either.
pub(crate) const READS_AS_KEY: u8 = 4;

impl Hot {
    pub fn kind(&self) -> Kind {
        Kind::from_u8(self.kind)
    }
}

/// What a hit reads of an item besides its [`Hot`] record.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Item {
    /// Where the item is, for display: table title and column, project and
    /// indicator levels, parent sections.
    pub context: Span,
    /// Classification or project code (rows and projects); `start` is
    /// [`NO`] when there is none.
    pub(crate) code: Span,
    /// The [`Location`], packed by kind (see [`pack`]).
    pub(crate) loc: [u32; 3],
    /// The table the item is in or belongs to, else [`NO`].
    pub(crate) table: u32,
}

/// A [`Location`] as three integers; a section's path goes to `paths`.
pub(super) fn pack(location: &Location, paths: &mut Vec<u32>) -> [u32; 3] {
    match location {
        Location::Project { project } => [packed(*project), NO, NO],
        Location::Cell { table, row, col } => [packed(*table), packed(*row), packed(*col)],
        Location::Row { table, row } => [packed(*table), packed(*row), NO],
        Location::Indicator { project, index } => [project.map_or(NO, packed), packed(*index), NO],
        Location::Section { path } => {
            let start = packed(paths.len());
            paths.extend(path.iter().map(|&i| packed(i)));
            [start, packed(path.len()), NO]
        }
        Location::Table { table } => [packed(*table), NO, NO],
        Location::Text { path, line } => {
            let start = packed(paths.len());
            paths.extend(path.iter().map(|&i| packed(i)));
            [start, packed(path.len()), *line]
        }
    }
}

/// The [`Location`] of an item of `kind` packed as `loc`.
pub(crate) fn unpack(kind: Kind, loc: [u32; 3], paths: &[u32]) -> Location {
    let at = |i: usize| loc.get(i).copied().and_then(unpacked).unwrap_or(0);
    match kind {
        Kind::Project => Location::Project { project: at(0) },
        Kind::Amount => Location::Cell {
            table: at(0),
            row: at(1),
            col: at(2),
        },
        Kind::Row => Location::Row {
            table: at(0),
            row: at(1),
        },
        Kind::Indicator => Location::Indicator {
            project: unpacked(loc[0]),
            index: at(1),
        },
        Kind::Section | Kind::Text => {
            let (start, len) = (at(0), at(1));
            let path = paths.get(start..start.saturating_add(len)).unwrap_or(&[]);
            let path = path.iter().map(|&i| i as usize).collect();
            match kind {
                Kind::Text => Location::Text { path, line: loc[2] },
                _ => Location::Section { path },
            }
        }
        Kind::Table => Location::Table { table: at(0) },
    }
}

impl Item {
    /// The table the item is in or belongs to.
    pub fn table(&self) -> Option<usize> {
        unpacked(self.table)
    }
}

/// The items of one document, with their figures and texts; spans, figure
/// ranges and paths are local to it until the document is merged into an
/// index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocItems {
    /// What the index keeps of the document itself.
    pub summary: Summary,
    pub(crate) hot: Vec<Hot>,
    pub(crate) items: Vec<Item>,
    pub(crate) figures: Vec<Figure>,
    /// Figures kept exactly (see [`Figure::key`]).
    pub(crate) bigs: Vec<Big>,
    /// Section paths (see [`pack`]).
    pub(crate) paths: Vec<u32>,
    /// Item, figure and context spans index into this.
    pub(crate) arena: String,
    /// The distinct characters of the keys (code points below
    /// [`super::pinyin::DIRECT`]; others have no reading), ascending.
    pub(crate) chars: Vec<u32>,
}

impl DocItems {
    /// Number of items.
    pub fn len(&self) -> usize {
        self.hot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hot.is_empty()
    }

    /// Bytes of text the items hold.
    pub fn arena_len(&self) -> usize {
        self.arena.len()
    }
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
