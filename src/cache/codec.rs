//! A compact binary encoding for the cache: integers as LEB128 varints,
//! strings and lists with their length first, decimals as their 16 bytes.
//! Not self-describing: reader and writer agree on the order of fields,
//! and the parser version in every entry's header guarantees they were
//! built together.
//!
//! Reading never panics and never trusts a length: a list cannot claim
//! more elements than bytes remain, so damaged input fails cleanly (the
//! entry's checksum catches damage first).

use rust_decimal::Decimal;

/// A value with a binary form.
pub trait Wire: Sized {
    /// Append the encoding of `self`.
    fn put(&self, w: &mut Out<'_>);
    /// Read one value; `None` on damaged or short input.
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

/// A cursor over encoded bytes.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    /// A length-prefixed UTF-8 text, borrowed from the bytes.
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        simdutf8::basic::from_utf8(self.take(n)?).ok()
    }

    pub fn byte(&mut self) -> Option<u8> {
        let (&b, tail) = self.rest.split_first()?;
        self.rest = tail;
        Some(b)
    }

    /// A LEB128 varint of at most 64 bits.
    pub fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A length that the remaining bytes can hold (each element takes at
    /// least one byte).
    pub fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.rest.len()).then_some(n)
    }

    /// True when every byte was read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Bytes being written: held in one buffer ([`Out::new`]), or handed on in
/// pieces of about [`PIECE`] bytes as they are written ([`Out::spilling`]),
/// so that a large value's encoding is never held whole.
pub struct Out<'s> {
    buf: Vec<u8>,
    spill: Option<Spill<'s>>,
}

/// Where an [`Out::spilling`] hands its pieces.
pub type Spill<'s> = &'s mut dyn FnMut(&[u8]);

/// Size of the pieces an [`Out::spilling`] hands on.
pub const PIECE: usize = 1 << 20;

impl Out<'static> {
    /// Bytes held in one buffer, with room for `room` bytes reserved first
    /// (a guess of the size; room never written is never resident).
    pub fn new(room: usize) -> Out<'static> {
        let mut buf = Vec::new();
        let _ = buf.try_reserve(room);
        Out { buf, spill: None }
    }
}

