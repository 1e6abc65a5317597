//! Derived content: what the state shows, computed from it on demand and
//! shared by `update` and the views so that both agree. The main view's
//! lines ([`main_content`], built by [`summary`], [`prose`], [`indicators`]),
//! the checks' findings ([`findings`]), what can be selected in them
//! ([`picks`]), where a table's columns and
//! rows go ([`table_geometry`]), the help's text ([`help_text`]), what
//! `y` / `Y` copy ([`copy`]), the boards' tables ([`boards`]), the sum of
//! the marks ([`marks`]) and the chart of a column ([`chart`]).
//!
//! This layer imports the state and the layers below it, never `update`,
//! the views or the event loop.

pub mod boards;
pub mod chart;
pub mod copy;
pub mod fields;
pub mod findings;
pub mod help_text;
pub mod indicators;
pub mod main_content;
pub mod marks;
pub mod picks;
pub mod prose;
pub mod summary;
pub mod table_geometry;
