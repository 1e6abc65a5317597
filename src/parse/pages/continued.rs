//! Tables continued over pages joined into one: the table at the top of a page continues the
//! table at the bottom of the page before when no text stands between them, its caption is
//! absent or repeats the first page's, and its columns are the first page's (or, when the
//! title is repeated, as many). The repeated header goes, a row cut by the page break is put
//! back together ([`crate::parse::geometry::continuation`]).

use super::super::chars::compact;
use super::super::geometry::Table;
use super::super::geometry::continuation::{continuation, is_cut_row, join, on_columns};
use super::super::geometry::header::header_rows;
use super::items::{CaptionKind, PageTable, Piece};

/// The pieces with every continued table joined to the table it continues.
pub(super) fn join_pages(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let Piece::Table(next) = piece else {
            out.push(piece);
            continue;
        };
        let next = match out.last_mut() {
            Some(Piece::Table(prev)) => match append(prev, next) {
                Ok(()) => continue,
                Err(next) => next,
            },
            _ => next,
        };
        out.push(Piece::Table(next));
    }
    out
}

/// Append `next` to `prev` when it continues it; gives `next` back when it does not.
fn append(prev: &mut PageTable, next: Box<PageTable>) -> Result<(), Box<PageTable>> {
    let page = next.first_page();
    if !prev.notes.is_empty() || page != prev.last_page() + 1 || !same_caption(prev, &next) {
        return Err(next);
    }
    let repeated_title = prev.caption_text(CaptionKind::Title).is_some()
        && next.caption_text(CaptionKind::Title).is_some();
    let laid = continuation(&prev.table, &next.table)
        .or_else(|| {
            (next.caption.is_empty())
                .then(|| bare_rows(prev, &next))
                .flatten()
        })
        .or_else(|| {
            (repeated_title && next.table.cols == prev.table.cols)
                .then(|| by_index(&prev.table, &next.table))
        });
    let Some((laid, skip)) = laid else {
        return Err(next);
    };
    let cut = is_cut_row(&prev.table, &laid, skip);
    let before = prev.table.rows;
    prev.table = join(&prev.table, &laid, skip, cut);
    let added = prev.table.rows.saturating_sub(before);
    prev.row_pages.extend(std::iter::repeat_n(page, added));
    prev.notes.extend(next.notes);
    prev.pages += 1;
    Ok(())
}

/// The caption of `next` is absent or repeats `prev`'s: no other title, no other label.
fn same_caption(prev: &PageTable, next: &PageTable) -> bool {
    [CaptionKind::Title, CaptionKind::Label].iter().all(|&k| {
        match (prev.caption_text(k), next.caption_text(k)) {
            (_, None) => true,
            (Some(a), Some(b)) => compact(a) == compact(b),
            (None, Some(_)) => false,
        }
    })
}

/// `next`, printed with no caption on `prev`'s columns, whose first rows hold no figures
/// (so they look like a header to [`continuation`]) but repeat nothing of `prev`'s header:
/// body rows going on (`（十九）自然资源海洋气象等支出` with a blank amount).
fn bare_rows(prev: &PageTable, next: &PageTable) -> Option<(Table, usize)> {
    let laid = on_columns(&next.table, &prev.table)?;
    let header: Vec<Vec<String>> = (0..header_rows(&prev.table))
        .map(|r| prev.table.row_texts(r))
        .collect();
    let first = laid.row_texts(0);
    let repeats = header.contains(&first);
    (!repeats).then_some((laid, 0))
}

/// `next` taken column by column as `prev`'s (same count), and how many of its leading rows
/// repeat `prev`'s header.
fn by_index(prev: &Table, next: &Table) -> (Table, usize) {
    let mut laid = next.clone();
    laid.xs = prev.xs.clone();
    let header = header_rows(prev);
    let skip = (0..header.min(next.rows))
        .take_while(|&r| prev.row_texts(r) == next.row_texts(r))
        .count();
    (laid, skip)
}
