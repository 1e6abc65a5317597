//! A cache of parsed documents, so that reopening a folder does not parse it
//! again.
//!
//! An entry is keyed by the file's content (a 128-bit xxh3 hash of its bytes)
//! and the parser's version ([`PARSER_VERSION`]: the crate version plus a hash
//! of the sources and the lock file, computed at build time, so any change to
//! the parser makes every older entry unusable). An entry holds parts, each
//! an opaque run of bytes with its own checksum, behind a header that repeats
//! the key and states every part's length (parts are compressed, LZ4):
//! part [`Part::Document`] is the model in the binary form of [`document`]
//! (see [`codec`]); [`Part::Items`] is what the search index keeps of the
//! document (its items and summary), so that a reader takes
//! only the part it needs. A changed file,
//! a new parser, a truncated or damaged entry all mean a re-parse, never a
//! wrong or stale model.
//!
//! Entries are written to a temporary file and renamed into place, so two
//! processes filling the cache at once leave only whole entries. Reading an
//! entry refreshes its modification time; [`Cache::evict`] removes the least
//! recently used entries beyond the size cap.

pub mod codec;
pub mod document;

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::model::Document;

/// The parser's version: the crate version and a hash of the sources that
/// built it. Entries written by another version are never used.
pub const PARSER_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("BUDGETTUI_SOURCE_HASH")
);

/// Default size cap of the cache folder: 2 GiB.
pub const DEFAULT_CAP_BYTES: u64 = 2 << 30;

/// First bytes of every entry (the last one names the byte order, since
/// parts may hold raw little- or big-endian records).
const MAGIC: &[u8; 8] = if cfg!(target_endian = "little") {
    b"BTUIDC3L"
} else {
    b"BTUIDC3B"
};

/// Extension of entry files; temporary files end in `.tmp`.
const ENTRY_EXT: &str = "doc";

/// Most parts an entry may have.
const MAX_PARTS: usize = 8;

/// LZ4 never expands data more than this (255 per byte, rounded up): a
/// header claiming more is damaged.
const MAX_RATIO: u64 = 256;

/// The parts of an entry, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The model ([`document`]'s binary form).
    Document = 0,
    /// What the search index keeps of the document (its items and summary).
    Items = 1,
}

/// A folder of cached documents.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    cap_bytes: u64,
}

/// The key of one file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentKey(u128);

impl ContentKey {
    pub fn of(bytes: &[u8]) -> ContentKey {
        ContentKey(xxh3_128(bytes))
    }
}

impl Cache {
    /// The cache in `$BUDGETTUI_CACHE_DIR` when set, else in the user's cache
    /// folder (`~/.cache/budgettui/documents` on Linux); `None` when the system
    /// names none.
    pub fn user_default() -> Option<Cache> {
        if let Some(dir) = std::env::var_os("BUDGETTUI_CACHE_DIR").filter(|d| !d.is_empty()) {
            return Some(Cache::at(PathBuf::from(dir)));
        }
        let dirs = directories::ProjectDirs::from("", "", "budgettui")?;
        Some(Cache::at(dirs.cache_dir().join("documents")))
    }

