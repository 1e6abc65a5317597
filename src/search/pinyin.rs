//! Pinyin matching: `zhsq`, `zhihuishequ`, `zhihuisq`, `zhsqu` all find 智慧社区.
//!
//! Every distinct character of the index gets a small id (`u16`) and an entry
//! listing every reading of it (all readings of a heteronym, tone-less, `ü` as
//! `v`); ASCII letters and digits read as themselves. For a query term of
//! ASCII letters, [`Advance`] precomputes, for every entry and every position
//! `q` of the term, the positions the term can reach when that character
//! consumes a non-empty prefix of one of its readings starting at `q` (an
//! initial `z`, a longer initial `zh`, or the whole syllable `zhi`). Matching
//! an item is then a bit-parallel walk over its key: no allocation, a few
//! word operations per character.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

use super::text::letter_bit;

/// Characters with code points below this get a direct slot in the id table;
/// beyond it (rare CJK extensions) characters have no reading.
pub const DIRECT: usize = 0x3_0000;

/// Id of characters that have no reading.
pub const NONE: u16 = 0;
/// Id of characters not yet seen.
const UNSEEN: u16 = u16::MAX;

/// Longest term matched by pinyin (positions 0..=len must fit in a `u64`).
pub const MAX_TERM: usize = 63;

/// Readings of every character the index has seen.
#[derive(Debug, Clone)]
pub struct PinyinTable {
    /// Character → entry id (`UNSEEN`, `NONE`, or an index into `entries`).
    ids: Vec<u16>,
    /// Per entry: the syllable ids of its readings. Entry 0 is empty.
    entries: Vec<Vec<u16>>,
    /// Per entry: letters used by any reading, and first letters of readings.
    letters: Vec<(u32, u32)>,
    /// Syllables as ASCII bytes (`zhi`, `lv`, `a`, `7`).
    syllables: Vec<Box<[u8]>>,
    syllable_ids: HashMap<Box<[u8]>, u16>,
}

impl Default for PinyinTable {
    fn default() -> Self {
        PinyinTable {
            ids: vec![UNSEEN; DIRECT],
            entries: vec![Vec::new()],
            letters: vec![(0, 0)],
            syllables: Vec::new(),
            syllable_ids: HashMap::new(),
        }
    }
}

impl PinyinTable {
    /// Number of entries (distinct characters with a reading, plus one).
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Id of `c`, registering it (with all its readings) when first seen.
    pub fn register(&mut self, c: char) -> u16 {
        let code = c as usize;
        if code >= DIRECT {
            return NONE;
        }
        let id = self.ids.get(code).copied().unwrap_or(NONE);
        if id != UNSEEN {
            return id;
        }
        let readings = readings_of(c);
        let id = if readings.is_empty() || self.entries.len() >= usize::from(UNSEEN) {
            NONE
        } else {
            let mut syl = Vec::with_capacity(readings.len());
            let mut letters = 0u32;
            let mut initials = 0u32;
            for r in readings {
                letters |= r.iter().fold(0, |m, &b| m | letter_bit(b));
                initials |= r.first().map_or(0, |&b| letter_bit(b));
                let next = self.syllables.len();
                let sid = match self.syllable_ids.get(r.as_slice()) {
                    Some(&s) => s,
                    None => {
                        let s = u16::try_from(next).unwrap_or(u16::MAX);
                        let boxed: Box<[u8]> = r.into_boxed_slice();
                        self.syllables.push(boxed.clone());
                        self.syllable_ids.insert(boxed, s);
                        s
                    }
                };
                if !syl.contains(&sid) {
                    syl.push(sid);
                }
            }
            let id = u16::try_from(self.entries.len()).unwrap_or(NONE);
            self.entries.push(syl);
            self.letters.push((letters, initials));
            id
        };
        if let Some(slot) = self.ids.get_mut(code) {
            *slot = id;
        }
        id
    }

    /// Id of an already registered character (`NONE` when it has no reading).
    #[inline]
    pub fn id(&self, c: char) -> u16 {
        match self.ids.get(c as usize) {
            Some(&UNSEEN) | None => NONE,
            Some(&id) => id,
        }
    }

    /// (letters of all readings, first letters of readings) of an entry.
    #[inline]
    pub fn letters(&self, id: u16) -> (u32, u32) {
        self.letters.get(usize::from(id)).copied().unwrap_or((0, 0))
    }

    /// True when the character has a CJK reading (not just itself).
    pub fn is_syllabic(c: char) -> bool {
        !c.is_ascii() && c.to_pinyin_multi().is_some()
    }
}

