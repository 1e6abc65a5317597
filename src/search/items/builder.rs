//! The builder of one document's items: each text stored once in the
//! document's arena, each name's key summarised for the scan, each figure
//! stored with its fixed-point key. 万元: ten thousand yuan, the unit every
//! figure is kept in.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::model::{Document, LineNo, Unit};
use crate::search::index::*;
use crate::search::pinyin;
use crate::search::summary::Summary;
use crate::search::text::{char_bit, fold_char, truncate_chars};

/// A figure of a new item, before it is stored.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fig {
    /// In 万元.
    pub(super) amount: Decimal,
    pub(super) printed: Span,
    pub(super) unit: Option<Unit>,
}

/// The figures of a new item.
pub(super) enum Figures<I> {
    /// New figures, stored after the others.
    New(I),
    /// Figures already stored (a row's figures are its cells').
    Stored(std::ops::Range<usize>),
}

/// Display text of a name, in the arena, with what the scan needs of its
/// key (the text folded).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Name {
    pub(super) text: Span,
    /// [`Hot::folds`].
    folds: u8,
    key_chars: u32,
    mask: u64,
    /// See [`Hot::py_letters`].
    py_letters: u32,
    py_initials: u32,
}

/// A document's items while they are made.
pub(super) struct Builder {
    pub(super) out: DocItems,
    /// Bit set of the key characters (see [`DocItems::chars`]).
    chars: Vec<u64>,
    /// Texts already in the arena: each is stored once per document.
    texts: ByText<Span>,
    /// Names already made (by their display text).
    names: ByText<Name>,
}

/// Values found by a text already in the arena, keyed by the text's hash so
/// that the text is not copied again as a key (a large document has
/// hundreds of thousands). The value's own span says where its text is, to
/// confirm a hit; a second text of the same hash (rare) is kept by its text.
#[derive(Default)]
struct ByText<V> {
    by_hash: FxHashMap<u64, V>,
    collided: FxHashMap<Box<str>, V>,
}

/// A value of [`ByText`]: where its text is in the arena.
trait InArena: Copy {
    fn span(&self) -> Span;
}

impl InArena for Span {
    fn span(&self) -> Span {
        *self
    }
}

impl InArena for Name {
    fn span(&self) -> Span {
        self.text
    }
}

impl<V: InArena> ByText<V> {
    fn hash(text: &str) -> u64 {
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    }

    fn get(&self, text: &str, arena: &str) -> Option<V> {
        let found = *self.by_hash.get(&Self::hash(text))?;
        if arena.get(found.span().range()) == Some(text) {
            return Some(found);
        }
        self.collided.get(text).copied()
    }

    /// Add `value` for `text` (not found by [`ByText::get`]).
    fn insert(&mut self, text: &str, value: V) {
        match self.by_hash.entry(Self::hash(text)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(value);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(text.into(), value);
            }
        }
    }
}

impl Builder {
    /// An empty builder for `doc`'s items, with room for their usual count.
    pub(super) fn for_document(doc: &Document) -> Builder {
        let mut out = Builder {
            out: DocItems {
                summary: Summary::of(doc),
                ..DocItems::default()
            },
            chars: vec![0u64; pinyin::DIRECT / 64],
            texts: ByText::default(),
            names: ByText::default(),
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
    pub(super) fn intern(&mut self, s: &str) -> Span {
        if let Some(span) = self.texts.get(s, &self.out.arena) {
            return span;
        }
        let start = self.out.arena.len();
        self.out.arena.push_str(s);
        let span = Span {
            start: packed(start),
            len: packed(s.len()),
        };
        self.texts.insert(s, span);
        span
    }

    /// Put a context in the arena, once per document.
    pub(super) fn context(&mut self, s: &str) -> Span {
        self.intern(s)
    }

    /// A display text (trimmed, cut to [`MAX_TEXT`] characters) and what
    /// the scan needs of its key.
    pub(super) fn name(&mut self, text: &str) -> Name {
        let text = trim(text);
        // At most MAX_TEXT bytes means at most MAX_TEXT characters.
        let text = if text.len() <= MAX_TEXT {
            text
        } else {
            truncate_chars(text, MAX_TEXT)
        };
        if let Some(name) = self.names.get(text, &self.out.arena) {
            return name;
        }
        let name = self.new_name(text);
        self.names.insert(text, name);
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
            let (l, i) = pinyin::letters_of(k);
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

    /// Store a figure (its column is its cell's, in the cell's location).
    fn figure(&mut self, amount: Decimal, printed: Span, unit: Option<Unit>) {
        let (start, len) = Short8::of(printed, &mut self.out.longs);
        let len = u8::try_from(len).unwrap_or(u8::MAX);
        let (mut f, exact) = Figure::new(amount, (start, len), unit);
        if let Some(d) = exact {
            f.key = self.out.bigs.len() as i64;
            self.out.bigs.push(d.serialize());
        }
        self.out.figures.push(f);
    }

    /// Add an item with its figures; `code` only for rows and projects.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push<I: IntoIterator<Item = Fig>>(
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
                    self.figure(f.amount, f.printed, f.unit);
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
        let parts = HotParts {
            kind,
            fixed,
            folds: name.folds,
            text: name.text,
            key_chars: name.key_chars,
            py_letters: name.py_letters,
            py_initials: name.py_initials,
        };
        self.out.hot.push(Hot::new(parts, name.mask, range, line));
        debug_assert!(code.is_none() || has_code(kind), "{kind:?} with a code");
        let (code_start, code_len) = match code {
            Some(span) => {
                let (start, len) = Short16::of(span, &mut self.out.longs);
                (Some(start), len)
            }
            None => (None, 0),
        };
        let (context_start, context_len) = Short16::of(context, &mut self.out.longs);
        let loc = pack(&location, table, code_start, &mut self.out.paths);
        let item = Item {
            context_start,
            loc,
            context_len: u16::try_from(context_len).unwrap_or(u16::MAX),
            code_len: u16::try_from(code_len).unwrap_or(u16::MAX),
        };
        debug_assert_eq!(item.table(kind), table, "{kind:?}: table as located");
        self.out.items.push(item);
    }

    /// The finished items: the character set as a list.
    pub(super) fn finish(self) -> DocItems {
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

/// `s.trim()`, without its cost when neither end can be whitespace (the
/// parser's cells are usually trimmed already).
pub(super) fn trim(s: &str) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
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

    #[test]
    fn texts_of_one_hash_are_told_apart_by_their_text() {
        let arena = "甲乙";
        let span = |start: u32| Span { start, len: 3 };
        let mut seen = ByText::<Span>::default();
        assert_eq!(seen.get("甲", arena), None);
        seen.insert("甲", span(0));
        assert_eq!(seen.get("甲", arena), Some(span(0)));
        // 乙 given 甲's hash, as a collision would: not taken for 甲, kept by its text
        let h = ByText::<Span>::hash("乙");
        seen.by_hash.insert(h, span(0));
        assert_eq!(seen.get("乙", arena), None);
        seen.insert("乙", span(3));
        assert_eq!(seen.get("乙", arena), Some(span(3)));
        assert_eq!(seen.get("甲", arena), Some(span(0)));
        assert_eq!(seen.collided.len(), 1);
    }
}
