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

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

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
    b"BTUIDC4L"
} else {
    b"BTUIDC4B"
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
        if count > MAX_PARTS {
            return Err(io::Error::other("too many parts"));
        }
        fs::create_dir_all(&self.dir)?;
        let tmp = self.dir.join(format!(
            "{:032x}.{}.{}.tmp",
            key.0,
            std::process::id(),
            next_serial()
        ));
        let mut file = io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        let mut entry = EntryWriter {
            key,
            dest: self.entry_path(key),
            tmp,
            file: None,
            count,
            parts: Vec::with_capacity(count),
            block: Vec::new(),
            error: None,
        };
        // room for the header, written when the parts' lengths are known
        file.write_all(&vec![0; header_len(count)])?;
        entry.file = Some(file);
        Ok(entry)
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

/// An entry being written ([`Cache::writer`]): each part goes to a
/// temporary file as it is encoded, compressed in pieces, so that neither its
/// encoding nor its compressed form is ever held whole. Dropped unfinished,
/// its temporary file is removed.
pub struct EntryWriter {
    key: ContentKey,
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<io::BufWriter<fs::File>>,
    count: usize,
    parts: Vec<PartInfo>,
    /// A piece's compressed bytes, reused.
    block: Vec<u8>,
    /// The first write that failed.
    error: Option<io::Error>,
}

/// One part as stored: its length stored (the pieces with their framing),
/// its length as encoded, and the checksum of what is stored.
#[derive(Debug, Clone, Copy, Default)]
struct PartInfo {
    stored: u64,
    len: u64,
    checksum: u64,
}

impl EntryWriter {
    /// Write the next part: the bytes `write` puts in its [`codec::Out`],
    /// each full piece compressed (LZ4 block) and stored behind its framing
    /// (its length as encoded and as compressed, two `u32`s).
    pub fn part(&mut self, write: impl FnOnce(&mut codec::Out<'_>)) {
        let mut info = PartInfo::default();
        let mut hash = Xxh3::new();
        let Self {
            file, block, error, ..
        } = self;
        let mut spill = |piece: &[u8]| {
            let Some(file) = file.as_mut().filter(|_| error.is_none()) else {
                return;
            };
            block.resize(lz4_flex::block::get_maximum_output_size(piece.len()), 0);
            let stored = match lz4_flex::block::compress_into(piece, block) {
                Ok(n) => &block[..n],
                Err(e) => {
                    *error = Some(io::Error::other(e));
                    return;
                }
            };
            let mut frame = [0u8; FRAME];
            frame[..4].copy_from_slice(&(piece.len() as u32).to_le_bytes());
            frame[4..].copy_from_slice(&(stored.len() as u32).to_le_bytes());
            hash.update(&frame);
            hash.update(stored);
            info.stored += (FRAME + stored.len()) as u64;
            info.len += piece.len() as u64;
            if let Err(e) = file.write_all(&frame).and_then(|()| file.write_all(stored)) {
                *error = Some(e);
            }
        };
        let mut out = codec::Out::spilling(&mut spill);
        write(&mut out);
        out.finish();
        info.checksum = hash.digest();
        self.parts.push(info);
        if self.block.capacity() > KEEP_BUFFER {
            self.block = Vec::new();
        }
    }

    /// The header written over its room, and the entry renamed into place.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.parts.len() != self.count {
            return Err(io::Error::other("an entry's parts were not all written"));
        }
        let header = encode_header(self.key, &self.parts);
        let mut file = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("entry already finished"))?;
        // No fsync: a rename is atomic for other processes, and an entry
        // left damaged by a crash fails its checksum and is parsed again.
        file.flush()?;
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        drop(file);
        fs::rename(&self.tmp, &self.dest)
    }
}

impl Drop for EntryWriter {
    /// The temporary file, unless it was renamed into place.
    fn drop(&mut self) {
        drop(self.file.take());
        let _ = fs::remove_file(&self.tmp);
    }
}

/// Framing of one stored piece: its length as encoded and as compressed.
const FRAME: usize = 8;

/// Length of the header of an entry of `count` parts.
fn header_len(count: usize) -> usize {
    MAGIC.len() + 4 + PARSER_VERSION.len() + 16 + 4 + 24 * count + 8
}

/// Header: magic, parser version (length-prefixed), content key, number of
/// parts, each part's stored length, length and checksum, the header's own
/// checksum; then the parts, each as pieces behind their framing ([`FRAME`]).
fn encode_header(key: ContentKey, parts: &[PartInfo]) -> Vec<u8> {
    let version = PARSER_VERSION.as_bytes();
    let mut out = Vec::with_capacity(header_len(parts.len()));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(version.len() as u32).to_le_bytes());
    out.extend_from_slice(version);
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    for part in parts {
        out.extend_from_slice(&part.stored.to_le_bytes());
        out.extend_from_slice(&part.len.to_le_bytes());
        out.extend_from_slice(&part.checksum.to_le_bytes());
    }
    out.extend_from_slice(&xxh3_64(&out).to_le_bytes());
    out
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

