//! The document list pane: its order, selection and scroll.

use std::cmp::Ordering;

use super::super::base::sort::SortMode;
use super::docs::{DocEntry, DocState, Ready};

/// The document list: which documents in which order, which one is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPane {
    /// Indices into the documents, in list order.
    pub order: Vec<usize>,
    pub sort: SortMode,
    /// Selected position in `order`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The user moved in the list: keep their selection while documents arrive.
    pub touched: bool,
}

impl ListPane {
    /// Index into the documents of the selected one.
    pub fn selected_doc(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    /// Recompute the order, keeping the selected document selected.
    pub fn resort(&mut self, docs: &[DocEntry]) {
        let keep = self.selected_doc();
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let sort = self.sort;
        order.sort_by(|&a, &b| compare(sort, &docs[a], &docs[b]).then(a.cmp(&b)));
        self.order = order;
        if let Some(k) = keep
            && let Some(pos) = self.order.iter().position(|&i| i == k)
        {
            self.selected = pos;
        }
        if self.selected >= self.order.len() {
            self.selected = self.order.len().saturating_sub(1);
        }
    }
}

fn compare(sort: SortMode, a: &DocEntry, b: &DocEntry) -> Ordering {
    // Loaded documents first, then failures, then those still loading.
    let rank = |d: &DocEntry| match d.state {
        DocState::Ready(_) => 0,
        DocState::Failed(_) => 1,
        DocState::Loading => 2,
    };
    let by_rank = rank(a).cmp(&rank(b));
    if by_rank != Ordering::Equal && sort != SortMode::Path {
        return by_rank;
    }
    let path = || a.path.cmp(&b.path);
    let (Some(ra), Some(rb)) = (a.ready(), b.ready()) else {
        return path();
    };
    compare_ready(sort, ra, rb).then_with(path)
}

/// What "by warnings" orders by, most first: the checks' errors, then
/// warnings (the parser's and the checks' 存疑), then rounding differences.
fn problems(r: &Ready) -> (usize, usize, usize) {
    let (errors, rounding, warnings) = r.checks.counts;
    (errors, r.doc.warnings.len() + warnings, rounding)
}

fn compare_ready(sort: SortMode, ra: &Ready, rb: &Ready) -> Ordering {
    let dept = || ra.sort_key.cmp(&rb.sort_key);
    let year = || ra.doc.year.cmp(&rb.doc.year);
    let total = |r: &Ready| r.doc.total.as_ref().and_then(|t| t.amount.in_wan());
    match sort {
        SortMode::Department => dept()
            .then_with(year)
            .then_with(|| ra.doc.kind.as_str().cmp(rb.doc.kind.as_str())),
        SortMode::Year => rb.doc.year.cmp(&ra.doc.year).then_with(dept),
        SortMode::Total => total(rb).cmp(&total(ra)).then_with(dept).then_with(year),
        SortMode::Warnings => problems(rb).cmp(&problems(ra)).then_with(dept),
        SortMode::Path => Ordering::Equal,
    }
}
