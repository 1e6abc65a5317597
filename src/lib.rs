//! budgettui: explore Chinese government budget disclosures in the terminal.
//!
//! - [`parse`] turns one extracted disclosure text into a [`model::Document`];
//! - [`load`] finds and reads documents in files and folders;
//! - [`export`] writes documents as JSON or CSV;
//! - [`check`] verifies the arithmetic of a document (sums, balances, prose against tables);
//! - [`search`], [`tui`], [`clipboard`], [`config`] serve the explorer;
//! - [`printable`] escapes file names and text for the headless commands.
//!
//! The parsing core knows nothing of the terminal; the TUI only reads the model.

pub mod allocator;
pub mod cache;
pub mod check;
pub mod clipboard;
pub mod compare;
pub mod config;
pub mod export;
pub mod load;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod printable;
pub mod rows;
pub mod search;
pub mod tui;
