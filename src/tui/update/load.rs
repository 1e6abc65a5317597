//! What the loader reports: documents listed, then loaded or failed.

use super::super::state::{App, DocEntry, DocState, KEEP_OPEN, Progress, Ready};
use super::jump::jump;
use super::msg::LoadEvent;
use super::scroll::fix_scroll;

/// A listed document was read to be shown: it is ready (the list's order
/// does not change: its brief is the same); listed documents read longest
/// ago give their model back; a jump waiting for it is done.
fn opened(app: &mut App, id: usize, result: Result<Box<Ready>, String>) {
    let Some(d) = app.docs.get_mut(id) else {
        return;
    };
    if !matches!(d.state, DocState::Listed(_)) {
        return;
    }
    d.state = match result {
        Ok(r) => DocState::Ready(r),
        Err(e) => DocState::Failed(e),
    };
    app.opened.retain(|&i| i != id);
    app.opened.push(id);
    let keep = app.selected_doc();
    while app.opened.len() > KEEP_OPEN {
        let old = app.opened.remove(0);
        if Some(old) == keep {
            app.opened.push(old);
            continue;
        }
        if let Some(d) = app.docs.get_mut(old)
            && let DocState::Ready(r) = &d.state
        {
            d.state = DocState::Listed(Box::new(r.brief.clone()));
        }
    }
    app.lines = Default::default();
    if let Some(f) = app.search.pending.take_if(|f| f.doc == id) {
        jump(app, &f);
    }
    fix_scroll(app);
}

pub(super) fn load(app: &mut App, ev: LoadEvent) {
    // One document changed: it moves; documents listed: the list is sorted.
    let mut changed = None;
    match ev {
        LoadEvent::Discovered {
            paths,
            errors,
            skipped,
            note,
        } => {
            let base = app.docs.len();
            for p in paths {
                app.docs.push(DocEntry {
                    path: p,
                    state: DocState::Loading,
                });
            }
            let total = app.docs.len() - base;
            for (p, e) in errors {
                app.docs.push(DocEntry {
                    path: p,
                    state: DocState::Failed(e),
                });
            }
            let status = &mut app.status;
            status.skipped += skipped;
            if skipped > 0 {
                status.message = Some(format!("skipped {skipped} hidden or unsupported entries"));
            }
            status.progress = Progress {
                scanning: false,
                done: status.progress.done,
                total: status.progress.total + total,
            };
            if note.is_some() {
                status.source_note = note;
            }
        }
        LoadEvent::Loaded { id, result } => {
            changed = Some(id);
            if let Some(d) = app.docs.get_mut(id) {
                d.state = match result {
                    Ok(r) => DocState::Ready(r),
                    Err(e) => DocState::Failed(e),
                };
            }
            app.status.progress.done += 1;
        }
        LoadEvent::Listed { id, brief } => {
            changed = Some(id);
            if let Some(d) = app.docs.get_mut(id) {
                d.state = DocState::Listed(brief);
            }
            app.status.progress.done += 1;
        }
        LoadEvent::Opened { id, result } => {
            opened(app, id, result);
            return;
        }
    }
    let touched = app.list.touched;
    match changed {
        Some(id) => app.list.place(&app.docs, id),
        None => app.resort(),
    }
    if !touched {
        app.list.selected = 0;
    }
    fix_scroll(app);
}
