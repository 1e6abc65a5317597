//! Text → normalized lines, each keeping its original 1-based line number.
//!
//! [`split_lines`] cuts the text at `\r\n`, `\r` and `\n`, splits each line at
//! form feeds (page breaks), normalizes every piece with [`normalize_line`] and
//! finally blanks lone page numbers. [`normalize_line`] undoes the residue of
//! PDF / Word conversion inside one line; it returns the line borrowed, without
//! any copy, when nothing needs changing. One file per family of rules:
//!
//! - [`quick_scan`]: which lines need any rule at all (a byte scan);
//! - [`characters`]: odd spaces, control and bidi characters, full-width digits
//!   and signs, `≧`/`≦`;
//! - [`word_fields`]: Word field codes (the instructions behind a field, such as
//!   `PAGE \* MERGEFORMAT`);
//! - [`html`]: HTML tags;
//! - [`latex`]: LaTeX math spans (`$\geq 95\%$`);
//! - [`markdown`]: Markdown bold markers;
//! - [`page_numbers`]: page furniture at the line level — lone page numbers.
//!
//! Domain words: full-width = the double-width forms of ASCII used in Chinese
//! text (`１２．５％`); form feed = the page-break character `\x0c`; page
//! furniture = what is printed on every page rather than once (page numbers,
//! running titles).
//!
//! Everything here is linear in the input: every look-ahead is bounded.

mod characters;
mod html;
mod latex;
mod markdown;
mod page_numbers;
mod quick_scan;
mod word_fields;

use crate::model::LineNo;
use characters::{ascii_signs_in_numbers, map_chars};
use html::strip_tags;
use latex::rewrite_latex;
use markdown::strip_bold;
use page_numbers::is_page_number;
use quick_scan::{CHUNK, hit_at, interesting_mask, needs_work};
use std::borrow::Cow;
use word_fields::strip_field_codes;

/// One line of normalized text: borrowed from the file's text when it needed
/// no normalizing (most lines), so a large file is not copied line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line<'a> {
    /// 1-based line number in the original file.
    pub(super) no: LineNo,
    /// How many tabs `text` holds (counted on the way by the scan that
    /// splits the lines: table rows are told by their tabs).
    pub(super) tabs: u32,
    pub(super) text: Cow<'a, str>,
}

impl<'a> Line<'a> {
    /// A line whose tabs are not known yet: they are counted.
    pub(super) fn new(no: LineNo, text: Cow<'a, str>) -> Line<'a> {
        let tabs = memchr::memchr_iter(b'\t', text.as_bytes()).count();
        Line {
            no,
            tabs: u32::try_from(tabs).unwrap_or(u32::MAX),
            text,
        }
    }

    /// A blank line (a page break, or a line emptied).
    pub(super) fn blank(no: LineNo) -> Line<'a> {
        Line {
            no,
            tabs: 0,
            text: Cow::Borrowed(""),
        }
    }
}

/// Test input: one [`Line`] per `\n`-separated piece, numbered from 1, as is.
#[cfg(test)]
pub(super) fn test_lines(s: &str) -> Vec<Line<'_>> {
    s.split('\n')
        .enumerate()
        .map(|(i, t)| Line::new(LineNo::try_from(i + 1).unwrap_or(LineNo::MAX), t.into()))
        .collect()
}

/// Split text into normalized lines.
///
/// Line ends are `\r\n`, `\r` and `\n`; a final line end does not start a new
/// line. A form feed (`\x0c`) splits a line into several [`Line`]s sharing the
/// same `no`, with an empty `Line` for the page break itself, so text on either
/// side is separated by a blank line (empty pieces are dropped, and page breaks
/// with nothing between them give one blank line; a line never disappears).
/// Every line goes through [`normalize_line`]; then lone page numbers (see
/// [`is_page_number`]) between blank lines become empty lines.
pub(super) fn split_lines(text: &str) -> Vec<Line<'_>> {
    // One pass over the bytes finds both the line ends and the lines that need
    // normalizing: line ends are "interesting" bytes for the quick scan too.
    let b = text.as_bytes();
    let n = b.len();
    let mut out: Vec<Line> = Vec::with_capacity(n / 40 + 1);
    let mut no: LineNo = 0;
    let mut start = 0usize;
    let mut dirty = false;
    let mut tabs = 0u32;
    let mut base = 0usize;
    while base < n {
        let mut mask = interesting_mask(b, base);
        while mask != 0 {
            let pos = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if pos < start {
                continue; // the `\n` of a `\r\n` already handled
            }
            match b[pos] {
                b'\n' | b'\r' => {
                    no = no.saturating_add(1);
                    let raw = text.get(start..pos).unwrap_or("");
                    push_line(&mut out, raw, no, dirty, tabs);
                    let crlf = b[pos] == b'\r' && b.get(pos + 1) == Some(&b'\n');
                    start = pos + if crlf { 2 } else { 1 };
                    dirty = false;
                    tabs = 0;
                }
                b'\t' => tabs = tabs.saturating_add(1),
                _ => dirty = dirty || hit_at(b, pos),
            }
        }
        base += CHUNK;
    }
    if start < n {
        no = no.saturating_add(1);
        push_line(&mut out, text.get(start..).unwrap_or(""), no, dirty, tabs);
    }
    blank_lone_page_numbers(&mut out);
    out
}

