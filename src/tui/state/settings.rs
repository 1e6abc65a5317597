//! The configuration as the explorer uses it, resolved once at start-up:
//! the keymap built from the configured keys, the theme with `NO_COLOR`
//! applied, and the plain values.

use crate::clipboard::ClipboardConfig;
use crate::config::{Config, YankConfig};

use super::super::base::keymap::Keymap;
use super::super::base::sort::SortMode;
use super::super::base::theme::{self, Theme};

/// Everything the explorer takes from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// How `y` writes figures.
    pub yank: YankConfig,
    /// The first order of the document list.
    pub sort: SortMode,
    pub clipboard: ClipboardConfig,
    /// Cells taken by East Asian ambiguous-width characters: 1 or 2.
    pub ambiguous_width: u8,
}

impl Default for Settings {
    /// The defaults, in colour whatever the environment says.
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            theme: Theme::colored(),
            yank: YankConfig::default(),
            sort: SortMode::default(),
            clipboard: ClipboardConfig::default(),
            ambiguous_width: 1,
        }
    }
}

impl Settings {
    /// Resolve a configuration: `NO_COLOR` (set to anything non-empty)
    /// makes the theme monochrome whatever the file says.
    pub fn resolve(cfg: &Config) -> Settings {
        Settings {
            keymap: Keymap::from_keys(&cfg.keys),
            theme: if theme::no_color() {
                Theme::mono()
            } else {
                cfg.theme.clone()
            },
            yank: cfg.yank,
            sort: cfg.sort,
            clipboard: cfg.clipboard.clone(),
            ambiguous_width: cfg.ambiguous_width,
        }
    }

    /// The defaults in monochrome (tests: modifiers only, easy to read back).
    pub fn mono() -> Settings {
        Settings {
            theme: Theme::mono(),
            ..Settings::default()
        }
    }
}
