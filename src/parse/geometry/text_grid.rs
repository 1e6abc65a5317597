//! Space-aligned text (what `pdftotext -layout` writes) as a [`Page`]: every character placed
//! on a grid of cells, so the same geometric builder reads it as it reads a PDF page.
//!
//! One line of text is one row of the grid; a character's column is counted in characters
//! (pdftotext's grid) or in display cells (tools that pad to a CJK-aware width, where a CJK
//! character takes two). A cell is half an em wide: one space is a word gap, two or more
//! spaces a column gap, as a reader of the text would take them.
//! Words: display cell = one column of a terminal; em = the font size (here [`SIZE`]).

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use super::super::chars::{bytes_below, each_byte};
use super::lines::Word;
use super::page::{Glyph, Page, Rect};

/// The font size given to every character, in points.
pub const SIZE: f32 = 10.0;
/// Width of one grid cell: half an em, the width of a Latin character in a CJK font.
pub const CELL: f32 = SIZE / 2.0;
/// Distance between two lines (baseline to baseline).
pub const PITCH: f32 = SIZE * 1.2;
/// Tab stops every this many cells.
const TAB: usize = 8;

/// How character positions are counted along a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Every character takes one cell (pdftotext -layout).
    Chars,
    /// A character takes its display width: two cells for CJK (unicode-width).
    Cells,
}

/// Put `lines` of text on a grid as page `number`.
pub fn page_from_lines<'a>(
    number: u32,
    lines: impl IntoIterator<Item = &'a str>,
    metric: Metric,
) -> Page {
    let mut glyphs = Vec::new();
    let mut rows = 0usize;
    let mut widest = 0usize;
    for (row, line) in lines.into_iter().enumerate() {
        rows = row + 1;
        let top = row as f32 * PITCH;
        let end = place_chars(line, metric, |_, ch, col, width| {
            glyphs.push(glyph(ch, col, width, top));
        });
        widest = widest.max(end);
    }
    Page {
        number,
        width: widest as f32 * CELL,
        height: rows as f32 * PITCH,
        glyphs,
        segments: Vec::new(),
        images: 0,
    }
}

/// The words of one line of text, as [`page_from_lines`] and
/// [`text_lines`](super::lines::text_lines) find them, in one pass without a page (a line's
/// glyphs stand left to right on one row, so they make one text line as they come: a gap of
/// one cell or more between two characters is a word gap).
pub fn line_words(line: &str, metric: Metric) -> Vec<Word> {
    let mut words = Vec::new();
    let mut open: Option<Span> = None;
    place_chars(line, metric, |at, ch, col, width| match &mut open {
        Some(span) if col == span.end_col => span.extend(at, ch, col, width),
        _ => {
            if let Some(span) = open.replace(Span::new(at, ch, col, width)) {
                words.push(span.word(line, metric));
            }
        }
    });
    if let Some(span) = open {
        words.push(span.word(line, metric));
    }
    words
}

/// The text of a line's only field, when its words are all less than a column gap (two
/// cells) apart: the characters with one space at each word gap, as
/// [`fields_of`](super::aligned::fields_of) joins them. `None` for a line of two fields or
/// more, or with no character at all. Borrowed when it is a plain slice of the line.
pub fn one_field_text(line: &str, metric: Metric) -> Option<Cow<'_, str>> {
    if metric == Metric::Chars {
        let t = line.trim();
        if !t.is_empty() && marks_and_single_spaces(t.as_bytes()) {
            // counted in characters, every character leaves a mark but lone
            // spaces, each a word gap of one cell: one field, the text as it is
            return Some(Cow::Borrowed(t));
        }
    }
    let mut open: Option<Span> = None;
    let mut word_gaps = false;
    let mut fields = 0usize;
    place_chars(line, metric, |at, ch, col, width| match &mut open {
        Some(span) if col < span.end_col + 2 => {
            word_gaps |= col > span.end_col;
            span.extend(at, ch, col, width);
        }
        _ => {
            fields += 1;
            open = Some(Span::new(at, ch, col, width));
        }
    });
    let span = open.filter(|_| fields == 1)?;
    if span.exact && !word_gaps {
        return line.get(span.start..span.end).map(Cow::Borrowed);
    }
    let mut text = String::with_capacity(span.end - span.start + 1);
    let mut end_col = None;
    place_chars(line, metric, |_, ch, col, width| {
        if end_col.is_some_and(|end| col > end) {
            text.push(' ');
        }
        text.push(ch);
        end_col = Some(col + width);
    });
    Some(Cow::Owned(text))
}

