//! Search without an index of the whole corpus (headless `search`): the
//! documents' items are indexed a group at a time, searched and dropped, and
//! only the best hits stay. Memory holds one group and the hits, not
//! gigabytes of items. The hits are those [`super::search`] gives over one
//! index of all the documents, in the same order.
//!
//! This works because a hit's score depends on its item and the query
//! alone, and the result order (score, then document, line, item) compares
//! items of one document only by their order in it, which a group keeps.

use super::index::DocItems;
use super::query::{self, Query};
use super::{Candidate, Hit, Index, phrase_first, phrase_query, ranked};

/// A hit's place in the result order: its candidate, with the document
/// numbered as the caller numbers it (the item number is the group's, which
/// orders a document's items as the whole index would).
type Rank = (i64, usize, crate::model::LineNo, u32);

/// A search run over groups of documents' items, in any order.
pub struct Streamed {
    query: Query,
    /// The query as one phrase, when that is another query (see [`super::search`]).
    phrase: Option<Query>,
    limit: usize,
    hits: Vec<(Rank, Hit)>,
    phrase_hits: Vec<(Rank, Hit)>,
    /// The summaries of the documents seen (path, department, year, table
    /// titles: what the output shows of a hit's document).
    summaries: Index,
    /// The index of the group being searched, reused ([`Index::clear`]).
    group: Index,
}

impl Streamed {
    /// A search for `query` keeping at most `limit` hits (0: all).
    pub fn new(query: &str, limit: usize) -> Streamed {
        let q = query::parse(query);
        let phrase = phrase_query(query, &q);
        Streamed {
            query: q,
            phrase,
            limit,
            hits: Vec::new(),
            phrase_hits: Vec::new(),
            summaries: Index::new(),
            group: Index::new(),
        }
    }

    /// Search the items of a group of documents, each with its number.
    pub fn add(&mut self, docs: Vec<(usize, DocItems)>) {
        let mut group = std::mem::take(&mut self.group);
        group.clear();
        let mut numbers = Vec::with_capacity(docs.len());
        for (k, (doc, items)) in docs.into_iter().enumerate() {
            let summary = DocItems {
                summary: items.summary.clone(),
                ..DocItems::default()
            };
            self.summaries.append(doc, summary);
            group.append(k, items);
            numbers.push(doc);
        }
        let ranked_in = |q: &Query| {
            ranked(&group, q, self.limit, None)
                .into_iter()
                .map(|(c, mut hit): (Candidate, Hit)| {
                    hit.doc = numbers.get(hit.doc).copied().unwrap_or(hit.doc);
                    ((c.neg_score, hit.doc, c.line, c.id), hit)
                })
                .collect::<Vec<_>>()
        };
        let hits = ranked_in(&self.query);
        let phrase_hits = self.phrase.as_ref().map(ranked_in).unwrap_or_default();
        self.hits.extend(hits);
        self.phrase_hits.extend(phrase_hits);
        keep_best(&mut self.hits, self.limit);
        keep_best(&mut self.phrase_hits, self.limit);
        self.group = group;
    }

    /// The hits in result order, and the summaries of the documents seen
    /// (for [`super::output`]).
    pub fn finish(mut self) -> (Index, Vec<Hit>) {
        let hits = in_order(std::mem::take(&mut self.hits), self.limit);
        let hits = match &self.phrase {
            Some(phrase) => {
                let phrase_hits = in_order(std::mem::take(&mut self.phrase_hits), self.limit);
                phrase_first(hits, phrase_hits, phrase, self.limit)
            }
            None => hits,
        };
        (self.summaries, hits)
    }
}

/// Drop all but the `limit` best (0: keep all), once there are twice as many.
fn keep_best(hits: &mut Vec<(Rank, Hit)>, limit: usize) {
    if limit > 0 && hits.len() >= 2 * limit {
        hits.select_nth_unstable_by_key(limit - 1, |(rank, _)| *rank);
        hits.truncate(limit);
    }
}

/// The best `limit` hits (0: all) in result order.
fn in_order(mut hits: Vec<(Rank, Hit)>, limit: usize) -> Vec<Hit> {
    hits.sort_unstable_by_key(|(rank, _)| *rank);
    if limit > 0 {
        hits.truncate(limit);
    }
    hits.into_iter().map(|(_, hit)| hit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{document_items, search};

    /// The samples searched a group of `size` documents at a time give what
    /// one index of them all gives.
    fn same_as_one_index(size: usize) {
        let docs = crate::load::sample_documents();
        let index = Index::build(&docs);
        let queries = [
            "智慧社区",
            "智慧",
            "zhsq",
            "公用经费",
            ">=1000",
            "2040201",
            "397.1",
            "行政运行 100..500",
            "智慧 社区",
            "≥95%",
            "人员",
            "（二期）",
            "三公经费",
            "gongyong",
        ];
        for query in queries {
            for limit in [0, 7] {
                let mut s = Streamed::new(query, limit);
                let items: Vec<(usize, DocItems)> =
                    docs.iter().map(document_items).enumerate().collect();
                // in reverse, to show the order the groups come in does not matter
                for group in items.rchunks(size) {
                    s.add(group.to_vec());
                }
                let (summaries, hits) = s.finish();
                let expected = search(&index, query, limit, None);
                assert_eq!(hits, expected, "{query} limit {limit} groups of {size}");
                for h in &hits {
                    assert_eq!(summaries.summary(h.doc), index.summary(h.doc), "{query}");
                }
            }
        }
    }

    #[test]
    fn groups_find_what_one_index_finds() {
        same_as_one_index(1);
        same_as_one_index(3);
    }
}