/// Normalize one raw line (without its line end) and push it, split at form
/// feeds. `dirty`: the quick scan found something in it (trailing spaces are
/// trimmed here); `tabs`: the tabs it holds.
fn push_line<'a>(out: &mut Vec<Line<'a>>, raw: &'a str, no: LineNo, dirty: bool, tabs: u32) {
    if !dirty {
        // no rule but the trailing spaces applies: the line stays borrowed
        let text = if raw.ends_with(' ') {
            raw.trim_end_matches(' ')
        } else {
            raw
        };
        out.push(Line {
            no,
            tabs,
            text: Cow::Borrowed(text),
        });
        return;
    }
    // (a rule may take tabs away with what it removes: they are counted again)
    if !raw.as_bytes().contains(&0x0c) {
        out.push(Line::new(no, Cow::Owned(normalize_slow(raw))));
        return;
    }
    // Consecutive page breaks with nothing between them make one blank line.
    let mut pending_break = false;
    for (k, piece) in raw.split('\x0c').enumerate() {
        pending_break |= k > 0;
        if piece.is_empty() {
            continue;
        }
        let text = normalize_line(piece);
        if text.is_empty() {
            continue;
        }
        if pending_break {
            out.push(Line::blank(no));
            pending_break = false;
        }
        out.push(Line::new(no, text));
    }
    if pending_break {
        out.push(Line::blank(no));
    }
}

/// Longest line (in bytes) considered as a lone page number.
const MAX_PAGE_NUMBER_LINE: usize = 96;

/// Empty the lines that hold only a page number and sit between blank lines
/// (or the start / end of the text, or a page break).
fn blank_lone_page_numbers(lines: &mut [Line<'_>]) {
    let n = lines.len();
    let mut lone = Vec::new();
    for i in 0..n {
        let text = &lines[i].text;
        // Cheap tests first: short, non-blank, blank neighbours.
        if text.is_empty() || text.len() > MAX_PAGE_NUMBER_LINE {
            continue;
        }
        let before_blank = i == 0 || lines[i - 1].text.is_empty();
        let after_blank = i + 1 >= n || lines[i + 1].text.is_empty();
        if before_blank && after_blank && is_page_number(text) {
            lone.push(i);
        }
    }
    for i in lone {
        lines[i] = Line::blank(lines[i].no);
    }
}

/// Normalize one line (no line end inside). Returns the input borrowed when no
/// rule applies, which is the case for most lines.
///
/// Rules (numbered as the rule functions refer to them):
///
/// 1. odd Unicode spaces → ASCII space, zero-width characters removed;
/// 2. control and bidi characters removed (tabs kept);
/// 3. full-width digits → ASCII, full-width signs inside numbers → ASCII;
/// 4. `≧`/`≦` → `≥`/`≤` (1–4: [`characters`]);
/// 5. LaTeX spans (`$\geq 95\%$` → `≥95%`; [`latex`]);
/// 6. HTML-ish tags removed ([`html`]);
/// 7. Markdown `**` removed ([`markdown`]);
/// 8. Word field codes (` TC … \l 1`, `PAGE \* MERGEFORMAT`) removed ([`word_fields`]);
/// 9. trailing ASCII spaces removed.
pub(super) fn normalize_line(s: &str) -> Cow<'_, str> {
    if !needs_work(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let t = normalize_slow(s);
    if t == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(t)
    }
}

