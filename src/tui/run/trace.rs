//! Timings of the explorer's start for benchmarks: with `BUDGETTUI_TRACE`
//! set to a file name, one line per milestone is appended to it,
//! `<milliseconds since start> <milestone>`: `first_frame`, `listed` (the
//! first frame listing documents), `first_document` (the first frame showing
//! a document), `all_loaded` (every document listed or read) and
//! `all_searchable` (every one of them in the search index), the last with
//! the process's resident memory then and at its peak (`rss_kb`, `hwm_kb`).

use std::fs::File;
use std::io::Write;
use std::time::Instant;

use super::super::state::App;
use super::search_worker::Indexing;

/// The milestones still to be reached, and where to write them.
pub struct Trace {
    file: File,
    start: Instant,
    reached: Vec<&'static str>,
}

impl Trace {
    /// A trace when `BUDGETTUI_TRACE` names a file that can be opened.
    pub fn from_env() -> Option<Trace> {
        let name = std::env::var_os("BUDGETTUI_TRACE").filter(|n| !n.is_empty())?;
        let file = File::options().create(true).append(true).open(name).ok()?;
        Some(Trace {
            file,
            start: Instant::now(),
            reached: Vec::new(),
        })
    }

    fn mark(&mut self, what: &'static str, at: Instant, extra: &str) {
        if self.reached.contains(&what) {
            return;
        }
        self.reached.push(what);
        let ms = at.saturating_duration_since(self.start).as_secs_f64() * 1000.0;
        let _ = writeln!(self.file, "{ms:.1} {what}{extra}");
    }

    /// A frame was drawn.
    pub fn frame(&mut self, app: &App, index: Option<&Indexing>) {
        let now = Instant::now();
        self.mark("first_frame", now, "");
        if !app.docs().is_empty() {
            self.mark("listed", now, "");
        }
        if app.current_ready().is_some() {
            self.mark("first_document", now, "");
        }
        if app.status().progress.finished() && !app.docs().is_empty() {
            self.mark("all_loaded", now, "");
            if let Some(p) = index {
                self.searchable(app, p);
            }
        }
    }

    /// Every document listed is in the search index.
    pub fn searchable(&mut self, app: &App, index: &Indexing) {
        if !app.status().progress.finished() || app.docs().is_empty() {
            return;
        }
        let listed = app.docs().iter().filter(|d| d.brief().is_some()).count();
        if index.count() < listed {
            return;
        }
        let at = index.last().unwrap_or_else(Instant::now);
        let extra = format!(
            " rss_kb={} hwm_kb={}",
            status_kb("VmRSS"),
            status_kb("VmHWM")
        );
        self.mark("all_searchable", at, &extra);
    }
}

/// A `kB` line of `/proc/self/status` (0 where there is none).
fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
