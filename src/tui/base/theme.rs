//! Colours and text styles. With `NO_COLOR` set (to anything non-empty) only
//! modifiers are used: bold, dim, reversed, underlined, whatever the config
//! file says. The config file's `[theme]` table sets any of the named
//! [`SLOTS`] with a style written as [`parse_style`] reads it
//! (`"white on blue bold"`).

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
    /// Matched characters of a search result.
    pub matched: Style,
    /// Marked table cells (`m`).
    pub marked: Style,
    /// The whole text of a cut cell, under the cursor.
    pub popup: Style,
    /// The bars of a chart.
    pub bar: Style,
    /// A figure the checks find wrong (错误, ✗), and its symbol.
    pub check_error: Style,
    /// A figure off by the rounding of its cells (尾差, ≈).
    pub check_rounding: Style,
    /// A finding that cannot be decided (存疑, ?).
    pub check_warning: Style,
}

/// Every style slot the config file may set, with what it colours.
pub const SLOTS: &[(&str, &str)] = &[
    ("text", "ordinary text"),
    ("dim", "secondary text: labels, hints, file names"),
    ("bold", "emphasis; unfocused pane titles"),
    ("title", "titles of the focused pane and of documents"),
    ("border", "pane borders"),
    ("border_focus", "the border of the focused pane"),
    ("selected", "the selected line of the focused pane"),
    ("selected_blur", "the selected line of a pane without focus"),
    ("header", "table headers, section headings in a view"),
    ("cursor_cell", "the table cell under the cursor"),
    ("cursor_row", "the rest of the cursor's table row"),
    ("cursor_col_header", "the header of the cursor's column"),
    ("frozen_sep", "the line after the frozen label columns"),
    ("total_row", "合计 / 总计 rows"),
    ("number", "figures"),
    ("error", "errors"),
    ("warning", "warnings; indicator targets"),
    ("marker_table", "the 表 marker in the outline"),
    ("marker_project", "the 项 marker in the outline"),
    ("marker_indicator", "the 标 marker in the outline"),
    ("marker_prose", "the 文 marker in the outline"),
    ("level1", "一级指标 headings"),
    ("level2", "二级指标 headings"),
    ("status", "the status bar"),
    ("status_msg", "a message in the status bar"),
    ("key", "key names in the help"),
    ("matched", "matched characters of a search result"),
    ("marked", "marked table cells (m)"),
    ("popup", "the whole text of a cut cell, under the cursor"),
    ("bar", "the bars of a chart (v)"),
    ("check_error", "a figure the checks find wrong (错误 ✗)"),
    (
        "check_rounding",
        "a figure off by its cells' rounding (尾差 ≈)",
    ),
    ("check_warning", "a finding that cannot be decided (存疑 ?)"),
];

/// Parse a style: words separated by spaces, in any order: a colour for the
/// text, `on` and a colour for the background, and modifiers (`bold`, `dim`,
/// `italic`, `underlined`, `reversed`, `crossed_out`). Colours: `black`,
/// `red`, `green`, `yellow`, `blue`, `magenta`, `cyan`, `gray`, `dark_gray`,
/// `light_red`, `light_green`, `light_yellow`, `light_blue`,
/// `light_magenta`, `light_cyan`, `white`, `reset`, `#rrggbb`, or `color0` …
/// `color255`. An empty string (or `plain`) is the terminal's default.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = spec.split_whitespace();
    while let Some(w) = words.next() {
        let lw = w.to_ascii_lowercase();
        if lw == "on" {
            let Some(c) = words.next() else {
                return Err("`on` must be followed by a background colour".to_string());
            };
            style = style.bg(parse_color(c)?);
            continue;
        }
        let modifier = match lw.as_str() {
            "plain" | "default" => continue,
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" | "underline" => Modifier::UNDERLINED,
            "reversed" | "reverse" => Modifier::REVERSED,
            "crossed_out" | "strikethrough" => Modifier::CROSSED_OUT,
            _ => {
                style = style.fg(parse_color(w)?);
                continue;
            }
        };
        style = style.add_modifier(modifier);
    }
    Ok(style)
}

