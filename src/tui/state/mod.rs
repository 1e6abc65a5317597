//! The explorer's state: plain types, split by pane (the document list, each
//! document's tree, the main view's positions, the search), the mode
//! (browse, help, search prompt), the resolved settings, and what the last
//! frame drew ([`Measured`]). Only [`super::update`] changes it; the views
//! read it.
//!
//! This layer imports the base and document layers and the configuration,
//! nothing above them.

mod app;
mod board;
mod docs;
mod focus;
mod grid;
mod lines;
mod list;
mod measured;
mod mode;
mod search;
mod settings;

pub use app::{App, GridMut, GridRef, KEEP_OPEN, Status};
pub use board::{Board, BoardKind};
pub use docs::{Brief, DocEntry, DocState, Progress, Ready, TreeState, ViewPos};
pub use focus::Focus;
pub use grid::{Filter, GridState, Sort, SortDir};
pub use lines::{Pick, Rendered, TextFigure};
pub use list::ListPane;
pub use measured::{DrawnTable, Measured};
pub use mode::{LinePrompt, LinePurpose, Mode};
pub use search::{
    Found, FoundKind, LIMIT, Origin, Pinned, Prompt, Results, SearchDone, SearchRequest, Target,
};
pub use settings::Settings;
