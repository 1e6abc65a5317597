//! The main view's lines when it shows text (a section, a project, the
//! summary): what the derived-content layer builds, kept here so that a long
//! section is wrapped once per width, not once per frame.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use ratatui::text::Line;

use super::docs::LinesKey;

/// What can be selected in a view of lines (and copied with `y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The project's amount.
    Amount,
    /// An indicator, by index into the project's (or the document's) indicators.
    Indicator(usize),
}

/// Lines of the main view and the selectable items among them.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// Each selectable item with the lines it takes, in order.
    pub items: Vec<(Pick, Range<usize>)>,
}

impl Rendered {
    pub fn plain(lines: Vec<Line<'static>>) -> Rendered {
        Rendered {
            lines,
            items: Vec::new(),
        }
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