    /// A cache in `dir` (created when the first entry is written).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: dir.into(),
            cap_bytes: DEFAULT_CAP_BYTES,
        }
    }

    /// The same cache with another size cap.
    pub fn with_cap(mut self, cap_bytes: u64) -> Cache {
        self.cap_bytes = cap_bytes;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, key: ContentKey) -> PathBuf {
        self.dir.join(format!("{:032x}.{ENTRY_EXT}", key.0))
    }

    /// The document cached for `key`, with its path set to `path`; `None`
    /// when there is no usable entry (missing, another parser version,
    /// damaged: a damaged entry is removed).
    pub fn get(&self, key: ContentKey, path: &str) -> Option<Document> {
        match self.with_part(key, Part::Document, codec::from_bytes::<Document>)? {
            Some(mut doc) => {
                doc.path = path.to_string();
                Some(doc)
            }
            None => {
                self.remove(key);
                None
            }
        }
    }

    /// Store `doc` alone for `key` (see [`Cache::put_parts`]).
    pub fn put(&self, key: ContentKey, doc: &Document) -> io::Result<()> {
        self.put_parts(key, &[&model_bytes(doc)])
    }

    /// One part of the entry for `key`, checked against its checksum.
    pub fn get_part(&self, key: ContentKey, part: Part) -> Option<Vec<u8>> {
        self.with_part(key, part, <[u8]>::to_vec)
    }

    /// `read` of one part of the entry for `key`, checked against its
    /// checksum; only that part is read, into buffers the thread keeps for
    /// the next entry. `None` (and a damaged entry removed) unless the entry
    /// is whole, of this parser, for this key, and holds the part.
    pub fn with_part<T>(
        &self,
        key: ContentKey,
        part: Part,
        read: impl FnOnce(&[u8]) -> T,
    ) -> Option<T> {
        let file = self.entry_path(key);
        let mut f = fs::File::open(&file).ok()?;
        let outcome = with_buffers(|stored, raw| {
            read_part(&mut f, key, part, stored, raw)?;
            Ok(read(raw))
        });
        match outcome {
            Ok(value) => {
                // Reading counts as use for eviction; failing to touch is harmless.
                let _ = f.set_modified(SystemTime::now());
                Some(value)
            }
            Err(Damage::Missing) => None,
            Err(Damage::Damaged) => {
                drop(f);
                let _ = fs::remove_file(&file);
                None
            }
        }
    }

    fn remove(&self, key: ContentKey) {
        let _ = fs::remove_file(self.entry_path(key));
    }

    /// Store `parts` for `key` (part `i` is read back as the part numbered
    /// `i`): written to a temporary file, then renamed into place. Errors are
    /// returned for the caller to report or ignore; the cache is never left
    /// with a partial entry.
    pub fn put_parts(&self, key: ContentKey, parts: &[&[u8]]) -> io::Result<()> {
        let packed: Vec<Packed> = parts.iter().map(|p| Packed::of(p)).collect();
        self.put_packed(key, &packed)
    }

    /// [`Cache::put_parts`] of parts already compressed ([`Packed::of`]):
    /// a large part need not be held uncompressed until the others are made.
    pub fn put_packed(&self, key: ContentKey, packed: &[Packed]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let header = encode_header(key, packed)?;
        let tmp = self.dir.join(format!(
            "{:032x}.{}.{}.tmp",
            key.0,
            std::process::id(),
            next_serial()
        ));
        // No fsync: a rename is atomic for other processes, and an entry
        // left damaged by a crash fails its checksum and is parsed again.
        let written = fs::File::create(&tmp).and_then(|f| {
            let mut w = io::BufWriter::with_capacity(1 << 16, f);
            w.write_all(&header)?;
            for part in packed {
                w.write_all(&part.stored)?;
            }
            w.flush()
        });
        if let Err(e) = written.and_then(|()| fs::rename(&tmp, self.entry_path(key))) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(())
    }

    /// Remove the least recently used entries until the folder holds at most
    /// the size cap; also removes temporary files left by a crashed run (older
    /// than an hour). Returns the number of files removed.
    pub fn evict(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let now = SystemTime::now();
        let mut removed = 0;
        let mut files: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(now);
            match path.extension().and_then(|e| e.to_str()) {
                Some(ENTRY_EXT) => files.push((modified, meta.len(), path)),
                Some("tmp") => {
                    let stale = now
                        .duration_since(modified)
                        .is_ok_and(|age| age.as_secs() > 3600);
                    if stale && fs::remove_file(&path).is_ok() {
                        removed += 1;
                    }
                }
                _ => {}
            }
        }
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        // Oldest first.
        files.sort();
        for (_, len, path) in files {
            if total <= self.cap_bytes {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(len);
                removed += 1;
            }
        }
        removed
    }
}

