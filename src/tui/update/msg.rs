//! What `update` takes ([`Msg`]) and what it gives back ([`Effect`]).

use crossterm::event::{KeyEvent, MouseEvent};

use crate::clipboard::CopyReport;

use super::super::content::copy::CopyRequest;
use super::super::state::{Brief, Measured, Ready, SearchDone, SearchRequest};

/// What the loader reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// The files that will be read (in order; their ids are their positions,
    /// counted after any documents already listed) and the paths that failed
    /// before reading.
    Discovered {
        paths: Vec<String>,
        errors: Vec<(String, String)>,
        skipped: usize,
        note: Option<String>,
    },
    /// One file is read and parsed (or failed); its search items went to
    /// the search thread.
    Loaded {
        id: usize,
        result: Result<Box<Ready>, String>,
    },
    /// One file is indexed without keeping its model (large folders): listed
    /// and searchable now, read again when shown.
    Listed { id: usize, brief: Box<Brief> },
    /// A listed document read again to be shown.
    Opened {
        id: usize,
        result: Result<Box<Ready>, String>,
    },
}

/// Everything that can change the state.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Load(LoadEvent),
    /// A search finished.
    Search(SearchDone),
    /// A copy to the clipboard finished.
    Copied {
        label: String,
        report: CopyReport,
    },
    /// A frame was drawn: what it drew where (for the mouse).
    Drawn(Measured),
    /// Something the event loop has to say in the status bar.
    Notice(String),
}

/// What should happen outside the state: `update` returns these and the
/// event loop carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the explorer.
    Quit,
    /// Start a search off the UI thread (cancelling the one running).
    Search(SearchRequest),
    /// The running search is no longer wanted.
    CancelSearch,
    /// Put text on the clipboard (then report with [`Msg::Copied`]).
    Copy(CopyRequest),
}
