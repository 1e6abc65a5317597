//! [`GridCells`]: the cells of one row of a [`Grid`](super::Grid), in order.
//!
//! A grid keeps all its cells' text in one string and, for each row, the
//! 2-byte ends of its cells counted from the row's start (two entries a cell
//! in a row of 64 KiB or more, "wide"): a cell is the text between two ends.

/// The cells of a [`GridRow`], in order.
#[derive(Clone)]
pub struct GridCells<'a> {
    /// The grid's text.
    text: &'a str,
    /// Where the row starts in `text`.
    start: usize,
    /// The ends of the cells not yet read (two entries a cell when `wide`).
    ends: &'a [u16],
    wide: bool,
    /// Where the next cell starts.
    pos: usize,
    /// `text` from `pos` on: a cell is cut from its front, so that only the
    /// cell's end is checked to fall between characters.
    rest: &'a str,
}

impl<'a> GridCells<'a> {
    /// The cells of the row starting at `start` in `text`, whose cells end
    /// where `ends` say (two entries a cell when `wide`).
    #[inline]
    pub(super) fn new(text: &'a str, start: usize, ends: &'a [u16], wide: bool) -> GridCells<'a> {
        GridCells {
            text,
            start,
            ends,
            wide,
            pos: start,
            rest: text.get(start..).unwrap_or(""),
        }
    }

    /// Entries in `ends` a cell takes.
    #[inline]
    fn step(&self) -> usize {
        if self.wide { 2 } else { 1 }
    }

    /// The end in `text` at entry `i` of `ends` (a cell's first entry).
    #[inline]
    fn end_at(&self, i: usize) -> Option<usize> {
        let lo = usize::from(*self.ends.get(i)?);
        if !self.wide {
            return Some(self.start + lo);
        }
        Some(self.start + (lo | usize::from(*self.ends.get(i + 1)?) << 16))
    }
}

impl<'a> Iterator for GridCells<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        // (the ends taken from the front of the slice: one check a cell)
        let (&lo, tail) = self.ends.split_first()?;
        let end = if self.wide {
            let (&hi, tail) = tail.split_first()?;
            self.ends = tail;
            self.start + (usize::from(lo) | usize::from(hi) << 16)
        } else {
            self.ends = tail;
            self.start + usize::from(lo)
        };
        let cut = end
            .checked_sub(self.pos)
            .and_then(|len| self.rest.split_at_checked(len));
        let cell = match cut {
            Some((cell, rest)) => {
                self.rest = rest;
                cell
            }
            // (not for a grid the builder made: its ends fall between characters)
            None => {
                self.rest = self.text.get(end..).unwrap_or("");
                ""
            }
        };
        self.pos = end;
        Some(cell)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.ends.len() / self.step();
        (n, Some(n))
    }
    #[inline]
    fn nth(&mut self, n: usize) -> Option<&'a str> {
        if n > 0 {
            let skip = n.saturating_mul(self.step());
            if skip > self.ends.len() {
                self.ends = &[];
                return None;
            }
            self.pos = self.end_at(skip - self.step())?;
            self.rest = self.text.get(self.pos..).unwrap_or("");
            self.ends = &self.ends[skip..];
        }
        self.next()
    }
}

impl DoubleEndedIterator for GridCells<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let last = self.ends.len().checked_sub(self.step())?;
        let to = self.end_at(last)?;
        let from = match last.checked_sub(self.step()) {
            Some(before) => self.end_at(before)?,
            None => self.pos,
        };
        self.ends = &self.ends[..last];
        Some(self.text.get(from..to).unwrap_or(""))
    }
}

impl ExactSizeIterator for GridCells<'_> {}
