//! Search across all loaded documents: projects, table rows, indicators,
//! sections, amounts, table titles and the sentences of the prose.
//!
//! ```no_run
//! use budgettui::search::{Index, search};
//! let docs = budgettui::load::sample_documents();
//! let index = Index::build(&docs);
//! for hit in search(&index, "智慧社区", 20, None) {
//!     println!("{} {} {}", budgettui::search::doc_label(&docs[hit.doc]), hit.kind.as_str(), hit.text);
//! }
//! ```
//!
//! # Matching
//! The query is parsed by [`query::parse`] into words and an optional amount
//! filter. Every word must match the item's key (its display text normalized:
//! full-width folded, whitespace removed, brackets unified, ASCII lower-cased).
//! A word matches, best first:
//! 1. as an exact substring of the key (whole key > prefix > elsewhere);
//! 2. as pinyin read by consecutive characters, any reading of every
//!    character, each character giving its initial, a longer prefix, or its
//!    whole syllable (`zhsq`, `zhihuishequ`, `zhihuisq` → 智慧社区);
//! 3. fuzzily: `fuzzy-matcher`'s SkimMatcherV2 on the key, or pinyin with
//!    characters skipped (`zhsq` → 智慧平安社区建设费).
//!
//! Within a tier shorter keys rank first, then projects before tables,
//! rows, indicators, sections, sentences and amounts; exact ties keep
//! document order, then line, then index order. Sentences (`text` items)
//! match only as written: no pinyin or fuzzy match on running text.
//!
//! # Amounts
//! With an amount filter, projects, indicators and figure cells (`amount`
//! items) match when one of their figures passes it, and the words (if any)
//! must match too; rows and sections do not take part (each figure of a row
//! is its own `amount` item, which jumps to the exact cell), except that a
//! bare 3-, 5- or 7-digit number also finds the rows and projects with that
//! classification code. Without a filter, `amount` items do not take part
//! (their row does). An amount-only query ranks projects, then cells, then
//! indicators.
//!
//! A query of several words sums the words' scores (each word must match).
//!
//! # Cost
//! The index keeps every text in one arena and, per item, a packed record
//! (text span, the key's character mask, pinyin letter masks, figure range)
//! that the scan reads; figures are also kept as fixed-point integers so
//! amount filters compare integers. Each item is first checked against the
//! masks, so most items are rejected with a few word operations; the fuzzy
//! matcher only runs on items holding every character of the word in order.
//! Keys are not stored: a key is its text folded, read from the text as it
//! is compared (a word of CJK characters is looked for in the text itself;
//! a word with others needs the text's first such character before the
//! text is folded). Nothing is allocated per item. Matched positions are
//! computed for the returned hits only. A query over 100,000 items takes a
//! few milliseconds (see `benches/search.rs`), so it can run inline on every
//! keystroke; for larger indexes run it on a worker thread over an
//! `Arc<Index>` and set the `cancel` flag when the next keystroke arrives.
//!
//! [`Index::build`] reads documents in parallel; [`Index::push_document`] adds
//! one document without touching the others.

pub mod index;
mod items;
pub mod label;
pub mod output;
pub mod pinyin;
mod prose;
pub mod query;
pub mod raw;
pub mod store;
pub mod stream;
pub mod summary;
pub mod text;

use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use fuzzy_matcher::skim::SkimMatcherV2;

pub use index::{DocItems, Figure, Item, Kind, Location, Span};
pub use items::{document_items, into_items};
pub use label::{doc_label, short_department};
pub use query::{AmountFilter, Query, parse as parse_query};
pub use store::Index;
pub use summary::Summary;

use rust_decimal::Decimal;

use crate::model::{Amount, LineNo};
use index::Hot;
use pinyin::Advance;
use query::Term;

