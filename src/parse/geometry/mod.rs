//! Tables and text lines rebuilt from page geometry: glyph boxes and ruling segments.
//!
//! Knows nothing of PDF: any source that places characters in boxes (a PDF reader, or
//! space-aligned text put on a grid of display cells) goes through the same builder,
//! [`build_page`].
//!
//! Pipeline: [`page`] (input types) → [`ruled`] tables ([`rulings`] merged into frames,
//! [`grid`] cells with merged spans) → [`lines`] of the remaining glyphs → [`unruled`] tables
//! of aligned columns (read by [`aligned`], the builder space-aligned text goes through too)
//! → [`layout`] (blocks in reading order).
//!
//! Words: glyph = one drawn character with its box; ruling = a drawn table line; em = the
//! font size, the unit of every gap; span = how many rows / columns a merged cell covers.

pub mod aligned;
pub mod continuation;
pub mod grid;
pub mod header;
pub mod layout;
pub mod lines;
pub mod page;
pub mod ruled;
pub mod rulings;
pub mod table;
pub mod text_grid;
pub mod unruled;

pub use layout::{Block, PageLayout, build_page};
pub use lines::{TextLine, Word};
pub use page::{Glyph, Orientation, Page, Rect, Segment};
pub use table::{Cell, Table};
