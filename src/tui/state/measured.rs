//! What the last frame drew, and where. The views record it while drawing;
//! `update` reads it to hit-test the mouse, so that a click means what was
//! on screen (keys use the layout functions of [`crate::tui::base::panes`]
//! and the derived content, which update and views both call).

use ratatui::layout::Rect;

use super::super::base::panes::Panes;

/// The panes and the places inside them that a click can select.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    /// The panes as drawn (all empty before the first frame).
    pub panes: Panes,
    /// The table in the main pane, when one was drawn.
    pub table: Option<DrawnTable>,
    /// The rows of search results in the prompt, when it was drawn.
    pub results: Option<Rect>,
}

/// Where a table's cells were drawn: its columns as placed (frozen label
/// columns, then the scrolled ones) and its body rows with their heights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrawnTable {
    /// The grid's area (inside the pane's border).
    pub area: Rect,
    /// Column index, x and width on screen.
    pub columns: Vec<(usize, u16, u16)>,
    /// Row index, y and height on screen.
    pub rows: Vec<(usize, u16, u16)>,
}

impl DrawnTable {
    /// The cell (row, column) drawn at a screen position, if any.
    pub fn cell_at(&self, x: u16, y: u16) -> Option<(usize, usize)> {
        if x < self.area.x || y < self.area.y || x >= self.area.right() || y >= self.area.bottom() {
            return None;
        }
        let col = self
            .columns
            .iter()
            .find(|&&(_, cx, w)| x >= cx && x < cx + w.max(1))?
            .0;
        let row = self
            .rows
            .iter()
            .find(|&&(_, ry, h)| y >= ry && y < ry + h)?
            .0;
        Some((row, col))
    }
}
