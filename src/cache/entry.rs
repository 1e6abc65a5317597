//! One cache entry as it lies on disk: a header (magic, parser version,
//! content key, each part's lengths and checksum), then each part as pieces
//! of at most [`codec::PIECE`] bytes, each an LZ4 block behind its two
//! lengths ([`FRAME`]). [`EntryWriter`] writes an entry part by part as it is
//! encoded; [`PartReader`] reads one part back piece by piece.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use super::codec;

/// The parser's version: the crate version and a hash of the sources that
/// built it. Entries written by another version are never used.
pub const PARSER_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("BUDGETTUI_SOURCE_HASH")
);

/// The parts of an entry, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The model ([`super::document`]'s binary form).
    Document = 0,
    /// What the search index keeps of the document (its items and summary).
    Items = 1,
}

/// The key of one file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentKey(pub(super) u128);

impl ContentKey {
    pub fn of(bytes: &[u8]) -> ContentKey {
        ContentKey(xxh3_128(bytes))
    }

    /// [`ContentKey::of`] the bytes of `r`, hashed as they are read (never
    /// held whole).
    pub fn of_reader(mut r: impl Read) -> io::Result<ContentKey> {
        let mut hash = Xxh3::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match r.read(&mut buf) {
                Ok(0) => return Ok(ContentKey(hash.digest128())),
                Ok(n) => hash.update(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// The largest buffer a thread keeps for the next entry.
pub(super) const KEEP_BUFFER: usize = 16 << 20;

/// First bytes of every entry (the last one names the byte order, since
/// parts may hold raw little- or big-endian records).
pub(super) const MAGIC: &[u8; 8] = if cfg!(target_endian = "little") {
    b"BTUIDC4L"
} else {
    b"BTUIDC4B"
};

/// Most parts an entry may have.
const MAX_PARTS: usize = 8;

/// LZ4 never expands data more than this (255 per byte, rounded up): a
/// header claiming more is damaged.
const MAX_RATIO: u64 = 256;

/// An entry being written ([`super::Cache::writer`]): each part goes to a
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
    /// An entry for `key` of `count` parts, written to `tmp` and renamed to
    /// `dest` when finished.
    pub(super) fn create(
        key: ContentKey,
        tmp: PathBuf,
        dest: PathBuf,
        count: usize,
    ) -> io::Result<EntryWriter> {
        if count > MAX_PARTS {
            return Err(io::Error::other("too many parts"));
        }
        let mut file = io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        let mut entry = EntryWriter {
            key,
            dest,
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
pub(super) const FRAME: usize = 8;

/// Length of the header of an entry of `count` parts.
pub(super) fn header_len(count: usize) -> usize {
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
pub(super) enum Damage {
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

/// One part of an entry, read and decompressed piece by piece: an
/// [`io::Read`] of its bytes as encoded, or decompressed whole at
/// once. Its checksum is known only once every piece was read:
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
    pub(super) fn open(
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
    pub(super) fn read_all(&mut self, raw: &mut Vec<u8>) -> Result<(), Damage> {
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
    pub(super) fn finish(&mut self) -> Result<(), Damage> {
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
