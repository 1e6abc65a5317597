//! What can be selected in a project's or the department's indicator view:
//! the project's amount, then each indicator. Known without building the
//! view's lines (a search result's jump and `y` need it).

use crate::model::{Document, Project};

use super::super::document::doc_tree::NodeKind;
use super::super::state::Pick;

/// Whether a project's view shows an amount line.
fn has_amount(p: &Project) -> bool {
    p.amount.is_some()
}

/// The selectable items of a project's or the department's indicator view,
/// in order (the same as [`crate::tui::Rendered::items`] of the view).
pub fn picks(doc: &Document, kind: &NodeKind) -> Vec<Pick> {
    match kind {
        NodeKind::Project(i) => match doc.projects.get(*i) {
            Some(p) => {
                let mut out = Vec::with_capacity(p.indicators.len() + 1);
                if has_amount(p) {
                    out.push(Pick::Amount);
                }
                out.extend((0..p.indicators.len()).map(Pick::Indicator));
                out
            }
            None => Vec::new(),
        },
        NodeKind::DocIndicators => (0..doc.indicators.len()).map(Pick::Indicator).collect(),
        _ => Vec::new(),
    }
}