/// Tier bases of a word's score (see the module comment).
const EXACT: i64 = 3_000_000;
const PINYIN: i64 = 2_000_000;
const FUZZY: i64 = 1_000_000;
const WHOLE_BONUS: i64 = 100_000;
const PREFIX_BONUS: i64 = 50_000;
/// Score lost per key character (shorter names first).
const PER_CHAR: i64 = 10;
/// Scale and cap of the skim score inside the fuzzy tier.
const SKIM_SCALE: i64 = 100;
const SKIM_CAP: i64 = 800_000;
/// Items between two looks at the cancel flag.
const CANCEL_EVERY: usize = 2048;
/// Longer keys are not handed to the fuzzy matcher (cost bound).
const FUZZY_MAX_KEY: u32 = 512;

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the document (as given to [`Index::build`]).
    pub doc: usize,
    pub kind: Kind,
    /// Display text: project name, row label, indicator name, section
    /// title, or for an amount the label of its row.
    pub text: String,
    /// Character (not byte) indices into `text` of the matched characters,
    /// sorted; for pinyin matches, the CJK characters read.
    pub matched: Vec<usize>,
    /// The figure: the one that passed the amount filter, else the item's
    /// first (a project's amount, a row's first figure), as printed with its
    /// unit (`None` when the document states none: taken as 万元).
    pub amount: Option<Amount>,
    pub location: Location,
    pub line: LineNo,
    /// Higher is better; only comparable within one query.
    pub score: i64,
    /// Where: the table title (and column for an amount), the project and
    /// indicator levels, the parent sections.
    pub context: String,
    /// The table the hit is in or belongs to (index into `Document::tables`).
    pub table: Option<usize>,
}

impl Hit {
    /// The figure in 万元 (a figure with no unit stated is taken as 万元).
    pub fn wan(&self) -> Option<Decimal> {
        self.amount.as_ref().and_then(Amount::in_wan)
    }

    /// The figure exactly as printed.
    pub fn printed(&self) -> Option<&str> {
        self.amount.as_ref().map(|a| a.printed.as_str())
    }
}

/// Search `index` for what the person typed. Returns at most `limit` hits
/// (`0` = all), best first. Returns an empty list when `cancel` is set
/// while searching (checked every few thousand items). Never panics.
pub fn search(index: &Index, query: &str, limit: usize, cancel: Option<&AtomicBool>) -> Vec<Hit> {
    let q = query::parse(query);
    let hits = search_query(index, &q, limit, cancel);
    // What was typed may also be one phrase, numbers and signs included
    // (`350 兆 PDT`, `90 个`, `≥95%`, `智慧 社区`): items holding it as text
    // come first.
    let Some(phrase) = phrase_query(query, &q) else {
        return hits;
    };
    let phrase_hits = search_query(index, &phrase, limit, cancel);
    phrase_first(hits, phrase_hits, &phrase, limit)
}

/// The query `query` also read as one phrase, when that is another query
/// than `q` (see [`search`]).
fn phrase_query(query: &str, q: &Query) -> Option<Query> {
    let phrase = query::phrase(query);
    let amount_only = q.terms.is_empty();
    let same = q.filter.is_none() && q.terms == phrase.terms;
    (!(amount_only || same || phrase.terms.is_empty())).then_some(phrase)
}

/// The hits of a [`phrase_query`] that hold the phrase itself, then the
/// other `hits`, at most `limit` (0: all).
fn phrase_first(hits: Vec<Hit>, mut out: Vec<Hit>, phrase: &Query, limit: usize) -> Vec<Hit> {
    // only items holding the phrase itself, not a fuzzy match of it
    out.retain(|h| text::normalize(&h.text).contains(&phrase.terms[0].text));
    if out.is_empty() {
        return hits;
    }
    let key = |h: &Hit| {
        (
            h.doc,
            h.line,
            h.kind,
            h.text.clone(),
            h.amount.as_ref().map(|a| a.printed.clone()),
        )
    };
    let seen: std::collections::HashSet<_> = out.iter().map(key).collect();
    out.extend(hits.into_iter().filter(|h| !seen.contains(&key(h))));
    if limit > 0 {
        out.truncate(limit);
    }
    out
}

/// [`search`] with a query already parsed by [`parse_query`].
pub fn search_query(
    index: &Index,
    q: &Query,
    limit: usize,
    cancel: Option<&AtomicBool>,
) -> Vec<Hit> {
    ranked(index, q, limit, cancel)
        .into_iter()
        .map(|(_, hit)| hit)
        .collect()
}

