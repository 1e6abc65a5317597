//! Text lines joined into paragraphs where they wrap: a line that runs to the right margin
//! goes on with the next line when that one starts at the left margin (not indented, not a
//! new numbered item) in the same size, on the same page or at the top of the next. Titles
//! set large and centred over two or three lines (`2026年` / `广州市信访局部门预算`) are
//! joined too.
//!
//! Words: margin = where the body text's lines start and end on pages of one width.

use std::collections::HashMap;

use super::super::geometry::lines::push_joined;
use super::super::line_kinds::ends_sentence;
use super::super::numbering::{Style, numbering};
use crate::model::PageNo;

use super::items::{PART, PageLine, Paragraph, Piece, is_centred, is_display};

/// The body text's margins on pages of one width (points).
#[derive(Debug, Clone, Copy)]
struct Margins {
    left: f32,
    right: f32,
}

/// Lines of at least this many characters decide the margins.
const MARGIN_LINE: usize = 10;

/// Every text line joined into paragraphs; other pieces stay as they are.
pub(super) fn join_lines(pieces: Vec<Piece>, body: f32) -> Vec<Piece> {
    let margins = margins(&pieces);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    // The last line of the paragraph being built.
    let mut last: Option<PageLine> = None;
    for piece in pieces {
        let Piece::Line(line) = piece else {
            last = None;
            out.push(piece);
            continue;
        };
        let text = line.text();
        if let (Some(prev), Some(Piece::Paragraph(para))) = (&last, out.last_mut())
            && (wraps(prev, &line, &margins) || title_goes_on(prev, &line, body))
        {
            push_joined(&mut para.text, text.trim(), ' ');
            para.bold &= line.line.bold;
            last = Some(line);
            continue;
        }
        let first_on_page = last.as_ref().is_none_or(|l| l.page != line.page)
            && !matches!(out.last(), Some(p) if piece_page(p) == Some(line.page));
        out.push(Piece::Paragraph(Paragraph {
            page: line.page,
            text: text.trim().to_string(),
            size: line.line.size,
            bold: line.line.bold,
            opens_page: first_on_page
                && line.line.size >= body * PART
                && is_centred(&line.line, line.page_width, 0.24 * line.page_width),
        }));
        last = Some(line);
    }
    out
}

/// The page a piece ends on.
fn piece_page(p: &Piece) -> Option<PageNo> {
    match p {
        Piece::Line(l) => Some(l.page),
        Piece::Paragraph(p) => Some(p.page),
        Piece::Contents { entries, title } => Some(entries.last().map_or(title.page, |e| e.page)),
        Piece::Table(t) => Some(t.last_page()),
    }
}

/// Where the body text's lines start and end: per page when it has enough long lines (the
/// lower quartile of their left edges, the upper quartile of their right edges), else per
/// page width over the whole document.
struct MarginMap {
    pages: HashMap<PageNo, Margins>,
    widths: HashMap<u32, Margins>,
}

impl MarginMap {
    fn get(&self, l: &PageLine) -> Option<&Margins> {
        self.pages
            .get(&l.page)
            .or_else(|| self.widths.get(&width_key(l)))
    }
}

fn width_key(l: &PageLine) -> u32 {
    l.page_width.round().max(0.0) as u32
}

/// Long lines on a page give it margins of its own.
const PAGE_LINES: usize = 4;

fn margins(pieces: &[Piece]) -> MarginMap {
    let mut pages: HashMap<PageNo, (Vec<f32>, Vec<f32>)> = HashMap::new();
    let mut widths: HashMap<u32, (Vec<f32>, Vec<f32>)> = HashMap::new();
    for piece in pieces {
        if let Piece::Line(l) = piece
            && l.text().chars().count() >= MARGIN_LINE
        {
            for e in [
                pages.entry(l.page).or_default(),
                widths.entry(width_key(l)).or_default(),
            ] {
                e.0.push(l.line.rect.x0);
                e.1.push(l.line.rect.x1);
            }
        }
    }
    let quartiles = |(mut lefts, mut rights): (Vec<f32>, Vec<f32>)| {
        lefts.sort_by(f32::total_cmp);
        rights.sort_by(f32::total_cmp);
        Margins {
            left: lefts[lefts.len() / 4],
            right: rights[(rights.len() * 3 / 4).min(rights.len() - 1)],
        }
    };
    MarginMap {
        pages: pages
            .into_iter()
            .filter(|(_, e)| e.0.len() >= PAGE_LINES)
            .map(|(k, e)| (k, quartiles(e)))
            .collect(),
        widths: widths.into_iter().map(|(k, e)| (k, quartiles(e))).collect(),
    }
}

/// Whether `next` continues the paragraph whose last line is `prev`: `prev` runs to the
/// right margin, `next` starts at the left margin in the same size, close below (or at the
/// top of the next page), and does not start a numbered item.
fn wraps(prev: &PageLine, next: &PageLine, margins: &MarginMap) -> bool {
    let (a, b) = (&prev.line, &next.line);
    let size = a.size.max(1.0);
    let (Some(m), Some(n)) = (margins.get(prev), margins.get(next)) else {
        return false;
    };
    let same_size = (a.size - b.size).abs() <= 0.1 * size;
    let full = a.rect.x1 >= m.right - 1.2 * size;
    let at_left = b.rect.x0 <= n.left + 0.6 * size;
    let close = if prev.page == next.page {
        let gap = b.rect.y0 - a.rect.y1;
        (-0.2 * size..=1.5 * size).contains(&gap)
    } else {
        next.page == prev.page + 1 && width_key(prev) == width_key(next)
    };
    same_size && full && at_left && close && !starts_item(&next.text())
}

/// A numbered item starts here (`二、`, `（三）`, `4.`), not a figure (`1.5万元`).
fn starts_item(text: &str) -> bool {
    match numbering(text) {
        Some(n) => {
            !(n.style == Style::ArabicDot && n.rest.starts_with(|c: char| c.is_ascii_digit()))
        }
        None => false,
    }
}

/// A title set large (or bold) and centred, going on over the next line in the same look
/// (`第一部分` / `国家信访局概况`), the next line not a numbered heading of its own.
fn title_goes_on(prev: &PageLine, next: &PageLine, body: f32) -> bool {
    let (a, b) = (&prev.line, &next.line);
    let size = a.size.max(1.0);
    let centred = |p: &PageLine| is_centred(&p.line, p.page_width, 0.24 * p.page_width);
    let short = |p: &PageLine| p.text().chars().count() <= 30;
    let gap = b.rect.y0 - a.rect.y1;
    prev.page == next.page
        && is_display(a, body)
        && is_display(b, body)
        && a.bold == b.bold
        && (a.size - b.size).abs() <= 0.05 * size
        && centred(prev)
        && centred(next)
        && short(prev)
        && short(next)
        && (-0.2 * size..=2.0 * size).contains(&gap)
        && !ends_sentence(&prev.text())
        && !starts_item(&next.text())
}
