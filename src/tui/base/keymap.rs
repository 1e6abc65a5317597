//! The one keymap table: every action with its default keys and a one-line
//! description. Key handling and the help overlay are both generated from
//! [`DEFAULT_BINDINGS`]; the config file's `[keys]` table replaces the keys
//! of any action ([`Keymap::from_keys`]).

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// One key chord: a key code plus Ctrl / Alt (Shift is part of the character
/// for printable keys, and of `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    pub const fn plain(code: KeyCode) -> Self {
        KeySpec {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        KeySpec {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Whether the key edits the query in the search prompt (a character
    /// without Ctrl or Alt, Backspace) instead of going through the keymap.
    pub fn edits_text(&self) -> bool {
        match self.code {
            KeyCode::Char(_) => !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
            KeyCode::Backspace => true,
            _ => false,
        }
    }

    /// The chord a key event stands for, normalised so that it can be compared
    /// with a table entry (Shift dropped for characters and Shift-Tab; upper
    /// case letters with Ctrl folded to lower case).
    pub fn from_event(ev: &KeyEvent) -> Self {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = ev.code;
        match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            _ => {}
        }
        KeySpec { code, mods }
    }

    /// Parse the names [`fmt::Display`] writes: `q`, `G`, `?`, `Ctrl-d`,
    /// `Alt-x`, `Tab`, `Shift-Tab`, `Enter`, `Space`, `Esc`, `Up`/`↑`, `PgDn`, `F1`…
    pub fn parse(s: &str) -> Option<Self> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Shift-Tab" | "BackTab" => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Enter" | "Return" => KeyCode::Enter,
            "Space" => KeyCode::Char(' '),
            "Esc" | "Escape" => KeyCode::Esc,
            "Backspace" => KeyCode::Backspace,
            "Up" | "↑" => KeyCode::Up,
            "Down" | "↓" => KeyCode::Down,
            "Left" | "←" => KeyCode::Left,
            "Right" | "→" => KeyCode::Right,
            "PgUp" | "PageUp" => KeyCode::PageUp,
            "PgDn" | "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Delete" | "Del" => KeyCode::Delete,
            "Insert" | "Ins" => KeyCode::Insert,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }),
                    (Some('F'), Some(_)) => KeyCode::F(rest[1..].parse().ok()?),
                    _ => return None,
                }
            }
        };
        Some(KeySpec { code, mods })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the keymap table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub action: Action,
    pub keys: &'static [KeySpec],
    pub description: &'static str,
}

use KeyCode as K;

