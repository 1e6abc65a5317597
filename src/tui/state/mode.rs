//! What the keys go to: the panes, the help overlay or the search prompt.

use super::search::Prompt;

/// The explorer's mode. Exactly one at a time: opening the search closes
/// the help, and the prompt's state lives only while it is open.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    /// Keys move in the focused pane.
    #[default]
    Browse,
    /// The help overlay, scrolled by `scroll` lines; any other key closes it.
    Help { scroll: usize },
    /// The search prompt: characters type into the query.
    Search(Box<Prompt>),
}
