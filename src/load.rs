//! Finding and reading documents: files and folders (recursive), hidden
//! entries and unsupported files skipped, symlink loops safe.

use crate::cache::codec::Wire;
use crate::cache::{Cache, ContentKey, Part, PartReader};
use crate::model::Document;
use crate::parse::looks_binary;
use crate::parse::{parse_bytes, parse_owned};
use crate::pdf::to_document;
use crate::printable::path as escaped;
use crate::search::{DocItems, document_items, into_items};
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// File extensions read when walking a folder (compared case-insensitively).
/// Files named explicitly are read whatever their extension.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "text", "md", "pdf"];

/// Largest file [`read_document`] accepts: 1 GiB.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// A path that could not be found, walked or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl LoadError {
    fn new(path: &Path, message: impl Into<String>) -> Self {
        LoadError {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    fn io(path: &Path, err: &io::Error) -> Self {
        LoadError::new(path, io_message(err))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", escaped(&self.path), self.message)
    }
}

impl std::error::Error for LoadError {}

/// The OS message of an I/O error without the ` (os error N)` suffix:
/// `No such file or directory`.
fn io_message(err: &io::Error) -> String {
    let text = err.to_string();
    match text.rfind(" (os error ") {
        Some(cut) if text.ends_with(')') => text.get(..cut).unwrap_or(&text).to_string(),
        _ => text,
    }
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Files to read, sorted by path, each file once (by canonical path).
    pub files: Vec<PathBuf>,
    /// Human notes about entries left out: `skipped unsupported file x.pdf`,
    /// `skipped hidden entry docs/.git`.
    pub skipped: Vec<String>,
    /// Paths that could not be read (missing, unreadable, broken links).
    pub errors: Vec<LoadError>,
}

/// Find the documents named by `paths`.
///
/// Files named explicitly are taken whatever their extension. Folders are
/// walked recursively: entries whose name starts with `.` are skipped (noted),
/// files whose extension is not in [`SUPPORTED_EXTENSIONS`] are skipped (noted),
/// symbolic links are followed and every folder is visited once (by canonical
/// path), so link loops end. A path that cannot be read is an error naming it.
/// The files come out sorted by path, each file once (by canonical path).
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut walker = Walker::default();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => walker.errors.push(LoadError::io(path, &e)),
            Ok(meta) if meta.is_dir() => walker.walk(path),
            Ok(meta) if !meta.is_file() => walker
                .errors
                .push(LoadError::new(path, not_regular(&meta.file_type()))),
            Ok(_) => walker.add_file(path),
        }
    }
    let mut files = walker.files;
    files.sort();
    Discovery {
        files,
        skipped: walker.skipped,
        errors: walker.errors,
    }
}

#[derive(Default)]
struct Walker {
    files: Vec<PathBuf>,
    skipped: Vec<String>,
    errors: Vec<LoadError>,
    /// Canonical paths of the files taken.
    seen_files: HashSet<PathBuf>,
    /// Canonical paths of the folders walked.
    seen_dirs: HashSet<PathBuf>,
}

impl Walker {
    fn add_file(&mut self, path: &Path) {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(key) {
            self.files.push(path.to_path_buf());
        }
    }

    /// Walk `root` depth-first with an explicit stack (no recursion limit).
    fn walk(&mut self, root: &Path) {
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let canonical = match fs::canonicalize(&dir) {
                Ok(c) => c,
                Err(e) => {
                    self.errors.push(LoadError::io(&dir, &e));
                    continue;
                }
            };
            if !self.seen_dirs.insert(canonical) {
                self.skipped
                    .push(format!("skipped folder already visited {}", escaped(&dir)));
                continue;
            }
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    self.errors.push(LoadError::io(&dir, &e));
                    continue;
                }
            };
            let mut children: Vec<(std::ffi::OsString, PathBuf)> = Vec::new();
            for entry in entries {
                match entry {
                    Ok(entry) => children.push((entry.file_name(), entry.path())),
                    Err(e) => self.errors.push(LoadError::io(&dir, &e)),
                }
            }
            children.sort();
            let mut subdirs = Vec::new();
            for (name, path) in children {
                if name.as_encoded_bytes().starts_with(b".") {
                    self.skipped
                        .push(format!("skipped hidden entry {}", escaped(&path)));
                    continue;
                }
                // Follows symbolic links; a broken link is an error.
                let meta = match fs::metadata(&path) {
                    Ok(meta) => meta,
                    Err(e) => {
                        self.errors.push(LoadError::io(&path, &e));
                        continue;
                    }
                };
                if meta.is_dir() {
                    subdirs.push(path);
                } else if !meta.is_file() {
                    self.skipped.push(format!(
                        "skipped {}: {}",
                        escaped(&path),
                        not_regular(&meta.file_type())
                    ));
                } else if has_supported_extension(&path) {
                    self.add_file(&path);
                } else {
                    self.skipped
                        .push(format!("skipped unsupported file {}", escaped(&path)));
                }
            }
            // Visit sub-folders in name order.
            stack.extend(subdirs.into_iter().rev());
        }
    }
}

