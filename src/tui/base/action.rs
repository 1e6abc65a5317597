//! What a key (default or configured) asks the explorer to do.

use serde::{Deserialize, Serialize};

/// One user intent. The snake_case names are what the config file uses
/// (`down = ["j", "Down"]` under `[keys]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Close,
    FocusNext,
    FocusPrev,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Toggle,
    CycleSort,
    ToggleWrap,
    Zoom,
    Search,
    NextResult,
    PrevResult,
    Yank,
    YankRow,
    NarrowColumn,
    WidenColumn,
    PrevGroup,
    NextGroup,
    GotoColumn,
    Filter,
    Mark,
    Projects,
    Compare,
    Chart,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::FocusNext,
        Action::FocusPrev,
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
        Action::Toggle,
        Action::CycleSort,
        Action::Filter,
        Action::GotoColumn,
        Action::PrevGroup,
        Action::NextGroup,
        Action::NarrowColumn,
        Action::WidenColumn,
        Action::Mark,
        Action::Chart,
        Action::Projects,
        Action::Compare,
        Action::ToggleWrap,
        Action::Zoom,
        Action::Search,
        Action::NextResult,
        Action::PrevResult,
        Action::Yank,
        Action::YankRow,
        Action::Help,
        Action::Close,
        Action::Quit,
    ];

    /// The stable snake_case name (same as serde's).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Close => "close",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Left => "left",
            Action::Right => "right",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::First => "first",
            Action::Last => "last",
            Action::Toggle => "toggle",
            Action::CycleSort => "cycle_sort",
            Action::ToggleWrap => "toggle_wrap",
            Action::Zoom => "zoom",
            Action::Search => "search",
            Action::NextResult => "next_result",
            Action::PrevResult => "prev_result",
            Action::Yank => "yank",
            Action::YankRow => "yank_row",
            Action::NarrowColumn => "narrow_column",
            Action::WidenColumn => "widen_column",
            Action::PrevGroup => "prev_group",
            Action::NextGroup => "next_group",
            Action::GotoColumn => "goto_column",
            Action::Filter => "filter",
            Action::Mark => "mark",
            Action::Projects => "projects",
            Action::Compare => "compare",
            Action::Chart => "chart",
        }
    }

    /// Look an action up by its snake_case name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}
