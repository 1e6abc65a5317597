//! Configuration file (`config.toml`): keybindings, theme, clipboard, yank unit.