impl<'s> Out<'s> {
    /// Bytes handed to `spill` in order, in pieces of [`PIECE`] bytes (the
    /// last one shorter; see [`Out::finish`]).
    pub fn spilling(spill: Spill<'s>) -> Out<'s> {
        Out {
            buf: Vec::with_capacity(PIECE),
            spill: Some(spill),
        }
    }

    #[inline]
    pub fn push(&mut self, b: u8) {
        self.buf.push(b);
        if self.buf.len() >= PIECE {
            self.hand_on();
        }
    }

    pub fn extend_from_slice(&mut self, mut bytes: &[u8]) {
        if self.spill.is_none() {
            self.buf.extend_from_slice(bytes);
            return;
        }
        while !bytes.is_empty() {
            let (head, tail) = bytes.split_at(bytes.len().min(PIECE - self.buf.len()));
            self.buf.extend_from_slice(head);
            bytes = tail;
            if self.buf.len() >= PIECE {
                self.hand_on();
            }
        }
    }

    /// A full piece to the spill (nothing without one).
    fn hand_on(&mut self) {
        if let Some(spill) = &mut self.spill {
            spill(&self.buf);
            self.buf.clear();
        }
    }

    /// The bytes not handed on: all of them without a spill. A spilling
    /// `Out` hands on its last piece here and gives back nothing.
    pub fn finish(mut self) -> Vec<u8> {
        if self.spill.is_some() && !self.buf.is_empty() {
            self.hand_on();
            return Vec::new();
        }
        self.buf
    }
}

/// Append `v` as a LEB128 varint.
pub fn put_varint(w: &mut Out<'_>, mut v: u64) {
    while v >= 0x80 {
        w.push((v as u8) | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}

/// Append a length.
pub fn put_len(w: &mut Out<'_>, n: usize) {
    put_varint(w, n as u64);
}

/// Encode one value.
pub fn to_bytes<T: Wire>(value: &T) -> Vec<u8> {
    to_bytes_with_room(value, 0)
}

/// [`to_bytes`] into room for `room` bytes reserved first (a guess of the
/// size): a large value's encoding is then not copied each time it grows, and
/// room never written is never resident. Without the room (too large to
/// reserve), the encoding grows as it is written.
pub fn to_bytes_with_room<T: Wire>(value: &T, room: usize) -> Vec<u8> {
    let mut w = Out::new(room);
    value.put(&mut w);
    w.finish()
}

/// Where a composite value's parts are read from: a [`Reader`] over bytes
/// held whole, or a [`Stream`] that reads them as they are needed.
pub trait Source {
    /// One value.
    fn next<T: Wire>(&mut self) -> Option<T>;
    /// A list, as `Vec<T>` encodes it.
    fn list<T: Wire>(&mut self) -> Option<Vec<T>> {
        self.list_with(T::get)
    }
    /// A list of a length then its elements, each read by `get` (for
    /// elements that need more than their own bytes to be read).
    fn list_with<T>(&mut self, get: impl FnMut(&mut Reader<'_>) -> Option<T>) -> Option<Vec<T>>;
}

impl Source for Reader<'_> {
    fn next<T: Wire>(&mut self) -> Option<T> {
        T::get(self)
    }
    fn list_with<T>(
        &mut self,
        mut get: impl FnMut(&mut Reader<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(get(self)?);
        }
        Some(out)
    }
}

/// Values decoded from an [`std::io::Read`] of their encoding without
/// holding it whole: a window of it is read ahead, and each value (each
/// element of a [`Source::list`]) is decoded from the window, which is read
/// further, twice as far each time, when it ends within the value. (The
/// encoding is prefix-free: a value cut short fails rather than decoding
/// to another.)
pub struct Stream<'r, R> {
    src: &'r mut R,
    /// Bytes of the source not read yet.
    left: usize,
    window: Vec<u8>,
    /// Where the next value starts in the window.
    at: usize,
}

/// How far a [`Stream`] reads ahead at least.
const READ_AHEAD: usize = 1 << 16;

impl<'r, R: std::io::Read> Stream<'r, R> {
    /// The values in the `len` bytes of `src`.
    pub fn new(src: &'r mut R, len: usize) -> Stream<'r, R> {
        Stream {
            src,
            left: len,
            window: Vec::new(),
            at: 0,
        }
    }

    /// Every byte was read and decoded.
    pub fn is_empty(&self) -> bool {
        self.left == 0 && self.at == self.window.len()
    }

    /// Bytes not decoded yet.
    fn remaining(&self) -> usize {
        self.left + (self.window.len() - self.at)
    }

    /// The window read further: what was decoded dropped, and at least as
    /// much again as it holds read (false at the end of the source).
    fn read_more(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.window.drain(..self.at);
        self.at = 0;
        let more = self.window.len().max(READ_AHEAD).min(self.left);
        let start = self.window.len();
        self.window.resize(start + more, 0);
        if self.src.read_exact(&mut self.window[start..]).is_err() {
            self.left = 0;
            self.window.truncate(start);
            return false;
        }
        self.left -= more;
        true
    }
}

impl<R: std::io::Read> Stream<'_, R> {
    /// One value, read by `get` from the window, read further until it holds the value.
    fn next_with<T>(&mut self, get: &mut impl FnMut(&mut Reader<'_>) -> Option<T>) -> Option<T> {
        loop {
            let mut r = Reader::new(&self.window[self.at..]);
            if let Some(value) = get(&mut r) {
                self.at = self.window.len() - r.remaining();
                return Some(value);
            }
            if !self.read_more() {
                return None;
            }
        }
    }
}

impl<R: std::io::Read> Source for Stream<'_, R> {
    fn next<T: Wire>(&mut self) -> Option<T> {
        self.next_with(&mut T::get)
    }

    fn list_with<T>(
        &mut self,
        mut get: impl FnMut(&mut Reader<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n: usize = self.next()?;
        // each element takes at least one byte
        if n > self.remaining() {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.next_with(&mut get)?);
        }
        Some(out)
    }
}

/// Decode one value that must take every byte.
pub fn from_bytes<T: Wire>(bytes: &[u8]) -> Option<T> {
    let mut r = Reader::new(bytes);
    let value = T::get(&mut r)?;
    r.is_empty().then_some(value)
}

impl Wire for u64 {
    fn put(&self, w: &mut Out<'_>) {
        put_varint(w, *self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.varint()
    }
}

impl Wire for u32 {
    fn put(&self, w: &mut Out<'_>) {
        put_varint(w, u64::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.varint()?).ok()
    }
}

impl Wire for u16 {
    fn put(&self, w: &mut Out<'_>) {
        put_varint(w, u64::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        u16::try_from(r.varint()?).ok()
    }
}

impl Wire for u8 {
    fn put(&self, w: &mut Out<'_>) {
        w.push(*self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.byte()
    }
}

impl Wire for usize {
    fn put(&self, w: &mut Out<'_>) {
        put_varint(w, *self as u64);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        usize::try_from(r.varint()?).ok()
    }
}

impl Wire for bool {
    fn put(&self, w: &mut Out<'_>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for String {
    fn put(&self, w: &mut Out<'_>) {
        put_len(w, self.len());
        w.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(str::to_owned)
    }
}

impl Wire for Decimal {
    fn put(&self, w: &mut Out<'_>) {
        w.extend_from_slice(&self.serialize());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let bytes: [u8; 16] = r.take(16)?.try_into().ok()?;
        Some(Decimal::deserialize(bytes))
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Out<'_>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Out<'_>) {
        put_len(w, self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Some(out)
    }
}

/// As `Vec<T>`.
impl<T: Wire> Wire for Box<[T]> {
    fn put(&self, w: &mut Out<'_>) {
        put_len(w, self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Vec::get(r).map(Vec::into_boxed_slice)
    }
}

impl<A: Wire, B: Wire, C: Wire> Wire for (A, B, C) {
    fn put(&self, w: &mut Out<'_>) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?, C::get(r)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn round<T: Wire + PartialEq + std::fmt::Debug>(v: T) {
        let bytes = to_bytes(&v);
        assert_eq!(from_bytes::<T>(&bytes), Some(v));
        // every shorter prefix fails cleanly
        for cut in 0..bytes.len() {
            assert!(from_bytes::<T>(&bytes[..cut]).is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn values_come_back() {
        round(0u64);
        round(u64::MAX);
        round(300u32);
        round(u32::MAX);
        round(String::from("智慧社区 4,800.00"));
        round(Some(Decimal::from_str("397.10").expect("decimal")));
        round(None::<String>);
        round(vec![vec![String::new(), "a".into()], vec![]]);
        round(true);
        let scale = from_bytes::<Decimal>(&to_bytes(&Decimal::from_str("1.50").expect("d")));
        assert_eq!(scale.map(|d| d.to_string()), Some("1.50".into()));
    }

    #[test]
    fn a_spilling_out_hands_on_the_same_bytes_in_pieces() {
        // texts of every length around a piece's end, most of a few pieces
        let value: Vec<String> = (0..9000).map(|i| "预算".repeat(i % 97) + "x").collect();
        let whole = to_bytes(&value);
        assert!(whole.len() > 2 * PIECE, "{}", whole.len());
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        let mut spill = |piece: &[u8]| pieces.push(piece.to_vec());
        let mut out = Out::spilling(&mut spill);
        value.put(&mut out);
        out.extend_from_slice(&vec![7u8; PIECE * 2 + 3]);
        assert!(out.finish().is_empty());
        let (last, full) = pieces.split_last().expect("pieces");
        assert!(full.iter().all(|p| p.len() == PIECE));
        assert!(!last.is_empty() && last.len() <= PIECE);
        let mut expected = whole;
        expected.extend_from_slice(&vec![7u8; PIECE * 2 + 3]);
        assert!(pieces.concat() == expected);
    }

    #[test]
    fn damaged_input_fails_without_panic() {
        assert!(
            from_bytes::<String>(&[2, 0xff, 0xfe]).is_none(),
            "not UTF-8"
        );
        assert!(from_bytes::<Vec<u8>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]).is_none());
        assert!(from_bytes::<u64>(&[0x80; 11]).is_none(), "overlong varint");
        assert!(from_bytes::<bool>(&[7]).is_none());
        assert!(from_bytes::<u32>(&[1, 0]).is_none(), "trailing bytes");
    }
}