/// A number unique within this process, for temporary file names.
fn next_serial() -> u64 {
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    SERIAL.fetch_add(1, Ordering::Relaxed)
}

/// Header: magic, parser version (length-prefixed), content key, number of
/// parts, each part's stored length, length and checksum, the header's own
/// checksum; then the parts, each compressed (LZ4 block).
fn encode_header(key: ContentKey, parts: &[Packed]) -> io::Result<Vec<u8>> {
    if parts.len() > MAX_PARTS {
        return Err(io::Error::other("too many parts"));
    }
    let version = PARSER_VERSION.as_bytes();
    let mut out = Vec::with_capacity(64 + version.len() + 16 * parts.len());
    out.extend_from_slice(MAGIC);
    let version_len = u32::try_from(version.len()).map_err(io::Error::other)?;
    out.extend_from_slice(&version_len.to_le_bytes());
    out.extend_from_slice(version);
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    for part in parts {
        out.extend_from_slice(&(part.stored.len() as u64).to_le_bytes());
        out.extend_from_slice(&(part.len as u64).to_le_bytes());
        out.extend_from_slice(&xxh3_64(&part.stored).to_le_bytes());
    }
    out.extend_from_slice(&xxh3_64(&out).to_le_bytes());
    Ok(out)
}

/// The encoding of a document's model, written into room for a generous
/// guess of its size (see [`codec::to_bytes_with_room`]): twice its tables'
/// text and cell count, and 128 bytes per indicator, section and project.
pub fn model_bytes(doc: &Document) -> Vec<u8> {
    let cells: usize = doc
        .tables
        .iter()
        .flat_map(|t| [&t.header, &t.rows])
        .map(|g| g.text_len() + g.cell_count())
        .sum();
    let indicators: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    let records = indicators + doc.indicators.len() + doc.section_count() + doc.projects.len();
    let room = cells
        .saturating_mul(2)
        .saturating_add(records.saturating_mul(128));
    codec::to_bytes_with_room(doc, room.saturating_add(4096))
}

/// One part of an entry, compressed as it is stored, with its length
/// uncompressed.
pub struct Packed {
    len: usize,
    stored: Vec<u8>,
}

impl Packed {
    /// `part`, compressed.
    pub fn of(part: &[u8]) -> Packed {
        Packed {
            len: part.len(),
            stored: lz4_flex::block::compress(part),
        }
    }

    /// Its length as stored (compressed).
    pub fn stored_len(&self) -> usize {
        self.stored.len()
    }
}

/// Why an entry was not read.
enum Damage {
    /// Another parser, another key, or no such part: leave the file alone
    /// (another version of the program may use it).
    Missing,
    /// Truncated, damaged, or not an entry: remove it.
    Damaged,
}

/// Stored length, length and checksum of every part of a header.
type PartTable = Vec<(u64, u64, u64)>;

/// Read and check the header: the parts' lengths and checksums, and where
/// the first part starts.
fn read_header(f: &mut fs::File, key: ContentKey) -> Result<(PartTable, u64), Damage> {
    let mut head = vec![0u8; 4096];
    let mut filled = 0;
    while filled < head.len() {
        match f.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Damage::Damaged),
        }
    }
    head.truncate(filled);
    let mut r = codec::Reader::new(&head);
    let u32_at = |b: Option<&[u8]>| {
        b.and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or(Damage::Damaged)
    };
    let u64_at = |b: Option<&[u8]>| {
        b.and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
            .ok_or(Damage::Damaged)
    };
    if r.take(MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err(Damage::Damaged);
    }
    let version_len = u32_at(r.take(4))? as usize;
    if r.take(version_len).ok_or(Damage::Damaged)? != PARSER_VERSION.as_bytes() {
        return Err(Damage::Missing);
    }
    let stored_key = r
        .take(16)
        .and_then(|b| b.try_into().ok())
        .map(u128::from_le_bytes);
    if stored_key.ok_or(Damage::Damaged)? != key.0 {
        return Err(Damage::Missing);
    }
    let count = u32_at(r.take(4))? as usize;
    if count > MAX_PARTS {
        return Err(Damage::Damaged);
    }
    let mut table = Vec::with_capacity(count);
    for _ in 0..count {
        let stored = u64_at(r.take(8))?;
        let len = u64_at(r.take(8))?;
        table.push((stored, len, u64_at(r.take(8))?));
    }
    let header_len = head.len() - r.remaining();
    let checksum = u64_at(r.take(8))?;
    if head.get(..header_len).map(xxh3_64) != Some(checksum) {
        return Err(Damage::Damaged);
    }
    Ok((table, header_len as u64 + 8))
}