/// One part of an entry, read and decompressed piece by piece: an
/// [`io::Read`] of its bytes as encoded, or [`PartReader::read_all`] at
/// once. Its checksum is known only at the end ([`PartReader::finish`]):
/// what was read is not to be used before.
pub struct PartReader<'f> {
    pieces: io::BufReader<io::Take<&'f mut fs::File>>,
    /// Stored bytes not read yet.
    stored_left: u64,
    /// Bytes as encoded, all pieces.
    len: usize,
    /// Bytes as encoded of the pieces read so far.
    decoded: usize,
    checksum: u64,
    hash: Xxh3,
    /// The compressed bytes of the last piece read.
    block: &'f mut Vec<u8>,
    /// The current piece, decompressed, and how much of it was read.
    piece: Vec<u8>,
    at: usize,
}

impl<'f> PartReader<'f> {
    /// The reader of part `part` of an open entry: header checked, and the
    /// part's place in the file and its stated lengths.
    fn open(
        f: &'f mut fs::File,
        key: ContentKey,
        part: Part,
        block: &'f mut Vec<u8>,
    ) -> Result<PartReader<'f>, Damage> {
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
        if len > stored_len.saturating_mul(MAX_RATIO) {
            return Err(Damage::Damaged);
        }
        let start = body + table.iter().take(index).map(|p| p.0).sum::<u64>();
        f.seek(SeekFrom::Start(start))
            .map_err(|_| Damage::Damaged)?;
        Ok(PartReader {
            pieces: io::BufReader::with_capacity(1 << 16, f.take(stored_len)),
            stored_left: stored_len,
            len: usize::try_from(len).map_err(|_| Damage::Damaged)?,
            decoded: 0,
            checksum,
            hash: Xxh3::new(),
            block,
            piece: Vec::new(),
            at: 0,
        })
    }

    /// Bytes not read yet (as the header states them: a damaged part may
    /// end sooner).
    pub fn remaining(&self) -> usize {
        self.len - self.decoded + (self.piece.len() - self.at)
    }

    /// The next piece's compressed bytes into `block`, with its length as
    /// encoded; `None` after the last.
    fn next_block(&mut self) -> Result<Option<usize>, Damage> {
        if self.stored_left == 0 {
            return Ok(None);
        }
        let mut frame = [0u8; FRAME];
        self.pieces
            .read_exact(&mut frame)
            .map_err(|_| Damage::Damaged)?;
        let [a, b, c, d, e, g, h, i] = frame;
        let piece_len = u32::from_le_bytes([a, b, c, d]) as usize;
        let block_len = u32::from_le_bytes([e, g, h, i]) as usize;
        self.stored_left = self
            .stored_left
            .checked_sub((FRAME + block_len) as u64)
            .ok_or(Damage::Damaged)?;
        if piece_len > codec::PIECE || piece_len > self.len - self.decoded {
            return Err(Damage::Damaged);
        }
        self.block.resize(block_len, 0);
        self.pieces
            .read_exact(self.block)
            .map_err(|_| Damage::Damaged)?;
        self.hash.update(&frame);
        self.hash.update(self.block);
        self.decoded += piece_len;
        Ok(Some(piece_len))
    }

    /// Every byte not read yet, decompressed into `raw` (cleared first).
    fn read_all(&mut self, raw: &mut Vec<u8>) -> Result<(), Damage> {
        raw.clear();
        // decoded at its size, not grown by copying
        let _ = raw.try_reserve(self.remaining());
        raw.extend_from_slice(&self.piece[self.at..]);
        self.at = self.piece.len();
        while let Some(n) = self.next_block()? {
            let at = raw.len();
            raw.resize(at + n, 0);
            decompress(self.block, &mut raw[at..])?;
        }
        Ok(())
    }

    /// Every piece was read, and what was stored matches its checksum.
    fn finish(&mut self) -> Result<(), Damage> {
        let whole = self.stored_left == 0 && self.decoded == self.len;
        if !whole || self.at != self.piece.len() || self.hash.digest() != self.checksum {
            return Err(Damage::Damaged);
        }
        Ok(())
    }
}

/// One piece's compressed bytes into `out`, which it must fill.
fn decompress(block: &[u8], out: &mut [u8]) -> Result<(), Damage> {
    match lz4_flex::block::decompress_into(block, out) {
        Ok(n) if n == out.len() => Ok(()),
        _ => Err(Damage::Damaged),
    }
}

impl io::Read for PartReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.piece.len() {
            let damaged = || io::Error::new(io::ErrorKind::InvalidData, "damaged cache entry");
            let Some(n) = self.next_block().map_err(|_| damaged())? else {
                return Ok(0);
            };
            self.piece.resize(n, 0);
            decompress(self.block, &mut self.piece).map_err(|_| damaged())?;
            self.at = 0;
        }
        let n = buf.len().min(self.piece.len() - self.at);
        buf[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
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
