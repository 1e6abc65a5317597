//! The index itself: every document's items ([`DocItems`]) merged into flat
//! arrays, read by item number. Merging a document copies its records and
//! shifts their spans and figure numbers; nothing is rebuilt.

use rust_decimal::Decimal;

use super::index::{
    Big, DocItems, EXACT, Figure, Hot, Item, Kind, Location, NO, Short8, Short16, Span, has_code,
    unpack,
};
use super::pinyin::PinyinTable;
use super::summary::Summary;
use crate::model::{Amount, Document, LineNo, Unit};

/// Everything searchable in a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(crate) hot: Vec<Hot>,
    pub(crate) items: Vec<Item>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) bigs: Vec<Big>,
    pub(crate) paths: Vec<u32>,
    /// Spans too long for their record's length field.
    pub(crate) longs: Vec<Span>,
    pub(crate) arena: String,
    pub(crate) pinyin: PinyinTable,
    /// Each merged document's first item and document index, in item
    /// order (documents are merged in any order, each one's items together).
    pub(crate) runs: Vec<Run>,
    /// What the index keeps of each document, by document index.
    summaries: Vec<Option<Summary>>,
}

/// The items of one document: `start..` up to the next run's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub start: u32,
    pub doc: u32,
}

/// Documents read in parallel at a time by [`Index::build`]: enough to keep
/// the cores busy, few enough that their items are a small part of the index.
const BUILD_CHUNK: usize = 32;