/// Whether every character of the trimmed UTF-8 text `b` leaves a mark when each takes one
/// cell ([`leaves_mark`]), but for lone ASCII spaces (a space not followed by another).
/// Without decoding: the few bytes that may start such a character are found eight at a
/// time, and ASCII controls and whitespace, and the characters that are whitespace or
/// controls among those starting with C2 (U+0080–U+00A0), E1 (U+1680) and E2
/// (U+2000–U+200A, U+2028, U+2029, U+202F, U+205F), and U+3000 (E3 80 80), are told by
/// their bytes.
fn marks_and_single_spaces(b: &[u8]) -> bool {
    let mut from = 0;
    while let Some(k) = b.get(from..).and_then(first_may_not_mark) {
        let at = from + k;
        let next = |k: usize| b.get(at + k).copied().unwrap_or(0);
        let marks = match b[at] {
            b' ' => next(1) != b' ' && at + 1 < b.len(),
            0..=0x20 | 0x7F => false,
            0xC2 => !(0x80..=0xA0).contains(&next(1)),
            0xE1 => (next(1), next(2)) != (0x9A, 0x80),
            0xE2 => !matches!(
                (next(1), next(2)),
                (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
            ),
            0xE3 => (next(1), next(2)) != (0x80, 0x80),
            _ => true, // E0
        };
        if !marks {
            return false;
        }
        from = at + 1;
    }
    true
}

/// The first byte of `b` that may start a character [`marks_and_single_spaces`]
/// must look at: at most the space, DEL, C2 or E0–E3 (found eight bytes at a
/// time: the lowest mark of each test is exact, so the lowest of all is).
fn first_may_not_mark(b: &[u8]) -> Option<usize> {
    let (words, rest) = b.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let w = u64::from_le_bytes(*word);
        let marks = bytes_below(w, 0x21)
            | bytes_below(w ^ each_byte(0x7F), 1)
            | bytes_below(w ^ each_byte(0xC2), 1)
            | bytes_below(w ^ each_byte(0xE0), 4);
        if marks != 0 {
            return Some(k * 8 + marks.trailing_zeros() as usize / 8);
        }
    }
    rest.iter()
        .position(|&c| c <= b' ' || c == 0x7F || c == 0xC2 || (0xE0..=0xE3).contains(&c))
        .map(|p| words.len() * 8 + p)
}

/// A run of visible characters of a line: its bytes and its cells.
struct Span {
    /// Byte range in the line, from the first character's start to the last one's end.
    start: usize,
    end: usize,
    /// Cells from the first character's to the cell after the last one.
    start_col: usize,
    end_col: usize,
    /// No invisible character inside: the text is the byte range.
    exact: bool,
}

impl Span {
    fn new(at: usize, ch: char, col: usize, width: usize) -> Span {
        Span {
            start: at,
            end: at + ch.len_utf8(),
            start_col: col,
            end_col: col + width,
            exact: true,
        }
    }

    fn extend(&mut self, at: usize, ch: char, col: usize, width: usize) {
        self.exact &= at == self.end;
        self.end = at + ch.len_utf8();
        self.end_col = col + width;
    }

    /// The word of a span with no gap inside: its visible characters.
    fn word(&self, line: &str, metric: Metric) -> Word {
        let slice = line.get(self.start..self.end).unwrap_or_default();
        let text = if self.exact {
            slice.to_string()
        } else {
            slice
                .chars()
                .filter(|&ch| leaves_mark(ch, cell_width(ch, metric)))
                .collect()
        };
        let x0 = self.start_col as f32 * CELL;
        Word {
            text,
            rect: Rect::new(x0, 0.0, self.end_col as f32 * CELL, SIZE),
            size: SIZE,
            bold: false,
        }
    }
}