/// Why a path that is neither a folder nor a regular file is not read.
fn not_regular(kind: &fs::FileType) -> String {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = kind;
        "a special file"
    };
    format!("not a regular file ({what}); only regular files are read")
}

/// The extension is one of [`SUPPORTED_EXTENSIONS`], ignoring case.
fn has_supported_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

/// Read and parse one document. A file starting with a `%PDF` header is read as a PDF
/// (whatever its name); an encrypted, truncated or malformed PDF is an error saying so.
/// Refuses files over 1 GiB and other binary files ([`looks_binary`]: `not a text file
/// (binary data)`); I/O errors carry the OS message. The document's path is `path` as given.
pub fn read_document(path: &Path) -> Result<Document, LoadError> {
    read_document_cached(path, None)
}

/// [`read_document`], taking the model from `cache` when it holds one for
/// these bytes and this parser, and storing a freshly parsed one there. A
/// cache that cannot be written is no error: the document is still returned.
pub fn read_document_cached(path: &Path, cache: Option<&Cache>) -> Result<Document, LoadError> {
    let name = path.display().to_string();
    let Some(cache) = cache else {
        return with_file_bytes(path, |bytes| parse_checked(path, &name, bytes));
    };
    // An entry is only ever made from a document: a hit needs no sniffing.
    let streamed = streamed_key(path);
    if let Some(doc) = streamed.and_then(|key| cache.get(key, &name)) {
        return Ok(doc);
    }
    with_file_bytes(path, |bytes| {
        let key = ContentKey::of(bytes);
        if streamed != Some(key)
            && let Some(doc) = cache.get(key, &name)
        {
            return Ok(doc);
        }
        let doc = parse_checked(path, &name, bytes)?;
        let _ = cache.put(key, &doc);
        Ok(doc)
    })
}

/// The content key of a large file, hashed as it is read, so that a cache hit
/// never holds the file's bytes beside what it reads from the cache; `None`
/// for a small file (read whole at once) or one that cannot be read (reading
/// it whole then says why). The file may change before it is read whole: what
/// is parsed is keyed by the bytes read then.
fn streamed_key(path: &Path) -> Option<ContentKey> {
    const FROM: u64 = 1 << 20;
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < FROM || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    ContentKey::of_reader(fs::File::open(path).ok()?).ok()
}

/// What search and the document list need of one file: its search items
/// and summary ([`DocItems`]), from the cache when it holds them (the model
/// is then not read at all), else from the cached model, else parsed; what
/// was made is stored. The same refusals as [`read_document`].
///
/// Items stored in the cache always carry the counts of the document's
/// budget checks ([`items_of`]), so that the explorer's list shows them for
/// a folder whose cache headless search filled. Without a cache, the checks
/// run only with `checks` (the explorer's list; headless search does not
/// show them).
pub fn read_items(path: &Path, cache: Option<&Cache>, checks: bool) -> Result<DocItems, LoadError> {
    let name = path.display().to_string();
    let read = |r: &mut PartReader<'_>| DocItems::read(r, r.remaining(), &name);
    let streamed = cache.and_then(|_| streamed_key(path));
    if let (Some(cache), Some(key)) = (cache, streamed)
        && let Some(items) = cache.read_part(key, Part::Items, read)
    {
        return Ok(items);
    }
    with_file_bytes(path, |bytes| {
        let Some(cache) = cache else {
            let doc = parse_checked(path, &name, bytes)?;
            let counts = checks.then(|| check_counts(&doc)).flatten();
            let mut items = into_items(doc);
            items.summary.checks = counts;
            return Ok(items);
        };
        let key = ContentKey::of(bytes);
        if streamed != Some(key)
            && let Some(items) = cache.read_part(key, Part::Items, read)
        {
            return Ok(items);
        }
        let doc = match cache.get(key, &name) {
            Some(doc) => doc,
            None => parse_checked(path, &name, bytes)?,
        };
        // the model is stored first: the items are then made from it as it is
        // freed (a cache that cannot be written is no error)
        let counts = check_counts(&doc);
        let mut entry = cache.writer(key, 2).ok();
        if let Some(entry) = &mut entry {
            entry.part(|w| doc.put(w));
        }
        let mut items = into_items(doc);
        items.summary.checks = counts;
        if let Some(mut entry) = entry {
            entry.part(|w| items.write(w));
            let _ = entry.finish();
        }
        Ok(items)
    })
}

