//! Which pane has the keyboard.

/// The pane that takes the keys (and is drawn with the focused border).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The document list.
    List,
    /// The section tree of the selected document.
    Tree,
    /// The main view: a table, a section's text, a project, the summary.
    Main,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::List => Focus::Tree,
            Focus::Tree => Focus::Main,
            Focus::Main => Focus::List,
        }
    }

    pub fn prev(self) -> Focus {
        match self {
            Focus::List => Focus::Main,
            Focus::Tree => Focus::List,
            Focus::Main => Focus::Tree,
        }
    }
}