/// `n` as a `u32` offset (saturating: an index past 4 GiB of text is
/// beyond any corpus this serves, and reads of a saturated span give "").
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NO)
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Empty the index to fill it again, keeping its memory and the pinyin
    /// readings of the characters seen (a reading does not depend on the
    /// documents; a group search ([`super::stream`]) reuses one index
    /// instead of allocating, faulting in and freeing one per group).
    pub fn clear(&mut self) {
        self.hot.clear();
        self.items.clear();
        self.figures.clear();
        self.bigs.clear();
        self.paths.clear();
        self.longs.clear();
        self.arena.clear();
        self.runs.clear();
        self.summaries.clear();
    }

    /// Index `docs` (document `i` is known as `i`). Documents are read in
    /// parallel, a few at a time, each merged as soon as its turn comes.
    pub fn build(docs: &[Document]) -> Index {
        use rayon::prelude::*;
        let mut index = Index::new();
        for (n, chunk) in docs.chunks(BUILD_CHUNK).enumerate() {
            let parts: Vec<DocItems> = chunk.par_iter().map(super::items::document_items).collect();
            for (i, part) in parts.into_iter().enumerate() {
                index.append(n * BUILD_CHUNK + i, part);
            }
        }
        index
    }

    /// An index of documents' items, document `i` being `parts[i]`.
    pub fn from_parts(parts: Vec<DocItems>) -> Index {
        let mut index = Index::new();
        index.reserve(&parts);
        for (i, part) in parts.into_iter().enumerate() {
            index.append(i, part);
        }
        index
    }

    /// Make room for the items of about `bytes` bytes of documents (the
    /// room not used is never touched, so it costs address space, not
    /// memory), so that the arrays do not move while documents are merged.
    pub fn reserve_for(&mut self, bytes: u64) {
        // About one item per 65 bytes of text and 0.75 bytes of index text
        // per byte (the generated corpus).
        let bytes = usize::try_from(bytes).unwrap_or(usize::MAX / 4);
        self.hot.reserve(bytes / 64);
        self.items.reserve(bytes / 64);
        self.figures.reserve(bytes / 96);
        self.runs.reserve(bytes / 32_768);
        self.arena.reserve(bytes);
    }

    fn reserve(&mut self, parts: &[DocItems]) {
        let sum = |f: fn(&DocItems) -> usize| parts.iter().map(f).sum::<usize>();
        self.hot.reserve(sum(|p| p.hot.len()));
        self.items.reserve(sum(|p| p.items.len()));
        self.figures.reserve(sum(|p| p.figures.len()));
        self.arena.reserve(sum(|p| p.arena.len()));
        self.paths.reserve(sum(|p| p.paths.len()));
        self.longs.reserve(sum(|p| p.longs.len()));
        self.summaries.reserve(parts.len());
        self.runs.reserve(parts.len());
    }

    /// Add one more document, known to the caller as `doc_index` (cheap:
    /// only that document is read).
    pub fn push_document(&mut self, doc_index: usize, doc: &Document) {
        self.append(doc_index, super::items::document_items(doc));
    }

    /// Add one document's items, known to the caller as `doc_index`: its
    /// records are copied, their spans and figure numbers shifted; into an
    /// index that holds no records, each list it has no room for is moved
    /// instead (nothing to shift), so that a large document's items are
    /// never held twice.
    pub fn append(&mut self, doc_index: usize, mut part: DocItems) {
        for &c in &part.chars {
            if let Some(c) = char::from_u32(c) {
                self.pinyin.register(c);
            }
        }
        if !part.hot.is_empty() {
            self.runs.push(Run {
                start: offset(self.hot.len()),
                doc: offset(doc_index),
            });
        }
        if self.summaries.len() <= doc_index {
            self.summaries.resize(doc_index + 1, None);
        }
        if let Some(slot) = self.summaries.get_mut(doc_index) {
            *slot = Some(std::mem::take(&mut part.summary));
        }
        let holds_none = self.hot.is_empty()
            && self.items.is_empty()
            && self.figures.is_empty()
            && self.bigs.is_empty()
            && self.paths.is_empty()
            && self.longs.is_empty()
            && self.arena.is_empty();
        if holds_none {
            move_or_copy(&mut self.hot, part.hot);
            move_or_copy(&mut self.items, part.items);
            move_or_copy(&mut self.figures, part.figures);
            move_or_copy(&mut self.bigs, part.bigs);
            move_or_copy(&mut self.paths, part.paths);
            move_or_copy(&mut self.longs, part.longs);
            if self.arena.capacity() < part.arena.len() {
                self.arena = part.arena;
            } else {
                self.arena.push_str(&part.arena);
            }
            return;
        }
        let text = offset(self.arena.len());
        let figs = offset(self.figures.len());
        let bigs = self.bigs.len() as i64;
        let paths = offset(self.paths.len());
        let longs = offset(self.longs.len());
        self.arena.push_str(&part.arena);
        self.bigs.extend_from_slice(&part.bigs);
        self.paths.extend_from_slice(&part.paths);
        self.longs
            .extend(part.longs.iter().map(|s| s.shifted(text)));
        self.figures.extend(part.figures.iter().map(|f| {
            let len = u32::from(f.printed_len);
            Figure {
                printed_start: Short8::shifted(f.printed_start, len, text, longs),
                key: if f.flags & EXACT != 0 {
                    f.key
                } else {
                    f.key.saturating_add(bigs)
                },
                ..*f
            }
        }));
        self.hot.extend(part.hot.iter().map(|h| Hot {
            text_start: h.text_start.saturating_add(text),
            fig_start: h.fig_start.saturating_add(figs),
            ..*h
        }));
        self.items
            .extend(part.hot.iter().zip(&part.items).map(|(h, i)| {
                let mut loc = i.loc;
                let kind = h.kind();
                if matches!(kind, Kind::Section | Kind::Text) {
                    loc[0] = loc[0].saturating_add(paths);
                }
                if has_code(kind) && loc[2] != NO {
                    loc[2] = Short16::shifted(loc[2], u32::from(i.code_len), text, longs);
                }
                let context = u32::from(i.context_len);
                Item {
                    context_start: Short16::shifted(i.context_start, context, text, longs),
                    loc,
                    ..*i
                }
            }));
    }

    /// Bytes held by each part of the index (records, figures, texts, …),
    /// for measurements.
    pub fn memory(&self) -> Vec<(&'static str, usize)> {
        fn bytes<T>(v: &[T]) -> usize {
            std::mem::size_of_val(v)
        }
        vec![
            ("hot records", bytes(&self.hot)),
            ("item records", bytes(&self.items)),
            ("figures", bytes(&self.figures)),
            ("exact figures", bytes(&self.bigs)),
            ("section paths", bytes(&self.paths)),
            ("long spans", bytes(&self.longs)),
            ("texts", self.arena.len()),
        ]
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.hot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hot.is_empty()
    }

    /// Number of documents indexed (highest document index + 1).
    pub fn doc_count(&self) -> usize {
        self.summaries.len()
    }

    /// What the index keeps of document `doc` (title, department, year, …).
    pub fn summary(&self, doc: usize) -> Option<&Summary> {
        self.summaries.get(doc).and_then(Option::as_ref)
    }

    /// The text of a span of this index (empty for a span of another index).
    pub fn str(&self, span: super::index::Span) -> &str {
        self.arena.get(span.range()).unwrap_or("")
    }

    /// What a hit reads of item `id`.
    pub fn item(&self, id: usize) -> Option<&Item> {
        self.items.get(id)
    }

    /// What kind item `id` is.
    pub fn kind(&self, id: usize) -> Kind {
        self.hot.get(id).map_or(Kind::Amount, Hot::kind)
    }

    /// The document item `id` is in.
    pub fn doc(&self, id: usize) -> usize {
        let after = self.runs.partition_point(|r| r.start as usize <= id);
        after
            .checked_sub(1)
            .and_then(|i| self.runs.get(i))
            .map_or(0, |r| r.doc as usize)
    }

    /// The items of each document in item order: the range of item
    /// numbers and the document.
    pub(crate) fn doc_runs(&self) -> impl Iterator<Item = (std::ops::Range<usize>, u32)> + '_ {
        let ends = self
            .runs
            .iter()
            .skip(1)
            .map(|r| r.start as usize)
            .chain(std::iter::once(self.hot.len()));
        self.runs
            .iter()
            .zip(ends)
            .map(|(r, end)| (r.start as usize..end, r.doc))
    }

    /// The line of item `id`.
    pub fn line(&self, id: usize) -> LineNo {
        self.hot.get(id).map_or(0, |h| h.line)
    }

    /// Where item `id` is in its document.
    pub fn location(&self, id: usize) -> Location {
        let loc = self.items.get(id).map_or([NO; 3], |i| i.loc);
        unpack(self.kind(id), loc, &self.paths)
    }

    /// The table item `id` is in or belongs to.
    pub fn table(&self, id: usize) -> Option<usize> {
        self.items.get(id).and_then(|i| i.table(self.kind(id)))
    }

    /// Display text of item `id`.
    pub fn text(&self, id: usize) -> &str {
        self.hot.get(id).map_or("", |h| self.str(h.text()))
    }

    /// Search key of item `id`: its text folded ([`super::text::normalize`]).
    pub fn key(&self, id: usize) -> std::borrow::Cow<'_, str> {
        match self.hot.get(id) {
            Some(h) if h.folds() & super::index::OWN_KEY != 0 => self.str(h.text()).into(),
            Some(h) => super::text::normalize(self.str(h.text())).into(),
            None => "".into(),
        }
    }

    /// Where item `id` is (table and column, project and levels, sections).
    pub fn context(&self, id: usize) -> &str {
        self.items.get(id).map_or("", |i| {
            let len = u32::from(i.context_len);
            self.str(Short16::span(i.context_start, len, &self.longs))
        })
    }

    /// Classification or project code of item `id`.
    pub fn code(&self, id: usize) -> Option<&str> {
        let item = self.items.get(id)?;
        let start = item.code_start(self.kind(id))?;
        let len = u32::from(item.code_len);
        Some(self.str(Short16::span(start, len, &self.longs)))
    }

    /// The figures of item `id`.
    pub fn figures(&self, id: usize) -> &[Figure] {
        let Some(h) = self.hot.get(id) else {
            return &[];
        };
        let start = h.fig_start as usize;
        self.figures
            .get(start..start + usize::from(h.fig_len))
            .unwrap_or(&[])
    }

    /// A figure's value in 万元.
    pub fn wan(&self, figure: &Figure) -> Decimal {
        if figure.flags & EXACT != 0 {
            return figure.fixed_value().unwrap_or_default();
        }
        usize::try_from(figure.key)
            .ok()
            .and_then(|i| self.bigs.get(i))
            .map_or(Decimal::ZERO, |b| Decimal::deserialize(*b))
    }

    /// A figure as printed (`4,800`, `397.10`).
    pub fn printed(&self, figure: &Figure) -> &str {
        let len = u32::from(figure.printed_len);
        self.str(Short8::span(figure.printed_start, len, &self.longs))
    }

    /// A figure as the [`Amount`] it was made from.
    pub fn amount(&self, figure: &Figure) -> Amount {
        let wan = self.wan(figure);
        let unit = figure.unit();
        let value = match unit {
            Some(u) => Unit::Wan.convert(wan, u).unwrap_or(wan),
            None => wan,
        };
        Amount {
            value,
            unit,
            printed: self.printed(figure).to_string(),
        }
    }
}

/// `theirs` appended to the empty `mine`: moved when `mine` has no room
/// for it (growing would allocate anyway), else copied into that room.
fn move_or_copy<T: Copy>(mine: &mut Vec<T>, theirs: Vec<T>) {
    if mine.capacity() < theirs.len() {
        *mine = theirs;
    } else {
        mine.extend_from_slice(&theirs);
    }
}
