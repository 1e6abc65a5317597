//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GBK / GB18030.
//! Undecodable bytes become U+FFFD and a warning, never a failure.

use std::borrow::Cow;

use crate::model::{LineNo, Warning};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding};

/// Decoded text of one file: valid UTF-8 is borrowed from the bytes (no copy
/// of a large file), anything else decoded into a new string.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Decoded<'a> {
    pub(super) text: Cow<'a, str>,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, …
    pub(super) encoding: &'static str,
    pub(super) warnings: Vec<Warning>,
}

/// How many leading bytes `chardetng` looks at.
const DETECT_PREFIX_LEN: usize = 1 << 20;

/// How many leading bytes [`looks_binary`] inspects.
const BINARY_SNIFF_LEN: usize = 64 * 1024;

/// Decode a file's bytes.
///
/// - a BOM (UTF-8, UTF-16LE, UTF-16BE) decides the encoding and is stripped;
/// - valid UTF-8 is taken as UTF-8;
/// - UTF-8 with a few broken bytes among many valid multi-byte characters stays
///   UTF-8 (a GBK file is almost never mostly valid UTF-8);
/// - anything else is detected with `chardetng` (hinted with the `cn` domain, so
///   GBK / GB18030 wins the ties) and decoded with `encoding_rs`. GBK is reported
///   as `GB18030`, whose decoder is a superset.
///
/// Undecodable bytes become U+FFFD and a warning at each line where it
/// happened; stray NUL bytes are removed, with a warning at their line. Never
/// fails, never panics; linear in the input.
pub(super) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let mut decoded = decode_text(bytes);
    // memchr's vector search: std's `contains(char)` reads a word at a time
    if memchr::memchr(0, decoded.text.as_bytes()).is_some() {
        remove_nuls(&mut decoded);
    }
    decoded
}

/// [`decode`] before NUL characters are removed.
fn decode_text(bytes: &[u8]) -> Decoded<'_> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return decode_with(enc, rest);
    }
    // the common case, validated with SIMD (std's validation costs ~10
    // instructions per byte of Chinese text)
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            warnings: Vec::new(),
        };
    }
    if mostly_utf8(bytes) {
        return decode_with(encoding_rs::UTF_8, bytes);
    }
    // The detector is slow per byte; a large prefix decides as well as the
    // whole file.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    match bytes.get(..DETECT_PREFIX_LEN) {
        Some(prefix) => detector.feed(prefix, false),
        None => detector.feed(bytes, true),
    };
    let guessed = detector.guess(Some(b"cn"), Utf8Detection::Allow);
    let enc = if guessed == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        guessed
    };
    decode_with(enc, bytes)
}

/// True when invalid UTF-8 sequences are rare next to valid multi-byte
/// characters: a UTF-8 file with a few damaged bytes, not a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut invalid: usize = 0;
    let mut multibyte: usize = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += count_long_chars(valid.as_bytes());
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                multibyte += count_long_chars(rest.get(..good).unwrap_or_default());
                invalid += 1;
                let skip = good + e.error_len().unwrap_or(rest.len() - good).max(1);
                rest = rest.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    // Legacy CJK text read as UTF-8 is invalid every few characters; genuine
    // UTF-8 Chinese text has thousands of valid 3-byte characters per error.
    invalid > 0 && multibyte >= invalid.saturating_mul(20)
}

/// Number of UTF-8 lead bytes of 3- and 4-byte sequences in valid UTF-8.
fn count_long_chars(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xE0).count()
}

