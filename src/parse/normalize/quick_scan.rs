//! Which lines need any rule at all: a quick byte scan, vectorised, that
//! never misses a line a rule would change (false positives only cost time).

/// Quick byte scan: can any rule of [`super::normalize_line`] apply? False negatives
/// are not allowed; false positives only cost time.
pub(super) fn needs_work(b: &[u8]) -> bool {
    if b.last() == Some(&b' ') {
        return true;
    }
    let mut base = 0usize;
    while base < b.len() {
        let mut mask = interesting_mask(b, base);
        while mask != 0 {
            let pos = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if hit_at(b, pos) {
                return true;
            }
        }
        base += CHUNK;
    }
    false
}

/// Bytes per step of the quick scan.
pub(super) const CHUNK: usize = 16;

/// Bit `k` set when `b[base + k]` is an [`INTERESTING`] byte, for the `CHUNK`
/// bytes from `base` (fewer at the end). Written so that the compiler turns
/// full chunks into a few vector compares.
/// (Inlined into the scanning loops, so that the vector constants stay in
/// registers; the short tail is read apart.)
#[inline(always)]
pub(super) fn interesting_mask(b: &[u8], base: usize) -> u32 {
    let end = base.saturating_add(CHUNK);
    if let Some(chunk) = b.get(base..end)
        && let Ok(chunk) = <&[u8; CHUNK]>::try_from(chunk)
    {
        // One 0/1 flag per byte (vector compares), then the flags of eight
        // bytes gathered into eight bits with one multiplication each.
        let mut f = [0u8; CHUNK];
        for (flag, &c) in f.iter_mut().zip(chunk) {
            let hit = (c < 0x20)
                | (c == 0x7f)
                | (c == b'\\')
                | (c == b'<')
                | (c == b'*')
                | (c == 0xC2)
                | (c == 0xD8)
                | (c.wrapping_sub(0xE2) < 2)
                | (c == 0xEF);
            *flag = u8::from(hit);
        }
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let [
            a0,
            a1,
            a2,
            a3,
            a4,
            a5,
            a6,
            a7,
            b0,
            b1,
            b2,
            b3,
            b4,
            b5,
            b6,
            b7,
        ] = f;
        let lo = u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]);
        let hi = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        let m = (lo.wrapping_mul(GATHER) >> 56) | ((hi.wrapping_mul(GATHER) >> 56) << 8);
        return m as u32;
    }
    tail_mask(b, base)
}

/// [`interesting_mask`] of the last, short chunk: byte by byte.
#[cold]
#[inline(never)]
fn tail_mask(b: &[u8], base: usize) -> u32 {
    let mut m = 0u32;
    for (k, &c) in b
        .get(base..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .take(CHUNK)
    {
        m |= u32::from(INTERESTING[usize::from(c)]) << k;
    }
    m
}

/// Does the interesting byte at `b[i]` start something a rule changes?
#[inline]
pub(super) fn hit_at(b: &[u8], i: usize) -> bool {
    let c = b[i];
    let b1 = b.get(i + 1).copied().unwrap_or(0);
    let b2 = b.get(i + 2).copied().unwrap_or(0);
    match c {
        b'\\' => true,
        b'<' => b1.is_ascii_alphabetic() || b1 == b'/',
        b'*' => b1 == b'*',
        0xC2 => (0x80..=0xA0).contains(&b1),
        0xD8 => b1 == 0x9C,
        0xE2 => matches!(
            (b1, b2),
            // U+2000–U+200F, U+2028–U+202F
            (0x80, 0x80..=0x8F | 0xA8..=0xAF)
            // U+205F–U+2069
            | (0x81, 0x9F..=0xA9)
            // ≦ ≧
            | (0x89, 0xA6 | 0xA7)
        ),
        0xE3 => b1 == 0x80 && b2 == 0x80,
        0xEF => match (b1, b2) {
            (0xBB, 0xBF) => true,
            // ％ ＋ － ． ０–９ ＜ ＝ ＞
            (0xBC, 0x85 | 0x8B | 0x8D | 0x8E | 0x90..=0x99 | 0x9C..=0x9E) => true,
            // ， between ASCII digits (full-width digits are caught above)
            (0xBC, 0x8C) => {
                i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 3).is_some_and(u8::is_ascii_digit)
            }
            _ => false,
        },
        // the tab is kept (split_lines counts them)
        b'\t' => false,
        // other C0 controls and DEL.
        _ => true,
    }
}

/// Bytes that may start something [`needs_work`] must look at.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    // C0 controls, the tab among them (no rule changes a tab, but
    // split_lines counts them on its way)
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[0x7F] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'*' as usize] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

#[cfg(test)]
mod tests {
    use super::super::{normalize_line, normalize_slow};
    use super::*;
    use proptest::prelude::*;
    use std::borrow::Cow;

    #[test]
    fn chunk_mask_matches_table() {
        let all: Vec<u8> = (0..=255u8).collect();
        for base in (0..256).step_by(CHUNK) {
            let m = interesting_mask(&all, base);
            for k in 0..CHUNK {
                let expect = INTERESTING[base + k];
                assert_eq!(m >> k & 1 == 1, expect, "byte {:#x}", base + k);
            }
        }
        // A short tail.
        let tail = b"ab\\c\n";
        assert_eq!(interesting_mask(tail, 0), 0b10100);
        assert_eq!(interesting_mask(tail, 3), 0b10);
        assert_eq!(interesting_mask(tail, 9), 0);
    }

    proptest! {
        #[test]
        fn quick_scan_has_no_false_negatives(
            s in "[ -~\t\u{a0}\u{c0}-\u{c5}\u{600}-\u{620}\u{1ff0}-\u{2080}\u{2260}-\u{2270}\u{3000}-\u{3010}\u{4e00}-\u{4e10}\u{feff}\u{ff00}-\u{ff20}“”，。]{0,40}"
        ) {
            if !needs_work(s.as_bytes()) {
                prop_assert_eq!(normalize_slow(&s), s.clone());
            }
            let n = normalize_line(&s);
            if matches!(n, Cow::Owned(_)) {
                prop_assert_ne!(n.as_ref(), s.as_str());
            }
        }
    }
}
