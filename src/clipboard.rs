//! Copying figures to the clipboard: OSC 52, tmux, external commands.