/// (letters of all readings, first letters of readings) of `c`: what
/// [`PinyinTable::letters`] gives for its entry, without a table. Computed
/// once per character and process, shared by every thread.
pub fn letters_of(c: char) -> (u32, u32) {
    use std::sync::atomic::{AtomicU64, Ordering};
    /// Bit set once a slot is computed (letters use the low 26 bits).
    const DONE: u64 = 1 << 63;
    static SLOTS: [AtomicU64; DIRECT] = [const { AtomicU64::new(0) }; DIRECT];
    let Some(slot) = SLOTS.get(c as usize) else {
        return (0, 0);
    };
    let known = slot.load(Ordering::Relaxed);
    if known & DONE != 0 {
        return (known as u32, (known >> 32) as u32 & !(1 << 31));
    }
    let (mut letters, mut initials) = (0u32, 0u32);
    for r in readings_of(c) {
        letters |= r.iter().fold(0, |m, &b| m | letter_bit(b));
        initials |= r.first().map_or(0, |&b| letter_bit(b));
    }
    slot.store(
        DONE | u64::from(letters) | (u64::from(initials) << 32),
        Ordering::Relaxed,
    );
    (letters, initials)
}

/// Every reading of `c` as lowercase ASCII bytes: pinyin without tones for
/// Han characters (`ü` → `v`, `ê` → `e`), the character itself for ASCII
/// letters and digits, nothing otherwise.
fn readings_of(c: char) -> Vec<Vec<u8>> {
    if c.is_ascii_alphanumeric() {
        return vec![vec![c.to_ascii_lowercase() as u8]];
    }
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<Vec<u8>> = Vec::new();
    for p in multi {
        let r: Vec<u8> = p
            .plain()
            .chars()
            .filter_map(|ch| match ch {
                'ü' => Some(b'v'),
                'ê' => Some(b'e'),
                ch if ch.is_ascii_alphabetic() => Some(ch.to_ascii_lowercase() as u8),
                _ => None,
            })
            .collect();
        if !r.is_empty() && !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Per-query transition table of one term (see the module comment).
#[derive(Debug, Clone)]
pub struct Advance {
    /// Term length in bytes (≤ [`MAX_TERM`]).
    len: usize,
    /// `rows[id * (len + 1) + q]`: positions reachable from `q` through entry `id`.
    rows: Vec<u64>,
    /// Letters of the term (for the prefilter).
    pub letters: u32,
    /// Bit of the term's first letter.
    pub first: u32,
}

/// How a term matched an item's pinyin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinyinMatch {
    /// The term is read by consecutive characters.
    pub contiguous: bool,
    /// … starting at the key's first character.
    pub prefix: bool,
    /// … covering the whole key.
    pub whole: bool,
}

impl Advance {
    /// The table for `term` (lowercase ASCII letters, 1..=[`MAX_TERM`] long).
    pub fn new(table: &PinyinTable, term: &[u8]) -> Option<Advance> {
        if term.is_empty() || term.len() > MAX_TERM || !term.iter().all(u8::is_ascii_lowercase) {
            return None;
        }
        let len = term.len();
        let width = len + 1;
        let mut rows = vec![0u64; table.entries.len() * width];
        for (id, syls) in table.entries.iter().enumerate() {
            let base = id * width;
            for &sid in syls {
                let Some(syl) = table.syllables.get(usize::from(sid)) else {
                    continue;
                };
                for q in 0..len {
                    let lcp = syl
                        .iter()
                        .zip(&term[q..])
                        .take_while(|(a, b)| a == b)
                        .count();
                    if lcp > 0 {
                        // bits q+1 ..= q+lcp
                        let bits = (((1u128 << lcp) - 1) as u64) << (q + 1);
                        if let Some(row) = rows.get_mut(base + q) {
                            *row |= bits;
                        }
                    }
                }
            }
        }
        Some(Advance {
            len,
            rows,
            letters: term.iter().fold(0, |m, &b| m | letter_bit(b)),
            first: term.first().map_or(0, |&b| letter_bit(b)),
        })
    }

    #[inline]
    fn step(&self, id: u16, mut states: u64) -> u64 {
        let base = usize::from(id) * (self.len + 1);
        let mut out = 0u64;
        while states != 0 {
            let q = states.trailing_zeros() as usize;
            states &= states - 1;
            out |= self.rows.get(base + q).copied().unwrap_or(0);
        }
        out
    }

    /// Match the term against a key: `None` when no reading of the key's
    /// characters, in order (characters may be skipped), spells the term.
    pub fn matches(
        &self,
        table: &PinyinTable,
        key: impl IntoIterator<Item = char>,
    ) -> Option<PinyinMatch> {
        let done = 1u64 << self.len;
        let mut contiguous_state = 0u64;
        let mut gapped = 1u64;
        let mut anchored = 1u64;
        let mut m = PinyinMatch {
            contiguous: false,
            prefix: false,
            whole: false,
        };
        let mut any = false;
        for c in key {
            let id = table.id(c);
            contiguous_state = self.step(id, contiguous_state | 1);
            gapped |= self.step(id, gapped);
            anchored = if anchored == 0 {
                0
            } else {
                self.step(id, anchored)
            };
            if contiguous_state & done != 0 {
                m.contiguous = true;
            }
            if anchored & done != 0 {
                m.prefix = true;
            }
            if gapped & done != 0 {
                any = true;
            }
        }
        // The anchored walk ends on the last character only when it covers the key.
        m.whole = anchored & done != 0;
        any.then_some(m)
    }

    /// Character indices into `key` of a best match: the first contiguous
    /// run if there is one, else a gapped match. Empty when none.
    pub fn indices(&self, table: &PinyinTable, key: &str) -> Vec<usize> {
        let ids: Vec<u16> = key.chars().map(|c| table.id(c)).collect();
        let done = 1u64 << self.len;
        // Contiguous: try every start.
        for start in 0..ids.len() {
            let mut state = 1u64;
            for (j, &id) in ids.iter().enumerate().skip(start) {
                state = self.step(id, state);
                if state == 0 {
                    break;
                }
                if state & done != 0 {
                    return (start..=j).collect();
                }
            }
        }
        // Gapped: forward states, then walk back.
        let mut states = Vec::with_capacity(ids.len() + 1);
        let mut g = 1u64;
        states.push(g);
        let mut end = None;
        for (j, &id) in ids.iter().enumerate() {
            g |= self.step(id, g);
            states.push(g);
            if g & done != 0 {
                end = Some(j);
                break;
            }
        }
        let Some(end) = end else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut target = self.len;
        let mut j = end + 1;
        while target > 0 && j > 0 {
            let before = states.get(j - 1).copied().unwrap_or(0);
            let id = ids.get(j - 1).copied().unwrap_or(NONE);
            // Prefer consuming this character over skipping it.
            let mut from = None;
            let mut set = before;
            while set != 0 {
                let q = set.trailing_zeros() as usize;
                set &= set - 1;
                if self.step(id, 1u64 << q) & (1u64 << target) != 0 {
                    from = Some(q);
                    break;
                }
            }
            match from {
                Some(q) => {
                    out.push(j - 1);
                    target = q;
                }
                None if before & (1u64 << target) != 0 => {}
                None => break,
            }
            j -= 1;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_for(s: &str) -> PinyinTable {
        let mut t = PinyinTable::default();
        for c in s.chars() {
            t.register(c);
        }
        t
    }

    fn m(key: &str, term: &str) -> Option<PinyinMatch> {
        let t = table_for(key);
        Advance::new(&t, term.as_bytes())?.matches(&t, key.chars())
    }

    #[test]
    fn initials_and_full() {
        for q in [
            "zhsq",
            "zhhsq",
            "zhihuishequ",
            "zhihuisq",
            "zhsqu",
            "hui",
            "shequ",
        ] {
            let r = m("智慧社区", q);
            assert!(r.is_some_and(|r| r.contiguous), "{q}");
        }
        assert_eq!(
            m("智慧社区", "zhsq"),
            Some(PinyinMatch {
                contiguous: true,
                prefix: true,
                whole: true
            })
        );
        let r = m("智慧社区建设", "zhsq").expect("match");
        assert!(r.prefix && !r.whole);
        assert_eq!(m("智慧社区", "zhsx"), None);
        assert_eq!(m("智慧社区", "zhihuishequx"), None);
    }

    #[test]
    fn gapped() {
        let r = m("智慧平安社区建设费", "zhsq").expect("match");
        assert!(!r.contiguous);
        let t = table_for("智慧平安社区建设费");
        let a = Advance::new(&t, b"zhsq").expect("adv");
        assert_eq!(a.indices(&t, "智慧平安社区建设费"), vec![0, 1, 4, 5]);
    }

    #[test]
    fn heteronyms_every_reading() {
        // 行: xing / hang; 长: chang / zhang; 重: zhong / chong.
        assert!(m("行政运行", "xzyx").is_some());
        assert!(m("行政运行", "hangzhengyunxing").is_some());
        assert!(m("行政运行", "xingzhengyunhang").is_some());
        assert!(m("银行", "yinhang").is_some());
        assert!(m("局长", "juzhang").is_some());
        assert!(m("重复", "chongfu").is_some());
        assert!(m("绿化", "lvhua").is_some());
    }

    #[test]
    fn indices_of_contiguous_run() {
        let key = "公安智慧社区";
        let t = table_for(key);
        let a = Advance::new(&t, b"zhihuishequ").expect("adv");
        assert_eq!(a.indices(&t, key), vec![2, 3, 4, 5]);
    }

    #[test]
    fn bad_terms() {
        let t = table_for("智慧");
        assert!(Advance::new(&t, b"").is_none());
        assert!(Advance::new(&t, b"ZH").is_none());
        assert!(Advance::new(&t, &[b'a'; 64]).is_none());
        assert!(Advance::new(&t, &[b'a'; 63]).is_some());
    }
}
