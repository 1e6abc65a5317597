//! The `budgettui` command: the explorer, and headless `export` / `search` / `check`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use budgettui::cache::Cache;
use budgettui::export::{self, Format};
use budgettui::load::{self, LoadError};
use budgettui::model::Document;

/// Parsing allocates many small strings; mimalloc makes that ~20% cheaper than the system
/// allocator (`budgettui::allocator` says how it is called).
#[global_allocator]
static GLOBAL: budgettui::allocator::Allocator = budgettui::allocator::Allocator;

/// Explore Chinese government budget disclosures (部门预算 / 决算 / 绩效目标) in the terminal.
///
/// With no PATH: the current folder if it holds any supported document
/// (.pdf, .txt, .text, .md), else the bundled samples.
#[derive(Parser, Debug)]
#[command(name = "budgettui", version, about, long_about = None)]
struct Cli {
    /// Files or folders to open in the explorer.
    paths: Vec<PathBuf>,

    /// Configuration file of the explorer (default: the user config dir's
    /// budgettui/config.toml). It holds keys, colours, clipboard and display
    /// settings, none of which apply to `export` or `search`: they refuse it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Parse every file again instead of using the cache of parsed documents.
    #[arg(long, global = true)]
    no_cache: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse documents and print the model as JSON, JSON Lines (one
    /// document per line) or CSV (one row per table cell).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Check the arithmetic of documents: sums, balances, figures across
    /// tables and in the text, required tables, names and years.
    ///
    /// Exit status: 0 when no finding is an error, 1 when one is (or a PATH
    /// cannot be read), 2 on bad arguments.
    Check {
        /// Files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a JSON array of findings instead of text grouped by document.
        #[arg(long)]
        json: bool,
    },
    /// Search documents and print the ranked results.
    Search {
        /// Words, pinyin (`zhsq`), an amount (`4800`, `48000000元`) or a
        /// filter (`>=1000`, `<50`, `100..500`), or words and an amount.
        #[arg(allow_negative_numbers = true)]
        query: String,
        /// Files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of one line per result.
        #[arg(long)]
        json: bool,
        /// Most results to print (0 = all).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// The same kind of table across documents, side by side: one column per
    /// document (department and year), rows matched by code or name, and the
    /// change from a department's earlier year.
    Compare {
        /// The kind of table: `三公` (三公经费), `收支总表`, `一般公共预算支出表`,
        /// … (a word of the kind is enough; an unknown word lists the kinds).
        kind: String,
        /// Files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
}

/// Output format of `budgettui compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CompareFormat {
    /// Aligned columns.
    Text,
    Csv,
    Json,
}

/// mimalloc's `mi_option_purge_delay` (the option after
/// `mi_option_eager_commit_delay` in `mimalloc.h`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's `mi_option_arena_eager_commit` (the fifth option in
/// `mimalloc.h`, after `mi_option_deprecated_eager_commit`).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Commit the allocator's arenas as they are used, not whole at once: with
/// transparent huge pages an eagerly committed arena becomes resident in
/// 2 MiB pages whether it is used or not (−20 % resident memory with 1,000
/// documents loaded, −10 % on one 21 MB file, no slower). The first arena is
/// made at the first allocation, before `main`, so the option is set by a
/// function the loader runs before any Rust code (an ELF `.init_array` entry,
/// as the `ctor` crate makes them); `MIMALLOC_ARENA_EAGER_COMMIT` in the
/// environment does the same on other systems.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static LAZY_ARENA_COMMIT: extern "C" fn() = lazy_arena_commit;

#[cfg(target_os = "linux")]
extern "C" fn lazy_arena_commit() {
    // SAFETY: sets an option of the allocator linked in; any value is valid,
    // and nothing has been allocated yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

fn main() -> ExitCode {
    // Memory freed is given back at once instead of 10 ms later: loading a
    // folder frees as much as it keeps (files read, items handed over), and
    // the explorer's resident memory should follow what it holds (−20 % on
    // 1,000 documents).
    // SAFETY: sets an option of the allocator linked in; any value is valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = Cli::parse();
    if cli.command.is_some() && cli.config.is_some() {
        eprintln!(
            "budgettui: --config sets up the explorer (keys, colours, clipboard); export, search, check and compare take no configuration"
        );
        return ExitCode::from(2);
    }
    match cli.command {
        Some(Command::Export { format, out, paths }) => {
            export_cmd(format, out, &paths, cache(cli.no_cache).as_ref())
        }
        Some(Command::Check { paths, json }) => {
            check_cmd(&paths, json, cache(cli.no_cache).as_ref())
        }
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
        }) => search_cmd(&query, &paths, json, limit, cache(cli.no_cache).as_ref()),
        Some(Command::Compare {
            kind,
            paths,
            format,
        }) => compare_cmd(&kind, &paths, format, cache(cli.no_cache).as_ref()),
        None => {
            // A configuration that cannot be used stops here, before the
            // terminal is touched: file, line and key on stderr, exit code 2.
            let settings = match budgettui::config::Config::load(cli.config.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("budgettui: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = budgettui::tui::TuiOptions {
                paths: cli.paths,
                config: cli.config,
                settings,
                cache: cache(cli.no_cache),
            };
            match budgettui::tui::run(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("budgettui: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The cache of parsed documents, unless `--no-cache`.
fn cache(no_cache: bool) -> Option<Cache> {
    if no_cache {
        None
    } else {
        Cache::user_default()
    }
}

/// The files under `paths`, in the order of their paths as text; notes and
/// unreadable paths are reported on stderr (the flag is set for the latter).
fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let found = budgettui::load::discover(paths);
    for note in &found.skipped {
        eprintln!("budgettui: {note}");
    }
    for e in &found.errors {
        eprintln!("budgettui: {e}");
    }
    let mut files = found.files;
    files.sort_by_cached_key(|p| p.display().to_string());
    (files, !found.errors.is_empty())
}

/// Progress of a headless command on stderr: a bar that appears once the
/// work has taken a second, only when stderr is a terminal.
struct Progress {
    start: Instant,
    total: u64,
    what: &'static str,
    done: AtomicU64,
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl Progress {
    fn new(total: usize, what: &'static str) -> Progress {
        Progress {
            start: Instant::now(),
            total: total as u64,
            what,
            done: AtomicU64::new(0),
            enabled: std::io::stderr().is_terminal() && total > 1,
            bar: OnceLock::new(),
        }
    }

    /// One more file done.
    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled || self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(Some(self.total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{msg} [{bar:30}] {pos}/{len} files, {elapsed} (eta {eta})",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(self.what);
            bar
        });
        bar.set_position(done);
    }

    /// A line on stderr, above the bar.
    fn note(&self, line: &str) {
        match self.bar.get() {
            Some(bar) => bar.suspend(|| eprintln!("budgettui: {line}")),
            None => eprintln!("budgettui: {line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// File `i` of `files` read (from the cache when it holds it), the progress
/// ticked; `None` past the end.
fn read_nth(
    files: &[PathBuf],
    i: usize,
    cache: Option<&Cache>,
    progress: &Progress,
) -> Option<Result<Document, LoadError>> {
    let path = files.get(i)?;
    let doc = load::guarded(path, || load::read_document_cached(path, cache));
    progress.tick();
    Some(doc)
}

fn export_cmd(
    format: Format,
    out: Option<PathBuf>,
    paths: &[PathBuf],
    cache: Option<&Cache>,
) -> ExitCode {
    let (files, mut failed) = discover(paths);
    let progress = Progress::new(files.len(), "export");
    let read = |i: usize| read_nth(&files, i, cache, &progress);
    let write = |docs: &mut dyn Iterator<Item = Option<Result<Document, LoadError>>>| {
        let docs = docs.flatten().filter_map(|r| match r {
            Ok(doc) => Some(doc),
            Err(e) => {
                progress.note(&e.to_string());
                failed = true;
                None
            }
        });
        match &out {
            Some(file) => std::fs::File::create(file).and_then(|f| {
                let mut w = std::io::BufWriter::new(f);
                export::write_stream(docs, format, &mut w)?;
                w.flush()
            }),
            None => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                export::write_stream(docs, format, &mut w).and_then(|()| w.flush())
            }
        }
    };
    let result = load::in_order(files.len(), load::default_window(), read, write);
    progress.finish();
    if let Some(cache) = cache {
        cache.evict();
    }
    match result {
        Ok(()) if failed => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let target = out
                .as_deref()
                .map(budgettui::printable::path)
                .unwrap_or_else(|| "standard output".into());
            eprintln!("budgettui: cannot write {target}: {e}");
            ExitCode::from(1)
        }
    }
}

fn search_cmd(
    query: &str,
    paths: &[PathBuf],
    json: bool,
    limit: usize,
    cache: Option<&Cache>,
) -> ExitCode {
    if budgettui::search::parse_query(query).is_empty() {
        eprintln!("budgettui: empty search query");
        return ExitCode::from(2);
    }
    let (files, mut failed) = discover(paths);
    let progress = Progress::new(files.len(), "search");
    let (summaries, hits, errors) =
        load::search_files(&files, cache, query, limit, &|| progress.tick());
    progress.finish();
    for e in &errors {
        eprintln!("budgettui: {e}");
    }
    failed |= !errors.is_empty();
    if let Some(cache) = cache {
        cache.evict();
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let result =
        budgettui::search::output::write(&summaries, &hits, json, &mut w).and_then(|()| w.flush());
    match result {
        Ok(()) if failed => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("budgettui: cannot write standard output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Every document under `paths`, in path order (for `compare`, which
/// reads every document's tables of one kind; the other commands stream);
/// unreadable paths are reported on stderr (the flag is set).
fn load_all(paths: &[PathBuf], cache: Option<&Cache>) -> (Vec<Document>, bool) {
    let (files, mut failed) = discover(paths);
    let progress = Progress::new(files.len(), "read");
    let read = |i: usize| read_nth(&files, i, cache, &progress);
    let mut docs = Vec::with_capacity(files.len());
    load::in_order(files.len(), load::default_window(), read, |results| {
        for r in results.flatten() {
            match r {
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    progress.note(&e.to_string());
                    failed = true;
                }
            }
        }
    });
    progress.finish();
    if let Some(cache) = cache {
        cache.evict();
    }
    (docs, failed)
}

fn compare_cmd(
    word: &str,
    paths: &[PathBuf],
    format: CompareFormat,
    cache: Option<&Cache>,
) -> ExitCode {
    use budgettui::compare::{self, Comparison, output};
    let (docs, failed) = load_all(paths, cache);
    let Some(kind) = compare::resolve_kind(&docs, word) else {
        let kinds: Vec<String> = compare::kinds(&docs)
            .into_iter()
            .map(|(k, n)| format!("{k} ({n})"))
            .collect();
        eprintln!(
            "budgettui: no table of a kind named {:?}; the documents hold: {}",
            budgettui::printable::escape(word),
            budgettui::printable::escape(&kinds.join(", "))
        );
        return ExitCode::from(2);
    };
    let cmp = Comparison::build(docs.iter().enumerate(), &kind);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let result = match format {
        CompareFormat::Text => output::write_text(&cmp, &mut w),
        CompareFormat::Csv => output::write_csv(&cmp, &mut w),
        CompareFormat::Json => output::write_json(&cmp, &mut w),
    }
    .and_then(|()| w.flush());
    match result {
        Ok(()) if failed => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("budgettui: cannot write standard output: {e}");
            ExitCode::from(1)
        }
    }
}

fn check_cmd(paths: &[PathBuf], json: bool, cache: Option<&Cache>) -> ExitCode {
    let (files, mut failed) = discover(paths);
    let progress = Progress::new(files.len(), "check");
    // each document is read and checked on a worker, then written in order
    let read = |i: usize| {
        let path = files.get(i)?;
        let checked = load::guarded(path, || {
            let doc = load::read_document_cached(path, cache)?;
            let findings = budgettui::check::check(&doc);
            Ok((doc, findings))
        });
        progress.tick();
        Some(checked)
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let write = |results: &mut dyn Iterator<Item = Option<Result<_, LoadError>>>| {
        let mut checked = results.flatten().filter_map(|r| match r {
            Ok(pair) => Some(pair),
            Err(e) => {
                progress.note(&e.to_string());
                failed = true;
                None
            }
        });
        budgettui::check::output::run_stream(&mut checked, json, &mut w)
    };
    let result = load::in_order(files.len(), load::default_window(), read, write)
        .and_then(|errors| w.flush().map(|()| errors));
    progress.finish();
    if let Some(cache) = cache {
        cache.evict();
    }
    match result {
        Ok(errors) if errors || failed => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("budgettui: cannot write standard output: {e}");
            ExitCode::from(1)
        }
    }
}
