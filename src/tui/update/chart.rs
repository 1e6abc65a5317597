//! The chart overlay (`v`): the keys that move scroll it, anything else
//! closes it.

use super::super::base::action::Action;
use super::super::content::chart::chart;
use super::super::state::{App, Mode};

/// `v`: chart the current column of the table shown.
pub(super) fn open(app: &mut App) {
    if app.grid().is_none() {
        app.status.message =
            Some("v charts a table's column: open a table or the projects (P)".to_string());
        return;
    }
    match app.grid().and_then(|g| chart(&g)) {
        Some(c) if !c.bars.is_empty() => app.mode = Mode::Chart { scroll: 0 },
        _ => app.status.message = Some("no figures to chart in this table".to_string()),
    }
}

/// A key while the chart is open: the keys that move scroll it within its
/// bars (a page is what the pane shows), anything else closes it.
pub(super) fn key(app: &mut App, action: Option<Action>) {
    let (max, page) = extent(app);
    let Mode::Chart { scroll } = &mut app.mode else {
        return;
    };
    *scroll = match action {
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::Down) => *scroll + 1,
        Some(Action::PageUp) => scroll.saturating_sub(page),
        Some(Action::PageDown) => *scroll + page,
        Some(Action::First) => 0,
        Some(Action::Last) => max,
        Some(Action::Quit) => *scroll,
        _ => {
            app.mode = Mode::Browse;
            return;
        }
    }
    .min(max);
}

/// The first bar of the last page, and the bars a page shows (the main
/// pane's height less its border, as the view draws them).
fn extent(app: &App) -> (usize, usize) {
    let bars = app
        .grid()
        .and_then(|g| chart(&g))
        .map_or(0, |c| c.bars.len());
    let rows = usize::from(app.panes().main.height.saturating_sub(2)).max(1);
    (bars.saturating_sub(rows), rows)
}
