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
/// printed with, its printed text in the arena, its unit.
/// [`super::Index::wan`] gives the value, [`super::Index::amount`] the
/// `Amount`. A figure the integer cannot hold exactly is kept as a
/// `Decimal` beside the records ([`EXACT`] unset).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Figure {
    /// 万元 × 10⁸ when `flags & EXACT`; else the position of the value
    /// among the figures kept exactly.
    pub(crate) key: i64,
    /// As printed (`4,800`, `397.10`), a [`Short`] span with `printed_len`:
    /// [`super::Index::printed`] gives the text.
    pub(crate) printed_start: u32,
    pub(crate) printed_len: u8,
    /// 0: no unit stated (taken as 万元); else 1 + the unit's position in
    /// [`Unit::ALL`].
    pub(crate) unit: u8,
    /// Decimal places of the value in 万元.
    pub(crate) scale: u8,
    pub(crate) flags: u8,
}

/// [`Figure::flags`]: the value is `key` at `scale`.
pub(crate) const EXACT: u8 = 1;

impl Figure {
    /// A figure of `amount` 万元 printed at `printed` (a [`Short`] span of
    /// [`u8`] length); the second value is the amount itself when the
    /// record cannot hold it exactly.
    pub(crate) fn new(
        amount: Decimal,
        (printed_start, printed_len): (u32, u8),
        unit: Option<Unit>,
    ) -> (Figure, Option<Decimal>) {
        let unit = unit
            .and_then(|u| Unit::ALL.iter().position(|&x| x == u))
            .map_or(0, |i| i as u8 + 1);
        let scale = u8::try_from(amount.scale()).unwrap_or(u8::MAX);
        let key = to_fixed(amount).and_then(|k| i64::try_from(k).ok());
        let mut f = Figure {
            key: key.unwrap_or(0),
            printed_start,
            printed_len,
            unit,
            scale,
            flags: 0,
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
}

/// A figure kept exactly beside the records: the decimal's 16 bytes
/// (`Decimal::serialize`); the figure's `key` is its position.
pub(crate) type Big = [u8; 16];

/// What every query reads of every item, packed apart from the rest so the
/// scan stays in cache (32 bytes, two to a cache line). The search key is
/// not stored: it is the display text folded ([`super::text::normalize`]),
/// made when a query needs it (the text itself when [`Hot::folds`] says it
/// is its own key). The document an item is in is known by its number (see
/// [`super::Index::doc`]).
///
/// Small values share fields with others, read by the methods: the kind,
/// whether its figures are fixed and how its text folds sit in the bits of
/// the letter sets above [`LETTERS`] (a query's letters never have those
/// bits, so the scan tests the sets as they are); the key's characters sit
/// above the text's length.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub(crate) struct Hot {
    /// [`super::text::mask_of`] of the key.
    pub mask: u64,
    /// Display text (the name, label or title as printed; cut to
    /// [`MAX_TEXT`] characters, so at most `4 × MAX_TEXT` bytes) in the
    /// arena: starts here ([`Hot::text`]).
    pub text_start: u32,
    /// Letters of every pinyin reading of the key's characters (ASCII
    /// letters count as themselves), and the first letters of those
    /// readings ([`LETTERS`]); above them, [`Hot::kind`] and [`Hot::fixed`]
    /// in `py_letters`, [`Hot::folds`] in `py_initials`.
    pub py_letters: u32,
    pub py_initials: u32,
    /// The item's figures: `figures[fig_start..][..fig_len]`.
    pub fig_start: u32,
    pub line: LineNo,
    /// The text's length in bytes (the low [`LEN_BITS`] bits), and the key's
    /// characters (at most [`MAX_TEXT`]) above it.
    pub text_len: u16,
    pub fig_len: u16,
}

/// The bits of [`Hot::py_letters`] and [`Hot::py_initials`] that are
/// letters (`a` to `z`: [`super::text::letter_bit`]).
pub(crate) const LETTERS: u32 = (1 << 26) - 1;
/// [`Hot::py_letters`]: where the kind starts (three bits), and the bit
/// saying every figure is [`EXACT`].
const KIND_SHIFT: u32 = 26;
const FIXED_BIT: u32 = 1 << 29;
/// [`Hot::py_initials`]: where the folds start (three bits).
const FOLDS_SHIFT: u32 = 26;
/// [`Hot::text_len`]: bits of the text's length.
const LEN_BITS: u32 = 9;

// A display text's length in bytes and its key's characters fit
// `Hot::text_len`; kinds and folds their three bits; the records are the
// sizes documented.
const _: () = assert!(MAX_TEXT * 4 < 1 << LEN_BITS && MAX_TEXT < 1 << (16 - LEN_BITS));
const _: () =
    assert!(Kind::ALL.len() <= 8 && (OWN_KEY | CHAR_FOR_CHAR | READS_AS_KEY).leading_zeros() >= 5);
const _: () = assert!(std::mem::size_of::<Hot>() == 32 && std::mem::align_of::<Hot>() == 8);
const _: () = assert!(std::mem::size_of::<Item>() == 20 && std::mem::size_of::<Figure>() == 16);

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

/// What [`Hot::new`] packs besides the plain fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HotParts {
    pub kind: Kind,
    /// Every figure is [`EXACT`].
    pub fixed: bool,
    /// [`OWN_KEY`], [`CHAR_FOR_CHAR`], [`READS_AS_KEY`].
    pub folds: u8,
    pub text: Span,
    /// Characters of the key (at most [`MAX_TEXT`]).
    pub key_chars: u32,
    pub py_letters: u32,
    pub py_initials: u32,
}

