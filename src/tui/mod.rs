//! The terminal explorer: document list, section tree, table and indicator
//! views, search. Built in layers, each importing only the layers below it
//! (see `ARCHITECTURE.md`):
//!
//! 1. `base`: text as the terminal draws it, colours, keys and actions,
//!    pane geometry, list orders — no explorer state;
//! 2. `document`: what is derived once from each parsed document (its
//!    section tree, its tables' column layouts);
//! 3. `state`: [`App`] and its parts, split by pane; the [`Mode`];
//!    [`Settings`] resolved from the configuration;
//! 4. `content`: what the state shows, derived on demand (the main view's
//!    lines, table geometry, the help's text, what `y` copies);
//! 5. `update`: [`Msg`] → new state + [`Effect`]s;
//! 6. `views`: pure drawing ([`draw`]), reporting what was drawn where;
//! 7. `run`: the event loop, the terminal, the loader and search threads.
//!
//! Event → [`Action`] (via the one [`keymap`] table) → [`update`] → pure
//! drawing. The terminal is restored on quit, error, panic and SIGTERM /
//! SIGHUP.

pub(crate) mod base;
mod content;
#[doc(hidden)]
pub mod demo;
mod document;
mod run;
mod state;
mod update;
mod views;

pub use base::action::Action;
pub use base::keymap::{self, KeySpec, Keymap};
pub use base::panes::{self, Panes};
pub use base::screen_text;
pub use base::sort::SortMode;
pub use base::theme::{self, Theme};
pub use content::copy::{CopyRequest, Figure, Refusal, cell_figure, hit_figure};
pub use document::checks::{self, Checks};
pub use document::doc_tree::{Node, NodeKind};
pub use document::table_layout::TableLayout;
pub use run::loader::{self, Source};
pub use run::search_worker::{Engine, Worker};
pub use run::{TuiOptions, run, run_source, run_with};
pub use state::{
    App, Board, BoardKind, DocEntry, DocState, DrawnTable, Filter, Focus, Found, FoundKind,
    GridRef, GridState, LIMIT, LinePrompt, LinePurpose, ListPane, Measured, Mode, Progress, Prompt,
    Ready, Results, SearchDone, SearchRequest, Settings, Sort, SortDir, Status, Target, TreeState,
    ViewPos,
};
pub use update::{Effect, LoadEvent, Msg, update};
pub use views::draw;
