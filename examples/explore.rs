//! Run the explorer on the paths given (temporary, until `src/main.rs` calls it).
fn main() -> std::io::Result<()> {
    let paths = std::env::args_os()
        .skip(1)
        .map(std::path::PathBuf::from)
        .collect();
    budgettui::tui::run(budgettui::tui::TuiOptions {
        paths,
        config: None,
    })
}
