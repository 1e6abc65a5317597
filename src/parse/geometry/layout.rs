//! One page's layout: the text lines outside tables and the tables, in reading order.

use serde::{Deserialize, Serialize};

use super::lines::{TextLine, text_lines};
use super::page::Page;
use super::ruled::ruled_tables;
use super::table::Table;
use super::unruled::unruled_tables;

/// A piece of a page in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Line(TextLine),
    Table(Table),
}

impl Block {
    /// Top edge, for reading order.
    pub fn top(&self) -> f32 {
        match self {
            Block::Line(l) => l.rect.y0,
            Block::Table(t) => t.rect.y0,
        }
    }
}

/// A page rebuilt from its geometry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageLayout {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Lines and tables, top to bottom.
    pub blocks: Vec<Block>,
    /// The page has images but no text: a scan without a text layer.
    pub scan: bool,
}

impl PageLayout {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Line(_) => None,
        })
    }

    pub fn lines(&self) -> impl Iterator<Item = &TextLine> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Line(l) => Some(l),
            Block::Table(_) => None,
        })
    }
}

/// Rebuild one page: ruled tables first, then tables of aligned columns among the remaining
/// lines, the rest as text lines; all in reading order (top to bottom).
pub fn build_page(page: &Page) -> PageLayout {
    let (mut tables, taken) = ruled_tables(page);
    let free: Vec<usize> = (0..page.glyphs.len()).filter(|&i| !taken[i]).collect();
    let lines = text_lines(&page.glyphs, &free);
    let (aligned, lines) = unruled_tables(lines);
    tables.extend(aligned);
    let mut blocks: Vec<Block> = lines.into_iter().map(Block::Line).collect();
    blocks.extend(tables.into_iter().map(Block::Table));
    blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));
    PageLayout {
        number: page.number,
        width: page.width,
        height: page.height,
        blocks,
        scan: page.is_scan(),
    }
}