/// Decode `bytes` (BOM already stripped) with `enc`, replacing malformed
/// sequences by U+FFFD and reporting them in one warning.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded<'static> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::new();
    let initial = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    text.reserve(initial);
    // undecodable bytes per line, in order (at most MAX_BAD_LINES lines listed)
    let mut bad: Vec<(LineNo, usize)> = Vec::new();
    let mut unlisted: (usize, usize) = (0, 0);
    let mut lines = LineCounter::default();
    let mut src = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, true);
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(src.len())
                    .unwrap_or(src.len())
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(len, _) => {
                let line = lines.line_of_end(&text);
                let len = usize::from(len);
                let listed = bad.len();
                match bad.last_mut() {
                    Some((l, n)) if *l == line => *n += len,
                    _ if listed < MAX_BAD_LINES => bad.push((line, len)),
                    _ => {
                        if unlisted.1 != line as usize {
                            unlisted = (unlisted.0 + 1, line as usize);
                        }
                    }
                }
                text.push('\u{FFFD}');
            }
        }
    }
    let name = encoding_name(enc);
    let mut warnings: Vec<Warning> = bad
        .into_iter()
        .map(|(line, n)| {
            let noun = if n == 1 { "byte" } else { "bytes" };
            Warning {
                line,
                message: format!("{n} undecodable {noun} replaced with U+FFFD (encoding {name})"),
                page: None,
            }
        })
        .collect();
    if unlisted.0 > 0 {
        warnings.push(Warning {
            line: LineNo::try_from(unlisted.1).unwrap_or(LineNo::MAX),
            message: format!(
                "undecodable bytes on {} more lines (the last one here) replaced with U+FFFD",
                unlisted.0
            ),
            page: None,
        });
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: name,
        warnings,
    }
}

/// Remove each NUL character (a stray byte in a text file, meaningless in
/// text), with a warning at every line that held one (at most
/// [`MAX_BAD_LINES`] lines listed, then one count), as for undecodable bytes.
/// A line that already has a warning gets the NUL count added to it, so there
/// stays one warning per line.
fn remove_nuls(decoded: &mut Decoded<'_>) {
    let mut per_line: Vec<(LineNo, usize)> = Vec::new();
    let mut line: LineNo = 1;
    let mut after_cr = false;
    // some text besides NUL after the last line break: the last line exists
    let mut in_line = false;
    for b in decoded.text.bytes() {
        match b {
            b'\n' if after_cr => {}
            b'\n' | b'\r' => line = line.saturating_add(1),
            0 => {
                match per_line.last_mut() {
                    Some((l, n)) if *l == line => *n += 1,
                    _ => per_line.push((line, 1)),
                }
                // removed: `\r NUL \n` is one line break
                continue;
            }
            _ => {}
        }
        after_cr = b == b'\r';
        in_line = !matches!(b, b'\n' | b'\r');
    }
    // NUL bytes after the last line break are on the last line
    let last = if in_line {
        line
    } else {
        line.saturating_sub(1).max(1)
    };
    for (l, _) in &mut per_line {
        *l = (*l).min(last);
    }
    per_line.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += b.1;
        }
        same
    });
    decoded.text.to_mut().retain(|c| c != '\0');
    let listed = per_line.len().min(MAX_BAD_LINES);
    let mut notes: Vec<(LineNo, String)> = per_line
        .iter()
        .take(listed)
        .map(|&(line, n)| {
            let noun = if n == 1 { "byte" } else { "bytes" };
            (line, format!("{n} NUL {noun} removed"))
        })
        .collect();
    if let Some(&(last, _)) = per_line.get(listed..).and_then(<[_]>::last) {
        let more = per_line.len() - listed;
        notes.push((
            last,
            format!("NUL bytes on {more} more lines (the last one here) removed"),
        ));
    }
    for (line, note) in notes {
        match decoded.warnings.iter_mut().find(|w| w.line == line) {
            Some(w) => {
                w.message.push_str("; ");
                w.message.push_str(&note);
            }
            None => decoded.warnings.push(Warning {
                line,
                message: note,
                page: None,
            }),
        }
    }
    decoded.warnings.sort_by_key(|w| w.line);
}

