//! Search across all loaded documents: projects, table rows, indicators,
//! sections, amounts.
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
//! Within a tier shorter keys rank first, then projects before rows,
//! indicators, sections and amounts; exact ties keep document order, then
//! line, then index order.
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
//! # Cost
//! Each item is first checked against a 64-bit character mask and letter
//! masks, so most items are rejected with a few word operations; the fuzzy
//! matcher only runs on items holding every character of the word. Nothing
//! is allocated per item. Matched positions are computed for the returned
//! hits only.

pub mod index;
pub mod label;
pub mod pinyin;
pub mod query;
pub mod text;

use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use fuzzy_matcher::skim::SkimMatcherV2;
use rust_decimal::Decimal;

pub use index::{Figure, Index, Item, Kind, Location};
pub use label::{doc_label, short_department};
pub use query::{AmountFilter, Query, parse as parse_query};

use crate::model::LineNo;
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
    /// The figure in 万元: the one that passed the amount filter, else the
    /// item's first (a project's amount, a row's first figure).
    pub amount: Option<Decimal>,
    /// That figure exactly as printed (`397.10`, `4,800`).
    pub printed: Option<String>,
    /// The unit `printed` is in (`万元`, `元`); `None` when the document
    /// states none.
    pub unit: Option<String>,
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

/// Search `index` for what the person typed. Returns at most `limit` hits
/// (`0` = all), best first. Returns an empty list when `cancel` is set
/// while searching (checked every few thousand items). Never panics.
pub fn search(index: &Index, query: &str, limit: usize, cancel: Option<&AtomicBool>) -> Vec<Hit> {
    search_query(index, &query::parse(query), limit, cancel)
}

