//! What the loader reports: documents listed, then loaded or failed.

use super::super::state::{App, DocEntry, DocState, Progress};
use super::msg::LoadEvent;
use super::scroll::fix_scroll;

pub(super) fn load(app: &mut App, ev: LoadEvent) {
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
            if let Some(d) = app.docs.get_mut(id) {
                d.state = match result {
                    Ok(r) => DocState::Ready(r),
                    Err(e) => DocState::Failed(e),
                };
            }
            app.status.progress.done += 1;
        }
    }
    let touched = app.list.touched;
    app.resort();
    if !touched {
        app.list.selected = 0;
    }
    fix_scroll(app);
}