impl Hot {
    /// The record of an item with its key's `mask`, its figures and line.
    pub fn new(p: HotParts, mask: u64, figures: std::ops::Range<usize>, line: LineNo) -> Hot {
        let kind = u32::from(p.kind.to_u8()) << KIND_SHIFT;
        let fixed = if p.fixed { FIXED_BIT } else { 0 };
        let folds = u32::from(p.folds & 7) << FOLDS_SHIFT;
        // a name is at most MAX_TEXT characters (see the assertions above)
        let len = p.text.len.min((1 << LEN_BITS) - 1);
        let chars = p.key_chars.min(MAX_TEXT as u32);
        Hot {
            mask,
            text_start: p.text.start,
            py_letters: (p.py_letters & LETTERS) | kind | fixed,
            py_initials: (p.py_initials & LETTERS) | folds,
            fig_start: packed(figures.start),
            line,
            text_len: u16::try_from(len | chars << LEN_BITS).unwrap_or(u16::MAX),
            fig_len: u16::try_from(figures.len()).unwrap_or(u16::MAX),
        }
    }

    #[inline]
    pub fn kind(&self) -> Kind {
        Kind::from_u8(((self.py_letters >> KIND_SHIFT) & 7) as u8)
    }

    /// Every figure is [`EXACT`] (compare keys, not decimals).
    #[inline]
    pub fn fixed(&self) -> bool {
        self.py_letters & FIXED_BIT != 0
    }

    /// [`OWN_KEY`], [`CHAR_FOR_CHAR`], [`READS_AS_KEY`]: how the text folds
    /// to its key.
    #[inline]
    pub fn folds(&self) -> u8 {
        ((self.py_initials >> FOLDS_SHIFT) & 7) as u8
    }

    /// Characters of the key.
    #[inline]
    pub fn key_chars(&self) -> u32 {
        u32::from(self.text_len) >> LEN_BITS
    }

    /// The display text's span.
    #[inline]
    pub fn text(&self) -> Span {
        Span {
            start: self.text_start,
            len: u32::from(self.text_len) & ((1 << LEN_BITS) - 1),
        }
    }
}