/// The name reported for an encoding: `encoding_rs`'s name, except that GBK
/// (decoded by the GB18030 decoder) and `gb18030` are reported as `GB18030`.
fn encoding_name(enc: &'static Encoding) -> &'static str {
    if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Lines with undecodable bytes listed one warning each, at most.
const MAX_BAD_LINES: usize = 100;

/// Counts line ends in a growing string, each byte once.
#[derive(Default)]
struct LineCounter {
    scanned: usize,
    breaks: u64,
    /// The last byte scanned was `\r` (a `\n` right after it ends no line).
    after_cr: bool,
}

impl LineCounter {
    /// 1-based number of the line on which the next character appended to
    /// `text` would land, counting `\r\n`, `\r` and `\n` as line ends (as
    /// [`crate::parse::normalize::split_lines`] does). `text` only grows
    /// between calls.
    fn line_of_end(&mut self, text: &str) -> LineNo {
        for &b in text.as_bytes().get(self.scanned..).unwrap_or_default() {
            match b {
                b'\n' if self.after_cr => {}
                b'\n' | b'\r' => self.breaks += 1,
                _ => {}
            }
            self.after_cr = b == b'\r';
        }
        self.scanned = text.len();
        LineNo::try_from(self.breaks.saturating_add(1)).unwrap_or(LineNo::MAX)
    }
}

/// True when the bytes look like a binary file rather than text: more than
/// 10 % of the first 64 KiB are control bytes (NUL included; `\t \n \r \x0c
/// \x1b` are not counted), unless the file starts with a UTF-16 BOM. A stray
/// NUL in a text file does not make it binary: [`decode`] removes it and
/// warns at its line. Empty input is not binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // UTF-16 text is full of NUL and control-range bytes.
        return false;
    }
    let head = bytes.get(..BINARY_SNIFF_LEN).unwrap_or(bytes);
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| matches!(b, 0x00..=0x08 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f))
        .count();
    control.saturating_mul(10) > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ZHIAN: &str = include_str!("../../samples/shenzhen-zhian-2023-budget.txt");

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_plain() {
        let d = decode("预算数924万元\n第二行".as_bytes());
        assert_eq!(d.text, "预算数924万元\n第二行");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("部门预算".as_bytes());
        let d = decode(&bytes);
        assert_eq!(d.text, "部门预算");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn empty_input() {
        let d = decode(b"");
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "2023 年深圳市公安局治安管理支队 部门预算\r\n合计\t145,863.63\n";
        let le_bytes = utf16(text, false);
        let le = decode(&le_bytes);
        assert_eq!(le.text, text);
        assert_eq!(le.encoding, "UTF-16LE");
        assert!(le.warnings.is_empty());
        let be_bytes = utf16(text, true);
        let be = decode(&be_bytes);
        assert_eq!(be.text, text);
        assert_eq!(be.encoding, "UTF-16BE");
        assert!(be.warnings.is_empty());
    }

    #[test]
    fn utf16_unpaired_surrogate_is_replaced() {
        // "a\n" then a lone high surrogate on line 2.
        let bytes = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "a\n\u{FFFD}b");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].line, 2);
    }

    #[test]
    fn gb18030_copy_of_real_sample_round_trips() {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(ZHIAN);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GB18030");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert!(d.text == ZHIAN, "decoded text differs from the original");
    }

    #[test]
    fn gbk_short_text_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("单位：万元\n本年收入合计\t924.00\n");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, "单位：万元\n本年收入合计\t924.00\n");
    }

    #[test]
    fn broken_bytes_in_gb18030_become_replacement_and_a_warning_per_line() {
        let (good, _, _) = encoding_rs::GB18030.encode(ZHIAN);
        let mut bytes = good.into_owned();
        // Damage line 3 and line 10 with bytes that are invalid in GB18030.
        let pos_of_line = |b: &[u8], n: usize| {
            let mut seen = 1;
            for (i, &c) in b.iter().enumerate() {
                if seen == n {
                    return i;
                }
                if c == b'\n' {
                    seen += 1;
                }
            }
            b.len()
        };
        let p10 = pos_of_line(&bytes, 10);
        bytes.insert(p10, 0xFF);
        let p3 = pos_of_line(&bytes, 3);
        bytes.insert(p3, 0xFF);
        bytes.insert(p3, 0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 3);
        // one warning per damaged line
        assert_eq!(d.warnings.len(), 2);
        assert_eq!(d.warnings[0].line, 3);
        assert_eq!(
            d.warnings[0].message,
            "2 undecodable bytes replaced with U+FFFD (encoding GB18030)"
        );
        assert_eq!(d.warnings[1].line, 10);
        assert_eq!(
            d.warnings[1].message,
            "1 undecodable byte replaced with U+FFFD (encoding GB18030)"
        );
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_warning() {
        let mut bytes = ZHIAN.as_bytes().to_vec();
        // Line 5 starts after the 4th newline.
        let p = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(3)
            .map(|(i, _)| i + 1)
            .unwrap_or(0);
        bytes.insert(p, 0xC3); // truncated 2-byte sequence
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].line, 5);
        assert_eq!(
            d.warnings[0].message,
            "1 undecodable byte replaced with U+FFFD (encoding UTF-8)"
        );
        assert_eq!(d.text.replace('\u{FFFD}', ""), ZHIAN);
    }

    #[test]
    fn line_counting_handles_cr_and_crlf() {
        let line_of_end = |s: &str| LineCounter::default().line_of_end(s);
        assert_eq!(line_of_end(""), 1);
        assert_eq!(line_of_end("a\r\nb\rc\n"), 4);
        assert_eq!(line_of_end("a\r"), 2);
        // counted in steps, a \r\n split between two steps is one line end
        let mut c = LineCounter::default();
        assert_eq!(c.line_of_end("a\r"), 2);
        assert_eq!(c.line_of_end("a\r\nb"), 2);
        assert_eq!(c.line_of_end("a\r\nb\n"), 3);
    }

    #[test]
    fn binary_detection() {
        assert!(!looks_binary(b""));
        assert!(!looks_binary("部门预算\t合计\r\n\x0c第二页\x1b".as_bytes()));
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(looks_binary(b"%PDF-1.7\n\x00\x01\x02\x03binary"));
        // One NUL in text is a stray byte, not a binary file.
        assert!(!looks_binary("部门预算\0合计\n".as_bytes()));
        let mut ctrl = vec![b'a'; 80];
        ctrl.extend_from_slice(&[0x01; 20]);
        assert!(looks_binary(&ctrl));
        let mut few = vec![b'a'; 95];
        few.extend_from_slice(&[0x01; 5]);
        assert!(!looks_binary(&few));
        // NUL bytes after the first 64 KiB are not looked at.
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(!looks_binary(&late));
        // UTF-16 with BOM is text.
        assert!(!looks_binary(&utf16("abc\n", false)));
        assert!(!looks_binary(&utf16("abc\n", true)));
        // GBK bytes are not control bytes.
        let (gbk, _, _) = encoding_rs::GB18030.encode(ZHIAN);
        assert!(!looks_binary(&gbk));
    }

    #[test]
    fn stray_nul_bytes_are_removed_with_a_warning_at_their_line() {
        let d = decode(b"title\r\nab\0c\0\nok\n\0end");
        assert_eq!(d.text, "title\r\nabc\nok\nend");
        let got: Vec<(LineNo, &str)> = d
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(2, "2 NUL bytes removed"), (4, "1 NUL byte removed"),]
        );
        // a NUL inside a CR LF leaves one line break; NUL bytes after the
        // last line break are on the last line (no line is made of them)
        let d = decode(b"\r\0\n\0\0\0");
        assert_eq!(d.text, "\r\n");
        let got: Vec<(LineNo, &str)> = d
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(got, vec![(1, "4 NUL bytes removed")]);
        let d = decode(b"a\r\0\nb\0");
        assert_eq!(d.text, "a\r\nb");
        assert_eq!(d.warnings.iter().map(|w| w.line).collect::<Vec<_>>(), [2]);
        // GBK text with a NUL: decoded as GB18030, the NUL still reported.
        let (mut gbk, _, _) = encoding_rs::GB18030.encode(ZHIAN);
        gbk.to_mut().insert(0, 0);
        let d = decode(&gbk);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert_eq!(d.warnings[0].line, 1);
        assert_eq!(d.text, ZHIAN);
        // Past 100 lines, one more warning counts the rest.
        let many = "x\0\n".repeat(150);
        let d = decode(many.as_bytes());
        assert_eq!(d.warnings.len(), 101);
        assert_eq!(d.warnings[100].line, 150);
        assert!(
            d.warnings[100].message.contains("50 more lines"),
            "{:?}",
            d.warnings[100]
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let d = decode(&bytes);
            let _ = looks_binary(&bytes);
            prop_assert!(d.warnings.len() <= MAX_BAD_LINES + 1);
            prop_assert!(d.warnings.windows(2).all(|w| w[0].line < w[1].line));
            if std::str::from_utf8(&bytes).is_ok() && Encoding::for_bom(&bytes).is_none() {
                prop_assert_eq!(d.text.as_bytes(), &bytes[..]);
            }
        }

        #[test]
        fn arbitrary_bytes_with_boms_never_panic(
            bom in 0usize..3,
            bytes in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let prefix: &[u8] = match bom {
                0 => b"\xEF\xBB\xBF",
                1 => b"\xFF\xFE",
                _ => b"\xFE\xFF",
            };
            let mut all = prefix.to_vec();
            all.extend_from_slice(&bytes);
            let _ = decode(&all);
            let _ = looks_binary(&all);
        }
    }
}
