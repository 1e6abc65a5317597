//! A cache of parsed documents, so that reopening a folder does not parse it
//! again.
//!
//! An entry is keyed by the file's content (a 128-bit xxh3 hash of its bytes)
//! and the parser's version ([`PARSER_VERSION`]: the crate version plus a hash
//! of the sources and the lock file, computed at build time, so any change to
//! the parser makes every older entry unusable). An entry holds parts, each
//! an opaque run of bytes with its own checksum, behind a header that repeats
//! the key and states every part's length. A part is stored as pieces of at
//! most [`codec::PIECE`] bytes, each compressed (LZ4 block) behind its two
//! lengths, so that it is written as it is encoded and read piece by piece:
//! neither its encoding nor its compressed form is held whole on the way.
//! Part [`Part::Document`] is the model in the binary form of [`document`]
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
mod entry;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use crate::model::Document;

pub use entry::{ContentKey, EntryWriter, PARSER_VERSION, Part, PartReader};
use entry::{Damage, KEEP_BUFFER};

/// Default size cap of the cache folder: 2 GiB.
pub const DEFAULT_CAP_BYTES: u64 = 2 << 30;

/// Extension of entry files; temporary files end in `.tmp`.
const ENTRY_EXT: &str = "doc";

/// A folder of cached documents.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    cap_bytes: u64,
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
        let read = |r: &mut PartReader<'_>| document::read_document(r, r.remaining());
        let mut doc = self.read_part(key, Part::Document, read)?;
        doc.path = path.to_string();
        Some(doc)
    }

    /// Store `doc` alone for `key` (see [`Cache::writer`]).
    pub fn put(&self, key: ContentKey, doc: &Document) -> io::Result<()> {
        let mut entry = self.writer(key, 1)?;
        entry.part(|w| codec::Wire::put(doc, w));
        entry.finish()
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
        self.open_part(key, part, |r, raw| {
            r.read_all(raw)?;
            r.finish()?;
            Ok(read(raw))
        })
    }

    /// `read` of one part of the entry for `key` as it is decompressed,
    /// piece by piece ([`PartReader`]): a large part is never held whole
    /// beside what is made of it. `None` unless the entry is whole, of this
    /// parser, for this key, and holds the part, and `read` made a value of
    /// every byte of it (else the entry is removed).
    pub fn read_part<T>(
        &self,
        key: ContentKey,
        part: Part,
        read: impl FnOnce(&mut PartReader<'_>) -> Option<T>,
    ) -> Option<T> {
        self.open_part(key, part, |r, _| {
            let value = read(r).ok_or(Damage::Damaged)?;
            r.finish()?;
            Ok(value)
        })
    }

    /// `read` of a reader of one part, with a spare buffer; the entry
    /// touched when read, removed when damaged.
    fn open_part<T>(
        &self,
        key: ContentKey,
        part: Part,
        read: impl FnOnce(&mut PartReader<'_>, &mut Vec<u8>) -> Result<T, Damage>,
    ) -> Option<T> {
        let file = self.entry_path(key);
        let mut f = fs::File::open(&file).ok()?;
        let outcome = with_buffers(|block, spare| {
            let mut reader = PartReader::open(&mut f, key, part, block)?;
            read(&mut reader, spare)
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

    /// Store `parts` for `key` (part `i` is read back as the part numbered
    /// `i`; see [`Cache::writer`]).
    pub fn put_parts(&self, key: ContentKey, parts: &[&[u8]]) -> io::Result<()> {
        let mut entry = self.writer(key, parts.len())?;
        for part in parts {
            entry.part(|w| w.extend_from_slice(part));
        }
        entry.finish()
    }

    /// A new entry for `key` of `count` parts, written part by part
    /// ([`EntryWriter::part`]) to a temporary file and renamed into place by
    /// [`EntryWriter::finish`]. Errors are returned for the caller to report
    /// or ignore; the cache is never left with a partial entry.
    pub fn writer(&self, key: ContentKey, count: usize) -> io::Result<EntryWriter> {
        fs::create_dir_all(&self.dir)?;
        let tmp = self.dir.join(format!(
            "{:032x}.{}.{}.tmp",
            key.0,
            std::process::id(),
            next_serial()
        ));
        EntryWriter::create(key, tmp, self.entry_path(key), count)
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

#[cfg(test)]
mod tests {
    use super::entry::{FRAME, MAGIC, header_len};
    use super::*;
    use std::io::Read;

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

    /// Bytes that compress poorly (a simple generator), `n` long.
    fn noise(n: usize) -> Vec<u8> {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn a_part_of_many_pieces_comes_back_and_is_checked_piece_by_piece() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = Cache::at(tmp.path());
        let key = ContentKey(11);
        // three and a half pieces, the second part after them
        let big = noise(codec::PIECE * 7 / 2);
        let small = b"items".to_vec();
        cache.put_parts(key, &[&big, &small]).expect("put");
        assert_eq!(cache.get_part(key, Part::Document), Some(big.clone()));
        assert_eq!(cache.get_part(key, Part::Items), Some(small.clone()));
        // read as a stream, in odd lengths
        let streamed = cache.read_part(key, Part::Document, |r| {
            assert_eq!(r.remaining(), big.len());
            let mut out = vec![0u8; 1000];
            r.read_exact(&mut out).ok()?;
            r.read_to_end(&mut out).ok()?;
            Some(out)
        });
        assert_eq!(streamed, Some(big.clone()));
        // a reader that stops short of the end reads nothing, and the entry
        // is taken as damaged
        let half = cache.read_part(key, Part::Document, |r| {
            let mut out = vec![0u8; big.len() / 2];
            r.read_exact(&mut out).ok().map(|()| out)
        });
        assert_eq!(half, None);
        cache.put_parts(key, &[&big, &small]).expect("put");
        let file = cache.entry_path(key);
        let whole = fs::read(&file).expect("entry");
        // a byte flipped in the last piece's block; the second piece's framing
        // made to claim a length past the part's (its length's top byte)
        let last = whole.len() - small.len() - FRAME - 16;
        let first_block = u32::from_le_bytes(
            whole[header_len(2) + 4..header_len(2) + 8]
                .try_into()
                .expect("4 bytes"),
        ) as usize;
        let second = header_len(2) + FRAME + first_block + 3;
        for at in [last, second] {
            let mut damaged = whole.clone();
            damaged[at] ^= 0x40;
            fs::write(&file, &damaged).expect("write");
            assert_eq!(cache.get_part(key, Part::Document), None, "byte {at}");
            assert!(!file.exists(), "a damaged entry is removed");
            // read as a stream, the damage is found at the end
            fs::write(&file, &damaged).expect("write");
            let streamed = cache.read_part(key, Part::Document, |r| {
                let mut out = Vec::new();
                let _ = r.read_to_end(&mut out);
                Some(out)
            });
            assert_eq!(streamed, None, "byte {at}");
            assert!(!file.exists(), "a damaged entry is removed");
        }
    }

    #[test]
    fn an_unfinished_entry_leaves_nothing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = Cache::at(tmp.path());
        let key = ContentKey(5);
        let mut entry = cache.writer(key, 2).expect("writer");
        entry.part(|w| w.extend_from_slice(&noise(codec::PIECE + 1)));
        // one part of two: refused
        assert!(entry.finish().is_err());
        let mut entry = cache.writer(key, 1).expect("writer");
        entry.part(|w| w.extend_from_slice(b"dropped"));
        drop(entry);
        assert_eq!(fs::read_dir(tmp.path()).expect("dir").count(), 0);
        assert_eq!(cache.get_part(key, Part::Document), None);
    }

    #[test]
    fn a_key_hashed_as_it_is_read_is_the_key_of_the_bytes() {
        for n in [0, 1, 65_535, 65_536, 200_003] {
            let bytes = noise(n);
            // reads of odd lengths, as a file or a pipe may give
            let reader = io::Read::chain(&bytes[..n / 3], &bytes[n / 3..]);
            let key = ContentKey::of_reader(reader).expect("read");
            assert_eq!(key, ContentKey::of(&bytes), "{n} bytes");
        }
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