/// What a hit reads of an item besides its [`Hot`] record (20 bytes).
///
/// `loc` is the [`Location`] packed by kind (see [`pack`]), its free slots
/// holding the item's table and code:
///
/// | kind      | `loc[0]`       | `loc[1]`     | `loc[2]`          |
/// |-----------|----------------|--------------|-------------------|
/// | project   | project        | table or NO  | code start or NO  |
/// | amount    | table          | row          | column            |
/// | row       | table          | row          | code start or NO  |
/// | indicator | project or NO  | index        | table or NO       |
/// | section   | path start     | path length  | NO                |
/// | table     | table          | NO           | NO                |
/// | text      | path start     | path length  | line              |
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Item {
    /// Where the item is, for display (table title and column, project and
    /// indicator levels, parent sections): a [`Short`] span with
    /// `context_len`.
    pub(crate) context_start: u32,
    pub(crate) loc: [u32; 3],
    pub(crate) context_len: u16,
    /// Length of the classification or project code (rows and projects),
    /// a [`Short`] span with its start in `loc[2]`.
    pub(crate) code_len: u16,
}

/// A span kept in fewer bytes: its start and a length below `MAX`, the
/// largest value of the length's type; a length of `MAX` says the span is
/// longer, and the start is then the span's position in the list of long
/// spans kept beside the records ([`DocItems::longs`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Short<const MAX: u32>;

impl<const MAX: u32> Short<MAX> {
    /// `span` as a start and a length, long spans put in `longs`.
    pub(crate) fn of(span: Span, longs: &mut Vec<Span>) -> (u32, u32) {
        if span.len < MAX {
            (span.start, span.len)
        } else {
            let at = packed(longs.len());
            longs.push(span);
            (at, MAX)
        }
    }

    /// The span kept as `start` and `len`.
    pub(crate) fn span(start: u32, len: u32, longs: &[Span]) -> Span {
        if len < MAX {
            Span { start, len }
        } else {
            longs.get(start as usize).copied().unwrap_or_default()
        }
    }

    /// `start` once texts are shifted by `text` and long spans by `longs`.
    pub(crate) fn shifted(start: u32, len: u32, text: u32, longs: u32) -> u32 {
        start.saturating_add(if len < MAX { text } else { longs })
    }
}

/// A span with a `u16` length ([`Item::context_len`], [`Item::code_len`]).
pub(crate) type Short16 = Short<{ u16::MAX as u32 }>;
/// A span with a `u8` length ([`Figure::printed_len`]).
pub(crate) type Short8 = Short<{ u8::MAX as u32 }>;

/// The slot of `loc` holding the table of an item of `kind`, if any.
pub(crate) fn table_slot(kind: Kind) -> Option<usize> {
    match kind {
        Kind::Amount | Kind::Row | Kind::Table => Some(0),
        Kind::Project => Some(1),
        Kind::Indicator => Some(2),
        Kind::Section | Kind::Text => None,
    }
}

/// True when items of `kind` may have a code (its start in `loc[2]`).
pub(crate) fn has_code(kind: Kind) -> bool {
    matches!(kind, Kind::Row | Kind::Project)
}

/// A [`Location`] as three integers, with the item's `table` and the start
/// of its `code` in the free slots (see [`Item`]); a section's path goes to
/// `paths`.
pub(super) fn pack(
    location: &Location,
    table: Option<usize>,
    code: Option<u32>,
    paths: &mut Vec<u32>,
) -> [u32; 3] {
    let table = table.map_or(NO, packed);
    let code = code.unwrap_or(NO);
    match location {
        Location::Project { project } => [packed(*project), table, code],
        Location::Cell { table, row, col } => [packed(*table), packed(*row), packed(*col)],
        Location::Row { table, row } => [packed(*table), packed(*row), code],
        Location::Indicator { project, index } => {
            [project.map_or(NO, packed), packed(*index), table]
        }
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
    /// The table an item of `kind` is in or belongs to.
    pub(crate) fn table(&self, kind: Kind) -> Option<usize> {
        table_slot(kind).and_then(|i| unpacked(self.loc[i]))
    }

    /// The start of the code of an item of `kind`, when it has one.
    pub(crate) fn code_start(&self, kind: Kind) -> Option<u32> {
        (has_code(kind) && self.loc[2] != NO).then_some(self.loc[2])
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
    /// Spans too long for their record's length field (see [`Short`]).
    pub(crate) longs: Vec<Span>,
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
