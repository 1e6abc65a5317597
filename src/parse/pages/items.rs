//! The pieces a PDF's pages are read into, in reading order: text lines, paragraphs, the
//! table of contents, and tables with their captions (title, label, unit line) and notes.
//!
//! Words: caption = the lines printed just above a table that name it; note = a `注：…` line
//! printed under it; body size = the font size most of the document's text is set in.

use super::super::geometry::{Table, TextLine};

/// A line set this much larger than the body text (or in bold) is a display line: a title or
/// a heading.
pub(super) const DISPLAY: f32 = 1.1;

/// Whether a line is set larger than the body text or in bold.
pub(super) fn is_display(line: &TextLine, body: f32) -> bool {
    line.bold || line.size >= body * DISPLAY
}

/// Whether a line stands centred on its page: as far from the left edge as from the right,
/// within `slack` points (lines centred with trailing spaces stand a little to the left).
pub(super) fn is_centred(line: &TextLine, page_width: f32, slack: f32) -> bool {
    (line.rect.x0 - (page_width - line.rect.x1)).abs() <= slack
}
use crate::model::PageNo;

/// A text line outside tables, on its page.
#[derive(Debug, Clone)]
pub(super) struct PageLine {
    pub(super) page: PageNo,
    /// Width of the page (points), for telling centred lines.
    pub(super) page_width: f32,
    pub(super) line: TextLine,
}

impl PageLine {
    /// The line's words joined by single spaces.
    pub(super) fn text(&self) -> String {
        self.line.text()
    }
}

/// A paragraph: text lines joined where they wrap.
#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    pub(super) page: PageNo,
    pub(super) text: String,
    /// Font size of its first line.
    pub(super) size: f32,
    /// Every line is bold.
    pub(super) bold: bool,
    /// Set large and centred as the first text of its page: the title of a part.
    pub(super) opens_page: bool,
}

/// A part title is set this much larger than the body text.
pub(super) const PART: f32 = 1.3;

/// What a caption line says of its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CaptionKind {
    /// `表1`, `公开01表`, `预算01表`, `表一`.
    Label,
    /// The table's title: `2026年部门财务收支预算总表`.
    Title,
    /// The unit (and often department) line: `单位名称：广州市信访局 单位：万元`.
    Unit,
    /// Other furniture of a caption: `（2024 年度）`.
    Aside,
}

#[derive(Debug, Clone)]
pub(super) struct CaptionLine {
    pub(super) kind: CaptionKind,
    pub(super) text: String,
    pub(super) page: PageNo,
}

/// A table with its caption and notes, joined over the pages it continues on.
#[derive(Debug, Clone)]
pub(super) struct PageTable {
    /// Caption lines, top to bottom.
    pub(super) caption: Vec<CaptionLine>,
    pub(super) table: Table,
    /// Page of each row of `table`.
    pub(super) row_pages: Vec<PageNo>,
    /// `注：…` lines under the table, with their page.
    pub(super) notes: Vec<(PageNo, String)>,
    /// How many pages the table was printed on.
    pub(super) pages: u32,
}

impl PageTable {
    pub(super) fn new(page: PageNo, caption: Vec<CaptionLine>, table: Table) -> PageTable {
        PageTable {
            caption,
            row_pages: vec![page; table.rows],
            table,
            notes: Vec::new(),
            pages: 1,
        }
    }

    /// The caption line of a kind, if there is one.
    pub(super) fn caption_text(&self, kind: CaptionKind) -> Option<&str> {
        self.caption
            .iter()
            .find(|c| c.kind == kind)
            .map(|c| c.text.as_str())
    }

    /// Page the table starts on.
    pub(super) fn first_page(&self) -> PageNo {
        self.caption
            .first()
            .map(|c| c.page)
            .or_else(|| self.row_pages.first().copied())
            .unwrap_or(1)
    }

    /// Page the table ends on.
    pub(super) fn last_page(&self) -> PageNo {
        self.notes
            .last()
            .map(|n| n.0)
            .or_else(|| self.row_pages.last().copied())
            .unwrap_or_else(|| self.first_page())
    }
}

/// One piece of the document in reading order.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    Line(PageLine),
    Paragraph(Paragraph),
    /// The table of contents: its heading and entries (leaders and page numbers removed).
    Contents {
        title: Paragraph,
        entries: Vec<Paragraph>,
    },
    Table(Box<PageTable>),
}
