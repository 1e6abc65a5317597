//! A cache of parsed documents, so that reopening a folder does not parse it
//! again.
//!
//! An entry is keyed by the file's content (a 128-bit xxh3 hash of its bytes)
//! and the parser's version ([`PARSER_VERSION`]: the crate version plus a hash
//! of the sources and the lock file, computed at build time, so any change to
//! the parser makes every older entry unusable). The entry holds the model as
//! MessagePack behind a header that repeats the key and a checksum of the
//! payload: a changed file, a new parser, a truncated or damaged entry all
//! mean a re-parse, never a wrong or stale model.
//!
//! Entries are written to a temporary file and renamed into place, so two
//! processes filling the cache at once leave only whole entries. Reading an
//! entry refreshes its modification time; [`Cache::evict`] removes the least
//! recently used entries beyond the size cap.

use std::fs;
use std::io::{self, Write};
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

/// Default size cap of the cache folder: 1 GiB.
pub const DEFAULT_CAP_BYTES: u64 = 1 << 30;

/// First bytes of every entry.
const MAGIC: &[u8; 8] = b"BTUIDOC1";

/// Extension of entry files; temporary files end in `.tmp`.
const ENTRY_EXT: &str = "doc";

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
        let file = self.entry_path(key);
        let bytes = fs::read(&file).ok()?;
        match decode_entry(&bytes, key) {
            Some(mut doc) => {
                // Reading counts as use for eviction; failing to touch is harmless.
                if let Ok(f) = fs::File::options().append(true).open(&file) {
                    let _ = f.set_modified(SystemTime::now());
                }
                doc.path = path.to_string();
                Some(doc)
            }
            None => {
                let _ = fs::remove_file(&file);
                None
            }
        }
    }

    /// Store `doc` for `key`: written to a temporary file, then renamed into
    /// place. Errors are returned for the caller to report or ignore; the
    /// cache is never left with a partial entry.
    pub fn put(&self, key: ContentKey, doc: &Document) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let bytes = encode_entry(doc, key)?;
        let tmp = self.dir.join(format!(
            "{:032x}.{}.{}.tmp",
            key.0,
            std::process::id(),
            next_serial()
        ));
        let written = fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(&bytes)?;
            f.sync_data()
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

/// Header: magic, parser version (length-prefixed), content key, payload
/// length and payload checksum; then the payload.
fn encode_entry(doc: &Document, key: ContentKey) -> io::Result<Vec<u8>> {
    let payload = rmp_serde::to_vec_named(doc).map_err(io::Error::other)?;
    let version = PARSER_VERSION.as_bytes();
    let mut out = Vec::with_capacity(payload.len() + 64 + version.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&u32::try_from(version.len()).unwrap_or(0).to_le_bytes());
    out.extend_from_slice(version);
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

/// The document of an entry, when every part of the header matches.
fn decode_entry(bytes: &[u8], key: ContentKey) -> Option<Document> {
    let mut rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let version_len = u32::from_le_bytes(take(4)?.try_into().ok()?);
    if take(usize::try_from(version_len).ok()?)? != PARSER_VERSION.as_bytes() {
        return None;
    }
    if u128::from_le_bytes(take(16)?.try_into().ok()?) != key.0 {
        return None;
    }
    let len = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let payload = take(usize::try_from(len).ok()?)?;
    if xxh3_64(payload) != checksum {
        return None;
    }
    rmp_serde::from_slice(payload).ok()
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
        for (name, bytes) in crate::load::SAMPLES {
            let doc = crate::parse::parse_bytes(name, bytes);
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