/// The search items of `doc` with the counts of its budget checks in their
/// summary (what the document list shows before the model is read).
pub fn items_of(doc: &Document) -> DocItems {
    let mut items = document_items(doc);
    items.summary.checks = check_counts(doc);
    items
}

/// The counts of `doc`'s budget checks, when it is a document they apply to.
fn check_counts(doc: &Document) -> Option<(usize, usize, usize)> {
    crate::check::checkable(doc).then(|| crate::check::counts(&crate::check::check(doc)))
}

/// The document in `bytes` ([`parse_document`]), or an error naming `path`:
/// binary data that is not a PDF ([`looks_binary`]), a PDF that cannot be
/// read. A large text file's bytes are taken ([`parse_owned`]): they are
/// freed as soon as the parse no longer needs them, before its model is built.
fn parse_checked(path: &Path, name: &str, bytes: &mut Vec<u8>) -> Result<Document, LoadError> {
    const TAKE_FROM: usize = 1 << 20;
    if is_pdf(bytes) {
        return parse_document(name, bytes).map_err(|e| LoadError::new(path, e));
    }
    if looks_binary(bytes) {
        return Err(LoadError::new(path, "not a text file (binary data)"));
    }
    if bytes.len() >= TAKE_FROM {
        return Ok(parse_owned(name, std::mem::take(bytes)));
    }
    Ok(parse_bytes(name, bytes))
}

/// Parse a file's bytes as the document named `name`: a PDF (by its `%PDF-` header) through
/// the PDF reader, anything else as text. The error says why a PDF cannot be read.
pub fn parse_document(name: &str, bytes: &[u8]) -> Result<Document, String> {
    if is_pdf(bytes) {
        to_document(name, bytes).map_err(|e| e.to_string())
    } else {
        Ok(parse_bytes(name, bytes))
    }
}

/// A PDF file: `%PDF-` within its first kilobyte (some files have a few bytes before it).
fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// `f` of the bytes of `path` ([`read_bytes`]), read into a buffer the
/// thread keeps for the next file (unless it grew large).
fn with_file_bytes<T>(
    path: &Path,
    f: impl FnOnce(&mut Vec<u8>) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    use std::cell::RefCell;
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    const KEEP: usize = 16 << 20;
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            read_bytes_into(path, &mut buf)?;
            let out = f(&mut buf);
            if buf.capacity() > KEEP {
                *buf = Vec::new();
            }
            out
        }
        Err(_) => {
            let mut buf = Vec::new();
            read_bytes_into(path, &mut buf)?;
            f(&mut buf)
        }
    })
}

