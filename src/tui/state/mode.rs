//! What the keys go to: the panes, the help overlay, the search prompt, a
//! one-line prompt (a table's filter, a column's name) or a chart.

use super::docs::ViewPos;
use super::grid::Filter;
use super::search::Prompt;

/// What a one-line prompt is for, with what to go back to on Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinePurpose {
    /// `f`: filter the rows by column `col` (the filter before it opened).
    Filter { col: usize, before: Option<Filter> },
    /// `c`: go to the column whose name holds the text (the cursor before).
    Column { before: ViewPos },
}

/// A one-line prompt: its text applies as it is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePrompt {
    pub purpose: LinePurpose,
    pub text: String,
}

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
    /// A one-line prompt over the status bar: characters type into it.
    Line(LinePrompt),
    /// The chart of the table's column, scrolled by `scroll` bars; any
    /// other key closes it.
    Chart { scroll: usize },
}
