//! A document's items as bytes, for the cache: the records as they lie in
//! memory (plain integers, native byte order: the cache entry's header names
//! the byte order and the parser version), so that storing is a copy and
//! loading is a copy.
//!
//! Layout: the number of hot records, figures, exact figures, path entries,
//! long spans, characters and arena bytes (seven `u32`), the summary's
//! length (`u32`) and the summary ([`crate::cache::codec`]), then the hot
//! records, the item records, the figures, the exact figures, the paths,
//! the long spans, the characters and the arena text.

use std::io::Read;

use bytemuck::Pod;

use super::index::DocItems;
use super::summary::Summary;
use crate::cache::codec::{self, Out};

/// Append the records of `slice` as bytes.
fn put_slice<T: Pod>(out: &mut Out<'_>, slice: &[T]) {
    out.extend_from_slice(bytemuck::cast_slice(slice));
}

/// Read `n` records into a vector of their type (aligned, whatever the
/// alignment of the bytes); `None` past `limit` bytes (which are counted
/// down) or the end of `r`.
fn take_slice<T: Pod>(r: &mut impl Read, limit: &mut usize, n: usize) -> Option<Vec<T>> {
    let len = n.checked_mul(std::mem::size_of::<T>())?;
    *limit = limit.checked_sub(len)?;
    let mut v = vec![T::zeroed(); n];
    r.read_exact(bytemuck::cast_slice_mut::<T, u8>(&mut v))
        .ok()?;
    Some(v)
}

fn take_u32(r: &mut impl Read, limit: &mut usize) -> Option<u32> {
    let [v] = take_slice::<[u8; 4]>(r, limit, 1)?[..] else {
        return None;
    };
    Some(u32::from_le_bytes(v))
}

fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl DocItems {
    /// The items as bytes (see the module comment).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Out::new(
            64 + self.hot.len() * std::mem::size_of::<super::index::Hot>()
                + self.items.len() * std::mem::size_of::<super::index::Item>()
                + self.figures.len() * std::mem::size_of::<super::index::Figure>()
                + self.arena.len(),
        );
        self.write(&mut out);
        out.finish()
    }

    /// Write [`DocItems::to_bytes`] to `out`.
    pub fn write(&self, out: &mut Out<'_>) {
        let summary = codec::to_bytes(&self.summary);
        for n in [
            self.hot.len(),
            self.figures.len(),
            self.bigs.len(),
            self.paths.len(),
            self.longs.len(),
            self.chars.len(),
            self.arena.len(),
            summary.len(),
        ] {
            out.extend_from_slice(&len32(n).to_le_bytes());
        }
        out.extend_from_slice(&summary);
        put_slice(out, &self.hot);
        put_slice(out, &self.items);
        put_slice(out, &self.figures);
        put_slice(out, &self.bigs);
        put_slice(out, &self.paths);
        put_slice(out, &self.longs);
        put_slice(out, &self.chars);
        out.extend_from_slice(self.arena.as_bytes());
    }

    /// Items written by [`DocItems::to_bytes`]; `None` when the bytes are
    /// not that (short, too long, text not UTF-8). The summary's path is
    /// `path`.
    pub fn from_bytes(bytes: &[u8], path: &str) -> Option<DocItems> {
        let mut rest = bytes;
        let out = DocItems::read(&mut rest, bytes.len(), path)?;
        rest.is_empty().then_some(out)
    }

    /// Items as [`DocItems::from_bytes`] reads them, from `r`, which holds at
    /// most `limit` bytes (no list is made longer than they can hold): each
    /// list is read straight into its vector. The bytes after them are not
    /// read.
    pub fn read(r: &mut impl Read, mut limit: usize, path: &str) -> Option<DocItems> {
        let limit = &mut limit;
        let mut counts = [0usize; 8];
        for c in &mut counts {
            *c = take_u32(r, limit)? as usize;
        }
        let [hot, figures, bigs, paths, longs, chars, arena, summary] = counts;
        let summary_bytes = take_slice::<u8>(r, limit, summary)?;
        let mut summary: Summary = codec::from_bytes(&summary_bytes)?;
        summary.path = path.to_string();
        Some(DocItems {
            summary,
            hot: take_slice(r, limit, hot)?,
            items: take_slice(r, limit, hot)?,
            figures: take_slice(r, limit, figures)?,
            bigs: take_slice(r, limit, bigs)?,
            paths: take_slice(r, limit, paths)?,
            longs: take_slice(r, limit, longs)?,
            chars: take_slice(r, limit, chars)?,
            // checked by simdutf8 (std's check is slower on CJK), then copied
            arena: simdutf8::basic::from_utf8(&take_slice(r, limit, arena)?)
                .ok()?
                .to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_from_their_bytes() {
        for doc in crate::load::sample_documents() {
            let items = super::super::items::document_items(&doc);
            let bytes = items.to_bytes();
            let back = DocItems::from_bytes(&bytes, &doc.path).expect("decodes");
            assert_eq!(back, items, "{}", doc.path);
            for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
                assert!(DocItems::from_bytes(&bytes[..cut], "x").is_none());
            }
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(DocItems::from_bytes(&longer, "x").is_none());
        }
    }
}