/// Run `work` on `0..n` on worker threads and hand the results to
/// `consume` as an iterator in index order, at most `window` results ahead
/// of what `consume` has taken: memory holds a few documents, never all of
/// them, and the output keeps the order of the input. When `consume`
/// returns early, the workers stop; when `work` panics, the results end
/// there (callers catch the panics they expect and return them as errors).
pub fn in_order<T: Send, R>(
    n: usize,
    window: usize,
    work: impl Fn(usize) -> T + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = T>) -> R,
) -> R {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};

    struct Shared<T> {
        done: BTreeMap<usize, T>,
        /// The next index `consume` takes.
        taken: usize,
        stop: bool,
    }
    let window = window.max(1);
    let state = Mutex::new(Shared {
        done: BTreeMap::new(),
        taken: 0,
        stop: false,
    });
    let changed = Condvar::new();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |p| p.get());
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(n) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    let mut s = lock();
                    while !s.stop && i >= s.taken + window {
                        s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
                    }
                    if s.stop {
                        return;
                    }
                    drop(s);
                    let value = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i)));
                    let Ok(value) = value else {
                        // the reader must not wait for a result that never comes
                        lock().stop = true;
                        changed.notify_all();
                        return;
                    };
                    lock().done.insert(i, value);
                    changed.notify_all();
                }
            });
        }
        let mut results = std::iter::from_fn(|| {
            let mut s = lock();
            if s.taken >= n {
                return None;
            }
            loop {
                let at = s.taken;
                if let Some(value) = s.done.remove(&at) {
                    s.taken += 1;
                    changed.notify_all();
                    return Some(value);
                }
                if s.stop {
                    return None;
                }
                s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
            }
        });
        let out = consume(&mut results);
        lock().stop = true;
        changed.notify_all();
        out
    })
}

/// Results a worker may hold ahead of the reader, per core.
const WINDOW_PER_CORE: usize = 4;

/// `read()`, a panic in it turned into an error naming `path`.
pub fn guarded<T>(
    path: &Path,
    read: impl FnOnce() -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(LoadError::new(path, "parser crashed")))
}

/// How many results [`in_order`] keeps ahead: a few per core.
pub fn default_window() -> usize {
    std::thread::available_parallelism().map_or(2, |p| p.get()) * WINDOW_PER_CORE
}

/// Search `files` for `query` ([`crate::search::stream::Streamed`]): their
/// items are read on the cores ([`read_items`]) and searched a group at a
/// time, so memory holds a group and the best `limit` hits (0: all), not an
/// index of every file. Returns the summaries of the documents (document
/// `i` is `files[i]`), the hits, and the files that could not be read.
pub fn search_files(
    files: &[PathBuf],
    cache: Option<&Cache>,
    query: &str,
    limit: usize,
    tick: &(dyn Fn() + Sync),
) -> (
    crate::search::Index,
    Vec<crate::search::Hit>,
    Vec<LoadError>,
) {
    /// Documents searched together: enough to amortize a group's set-up,
    /// few enough to stay small.
    const GROUP: usize = 64;
    let mut search = crate::search::stream::Streamed::new(query, limit);
    let mut group = Vec::with_capacity(GROUP);
    let mut errors = Vec::new();
    let work = |i: usize| {
        let r = files
            .get(i)
            .map(|p| guarded(p, || read_items(p, cache, false)))
            .unwrap_or_else(|| Err(LoadError::new(Path::new(""), "no such file")));
        tick();
        r
    };
    in_order(files.len(), default_window(), work, |results| {
        for (i, r) in results.enumerate() {
            match r {
                Ok(items) => group.push((i, items)),
                Err(e) => errors.push(e),
            }
            if group.len() >= GROUP {
                search.add(std::mem::take(&mut group));
            }
        }
    });
    if !group.is_empty() {
        search.add(group);
    }
    let (summaries, hits) = search.finish();
    (summaries, hits, errors)
}