/// Parse one colour name (see [`parse_style`]).
pub fn parse_color(name: &str) -> Result<Color, String> {
    let n: String = name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .collect();
    let c = match n.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        _ => {
            if let Some(hex) = n.strip_prefix('#')
                && hex.len() == 6
                && let Ok(v) = u32::from_str_radix(hex, 16)
            {
                let [_, r, g, b] = v.to_be_bytes();
                return Ok(Color::Rgb(r, g, b));
            }
            if let Some(num) = n.strip_prefix("color")
                && let Ok(i) = num.parse::<u8>()
            {
                return Ok(Color::Indexed(i));
            }
            return Err(format!(
                "unknown colour or style word {name:?} (colours: black, red, green, yellow, \
                 blue, magenta, cyan, gray, dark_gray, light_red, light_green, light_yellow, \
                 light_blue, light_magenta, light_cyan, white, reset, #rrggbb, color0…color255; \
                 styles: bold, dim, italic, underlined, reversed, crossed_out; `on COLOUR` \
                 for the background)"
            ));
        }
    };
    Ok(c)
}

/// Whether `NO_COLOR` is set (to anything non-empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The style of a named slot, to change it.
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "bold" => &mut self.bold,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "selected" => &mut self.selected,
            "selected_blur" => &mut self.selected_blur,
            "header" => &mut self.header,
            "cursor_cell" => &mut self.cursor_cell,
            "cursor_row" => &mut self.cursor_row,
            "cursor_col_header" => &mut self.cursor_col_header,
            "frozen_sep" => &mut self.frozen_sep,
            "total_row" => &mut self.total_row,
            "number" => &mut self.number,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "marker_table" => &mut self.marker_table,
            "marker_project" => &mut self.marker_project,
            "marker_indicator" => &mut self.marker_indicator,
            "marker_prose" => &mut self.marker_prose,
            "level1" => &mut self.level1,
            "level2" => &mut self.level2,
            "status" => &mut self.status,
            "status_msg" => &mut self.status_msg,
            "key" => &mut self.key,
            "matched" => &mut self.matched,
            "marked" => &mut self.marked,
            "popup" => &mut self.popup,
            "bar" => &mut self.bar,
            "check_error" => &mut self.check_error,
            "check_rounding" => &mut self.check_rounding,
            "check_warning" => &mut self.check_warning,
            _ => return None,
        })
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
            matched: s
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            marked: s.fg(Color::Black).bg(Color::Yellow),
            popup: s.bg(Color::DarkGray).fg(Color::White),
            bar: s.fg(Color::Cyan),
            check_error: s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            check_rounding: s.fg(Color::Yellow),
            check_warning: s.fg(Color::Magenta),
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
            matched: bold.add_modifier(Modifier::UNDERLINED),
            marked: bold.add_modifier(Modifier::UNDERLINED),
            popup: rev,
            bar: s,
            check_error: bold,
            check_rounding: s,
            check_warning: s,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::colored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_is_settable() {
        let mut t = Theme::colored();
        for (name, _) in SLOTS {
            assert!(t.slot_mut(name).is_some(), "{name}");
        }
        assert!(t.slot_mut("nope").is_none());
    }

    #[test]
    fn styles_parse() {
        let s = Style::default();
        assert_eq!(parse_style(""), Ok(s));
        assert_eq!(parse_style("plain"), Ok(s));
        assert_eq!(
            parse_style("white on blue bold"),
            Ok(s.fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD))
        );
        assert_eq!(
            parse_style("bold on dark_gray #ff8000"),
            Ok(s.bg(Color::DarkGray)
                .fg(Color::Rgb(255, 128, 0))
                .add_modifier(Modifier::BOLD))
        );
        assert_eq!(parse_style("color208"), Ok(s.fg(Color::Indexed(208))));
        assert!(parse_style("cyn").is_err());
        assert!(parse_style("on").is_err());
        assert!(parse_style("#12345").is_err());
        assert!(parse_style("color256").is_err());
    }
}