/// Walk one line's characters over the grid: `visible(at, ch, col, width)` for each one that
/// leaves a mark (not whitespace, not a control, some width), `at` its byte offset; tabs
/// jump to the next stop. Returns the column after the line's end.
fn place_chars(
    line: &str,
    metric: Metric,
    mut visible: impl FnMut(usize, char, usize, usize),
) -> usize {
    let mut col = 0usize;
    for (at, ch) in line.char_indices() {
        if ch == '\t' {
            col = (col / TAB + 1) * TAB;
            continue;
        }
        let width = cell_width(ch, metric);
        if leaves_mark(ch, width) {
            visible(at, ch, col, width);
        }
        col += width;
    }
    col
}

/// The cells a character takes along a line.
fn cell_width(ch: char, metric: Metric) -> usize {
    match metric {
        Metric::Chars => 1,
        Metric::Cells => ch.width().unwrap_or(0),
    }
}

/// Whether a character taking `width` cells leaves a mark: not whitespace, not a control,
/// some width.
fn leaves_mark(ch: char, width: usize) -> bool {
    // past U+3000 (the last whitespace) no character is whitespace or a control:
    // most of a Chinese line is told without the Unicode tables
    width > 0 && (ch > '\u{3000}' || (!ch.is_whitespace() && !ch.is_control()))
}

/// The glyph of a character at `col` taking `width` cells, on the row whose top is `top`.
fn glyph(ch: char, col: usize, width: usize, top: f32) -> Glyph {
    let x0 = col as f32 * CELL;
    Glyph {
        ch,
        rect: Rect::new(x0, top, x0 + width as f32 * CELL, top + SIZE),
        size: SIZE,
        bold: false,
    }
}

