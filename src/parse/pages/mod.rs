//! Page layouts (a PDF's pages rebuilt from their geometry) → the blocks the parsing stages
//! read, every line numbered and its page kept.
//!
//! Steps, in the order data flows: [`furniture`] (page numbers, running headers and footers
//! removed) → [`captions`] (per page: text lines, and tables with their caption and notes) →
//! [`continued`] (tables continued over pages joined) → [`contents`] (the table of contents)
//! → [`paragraphs`] (wrapped lines joined) → [`to_blocks`] (lines numbered, tables as raw
//! tables with their header). After the metadata stage, [`cover`] completes department, year
//! and kind from the cover and the table captions; once the document is built,
//! [`positions`] gives every element its page.
//!
//! Words: body size = the font size most of the text is set in; display line = set larger
//! than it or in bold; caption = the label, title and unit lines above a table.

mod captions;
mod contents;
mod continued;
mod cover;
mod furniture;
mod items;
mod paragraphs;
mod positions;
mod to_blocks;

use std::collections::HashMap;

use super::blocks::Block;
use super::geometry::{Block as PageBlock, PageLayout};
use super::meta::Meta;
use super::sections::Emphasis;
use crate::model::{Document, LineNo, PageNo, Warning};

/// A PDF read into blocks.
#[derive(Debug, Default)]
pub(super) struct Paged {
    pub(super) blocks: Vec<Block>,
    /// The page of every line (line `n` at index `n - 1`).
    pub(super) line_pages: Vec<PageNo>,
    pub(super) emphasis: Emphasis,
    /// The unit lines of table captions, with their page (they name the department).
    pub(super) caption_units: Vec<(PageNo, String)>,
    pub(super) warnings: Vec<Warning>,
}

/// Read page layouts into blocks. `notes` are the reader's problems, each on its page;
/// pages that are scans get a warning of their own.
pub(super) fn read(mut pages: Vec<PageLayout>, notes: Vec<(PageNo, String)>) -> Paged {
    furniture::strip(&mut pages);
    let scans: Vec<PageNo> = pages.iter().filter(|p| p.scan).map(|p| p.number).collect();
    let page_count = pages.len();
    let body = body_size(&pages);
    let pieces = pages
        .into_iter()
        .flat_map(|p| captions::page_pieces(p, body))
        .collect();
    let pieces = continued::join_pages(pieces);
    let pieces = contents::take_contents(pieces);
    let pieces = paragraphs::join_lines(pieces, body);
    let numbered = to_blocks::to_blocks(pieces, body);
    let mut paged = Paged {
        blocks: numbered.blocks,
        line_pages: numbered.line_pages,
        emphasis: numbered.emphasis,
        caption_units: numbered.caption_units,
        warnings: Vec::new(),
    };
    if !scans.is_empty() && scans.len() == page_count && paged.blocks.is_empty() {
        paged.warnings.push(Warning {
            line: 1,
            message: "scanned PDF: its pages are images with no text layer; budgettui does not do OCR, so there is no text to read".into(),
            page: Some(1),
        });
    } else {
        for page in scans {
            let message = format!(
                "page {page} is a scanned image with no text layer; budgettui does not do OCR, so its content is left out"
            );
            paged.warn(page, message);
        }
    }
    for (page, message) in notes {
        paged.warn(page, message);
    }
    paged
}

impl Paged {
    /// Complete the metadata read from the first text blocks with what the pages say
    /// elsewhere ([`cover`]).
    pub(super) fn complete_meta(&self, meta: &mut Meta) {
        cover::complete(meta, &self.blocks, &self.line_pages, &self.caption_units);
    }

    /// Give every element of the finished document its page ([`positions`]).
    pub(super) fn fill_pages(line_pages: &[PageNo], doc: &mut Document) {
        positions::fill(doc, line_pages);
    }

    /// A warning about a page, at the first line on it (or before it).
    fn warn(&mut self, page: PageNo, message: String) {
        let at = self.line_pages.partition_point(|&p| p < page);
        let line = LineNo::try_from(at.min(self.line_pages.len().saturating_sub(1)) + 1)
            .unwrap_or(LineNo::MAX);
        self.warnings.push(Warning {
            line,
            message,
            page: Some(page),
        });
    }
}

/// The font size most of the text outside tables is set in (weighted by characters).
fn body_size(pages: &[PageLayout]) -> f32 {
    let mut weight: HashMap<u32, usize> = HashMap::new();
    for page in pages {
        for block in &page.blocks {
            if let PageBlock::Line(l) = block {
                let chars: usize = l.words.iter().map(|w| w.text.chars().count()).sum();
                let key = (l.size * 2.0).round().max(0.0) as u32;
                *weight.entry(key).or_default() += chars;
            }
        }
    }
    weight
        .into_iter()
        .max_by_key(|&(size, n)| (n, size))
        .map_or(12.0, |(size, _)| size as f32 / 2.0)
}
