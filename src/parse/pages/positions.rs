//! Every element of a PDF's document given its page, from the page of the line it stands on.

use crate::model::{Document, Indicator, LineNo, PageNo, Section};

/// Fill the `page` fields (and each table's `row_pages`) from `line_pages` (the page of line
/// `n` at index `n - 1`).
pub(super) fn fill(doc: &mut Document, line_pages: &[PageNo]) {
    let page = |line: LineNo| -> Option<PageNo> {
        let at = usize::try_from(line.checked_sub(1)?).ok()?;
        line_pages.get(at).copied()
    };
    fn sections(secs: &mut [Section], page: &dyn Fn(LineNo) -> Option<PageNo>) {
        for s in secs {
            s.page = page(s.line);
            sections(&mut s.children, page);
        }
    }
    let indicators = |list: &mut [Indicator]| {
        for i in list {
            i.set_page(page(i.line));
        }
    };
    sections(&mut doc.sections, &page);
    for t in &mut doc.tables {
        t.page = page(t.line);
        t.row_pages = t
            .row_lines
            .iter()
            .map(|&l| page(l).or(t.page).unwrap_or(1))
            .collect();
    }
    for p in &mut doc.projects {
        p.page = page(p.line);
        for s in &mut p.sources {
            s.page = page(s.line);
        }
        indicators(&mut p.indicators);
    }
    indicators(&mut doc.indicators);
    for w in &mut doc.warnings {
        w.page = w.page.or_else(|| page(w.line));
    }
}