/// [`search_query`]'s hits with their place in the result order.
fn ranked(
    index: &Index,
    q: &Query,
    limit: usize,
    cancel: Option<&AtomicBool>,
) -> Vec<(Candidate, Hit)> {
    if q.is_empty() || index.is_empty() {
        return Vec::new();
    }
    let m = Matcher::new(index, q);
    let mut cands: Vec<Candidate> = Vec::new();
    // the key of an item whose text is not its own key, folded here
    let mut key = String::new();
    for (items, doc) in index.doc_runs() {
        let Some(hots) = index.hot.get(items.clone()) else {
            continue;
        };
        for (chunk_no, chunk) in hots.chunks(CANCEL_EVERY).enumerate() {
            if cancel.is_some_and(|c| c.load(AtomicOrdering::Relaxed)) {
                return Vec::new();
            }
            let base = items.start + chunk_no * CANCEL_EVERY;
            for (i, hot) in chunk.iter().enumerate() {
                let id = base + i;
                if let Some(score) = m.score(id, hot, &mut key) {
                    cands.push(Candidate {
                        neg_score: -score,
                        doc,
                        line: hot.line,
                        id: u32::try_from(id).unwrap_or(u32::MAX),
                    });
                }
            }
        }
    }
    if limit > 0 && cands.len() > limit {
        cands.select_nth_unstable(limit - 1);
        cands.truncate(limit);
    }
    cands.sort_unstable();
    if cancel.is_some_and(|c| c.load(AtomicOrdering::Relaxed)) {
        return Vec::new();
    }
    cands
        .into_iter()
        .map(|c| (c, m.hit(c.id as usize, -c.neg_score)))
        .collect()
}

/// An item's search key as a query reads it: its text, folded
/// ([`text::normalize`]) only when a match needs the key as text.
struct Key<'a, 'b> {
    text: &'a str,
    /// [`index::OWN_KEY`], [`index::CHAR_FOR_CHAR`], [`index::READS_AS_KEY`].
    folds: u8,
    /// Characters of the key.
    chars: u32,
    /// [`text::mask_of`] of the key.
    mask: u64,
    /// Where the key is made.
    buf: &'b mut String,
    made: bool,
}

impl Key<'_, '_> {
    /// The key as text.
    fn str(&mut self) -> &str {
        if self.is_text() {
            return self.text;
        }
        if !self.made {
            self.buf.clear();
            self.buf
                .extend(self.text.chars().filter_map(text::fold_char));
            self.made = true;
        }
        self.buf
    }

    /// False when the key cannot hold the characters of `term`, even apart
    /// (a quick look at the text for [`Term::anchor`]).
    fn may_hold(&self, term: &Term) -> bool {
        self.is_text() || term.anchor.is_none_or(|a| self.text.contains(a))
    }

    /// The text is the key.
    fn is_text(&self) -> bool {
        self.folds & index::OWN_KEY != 0
    }

    /// Where `term` first is in the key (an offset, only compared with 0
    /// unless the key is the text: then the byte offset), and whether it is
    /// the whole key.
    fn find(&mut self, term: &Term) -> Option<(usize, bool)> {
        let whole = self.chars as usize == term.chars;
        if term.plain {
            // The key holds the term where the text does, give or take the
            // characters folding drops (whitespace) between its characters
            // (see `Term::plain`); the text starts with a character kept.
            let pos = if self.folds & index::CHAR_FOR_CHAR != 0 {
                self.text.find(&term.text)
            } else {
                text::find_dropping(self.text, &term.text)
            };
            return pos.map(|pos| (pos, whole));
        }
        if self.is_text() {
            return self.text.find(&term.text).map(|pos| (pos, whole));
        }
        text::find_folded(self.text, &term.text).map(|pos| (pos, whole))
    }
}

/// A matching item; the derived order is the result order: best score,
/// then document, line, index order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    neg_score: i64,
    doc: u32,
    line: LineNo,
    id: u32,
}

/// An amount filter on fixed-point keys (see [`index::to_fixed`]).
#[derive(Debug, Clone, Copy)]
enum Fixed {
    Eq(i64),
    Gt(i64),
    Ge(i64),
    Lt(i64),
    Le(i64),
    Between(i64, i64),
}

impl Fixed {
    fn new(f: &AmountFilter) -> Option<Fixed> {
        let to_fixed = |d| index::to_fixed(d).and_then(|k| i64::try_from(k).ok());
        Some(match *f {
            AmountFilter::Eq(v) => Fixed::Eq(to_fixed(v)?),
            AmountFilter::Gt(v) => Fixed::Gt(to_fixed(v)?),
            AmountFilter::Ge(v) => Fixed::Ge(to_fixed(v)?),
            AmountFilter::Lt(v) => Fixed::Lt(to_fixed(v)?),
            AmountFilter::Le(v) => Fixed::Le(to_fixed(v)?),
            AmountFilter::Between(a, b) => Fixed::Between(to_fixed(a)?, to_fixed(b)?),
        })
    }

