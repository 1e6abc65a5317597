//! Colours and text styles. With `NO_COLOR` set (to anything non-empty) only
//! modifiers are used: bold, dim, reversed, underlined.

use ratatui::style::{Color, Modifier, Style};

/// Every style the views use, in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub text: Style,
    pub dim: Style,
    pub bold: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    /// Selected row of a list or tree when the pane has focus.
    pub selected: Style,
    /// Selected row when the pane does not have focus.
    pub selected_blur: Style,
    pub header: Style,
    pub cursor_cell: Style,
    pub cursor_row: Style,
    pub cursor_col_header: Style,
    pub frozen_sep: Style,
    pub total_row: Style,
    pub number: Style,
    pub error: Style,
    pub warning: Style,
    pub marker_table: Style,
    pub marker_project: Style,
    pub marker_indicator: Style,
    pub marker_prose: Style,
    pub level1: Style,
    pub level2: Style,
    pub status: Style,
    pub status_msg: Style,
    pub key: Style,
}

impl Theme {
    /// The theme for this process: colours unless `NO_COLOR` is set.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Self::mono()
        } else {
            Self::colored()
        }
    }

    pub fn colored() -> Self {
        let s = Style::default();
        Theme {
            color: true,
            text: s,
            dim: s.fg(Color::DarkGray),
            bold: s.add_modifier(Modifier::BOLD),
            title: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: s.fg(Color::DarkGray),
            border_focus: s.fg(Color::Cyan),
            selected: s
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_blur: s.bg(Color::DarkGray).fg(Color::White),
            header: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            cursor_cell: s
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            cursor_row: s.add_modifier(Modifier::BOLD),
            cursor_col_header: s
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            frozen_sep: s.fg(Color::Cyan),
            total_row: s.fg(Color::White).add_modifier(Modifier::BOLD),
            number: s,
            error: s.fg(Color::Red),
            warning: s.fg(Color::Yellow),
            marker_table: s.fg(Color::Cyan),
            marker_project: s.fg(Color::Magenta),
            marker_indicator: s.fg(Color::Green),
            marker_prose: s.fg(Color::DarkGray),
            level1: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            level2: s.fg(Color::Green).add_modifier(Modifier::BOLD),
            status: s.bg(Color::DarkGray).fg(Color::White),
            status_msg: s.bg(Color::DarkGray).fg(Color::Yellow),
            key: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Self {
        let s = Style::default();
        let bold = s.add_modifier(Modifier::BOLD);
        let rev = s.add_modifier(Modifier::REVERSED);
        Theme {
            color: false,
            text: s,
            dim: s.add_modifier(Modifier::DIM),
            bold,
            title: bold,
            border: s,
            border_focus: bold,
            selected: rev.add_modifier(Modifier::BOLD),
            selected_blur: s.add_modifier(Modifier::UNDERLINED),
            header: bold,
            cursor_cell: rev,
            cursor_row: bold,
            cursor_col_header: bold.add_modifier(Modifier::UNDERLINED),
            frozen_sep: bold,
            total_row: bold,
            number: s,
            error: bold,
            warning: bold,
            marker_table: bold,
            marker_project: bold,
            marker_indicator: bold,
            marker_prose: s,
            level1: bold,
            level2: bold.add_modifier(Modifier::UNDERLINED),
            status: rev,
            status_msg: rev.add_modifier(Modifier::BOLD),
            key: bold,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::colored()
    }
}