/// Apply every rule of [`normalize_line`], always building a new string.
fn normalize_slow(s: &str) -> String {
    let mut t = map_chars(s);
    if t.contains('\\')
        && let Some(x) = strip_field_codes(&t)
    {
        t = x;
    }
    if t.contains('<')
        && let Some(x) = strip_tags(&t)
    {
        t = x;
    }
    if t.contains('$')
        && t.contains('\\')
        && let Some(x) = rewrite_latex(&t)
    {
        t = x;
    }
    if t.contains("**") {
        t = strip_bold(&t);
    }
    // looks only at the full-width signs (found by their first byte)
    if let Some(x) = ascii_signs_in_numbers(&t) {
        t = x;
    }
    let keep = t.trim_end_matches(' ').len();
    t.truncate(keep);
    t
}

/// The samples and helpers the tests of every rule family share.
#[cfg(test)]
mod test_support {
    use super::{LineNo, normalize_line, split_lines};

    pub const QHD2020: &str = include_str!("../../../samples/qinhuangdao-kaifaqu-2020-budget.txt");
    pub const QHD2024: &str = include_str!("../../../samples/qinhuangdao-kaifaqu-2024-budget.txt");
    pub const LUOHU: &str = include_str!("../../../samples/shenzhen-luohu-2020-budget.txt");
    pub const ZHIAN: &str = include_str!("../../../samples/shenzhen-zhian-2023-budget.txt");
    pub const TANGSHAN: &str =
        include_str!("../../../samples/tangshan-gaoxin-2022-performance.txt");
    pub const ALL: [&str; 5] = [QHD2020, QHD2024, LUOHU, ZHIAN, TANGSHAN];

    pub fn norm(s: &str) -> String {
        normalize_line(s).into_owned()
    }

    /// The raw text of line `no` (1-based) of a sample.
    pub fn raw_line(text: &str, no: usize) -> &str {
        text.lines().nth(no - 1).unwrap_or("")
    }

    /// The normalized text of original line `no` (all pieces joined by `|`).
    pub fn split_line(text: &str, no: LineNo) -> String {
        split_lines(text)
            .into_iter()
            .filter(|l| l.no == no)
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("|")
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use proptest::prelude::*;

    /// Reference line count: pieces separated by `\r\n`, `\r` or `\n`.
    fn reference_line_count(s: &str) -> usize {
        let b = s.as_bytes();
        let mut count = 0;
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                count += 1;
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < b.len() {
            count += 1;
        }
        count
    }

    #[test]
    fn untouched_lines_are_borrowed() {
        for s in [
            "",
            "序号\t功能分类科目\t\t合计",
            "一、部门主要职责",
            "“三公”经费支出预算表（单位：万元）",
            "3个，分别是",
            "<50",
            "比率 < 3%",
            "a*b",
            "$100",
            "\t\t",
        ] {
            assert!(
                matches!(normalize_line(s), Cow::Borrowed(_)),
                "{s:?} should be borrowed"
            );
        }
    }

    #[test]
    fn most_sample_lines_are_borrowed() {
        for text in ALL {
            for line in text.lines() {
                let n = normalize_line(line);
                if matches!(n, Cow::Owned(_)) {
                    assert_ne!(n, line, "owned but unchanged: {line:?}");
                }
            }
        }
    }

    #[test]
    fn rule9_trailing_spaces() {
        assert_eq!(norm("合计   "), "合计");
        assert_eq!(norm("  缩进  "), "  缩进");
        assert_eq!(norm("\t\t"), "\t\t");
        assert_eq!(norm("a \t"), "a \t");
        assert_eq!(norm("a\t "), "a\t");
        assert_eq!(norm("   "), "");
    }

    #[test]
    fn crlf_and_cr_match_lf() {
        let lf = "部门预算\n\n合计\t1\t\n\n12\n\n末行";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        assert_eq!(split_lines(&crlf), split_lines(lf));
        assert_eq!(split_lines(&cr), split_lines(lf));
        let lines = split_lines(lf);
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[6].no, 7);
        // Real sample converted to CRLF.
        assert_eq!(
            split_lines(&ZHIAN.replace('\n', "\r\n")),
            split_lines(ZHIAN)
        );
        assert_eq!(split_lines(&ZHIAN.replace('\n', "\r")), split_lines(ZHIAN));
    }