/// The largest buffer a thread keeps for the next entry.
const KEEP_BUFFER: usize = 16 << 20;

/// `f` with two byte buffers the thread keeps (fresh ones when they are
/// in use already, or have grown past a few megabytes: a huge entry's memory
/// is not kept).
fn with_buffers<T>(f: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>) -> T) -> T {
    use std::cell::RefCell;
    thread_local! {
        static BUFFERS: RefCell<(Vec<u8>, Vec<u8>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut pair) => {
            let (a, b) = &mut *pair;
            let out = f(a, b);
            for buf in [a, b] {
                if buf.capacity() > KEEP_BUFFER {
                    *buf = Vec::new();
                }
            }
            out
        }
        Err(_) => f(&mut Vec::new(), &mut Vec::new()),
    })
}

/// Part `part` of an open entry into `raw` (through `stored`, the bytes as
/// stored), checked.
fn read_part(
    f: &mut fs::File,
    key: ContentKey,
    part: Part,
    stored: &mut Vec<u8>,
    raw: &mut Vec<u8>,
) -> Result<(), Damage> {
    let (table, body) = read_header(f, key)?;
    let total = table
        .iter()
        .try_fold(body, |sum, (stored, _, _)| sum.checked_add(*stored));
    let size = f.metadata().map_err(|_| Damage::Damaged)?.len();
    if total != Some(size) {
        return Err(Damage::Damaged);
    }
    let index = part as usize;
    let &(stored_len, len, checksum) = table.get(index).ok_or(Damage::Missing)?;
    let start = body + table.iter().take(index).map(|p| p.0).sum::<u64>();
    stored.clear();
    // read at its size, not grown by copying
    let _ = stored.try_reserve(usize::try_from(stored_len).unwrap_or(0));
    f.seek(SeekFrom::Start(start))
        .and_then(|_| f.take(stored_len).read_to_end(stored))
        .map_err(|_| Damage::Damaged)?;
    if stored.len() as u64 != stored_len
        || xxh3_64(stored) != checksum
        || len > stored_len.saturating_mul(MAX_RATIO)
    {
        return Err(Damage::Damaged);
    }
    let len = usize::try_from(len).map_err(|_| Damage::Damaged)?;
    raw.resize(len, 0);
    let outcome = match lz4_flex::block::decompress_into(stored, raw) {
        Ok(n) if n == len => Ok(()),
        _ => Err(Damage::Damaged),
    };
    // a large entry's compressed bytes are not held while it is decoded
    if stored.capacity() > KEEP_BUFFER {
        *stored = Vec::new();
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<u8>, Document) {
        let bytes = crate::load::SAMPLES[3].1.to_vec();
        let doc = crate::parse::parse_bytes("samples/zhian.txt", &bytes);
        (bytes, doc)
    }

    #[test]
    fn an_entry_gives_back_the_parsed_model() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = Cache::at(tmp.path());
        for ((name, bytes), doc) in crate::load::SAMPLES
            .iter()
            .zip(crate::load::sample_documents())
        {
            let key = ContentKey::of(bytes);
            assert!(cache.get(key, "x").is_none());
            cache.put(key, &doc).expect("put");
            let back = cache.get(key, "elsewhere/doc.txt").expect("hit");
            assert_eq!(back.path, "elsewhere/doc.txt");
            let mut expected = doc.clone();
            expected.path = "elsewhere/doc.txt".into();
            assert_eq!(back, expected, "{name}");
        }
    }

    #[test]
    fn damaged_or_foreign_entries_are_misses_and_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = Cache::at(tmp.path());
        let (bytes, doc) = sample();
        let key = ContentKey::of(&bytes);
        cache.put(key, &doc).expect("put");
        let file = cache.entry_path(key);
        let whole = fs::read(&file).expect("entry");
        // truncated
        fs::write(&file, &whole[..whole.len() / 2]).expect("write");
        assert!(cache.get(key, "x").is_none());
        assert!(!file.exists(), "a damaged entry is removed");
        // one payload byte flipped
        let mut flipped = whole.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        fs::write(&file, &flipped).expect("write");
        assert!(cache.get(key, "x").is_none());
        // written by another parser version
        let mut foreign = whole.clone();
        let at = MAGIC.len() + 4;
        foreign[at] ^= 0x01;
        fs::write(&file, &foreign).expect("write");
        assert!(cache.get(key, "x").is_none());
        // another file's content stored under this key
        let other = ContentKey(key.0 ^ 1);
        fs::write(cache.entry_path(other), &whole).expect("write");
        assert!(cache.get(other, "x").is_none());
    }

    #[test]
    fn parts_are_read_alone_and_checked_alone() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = Cache::at(tmp.path());
        let key = ContentKey(7);
        let (a, b) = (vec![1u8; 5000], b"second part".to_vec());
        cache.put_parts(key, &[&a, &b]).expect("put");
        assert_eq!(cache.get_part(key, Part::Items), Some(b.clone()));
        assert_eq!(cache.get_part(key, Part::Document), Some(a.clone()));
        // an entry holding only the document has no items: a miss, and the
        // entry stays
        let (bytes, doc) = sample();
        let doc_key = ContentKey::of(&bytes);
        cache.put(doc_key, &doc).expect("put");
        assert_eq!(cache.get_part(doc_key, Part::Items), None);
        assert!(cache.get(doc_key, "x").is_some());
        // a damaged second part is found even when only it is read
        let file = cache.entry_path(key);
        let mut whole = fs::read(&file).expect("entry");
        let last = whole.len() - 1;
        whole[last] ^= 0x20;
        fs::write(&file, &whole).expect("write");
        assert_eq!(cache.get_part(key, Part::Items), None);
        assert!(!file.exists(), "a damaged entry is removed");
    }

    #[test]
    fn eviction_keeps_the_most_recently_used_within_the_cap() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (bytes, doc) = sample();
        let probe = Cache::at(tmp.path().join("probe"));
        probe.put(ContentKey::of(&bytes), &doc).expect("put");
        let one = fs::metadata(probe.entry_path(ContentKey::of(&bytes)))
            .expect("entry")
            .len();
        // room for two entries, not three
        let cache = Cache::at(tmp.path().join("c")).with_cap(one * 2 + one / 2);
        let keys: Vec<ContentKey> = (0..3u128).map(ContentKey).collect();
        for (i, key) in keys.iter().enumerate() {
            cache.put(*key, &doc).expect("put");
            let f = fs::File::options()
                .append(true)
                .open(cache.entry_path(*key))
                .expect("open");
            let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000 + i as u64);
            f.set_modified(t).expect("set mtime");
        }
        // reading the oldest makes it the most recent
        assert!(cache.get(keys[0], "x").is_some());
        assert_eq!(cache.evict(), 1);
        assert!(cache.entry_path(keys[0]).exists());
        assert!(!cache.entry_path(keys[1]).exists());
        assert!(cache.entry_path(keys[2]).exists());
    }
}
