//! The main view's lines when it shows text (a section, a project, the
//! summary): what the derived-content layer builds, kept here so that a long
//! section is wrapped once per width, not once per frame.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use ratatui::text::Line;

use crate::model::{Amount, LineNo};

use super::docs::LinesKey;

/// What can be selected in a view of lines (and copied with `y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The project's amount.
    Amount,
    /// An indicator, by index into the project's (or the document's) indicators.
    Indicator(usize),
    /// A finding of the checks, by index into the document's findings.
    Finding(usize),
}

/// A figure in a view's text (`预算数924万元`): `l` / `h` select it, `y`
/// copies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFigure {
    /// The view's line it is on.
    pub line: usize,
    /// Cells from the start of the line, and cells taken (number and unit).
    pub x: u16,
    pub w: u16,
    /// The figure with its unit.
    pub amount: Amount,
}

/// Lines of the main view and the selectable items among them.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Each selectable item with the lines it takes, in order.
    pub items: Vec<(Pick, Range<usize>)>,
    /// The figures of the text, in order (a section's paragraphs).
    pub figures: Vec<TextFigure>,
    /// Where the text comes from: from each of these lines on (in order),
    /// the 1-based line of the file. Empty for what is not read from the
    /// file (the summary card, messages).
    pub marks: Vec<(usize, LineNo)>,
}

impl Rendered {
    pub fn plain(lines: Vec<Line<'static>>) -> Rendered {
        Rendered {
            lines,
            ..Rendered::default()
        }
    }

    /// The lines pushed from now on come from line `line` of the file
    /// (0, unknown, marks nothing).
    pub fn mark(&mut self, line: LineNo) {
        if line == 0 {
            return;
        }
        let at = self.lines.len();
        match self.marks.last_mut() {
            Some(last) if last.0 == at => last.1 = line,
            _ => self.marks.push((at, line)),
        }
    }

    /// The file's line that line `at` of the view shows (before the first
    /// mark: the first mark's).
    pub fn file_line(&self, at: usize) -> Option<LineNo> {
        self.marks
            .iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .or(self.marks.first())
            .map(|&(_, line)| line)
    }
}

/// A one-entry memo of the main view's lines. Only loaded documents are
/// cached, and they never change, so the key is enough.
#[derive(Debug, Clone, Default)]
pub struct LinesCache(RefCell<Option<(LinesKey, Arc<Rendered>)>>);

impl LinesCache {
    pub fn get(&self, key: LinesKey) -> Option<Arc<Rendered>> {
        match &*self.0.borrow() {
            Some((k, v)) if *k == key => Some(Arc::clone(v)),
            _ => None,
        }
    }

    pub fn put(&self, key: LinesKey, lines: Arc<Rendered>) {
        *self.0.borrow_mut() = Some((key, lines));
    }
}