    #[test]
    fn line_numbers_and_final_newline() {
        assert!(split_lines("").is_empty());
        assert_eq!(split_lines("\n"), vec![Line::blank(1)]);
        let l = split_lines("a\nb\n");
        assert_eq!(l.len(), 2);
        assert_eq!((l[1].no, &*l[1].text), (2, "b"));
        let l = split_lines("a\r\n\r\nb");
        assert_eq!(l.iter().map(|l| l.no).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(split_lines(ZHIAN).len(), ZHIAN.lines().count());
    }

    #[test]
    fn form_feed_splits_with_same_number() {
        let l = split_lines("上页末行\x0c下页首行\n第二行");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(
            got,
            vec![(1, "上页末行"), (1, ""), (1, "下页首行"), (2, "第二行")]
        );
        let l = split_lines("a\n\x0c\nb");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(got, vec![(1, "a"), (2, ""), (3, "b")]);
        let l = split_lines("\t2040\x0c\t299\x0c\x0c");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(got, vec![(1, "\t2040"), (1, ""), (1, "\t299"), (1, "")]);
        let l = split_lines("a\x0c \x0c\x0cb\n\x0c\x0c\x0c");
        let got: Vec<(LineNo, &str)> = l.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(got, vec![(1, "a"), (1, ""), (1, "b"), (2, "")]);
    }

    #[test]
    fn samples_keep_every_line_number() {
        for text in ALL {
            let lines = split_lines(text);
            let mut expected = 1;
            for l in &lines {
                // Either the next line, or another piece of the previous one.
                assert!(l.no == expected || l.no + 1 == expected);
                if l.no == expected {
                    expected += 1;
                }
            }
            assert_eq!(
                lines.last().map(|l| l.no),
                Some(text.lines().count() as LineNo)
            );
            for l in &lines {
                assert!(!l.text.contains(['\r', '\n', '\x0c', '\x1b']));
                assert!(!l.text.ends_with(' '));
            }
        }
    }

    /// CPU time used by this process so far, in seconds (Linux; 0 elsewhere).
    fn cpu_seconds() -> f64 {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command name (which is in parentheses).
        let rest = stat.rsplit(')').next().unwrap_or("");
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        // utime and stime are fields 14 and 15 of the file, 12 and 13 here.
        (ticks(11) + ticks(12)) / 100.0
    }

    #[test]
    #[ignore = "timing; run with --release --ignored --nocapture"]
    fn split_lines_speed() {
        let mut text = String::new();
        for t in ALL {
            text.push_str(t);
            text.push('\n');
        }
        let mut big = String::new();
        while big.len() < 64 * 1024 * 1024 {
            big.push_str(&text);
        }
        let mb = big.len() as f64 / 1e6;
        let report = |what: &str, wall: f64, cpu: f64| {
            eprintln!(
                "{what}: {mb:.1} MB in {wall:.3} s wall = {:.0} MB/s ({:.0} MB/s per CPU second)",
                mb / wall,
                mb / cpu.max(1e-9)
            );
        };
        for _ in 0..3 {
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let lines = split_lines(&big);
            report(
                "split_lines",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(lines.len() > 1_000_000);
            drop(lines);
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let owned = big
                .lines()
                .filter(|l| matches!(normalize_line(l), Cow::Owned(_)))
                .count();
            report(
                "normalize_line",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(owned > 0);
            let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
            let n = big.lines().count();
            report(
                "(baseline) str::lines().count()",
                t0.elapsed().as_secs_f64(),
                cpu_seconds() - c0,
            );
            assert!(n > 0);
        }
    }

    #[test]
    #[ignore = "100 MB; run with --release --ignored --nocapture"]
    fn hundred_megabyte_single_line() {
        use crate::parse::{amount, cell_repair, decode};
        let unit = "预算数924万元 <p>$\\geq 95\\%$ TC 标题 \\l 1 **粗** 1126 2.73 社会 保障\t";
        let line = unit.repeat(100_000_000 / unit.len());
        for text in [
            line.clone(),
            "\x0c".repeat(100_000_000),
            "9".repeat(100_000_000),
        ] {
            let mb = text.len() / 1_000_000;
            let t0 = std::time::Instant::now();
            let d = decode::decode(text.as_bytes());
            let t1 = t0.elapsed().as_secs_f64();
            let lines = split_lines(&d.text);
            let t2 = t0.elapsed().as_secs_f64();
            let found = amount::amounts_in_text(&text).len();
            let t3 = t0.elapsed().as_secs_f64();
            let cell = cell_repair::repair_cell(&text).len();
            let t4 = t0.elapsed().as_secs_f64();
            eprintln!(
                "{mb} MB: decode {t1:.2} s, split_lines {:.2} s ({} lines), \
                 amounts_in_text {:.2} s ({found}), repair_cell {:.2} s ({cell} bytes)",
                t2 - t1,
                lines.len(),
                t3 - t2,
                t4 - t3,
            );
        }
        let (gbk, _, _) = encoding_rs::GB18030.encode(&line);
        let t0 = std::time::Instant::now();
        let d = decode::decode(&gbk);
        eprintln!(
            "GB18030 {} MB decoded as {} in {:.2} s",
            gbk.len() / 1_000_000,
            d.encoding,
            t0.elapsed().as_secs_f64()
        );
    }

    #[test]
    fn huge_single_line_is_linear() {
        // Pathological inputs for every look-ahead, 512 KiB each. Linear code
        // takes well under a second even unoptimized; a quadratic look-ahead
        // would take hours, so the generous bound only catches that.
        let n = 512 * 1024;
        for unit in [
            "$\\",
            "<a ",
            "<",
            " TC x",
            "＞ ",
            "**",
            "\\* ",
            "$a\\geq1 ",
            "\x0c",
            " \\f ",
        ] {
            let s = unit.repeat(n / unit.len());
            let t0 = std::time::Instant::now();
            let _ = split_lines(&s);
            assert!(t0.elapsed().as_secs() < 30, "{unit:?} too slow");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in "\\PC*") {
            let lines = split_lines(&s);
            prop_assert!(lines.len() >= reference_line_count(&s));
            prop_assert_eq!(
                lines.last().map_or(0, |l| l.no as usize),
                reference_line_count(&s)
            );
        }

        #[test]
        fn residue_alphabet_never_panics(
            s in "[ \t\r\n\x0c\u{a0}\u{3000}\u{200b}\u{202e}$\\\\<>/*０-９0-9．，－＋％＞＜＝≧≦a-zTCPAGE\"{}%第页共一二-]{0,80}"
        ) {
            let lines = split_lines(&s);
            prop_assert!(lines.len() >= reference_line_count(&s));
            for l in &lines {
                prop_assert!(!l.text.ends_with(' '));
                let bad = l.text.contains(['\r', '\n', '\x0c', '\u{200b}', '\u{202e}']);
                prop_assert!(!bad, "unwanted character left in {:?}", l.text);
            }
        }

        #[test]
        fn tabs_are_counted_as_the_lines_are_split(
            s in "[ \t\r\n\x0c\x01\u{a0}<b>*０1a收]{0,60}"
        ) {
            for l in split_lines(&s) {
                prop_assert_eq!(l.tabs as usize, l.text.matches('\t').count(), "{:?}", l.text);
            }
        }
    }

    #[test]
    fn sample_lines_know_their_tabs() {
        for text in ALL {
            for l in split_lines(text) {
                assert_eq!(
                    l.tabs as usize,
                    l.text.matches('\t').count(),
                    "{:?}",
                    l.text
                );
            }
        }
    }

    #[test]
    fn lone_page_numbers_become_blank() {
        let text =
            "正文\n\n12\n\n- 13 -\n\n—14—\n\n第 3 页\n\n第3页 共10页\n\n3/10\n\n2024\n\n正文";
        let l = split_lines(text);
        let texts: Vec<&str> = l.iter().map(|l| &*l.text).collect();
        assert_eq!(
            texts,
            vec![
                "正文", "", "", "", "", "", "", "", "", "", "", "", "", "", "2024", "", "正文"
            ]
        );
        // Start and end of the file, and next to a page break.
        let l = split_lines("7\n\n正文\x0c8\x0c正文\n\n9");
        let texts: Vec<&str> = l.iter().map(|l| &*l.text).collect();
        assert_eq!(texts, vec!["", "", "正文", "", "", "", "正文", "", ""]);
        // Not lone: a neighbour holds text.
        let l = split_lines("合计\n12\n\n");
        assert_eq!(l[1].text, "12");
        // Never a line with a tab.
        let l = split_lines("\n\t12\n\n");
        assert_eq!(l[1].text, "\t12");
    }
}