/// Split text at form feeds into pages (1-based), each put on a grid.
pub fn pages_from_text(text: &str, metric: Metric) -> Vec<Page> {
    text.split('\u{c}')
        .enumerate()
        .map(|(i, page)| {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            page_from_lines(number, page.lines(), metric)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::aligned::fields_of_words;
    use super::*;
    use proptest::prelude::*;

    /// The words of one line as the page builder finds them.
    fn words_via_page(line: &str, metric: Metric) -> Vec<Word> {
        let page = page_from_lines(0, [line], metric);
        let all: Vec<usize> = (0..page.glyphs.len()).collect();
        super::super::lines::text_lines(&page.glyphs, &all)
            .into_iter()
            .flat_map(|l| l.words)
            .collect()
    }

    proptest! {
        #[test]
        fn line_words_are_the_page_words(
            line in "[ \t\u{3000}\u{a0}\u{300}\u{200b}\x01a-z0-9.,收入合计（）、]{0,40}"
        ) {
            for metric in [Metric::Chars, Metric::Cells] {
                prop_assert_eq!(line_words(&line, metric), words_via_page(&line, metric));
            }
        }

        #[test]
        fn one_field_text_is_the_only_field(
            line in "[ \t\u{3000}\u{3001}\u{a0}\u{85}\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}\u{2000}\u{200a}\u{300}\u{200b}\u{2060}\u{9f}\u{a1}\u{1681}\x01\x7fa-z0-9.,收入合计（）、“”—…]{0,40}"
        ) {
            for metric in [Metric::Chars, Metric::Cells] {
                let fields = fields_of_words(line_words(&line, metric));
                let only = match fields.as_slice() {
                    [field] => Some(field.text.as_str()),
                    _ => None,
                };
                let text = one_field_text(&line, metric);
                prop_assert_eq!(text.as_deref(), only);
            }
        }
    }

    #[test]
    fn one_field_text_borrows_a_plain_phrase() {
        let line = "  一、部门主要职责 ";
        let text = one_field_text(line, Metric::Cells);
        assert!(
            matches!(text, Some(Cow::Borrowed("一、部门主要职责"))),
            "{text:?}"
        );
        let spaced = one_field_text("收入 合计", Metric::Chars);
        assert_eq!(spaced.as_deref(), Some("收入 合计"));
        assert_eq!(one_field_text("收入  合计", Metric::Chars), None);
        assert_eq!(one_field_text("收入\u{3000}合计", Metric::Cells), None);
        assert_eq!(one_field_text(" \u{3000} ", Metric::Cells), None);
    }

    #[test]
    fn line_words_of_a_layout_row() {
        let row = "2080505      机关事业 单位      199.06\t0.00";
        for metric in [Metric::Chars, Metric::Cells] {
            let words = line_words(row, metric);
            assert_eq!(words, words_via_page(row, metric));
            let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(texts, ["2080505", "机关事业", "单位", "199.06", "0.00"]);
        }
    }
    use crate::parse::geometry::build_page;

    #[test]
    fn characters_land_on_their_cells() {
        let page = page_from_lines(1, ["ab 收入", "  x"], Metric::Cells);
        let xs: Vec<(char, f32, f32)> = page
            .glyphs
            .iter()
            .map(|g| (g.ch, g.rect.x0, g.rect.width()))
            .collect();
        assert_eq!(
            xs,
            vec![
                ('a', 0.0, 5.0),
                ('b', 5.0, 5.0),
                ('收', 15.0, 10.0),
                ('入', 25.0, 10.0),
                ('x', 10.0, 5.0)
            ]
        );
        assert_eq!(page.glyphs[4].rect.y0, PITCH);
        let chars = page_from_lines(1, ["收入 x"], Metric::Chars);
        assert_eq!(chars.glyphs[2].rect.x0, 15.0);
    }

    #[test]
    fn form_feeds_split_pages() {
        let pages = pages_from_text("a\n\u{c}b\nc", Metric::Chars);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].number, 2);
        assert_eq!(pages[1].raw_text(), "bc");
    }

    /// Part of 本年支出总体情况表 of guangzhou-xinfangju-2026-budget.pdf (page 8) as
    /// `pdftotext -layout` writes it: long names wrapped above and below their figure line.
    const WRAPPED: &str = "\
                         合计        3,944.08       3,204.78        739.30           0.00          0.00        0.00
201          一般公共服务支出              2,570.71       1,831.41        739.30           0.00          0.00        0.00
20140            信访事务              2,570.71       1,831.41        739.30           0.00          0.00        0.00
2014001           行政运行             1,859.41       1,831.41        28.00            0.00          0.00        0.00
2014004           信访业务                 397.28           0.00      397.28           0.00          0.00        0.00
2014099           其他信访事务支出             314.02           0.00      314.02           0.00          0.00        0.00
208          社会保障和就业支出                 419.35         419.35          0.00         0.00          0.00        0.00
20805            行政事业单位养老支出            419.35         419.35          0.00         0.00          0.00        0.00
2080501           行政单位离退休              123.54         123.54          0.00         0.00          0.00        0.00
                  机关事业单位基本养老保险缴
2080505                                199.06         199.06          0.00         0.00          0.00        0.00
             费支出
                  机关事业单位职业年金缴费支
2080506                                96.76          96.76           0.00         0.00          0.00        0.00
             出";

    #[test]
    fn layout_text_goes_through_the_same_builder() {
        let page = page_from_lines(8, WRAPPED.lines(), Metric::Chars);
        let layout = build_page(&page);
        let table = layout.tables().next().expect("a table");
        assert!(!table.ruled);
        assert_eq!(table.cols, 8);
        let row = table.find_row("2014001").expect("a plain row");
        assert_eq!(
            table.row_texts(row),
            [
                "2014001",
                "行政运行",
                "1,859.41",
                "1,831.41",
                "28.00",
                "0.00",
                "0.00",
                "0.00"
            ]
        );
        // The name wrapped above and below the figure line is joined in its cell.
        let row = table.find_row("2080505").expect("a wrapped row");
        assert_eq!(table.text(row, 1), "机关事业单位基本养老保险缴费支出");
        assert_eq!(table.text(row, 2), "199.06");
        let row = table.find_row("2080506").expect("the last row");
        assert_eq!(table.text(row, 1), "机关事业单位职业年金缴费支出");
    }
}
