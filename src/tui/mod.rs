//! The terminal explorer: document list, section tree, table and indicator views.

use std::path::PathBuf;

/// What the command line passes to the explorer.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Files or folders to open; empty = the current folder if it holds any
    /// supported document, else the bundled samples.
    pub paths: Vec<PathBuf>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
}

/// Run the explorer until the user quits. The terminal is always restored.
pub fn run(opts: TuiOptions) -> std::io::Result<()> {
    let _ = opts;
    Ok(())
}
