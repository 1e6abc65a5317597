//! Run the explorer by hand.
//!
//! ```text
//! cargo run --example explore -- [PATH...]      # same as `budgettui PATH...`
//! cargo run --example explore -- --samples      # the bundled samples
//! cargo run --example explore -- --demo [ROWS]  # a synthetic document with a ROWS-row table
//! ```
use budgettui::tui::{self, loader::Source};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let source = match args.first().map(String::as_str) {
        Some("--samples") => Source::Samples,
        Some("--demo") => {
            let rows = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(10_000);
            Source::Documents(vec![tui::demo::document(rows)])
        }
        None => Source::Default,
        Some(_) => Source::Paths(args.iter().map(std::path::PathBuf::from).collect()),
    };
    tui::run_source(source)
}