    #[inline]
    fn matches(self, k: i64) -> bool {
        match self {
            Fixed::Eq(v) => k == v,
            Fixed::Gt(v) => k > v,
            Fixed::Ge(v) => k >= v,
            Fixed::Lt(v) => k < v,
            Fixed::Le(v) => k <= v,
            Fixed::Between(a, b) => a <= k && k <= b,
        }
    }
}

/// How one word matched one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Exact(usize),
    PinyinRun,
    PinyinGapped,
    Skim,
}

/// Per-query state: the parsed query, pinyin tables of its words, the fuzzy
/// matcher.
struct Matcher<'a> {
    index: &'a Index,
    q: &'a Query,
    fixed: Option<Fixed>,
    advance: Vec<Option<Advance>>,
    skim: SkimMatcherV2,
}

impl<'a> Matcher<'a> {
    fn new(index: &'a Index, q: &'a Query) -> Matcher<'a> {
        let advance = q
            .terms
            .iter()
            .map(|t| {
                t.pinyin
                    .then(|| Advance::new(&index.pinyin, t.text.as_bytes()))
                    .flatten()
            })
            .collect();
        Matcher {
            index,
            q,
            fixed: q.filter.as_ref().and_then(Fixed::new),
            advance,
            // Long inputs fall back to skim's linear simple match.
            skim: SkimMatcherV2::default()
                .ignore_case()
                .element_limit(64 * 1024),
        }
    }

    /// True when a figure of item `id` passes the amount filter.
    fn figure_passes(&self, id: usize, hot: &Hot, f: &AmountFilter) -> bool {
        let figures = self.index.figures(id);
        if let (Some(fx), true) = (self.fixed, hot.fixed()) {
            return figures.iter().any(|x| fx.matches(x.key));
        }
        figures.iter().any(|x| f.matches(self.index.wan(x)))
    }

    /// The score of item `id`, or `None` when it does not match; `buf`
    /// holds its key when its text is not its own key.
    fn score(&self, id: usize, hot: &Hot, buf: &mut String) -> Option<i64> {
        let mut total = 0i64;
        match &self.q.filter {
            Some(f) => {
                let kind = hot.kind();
                let by_code = matches!(kind, Kind::Row | Kind::Project)
                    && self.q.code.is_some()
                    && self.index.code(id) == self.q.code.as_deref();
                if by_code {
                    total += EXACT;
                } else if !(matches!(kind, Kind::Project | Kind::Indicator | Kind::Amount)
                    && hot.fig_len > 0
                    && self.figure_passes(id, hot, f))
                {
                    return None;
                }
                if self.q.terms.is_empty() {
                    total += FUZZY;
                }
                total += match kind {
                    Kind::Project => 7,
                    Kind::Amount => 6,
                    Kind::Indicator => 5,
                    Kind::Row => 4,
                    Kind::Table => 3,
                    Kind::Section => 2,
                    Kind::Text => 1,
                };
            }
            None => {
                let kind = hot.kind();
                if kind == Kind::Amount {
                    return None;
                }
                total += match kind {
                    Kind::Project => 7,
                    Kind::Table => 6,
                    Kind::Row => 5,
                    Kind::Indicator => 4,
                    Kind::Section => 3,
                    Kind::Text => 2,
                    Kind::Amount => 1,
                };
            }
        }
        if self.q.terms.is_empty() {
            return Some(total);
        }
        // Running text matches only as written.
        let exact_only = hot.kind() == Kind::Text;
        // Cheap rejections before touching the item.
        for (t, term) in self.q.terms.iter().enumerate() {
            let chars_present = term.mask & !hot.mask == 0;
            let pinyin_possible = self
                .advance
                .get(t)
                .and_then(Option::as_ref)
                .is_some_and(|a| {
                    hot.py_letters & a.letters == a.letters && hot.py_initials & a.first != 0
                });
            if !chars_present && (exact_only || !pinyin_possible) {
                return None;
            }
        }
        let mut key = Key {
            text: self.index.str(hot.text()),
            folds: hot.folds(),
            chars: hot.key_chars(),
            mask: hot.mask,
            buf,
            made: false,
        };
        for (t, term) in self.q.terms.iter().enumerate() {
            let (s, _) = self.term(&mut key, t, term, exact_only)?;
            total += s;
        }
        Some(total)
    }

    /// Score of one word on one key, and how it matched; only an exact
    /// match when `exact_only`.
    fn term(&self, key: &mut Key, t: usize, term: &Term, exact_only: bool) -> Option<(i64, How)> {
        let penalty = i64::from(key.chars.min(5_000)) * PER_CHAR;
        let chars_present = term.mask & !key.mask == 0 && key.may_hold(term);
        if chars_present && let Some((pos, whole)) = key.find(term) {
            let bonus = if whole {
                WHOLE_BONUS
            } else if pos == 0 {
                PREFIX_BONUS
            } else {
                0
            };
            return Some((EXACT + bonus - penalty, How::Exact(pos)));
        }
        if exact_only {
            return None;
        }
        let mut best: Option<(i64, How)> = None;
        if let Some(adv) = self.advance.get(t).and_then(Option::as_ref)
            // (each way of reading the key's characters with code of its own)
            && let Some(pm) = if key.folds & index::READS_AS_KEY != 0 {
                adv.matches(&self.index.pinyin, key.text.chars())
            } else {
                adv.matches(&self.index.pinyin, text::Folded::new(key.text))
            }
        {
            if pm.contiguous {
                let bonus = if pm.whole {
                    WHOLE_BONUS
                } else if pm.prefix {
                    PREFIX_BONUS
                } else {
                    0
                };
                return Some((PINYIN + bonus - penalty, How::PinyinRun));
            }
            best = Some((FUZZY - penalty, How::PinyinGapped));
        }
        if chars_present
            && term.chars <= key.chars as usize
            && key.chars <= FUZZY_MAX_KEY
            && if key.is_text() {
                text::is_subsequence(&term.text, key.text.chars())
            } else {
                text::is_subsequence(&term.text, text::Folded::new(key.text))
            }
            && let Some(s) = self.skim_score(key.str(), &term.text)
        {
            let s = FUZZY + s.saturating_mul(SKIM_SCALE).clamp(0, SKIM_CAP) - penalty;
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, How::Skim));
            }
        }
        best
    }

    fn skim_score(&self, key: &str, pattern: &str) -> Option<i64> {
        use fuzzy_matcher::FuzzyMatcher;
        self.skim.fuzzy_match(key, pattern)
    }

    /// Build the hit of a matching item, with its matched positions.
    fn hit(&self, id: usize, score: i64) -> Hit {
        let index = self.index;
        let key = index.key(id);
        let key = key.as_ref();
        let mut buf = String::new();
        let mut folded = Key {
            text: key,
            folds: index::OWN_KEY | index::CHAR_FOR_CHAR | index::READS_AS_KEY,
            chars: index.hot.get(id).map_or(0, Hot::key_chars),
            mask: text::mask_of(key),
            buf: &mut buf,
            made: false,
        };
        let mut key_idx: Vec<usize> = Vec::new();
        for (t, term) in self.q.terms.iter().enumerate() {
            let Some((_, how)) = self.term(&mut folded, t, term, false) else {
                continue;
            };
            match how {
                How::Exact(pos) => {
                    let start = key.get(..pos).map_or(0, |s| s.chars().count());
                    key_idx.extend(start..start + term.chars);
                }
                How::PinyinRun | How::PinyinGapped => {
                    if let Some(adv) = self.advance.get(t).and_then(Option::as_ref) {
                        key_idx.extend(adv.indices(&index.pinyin, key));
                    }
                }
                How::Skim => {
                    use fuzzy_matcher::FuzzyMatcher;
                    if let Some((_, idx)) = self.skim.fuzzy_indices(key, &term.text) {
                        key_idx.extend(idx);
                    }
                }
            }
        }
        key_idx.sort_unstable();
        key_idx.dedup();
        let text = index.text(id);
        let matched = text::key_to_display(text, &key_idx);
        let figures = index.figures(id);
        let figure = match &self.q.filter {
            Some(f) => figures
                .iter()
                .find(|x| f.matches(index.wan(x)))
                .or(figures.first()),
            None => figures.first(),
        };
        Hit {
            doc: index.doc(id),
            kind: index.kind(id),
            text: text.to_string(),
            matched,
            amount: figure.map(|f| index.amount(f)),
            location: index.location(id),
            line: index.line(id),
            score,
            context: index.context(id).to_string(),
            table: index.table(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Project, Unit};
    use std::str::FromStr;

    fn doc_with(names: &[(&str, &str)]) -> Document {
        Document {
            projects: names
                .iter()
                .enumerate()
                .map(|(i, (n, a))| Project {
                    name: n.to_string(),
                    amount: Decimal::from_str(a).ok().map(|value| Amount {
                        value,
                        unit: Some(Unit::Wan),
                        printed: a.to_string(),
                    }),
                    line: u32::try_from(i + 1).unwrap_or(0),
                    ..Project::default()
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn tiers() {
        let docs = vec![doc_with(&[
            ("智慧平安社区建设费", "924"),
            ("社区智慧", "1"),
            ("智慧社区", "397.10"),
            ("智慧社区建设经费", "300.00"),
        ])];
        let index = Index::build(&docs);
        let hits = search(&index, "智慧社区", 10, None);
        let names: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            names,
            vec!["智慧社区", "智慧社区建设经费", "智慧平安社区建设费"]
        );
        assert_eq!(hits[2].matched, vec![0, 1, 4, 5]);
        let hits = search(&index, "zhsq", 10, None);
        let names: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            names,
            vec!["智慧社区", "智慧社区建设经费", "智慧平安社区建设费"]
        );
        assert_eq!(hits[0].matched, vec![0, 1, 2, 3]);
    }

    #[test]
    fn amounts_and_words() {
        let docs = vec![doc_with(&[("智慧社区", "397.10"), ("其他", "397.1")])];
        let index = Index::build(&docs);
        assert_eq!(search(&index, "397.1", 10, None).len(), 2);
        let hits = search(&index, "智慧 397.1", 10, None);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].printed(), Some("397.10"));
        assert!(search(&index, "智慧 300", 10, None).is_empty());
    }

    #[test]
    fn keys_read_from_the_text_score_as_the_keys_made() {
        let mut docs = crate::load::sample_documents();
        docs.push(doc_with(&[
            ("智慧 社区（二期）", "1"),
            ("ＡＢＣ 智慧", "2"),
            ("Zhi Hui 社 区建设", "3"),
            ("智慧社区：≥95%", "4"),
            ("［二期］ 公用 经费", "5"),
        ]));
        let index = Index::build(&docs);
        let mut buf = String::new();
        for query in [
            "智慧",
            "社区",
            "（二期）",
            "zhsq",
            "abc",
            "zhihui",
            "二期",
            "公用 经费",
            "a",
            "95%",
            "zh",
            "智社",
        ] {
            let q = query::parse(query);
            let m = Matcher::new(&index, &q);
            for (id, hot) in index.hot.iter().enumerate() {
                let key = index.key(id);
                let text = index.text(id);
                assert_eq!(key, text::normalize(text));
                assert_eq!(hot.folds() & index::OWN_KEY != 0, key == text, "{text}");
                let dropped = text.chars().any(|c| text::fold_char(c).is_none());
                assert_eq!(hot.folds() & index::CHAR_FOR_CHAR == 0, dropped, "{text}");
                assert_eq!(hot.key_chars() as usize, key.chars().count(), "{text}");
                for (t, term) in q.terms.iter().enumerate() {
                    let mut read = Key {
                        text,
                        folds: hot.folds(),
                        chars: hot.key_chars(),
                        mask: hot.mask,
                        buf: &mut buf,
                        made: false,
                    };
                    let scored = m.term(&mut read, t, term, false);
                    let mut whole = String::new();
                    let mut made = Key {
                        text: &key,
                        folds: index::OWN_KEY | index::CHAR_FOR_CHAR | index::READS_AS_KEY,
                        chars: hot.key_chars(),
                        mask: text::mask_of(&key),
                        buf: &mut whole,
                        made: false,
                    };
                    let expected = m.term(&mut made, t, term, false);
                    let kind = |x: Option<(i64, How)>| {
                        x.map(|(s, h)| (s, matches!(h, How::Exact(_)), h == How::Skim))
                    };
                    assert_eq!(kind(scored), kind(expected), "{query} in {text}");
                }
            }
        }
    }

    #[test]
    fn index_and_hits_cross_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Index>();
        shared::<Hit>();
    }

    #[test]
    fn cancel_and_limits() {
        let docs = vec![doc_with(&[("a", "1"), ("ab", "2"), ("abc", "3")])];
        let index = Index::build(&docs);
        let stop = AtomicBool::new(true);
        assert!(search(&index, "a", 10, Some(&stop)).is_empty());
        assert_eq!(search(&index, "a", 2, None).len(), 2);
        assert_eq!(search(&index, "a", 0, None).len(), 3);
        assert!(search(&Index::new(), "a", 0, None).is_empty());
    }
}
