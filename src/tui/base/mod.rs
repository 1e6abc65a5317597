//! The explorer's lowest layer: what knows nothing of its state. Text as
//! the terminal draws it ([`screen_text`]), colours ([`theme`]), what a key
//! asks for ([`action`], [`keymap`]), where each pane goes for a terminal
//! size ([`panes`]) and the orders of the document list ([`sort`]).
//!
//! The configuration ([`crate::config`]) builds on this layer; nothing here
//! imports anything of the explorer above it.

pub mod action;
pub mod keymap;
pub mod panes;
pub mod screen_text;
pub mod sort;
pub mod theme;
