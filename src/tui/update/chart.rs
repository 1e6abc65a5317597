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

/// A key while the chart is open.
pub(super) fn key(app: &mut App, action: Option<Action>) {
    let Mode::Chart { scroll } = &mut app.mode else {
        return;
    };
    match action {
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Down) => *scroll += 1,
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Action::PageDown) => *scroll += 10,
        Some(Action::First) => *scroll = 0,
        Some(Action::Last) => *scroll = usize::MAX / 2,
        Some(Action::Quit) => {}
        _ => app.mode = Mode::Browse,
    }
}