/// [`search`] with a query already parsed by [`parse_query`].
pub fn search_query(
    index: &Index,
    q: &Query,
    limit: usize,
    cancel: Option<&AtomicBool>,
) -> Vec<Hit> {
    if q.is_empty() || index.is_empty() {
        return Vec::new();
    }
    let m = Matcher::new(index, q);
    let mut cands: Vec<(i64, u32)> = Vec::new();
    for (chunk_no, chunk) in index.items.chunks(CANCEL_EVERY).enumerate() {
        if cancel.is_some_and(|c| c.load(AtomicOrdering::Relaxed)) {
            return Vec::new();
        }
        let base = chunk_no * CANCEL_EVERY;
        for (i, item) in chunk.iter().enumerate() {
            if let Some(score) = m.score(item) {
                let id = u32::try_from(base + i).unwrap_or(u32::MAX);
                cands.push((score, id));
            }
        }
    }
    let order = |a: &(i64, u32), b: &(i64, u32)| -> Ordering {
        b.0.cmp(&a.0).then_with(|| {
            let (ia, ib) = (index.items.get(a.1 as usize), index.items.get(b.1 as usize));
            let ka = ia.map(|x| (x.doc, x.line));
            let kb = ib.map(|x| (x.doc, x.line));
            ka.cmp(&kb).then(a.1.cmp(&b.1))
        })
    };
    if limit > 0 && cands.len() > limit {
        cands.select_nth_unstable_by(limit - 1, order);
        cands.truncate(limit);
    }
    cands.sort_unstable_by(order);
    if cancel.is_some_and(|c| c.load(AtomicOrdering::Relaxed)) {
        return Vec::new();
    }
    cands
        .into_iter()
        .filter_map(|(score, id)| {
            let item = index.items.get(id as usize)?;
            Some(m.hit(item, score))
        })
        .collect()
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
            advance,
            // Long inputs fall back to skim's linear simple match.
            skim: SkimMatcherV2::default().ignore_case().element_limit(64 * 1024),
        }
    }

    /// The item's score, or `None` when it does not match.
    fn score(&self, item: &Item) -> Option<i64> {
        let mut total = 0i64;
        match &self.q.filter {
            Some(f) => {
                let by_code = matches!(item.kind, Kind::Row | Kind::Project)
                    && self.q.code.is_some()
                    && item.code == self.q.code;
                let by_figure = matches!(item.kind, Kind::Project | Kind::Indicator | Kind::Amount)
                    && item.figures.iter().any(|x| f.matches(x.amount));
                if by_code {
                    total += EXACT;
                } else if !by_figure {
                    return None;
                }
                if self.q.terms.is_empty() {
                    total += FUZZY;
                }
                total += match item.kind {
                    Kind::Project => 5,
                    Kind::Amount => 4,
                    Kind::Indicator => 3,
                    Kind::Row => 2,
                    Kind::Section => 1,
                };
            }
            None => {
                if item.kind == Kind::Amount {
                    return None;
                }
                total += match item.kind {
                    Kind::Project => 5,
                    Kind::Row => 4,
                    Kind::Indicator => 3,
                    Kind::Section => 2,
                    Kind::Amount => 1,
                };
            }
        }
        for (t, term) in self.q.terms.iter().enumerate() {
            let (s, _) = self.term(item, t, term)?;
            total += s;
        }
        Some(total)
    }

    /// Score of one word on one item, and how it matched.
    fn term(&self, item: &Item, t: usize, term: &Term) -> Option<(i64, How)> {
        let penalty = i64::from(item.key_chars.min(5_000)) * PER_CHAR;
        let chars_present = term.mask & !item.mask == 0;
        if chars_present {
            if let Some(pos) = item.key.find(&term.text) {
                let whole = item.key.len() == term.text.len();
                let bonus = if whole {
                    WHOLE_BONUS
                } else if pos == 0 {
                    PREFIX_BONUS
                } else {
                    0
                };
                return Some((EXACT + bonus - penalty, How::Exact(pos)));
            }
        }
        let mut best: Option<(i64, How)> = None;
        if let Some(adv) = self.advance.get(t).and_then(Option::as_ref) {
            if item.py_letters & adv.letters == adv.letters && item.py_initials & adv.first != 0 {
                if let Some(pm) = adv.matches(&self.index.pinyin, &item.key) {
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
            }
        }
        if chars_present
            && term.chars <= item.key_chars as usize
            && item.key_chars <= FUZZY_MAX_KEY
        {
            if let Some(s) = self.skim_score(&item.key, &term.text) {
                let s = FUZZY + (s * SKIM_SCALE).clamp(0, SKIM_CAP) - penalty;
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, How::Skim));
                }
            }
        }
        best
    }

    fn skim_score(&self, key: &str, pattern: &str) -> Option<i64> {
        use fuzzy_matcher::FuzzyMatcher;
        self.skim.fuzzy_match(key, pattern)
    }

    /// Build the hit of a matching item, with its matched positions.
    fn hit(&self, item: &Item, score: i64) -> Hit {
        let mut key_idx: Vec<usize> = Vec::new();
        for (t, term) in self.q.terms.iter().enumerate() {
            let Some((_, how)) = self.term(item, t, term) else {
                continue;
            };
            match how {
                How::Exact(pos) => {
                    let start = item.key.get(..pos).map_or(0, |s| s.chars().count());
                    key_idx.extend(start..start + term.chars);
                }
                How::PinyinRun | How::PinyinGapped => {
                    if let Some(adv) = self.advance.get(t).and_then(Option::as_ref) {
                        key_idx.extend(adv.indices(&self.index.pinyin, &item.key));
                    }
                }
                How::Skim => {
                    use fuzzy_matcher::FuzzyMatcher;
                    if let Some((_, idx)) = self.skim.fuzzy_indices(&item.key, &term.text) {
                        key_idx.extend(idx);
                    }
                }
            }
        }
        key_idx.sort_unstable();
        key_idx.dedup();
        let matched = text::key_to_display(&item.text, &key_idx);
        let figure = match &self.q.filter {
            Some(f) => item
                .figures
                .iter()
                .find(|x| f.matches(x.amount))
                .or(item.figures.first()),
            None => item.figures.first(),
        };
        Hit {
            doc: item.doc,
            kind: item.kind,
            text: item.text.clone(),
            matched,
            amount: figure.map(|f| f.amount),
            printed: figure.map(|f| f.printed.clone()),
            unit: figure.and_then(|f| f.unit.map(str::to_string)),
            location: item.location.clone(),
            line: item.line,
            score,
            context: item.context.clone(),
            table: item.table,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Project};
    use std::str::FromStr;

    fn doc_with(names: &[(&str, &str)]) -> Document {
        Document {
            projects: names
                .iter()
                .enumerate()
                .map(|(i, (n, a))| Project {
                    name: n.to_string(),
                    amount: Decimal::from_str(a).ok(),
                    amount_printed: Some(a.to_string()),
                    amount_unit: Some("万元".into()),
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
        assert_eq!(names, vec!["智慧社区", "智慧社区建设经费", "智慧平安社区建设费"]);
        assert_eq!(hits[2].matched, vec![0, 1, 4, 5]);
        let hits = search(&index, "zhsq", 10, None);
        let names: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(names, vec!["智慧社区", "智慧社区建设经费", "智慧平安社区建设费"]);
        assert_eq!(hits[0].matched, vec![0, 1, 2, 3]);
    }

    #[test]
    fn amounts_and_words() {
        let docs = vec![doc_with(&[("智慧社区", "397.10"), ("其他", "397.1")])];
        let index = Index::build(&docs);
        assert_eq!(search(&index, "397.1", 10, None).len(), 2);
        let hits = search(&index, "智慧 397.1", 10, None);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].printed.as_deref(), Some("397.10"));
        assert!(search(&index, "智慧 300", 10, None).is_empty());
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