/// Read at most [`MAX_FILE_BYTES`] (also from pipes, whose size is unknown)
/// into `bytes`.
fn read_bytes_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), LoadError> {
    let too_large = |size: u64| {
        LoadError::new(
            path,
            format!("file too large ({size} bytes; the limit is 1 GiB)"),
        )
    };
    // Look before opening: opening a FIFO blocks until someone writes to it.
    let meta = fs::metadata(path).map_err(|e| LoadError::io(path, &e))?;
    if meta.is_dir() {
        return Err(LoadError::new(path, "is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(LoadError::new(path, not_regular(&meta.file_type())));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| LoadError::io(path, &e))?;
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(|e| LoadError::io(path, &e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(too_large(read));
    }
    Ok(())
}

/// The bundled sample disclosures, compiled into the binary: `(name, bytes)`
/// with names like `samples/shenzhen-zhian-2023-budget.txt`: five as extracted text, two as
/// published PDFs (a budget with its tables, a table of projects' performance targets).
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "samples/qinhuangdao-kaifaqu-2020-budget.txt",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2020-budget.txt"),
    ),
    (
        "samples/qinhuangdao-kaifaqu-2024-budget.txt",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
    ),
    (
        "samples/shenzhen-luohu-2020-budget.txt",
        include_bytes!("../samples/shenzhen-luohu-2020-budget.txt"),
    ),
    (
        "samples/shenzhen-zhian-2023-budget.txt",
        include_bytes!("../samples/shenzhen-zhian-2023-budget.txt"),
    ),
    (
        "samples/tangshan-gaoxin-2022-performance.txt",
        include_bytes!("../samples/tangshan-gaoxin-2022-performance.txt"),
    ),
    (
        "samples/guangzhou-xinfangju-2026-budget.pdf",
        include_bytes!("../samples/guangzhou-xinfangju-2026-budget.pdf"),
    ),
    (
        "samples/guangzhou-zhengshuju-2026-performance-projects.pdf",
        include_bytes!("../samples/guangzhou-zhengshuju-2026-performance-projects.pdf"),
    ),
];

/// Parse the bundled samples, in [`SAMPLES`] order (a sample that cannot be read is a
/// document saying so).
pub fn sample_documents() -> Vec<Document> {
    SAMPLES
        .iter()
        .map(|(name, bytes)| {
            parse_document(name, bytes).unwrap_or_else(|message| Document {
                path: name.to_string(),
                warnings: vec![crate::model::Warning {
                    line: 1,
                    message,
                    page: None,
                }],
                ..Document::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::io::Write;

    fn write(path: &Path, text: &str) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).ok();
        }
        let mut f = File::create(path).expect("create test file");
        f.write_all(text.as_bytes()).expect("write test file");
    }

    fn names(d: &Discovery, root: &Path) -> Vec<String> {
        d.files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn walks_folders_recursively_and_sorts() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        write(&root.join("b/z.txt"), "z");
        write(&root.join("a.txt"), "a");
        write(&root.join("b/sub/deeper/c.TEXT"), "c");
        write(&root.join("b/sub/d.md"), "d");
        write(&root.join("b/sub/E.Md"), "e");
        let d = discover(&[root.to_path_buf()]);
        assert_eq!(
            names(&d, root),
            vec![
                "a.txt",
                "b/sub/E.Md",
                "b/sub/d.md",
                "b/sub/deeper/c.TEXT",
                "b/z.txt"
            ]
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert!(d.skipped.is_empty(), "{:?}", d.skipped);
    }

    #[test]
    fn hidden_entries_are_skipped_with_a_note() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        write(&root.join(".git/config.txt"), "x");
        write(&root.join(".hidden.txt"), "x");
        write(&root.join("seen.txt"), "x");
        let d = discover(&[root.to_path_buf()]);
        assert_eq!(names(&d, root), vec!["seen.txt"]);
        assert_eq!(
            d.skipped,
            vec![
                format!("skipped hidden entry {}", root.join(".git").display()),
                format!(
                    "skipped hidden entry {}",
                    root.join(".hidden.txt").display()
                ),
            ]
        );
    }

    #[test]
    fn unsupported_files_are_skipped_with_a_note() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        write(&root.join("report.docx"), "PK");
        write(&root.join("noext"), "x");
        write(&root.join("ok.txt"), "x");
        write(&root.join("scan.PDF"), "%PDF-1.4");
        let d = discover(&[root.to_path_buf()]);
        assert_eq!(names(&d, root), vec!["ok.txt", "scan.PDF"]);
        assert_eq!(
            d.skipped,
            vec![
                format!("skipped unsupported file {}", root.join("noext").display()),
                format!(
                    "skipped unsupported file {}",
                    root.join("report.docx").display()
                ),
            ]
        );
    }

    #[test]
    fn explicit_files_are_taken_whatever_their_extension() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let odd = tmp.path().join("export.csv");
        let hidden = tmp.path().join(".budget");
        write(&odd, "x");
        write(&hidden, "x");
        let d = discover(&[odd.clone(), hidden.clone()]);
        assert_eq!(d.files, vec![hidden, odd]);
        assert!(d.skipped.is_empty() && d.errors.is_empty());
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let missing = tmp.path().join("nope.txt");
        let d = discover(std::slice::from_ref(&missing));
        assert!(d.files.is_empty());
        assert_eq!(d.errors.len(), 1);
        assert_eq!(
            d.errors[0].to_string(),
            format!("{}: No such file or directory", missing.display())
        );
        let e = read_document(&missing).expect_err("missing file must fail");
        assert_eq!(
            e.to_string(),
            format!("{}: No such file or directory", missing.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_terminate_and_links_are_deduplicated() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        write(&root.join("a.txt"), "a");
        write(&root.join("sub/b.txt"), "b");
        symlink(root, root.join("sub/loop")).expect("symlink");
        symlink(root.join("sub"), root.join("sub/self")).expect("symlink");
        symlink(root.join("a.txt"), root.join("link.txt")).expect("symlink");
        symlink(root.join("gone.txt"), root.join("broken.txt")).expect("symlink");
        let d = discover(&[root.to_path_buf(), root.join("sub")]);
        assert_eq!(names(&d, root), vec!["a.txt", "sub/b.txt"]);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].path, root.join("broken.txt"));
        assert!(
            d.skipped
                .iter()
                .any(|s| s.starts_with("skipped folder already visited")),
            "{:?}",
            d.skipped
        );
    }

    #[test]
    fn same_file_named_twice_is_listed_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let f = tmp.path().join("x.txt");
        write(&f, "x");
        let d = discover(&[f.clone(), tmp.path().to_path_buf(), f.clone()]);
        assert_eq!(d.files, vec![f]);
    }

    #[test]
    fn binary_file_is_refused_naming_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let f = tmp.path().join("image.txt");
        fs::write(&f, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("write");
        let e = read_document(&f).expect_err("binary file must fail");
        assert_eq!(
            e.to_string(),
            format!("{}: not a text file (binary data)", f.display())
        );
    }

    #[test]
    fn oversized_file_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let f = tmp.path().join("huge.txt");
        let file = File::create(&f).expect("create");
        // Sparse: no disk space used.
        file.set_len(MAX_FILE_BYTES + 1).expect("set_len");
        let e = read_document(&f).expect_err("huge file must fail");
        assert!(e.message.contains("too large"), "{e}");
        assert!(e.to_string().starts_with(&f.display().to_string()));
    }

    #[test]
    fn folder_given_to_read_document_is_an_error() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let e = read_document(tmp.path()).expect_err("folder must fail");
        assert_eq!(e.path, tmp.path());
    }

    #[test]
    fn reads_text_documents_in_any_encoding() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let f = tmp.path().join("gbk.txt");
        let text = "2023 年深圳市公安局治安管理支队 部门预算\n单位：万元\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        fs::write(&f, &gbk).expect("write");
        let doc = read_document(&f).expect("readable");
        assert_eq!(doc.path, f.display().to_string());
        assert_eq!(doc.encoding, "GB18030");
        let empty = tmp.path().join("empty.txt");
        fs::write(&empty, b"").expect("write");
        assert!(read_document(&empty).is_ok());
    }

    #[test]
    fn io_messages_lose_the_os_error_suffix() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&e), "No such file or directory");
        let custom = io::Error::other("plain message");
        assert_eq!(io_message(&custom), "plain message");
    }

    #[test]
    fn bundled_samples() {
        // Five text extractions and two published PDFs, so a first run shows both kinds.
        assert_eq!(SAMPLES.len(), 7);
        for (name, bytes) in SAMPLES {
            assert!(name.starts_with("samples/"));
            let on_disk = fs::read(name).expect("sample on disk");
            assert_eq!(&on_disk[..], *bytes, "{name}");
            if name.ends_with(".pdf") {
                assert!(is_pdf(bytes), "{name}");
            } else {
                assert!(name.ends_with(".txt") && !looks_binary(bytes), "{name}");
            }
        }
        let docs = sample_documents();
        assert_eq!(docs.len(), 7);
        for (doc, (name, _)) in docs.iter().zip(SAMPLES) {
            assert_eq!(doc.path, *name);
            let pdf = name.ends_with(".pdf");
            assert_eq!(doc.encoding, if pdf { "PDF" } else { "UTF-8" });
            assert!(!doc.tables.is_empty(), "{name}");
            assert_eq!(doc.page_count.is_some(), pdf, "{name}");
        }
    }
}