/// The default keymap: the single source of truth for key handling and help.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    Binding {
        action: Action::Up,
        keys: &[KeySpec::ch('k'), KeySpec::plain(K::Up)],
        description: "move up (list, tree, table row, text line)",
    },
    Binding {
        action: Action::Down,
        keys: &[KeySpec::ch('j'), KeySpec::plain(K::Down)],
        description: "move down",
    },
    Binding {
        action: Action::Left,
        keys: &[KeySpec::ch('h'), KeySpec::plain(K::Left)],
        description: "focus the pane on the left; in a table, the cell to the left; \
                      in a text, the figure before",
    },
    Binding {
        action: Action::Right,
        keys: &[KeySpec::ch('l'), KeySpec::plain(K::Right)],
        description: "focus the pane on the right; in a table, the cell to the right; \
                      in a text, the next figure (y copies it)",
    },
    Binding {
        action: Action::FocusNext,
        keys: &[KeySpec::plain(K::Tab)],
        description: "focus the next pane",
    },
    Binding {
        action: Action::FocusPrev,
        keys: &[KeySpec::plain(K::BackTab)],
        description: "focus the previous pane",
    },
    Binding {
        action: Action::PageUp,
        keys: &[KeySpec::plain(K::PageUp), KeySpec::ctrl('u')],
        description: "page up",
    },
    Binding {
        action: Action::PageDown,
        keys: &[KeySpec::plain(K::PageDown), KeySpec::ctrl('d')],
        description: "page down",
    },
    Binding {
        action: Action::First,
        keys: &[KeySpec::ch('g'), KeySpec::plain(K::Home)],
        description: "go to the first line",
    },
    Binding {
        action: Action::Last,
        keys: &[KeySpec::ch('G'), KeySpec::plain(K::End)],
        description: "go to the last line",
    },
    Binding {
        action: Action::Toggle,
        keys: &[KeySpec::plain(K::Enter), KeySpec::ch(' ')],
        description: "expand / collapse a tree node; open the selected item; on a finding \
                      of 检查, go to its cell, table or text (Esc comes back)",
    },
    Binding {
        action: Action::CycleSort,
        keys: &[KeySpec::ch('s')],
        description: "in a table: sort by the current column (largest first, smallest first, \
                      document order; children stay under their parents); \
                      in the document list: cycle its order",
    },
    Binding {
        action: Action::Filter,
        keys: &[KeySpec::ch('f')],
        description: "filter a table's rows by the current column, as search reads a query: \
                      >=1000, 100..500, 智慧 (words on a column of figures match the row's \
                      label); Esc clears sort and filter",
    },
    Binding {
        action: Action::GotoColumn,
        keys: &[KeySpec::ch('c')],
        description: "go to the table column whose name holds what you type",
    },
    Binding {
        action: Action::PrevGroup,
        keys: &[KeySpec::ch('H')],
        description: "in a table: the previous group of columns (under one header)",
    },
    Binding {
        action: Action::NextGroup,
        keys: &[KeySpec::ch('L')],
        description: "in a table: the next group of columns",
    },
    Binding {
        action: Action::NarrowColumn,
        keys: &[KeySpec::ch('<')],
        description: "narrow the current column (never below its widest figure)",
    },
    Binding {
        action: Action::WidenColumn,
        keys: &[KeySpec::ch('>')],
        description: "widen the current column",
    },
    Binding {
        action: Action::Mark,
        keys: &[KeySpec::ch('m')],
        description: "mark the figure under the cursor (on a label: the row's figures); \
                      the status bar sums the marks; y on a mark copies them all",
    },
    Binding {
        action: Action::Chart,
        keys: &[KeySpec::ch('v')],
        description: "chart the current column (or the first of figures) as bars, largest first",
    },
    Binding {
        action: Action::Projects,
        keys: &[KeySpec::ch('P')],
        description: "every project of every document (again: with the groups of projects); \
                      Enter opens one; Esc closes",
    },
    Binding {
        action: Action::Compare,
        keys: &[KeySpec::ch('C')],
        description: "this kind of table across every document, side by side, \
                      with the change from a department's earlier year; Esc closes",
    },
    Binding {
        action: Action::ToggleWrap,
        keys: &[KeySpec::ch('w')],
        description: "wrap long table cells on / off",
    },
    Binding {
        action: Action::Zoom,
        keys: &[KeySpec::ch('z')],
        description: "give the main view the whole width (again: back)",
    },
    Binding {
        action: Action::Search,
        keys: &[KeySpec::ch('/')],
        description: "search every document; Enter jumps to a result",
    },
    Binding {
        action: Action::NextResult,
        keys: &[KeySpec::ch('n')],
        description: "next search result",
    },
    Binding {
        action: Action::PrevResult,
        keys: &[KeySpec::ch('N')],
        description: "previous search result",
    },
    Binding {
        action: Action::Yank,
        keys: &[KeySpec::ch('y'), KeySpec::ctrl('y')],
        description: "copy what is between [ ]: a table cell, a project's amount, an \
                      indicator's target, a figure of a text (l / h choose it); the marked \
                      figures; in the search, the highlighted result's amount",
    },
    Binding {
        action: Action::YankRow,
        keys: &[KeySpec::ch('Y')],
        description: "copy the selected row, tab-separated",
    },
    Binding {
        action: Action::Help,
        keys: &[KeySpec::ch('?')],
        description: "show / hide this help",
    },
    Binding {
        action: Action::Close,
        keys: &[KeySpec::plain(K::Esc)],
        description: "close help, search, chart or board; clear a table's sort and filter, \
                      then its marks; leave zoom; after a jump, go back",
    },
    Binding {
        action: Action::Quit,
        keys: &[KeySpec::ch('q'), KeySpec::ctrl('c')],
        description: "quit",
    },
];

/// Ctrl-c quits from anywhere (the help, the search prompt), whatever the
/// configuration says: in raw mode it is a key like any other, and a
/// configuration must not be able to take the way out.
pub const ALWAYS_QUITS: KeySpec = KeySpec::ctrl('c');

/// Key → action lookup built from a table of bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(KeySpec, Action)>,
    /// Rows for the help overlay: action, its keys, description.
    pub rows: Vec<(Action, Vec<KeySpec>, String)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_bindings(DEFAULT_BINDINGS)
    }
}

/// The description of an action in the default table.
pub fn description(action: Action) -> &'static str {
    DEFAULT_BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(|b| b.description)
        .unwrap_or("")
}

/// The default keys of an action.
pub fn default_keys(action: Action) -> &'static [KeySpec] {
    DEFAULT_BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(|b| b.keys)
        .unwrap_or(&[])
}

impl Keymap {
    pub fn from_bindings(table: &[Binding]) -> Self {
        Self::build(
            table
                .iter()
                .map(|b| (b.action, b.keys.to_vec(), b.description)),
        )
    }

    /// A keymap with the given keys per action, in the order of the default
    /// table (actions missing from `keys` keep their default keys). Quit
    /// always has [`ALWAYS_QUITS`] as well, and no other action has it.
    pub fn from_keys(keys: &std::collections::BTreeMap<Action, Vec<KeySpec>>) -> Self {
        Self::build(DEFAULT_BINDINGS.iter().map(|b| {
            let mut k = keys
                .get(&b.action)
                .cloned()
                .unwrap_or_else(|| b.keys.to_vec());
            k.retain(|k| *k != ALWAYS_QUITS);
            if b.action == Action::Quit {
                k.push(ALWAYS_QUITS);
            }
            (b.action, k, b.description)
        }))
    }

    fn build(table: impl Iterator<Item = (Action, Vec<KeySpec>, &'static str)>) -> Self {
        let mut bindings: Vec<(KeySpec, Action)> = Vec::new();
        let mut rows = Vec::new();
        for (action, keys, description) in table {
            for k in &keys {
                // A key bound twice: the first binding wins, the later one is dropped
                // so that help lists every key once.
                if !bindings.iter().any(|(spec, _)| spec == k) {
                    bindings.push((*k, action));
                }
            }
            let keys: Vec<KeySpec> = keys
                .into_iter()
                .filter(|k| bindings.iter().any(|(s, a)| s == k && *a == action))
                .collect();
            rows.push((action, keys, description.to_string()));
        }
        Keymap { bindings, rows }
    }

    /// The action a key event is bound to (key presses and repeats only).
    pub fn action_for(&self, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let spec = KeySpec::from_event(ev);
        self.bindings
            .iter()
            .find(|(k, _)| *k == spec)
            .map(|(_, a)| *a)
    }

    /// The keys bound to an action, as the help shows them (`j ↓`).
    pub fn keys_for(&self, action: Action) -> Vec<KeySpec> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_action_has_one_row_and_every_key_is_unique() {
        let mut seen = HashSet::new();
        for b in DEFAULT_BINDINGS {
            for k in b.keys {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
        let actions: HashSet<_> = DEFAULT_BINDINGS.iter().map(|b| b.action).collect();
        assert_eq!(actions.len(), DEFAULT_BINDINGS.len());
        for a in Action::ALL {
            assert!(actions.contains(a), "{a:?} has no binding");
        }
    }

    #[test]
    fn lookup_normalises_modifiers() {
        let km = Keymap::default();
        assert_eq!(
            km.action_for(&key(K::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
        assert_eq!(
            km.action_for(&key(K::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            km.action_for(&key(K::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(
            km.action_for(&key(
                K::Char('D'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            )),
            Some(Action::PageDown)
        );
        assert_eq!(km.action_for(&key(K::Char('d'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.action_for(&key(K::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
    }

    #[test]
    fn key_names_round_trip() {
        for b in DEFAULT_BINDINGS {
            for k in b.keys {
                assert_eq!(KeySpec::parse(&k.to_string()), Some(*k), "{k}");
            }
        }
        assert_eq!(KeySpec::parse("Down"), Some(KeySpec::plain(K::Down)));
        assert_eq!(KeySpec::parse("F5"), Some(KeySpec::plain(K::F(5))));
        assert_eq!(KeySpec::parse("nope"), None);
    }

    #[test]
    fn action_names_are_serde_names() {
        for a in Action::ALL {
            let json = serde_json::to_string(a).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", a.name()));
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
    }
}
