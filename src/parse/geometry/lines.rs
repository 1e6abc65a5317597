//! Glyphs into text lines (by baseline) and words (by gaps relative to the font size), and the
//! joining rules for text: no space between CJK characters, a space only where the gap says so.
//!
//! Words: wide character = one that takes two display cells (CJK ideographs, full-width
//! punctuation); em = the font size, the unit every gap is measured in.

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

use super::page::{Glyph, Rect};

/// A gap wider than this part of an em between two glyphs separates words.
pub const WORD_GAP: f32 = 0.22;
/// Two glyphs belong to one line when their vertical centres differ by less than this part
/// of the smaller em.
const SAME_LINE: f32 = 0.45;

/// A run of glyphs on one line with no word gap inside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub rect: Rect,
    /// The largest font size among its glyphs.
    pub size: f32,
    /// Every glyph is bold.
    pub bold: bool,
}

/// One line of text: words left to right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextLine {
    pub words: Vec<Word>,
    pub rect: Rect,
    /// The largest font size on the line (titles and headings are larger).
    pub size: f32,
    /// Every word is bold.
    pub bold: bool,
}

impl TextLine {
    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }

    /// The text as one cell holds it: a space between words only where neither side is a
    /// wide (CJK) character.
    pub fn cell_text(&self) -> String {
        let mut out = String::new();
        for w in &self.words {
            push_joined(&mut out, &w.text, ' ');
        }
        out
    }
}

/// Whether a character takes two display cells (CJK ideographs, kana, full-width forms).
pub fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Append `next` to `out`, with `sep` between them unless a wide character meets the join
/// (Chinese text has no spaces between words) or either side is empty.
pub fn push_joined(out: &mut String, next: &str, sep: char) {
    let (Some(last), Some(first)) = (out.chars().next_back(), next.chars().next()) else {
        out.push_str(next);
        return;
    };
    if !is_wide(last) && !is_wide(first) && !last.is_whitespace() {
        out.push(sep);
    }
    out.push_str(next);
}

/// Group glyphs (by index into `glyphs`) into lines, top to bottom, each left to right.
pub fn group_lines(glyphs: &[Glyph], indices: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = indices.to_vec();
    order.sort_by(|&a, &b| {
        glyphs[a]
            .rect
            .center_y()
            .total_cmp(&glyphs[b].rect.center_y())
    });
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut center = 0.0f32;
    let mut size = 0.0f32;
    for i in order {
        let g = &glyphs[i];
        let cy = g.rect.center_y();
        let tolerance = SAME_LINE * size.min(g.size).max(0.5);
        match lines.last_mut() {
            Some(line) if (cy - center).abs() <= tolerance => {
                let n = line.len() as f32;
                center = (center * n + cy) / (n + 1.0);
                size = size.max(g.size);
                line.push(i);
            }
            _ => {
                lines.push(vec![i]);
                center = cy;
                size = g.size;
            }
        }
    }
    for line in &mut lines {
        line.sort_by(|&a, &b| glyphs[a].rect.x0.total_cmp(&glyphs[b].rect.x0));
    }
    lines
}

/// Split one line's glyphs (left to right) into words at gaps wider than [`WORD_GAP`] em.
pub fn words(glyphs: &[Glyph], line: &[usize]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for &i in line {
        let g = &glyphs[i];
        add_glyph(&mut out, prev, g);
        prev = Some(g);
    }
    out
}

/// Add the next glyph `g` of a line (left to right) to its words: it starts a new word
/// when the gap after the glyph before it, `prev`, is wider than [`WORD_GAP`] em.
pub fn add_glyph(out: &mut Vec<Word>, prev: Option<&Glyph>, g: &Glyph) {
    let gap_starts_word = prev.is_none_or(|p| {
        let em = p.size.min(g.size).max(0.5);
        g.rect.x0 - p.rect.x1 > WORD_GAP * em
    });
    match out.last_mut() {
        Some(w) if !gap_starts_word => {
            w.text.push(g.ch);
            w.rect = w.rect.union(&g.rect);
            w.size = w.size.max(g.size);
            w.bold &= g.bold;
        }
        _ => out.push(Word {
            text: g.ch.to_string(),
            rect: g.rect,
            size: g.size,
            bold: g.bold,
        }),
    }
}

/// Build the text lines of the given glyphs, top to bottom.
pub fn text_lines(glyphs: &[Glyph], indices: &[usize]) -> Vec<TextLine> {
    group_lines(glyphs, indices)
        .iter()
        .map(|line| line_of(words(glyphs, line)))
        .collect()
}

/// A line from its words (non-empty).
pub fn line_of(words: Vec<Word>) -> TextLine {
    let rect = words
        .iter()
        .map(|w| w.rect)
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    TextLine {
        rect,
        size: words.iter().map(|w| w.size).fold(0.0, f32::max),
        bold: !words.is_empty() && words.iter().all(|w| w.bold),
        words,
    }
}

/// Join the lines of one cell into its text, in reading order. Lines meet with one space only
/// between Latin letters (a wrapped English phrase), unless the line above is one long token
/// cut by the cell's width (a code); everywhere else without one: Chinese text, and numbers,
/// codes or ranges cut after a digit or a sign (`2025-` / `2026年…`).
pub fn join_cell_lines(lines: &[TextLine], inner_width: f32) -> String {
    let mut out = String::new();
    let mut prev: Option<&TextLine> = None;
    for line in lines {
        let text = line.cell_text();
        let cut_token =
            prev.is_some_and(|p| p.words.len() == 1 && p.rect.width() >= 0.8 * inner_width);
        let letters = out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && text.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if letters && !cut_token {
            out.push(' ');
        }
        out.push_str(&text);
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from x at baseline row y, each `w` wide, size 10.
    fn row(text: &str, x: f32, y: f32, w: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let x0 = x + i as f32 * w;
                Glyph {
                    ch,
                    rect: Rect::new(x0, y, x0 + w, y + 10.0),
                    size: 10.0,
                    bold: false,
                }
            })
            .collect()
    }

    fn all(glyphs: &[Glyph]) -> Vec<usize> {
        (0..glyphs.len()).collect()
    }

    #[test]
    fn lines_by_baseline_and_words_by_gap() {
        let mut g = row("单位：万元", 300.0, 20.0, 10.0);
        g.extend(row("收支总表", 100.0, 0.0, 10.0));
        g.extend(row("单位名称", 0.0, 20.5, 10.0));
        let lines = text_lines(&g, &all(&g));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "收支总表");
        assert_eq!(lines[1].text(), "单位名称 单位：万元");
        assert_eq!(lines[1].words.len(), 2);
    }

    #[test]
    fn latin_words_keep_their_space_and_cjk_does_not_get_one() {
        let mut g = row("Total", 0.0, 0.0, 5.0);
        g.extend(row("income", 30.0, 0.0, 5.0));
        g.extend(row("项", 100.0, 0.0, 10.0));
        g.extend(row("目", 140.0, 0.0, 10.0));
        let line = &text_lines(&g, &all(&g))[0];
        assert_eq!(line.text(), "Total income 项 目");
        assert_eq!(line.cell_text(), "Total income项目");
    }

    #[test]
    fn wrapped_cell_lines_join_by_script() {
        let cjk = text_lines(&row("项目支出绩效", 0.0, 0.0, 10.0), &[0, 1, 2, 3, 4, 5]);
        let next = text_lines(&row("目标表", 0.0, 12.0, 10.0), &[0, 1, 2]);
        let lines = [cjk[0].clone(), next[0].clone()];
        assert_eq!(join_cell_lines(&lines, 60.0), "项目支出绩效目标表");

        let a = text_lines(&row("Total", 0.0, 0.0, 5.0), &[0, 1, 2, 3, 4]);
        let b = text_lines(&row("income", 0.0, 12.0, 5.0), &[0, 1, 2, 3, 4, 5]);
        assert_eq!(
            join_cell_lines(&[a[0].clone(), b[0].clone()], 60.0),
            "Total income"
        );

        let code = text_lines(
            &row("13031124P00", 0.0, 0.0, 5.0),
            &(0..11).collect::<Vec<_>>(),
        );
        let rest = text_lines(&row("AN97", 0.0, 12.0, 5.0), &[0, 1, 2, 3]);
        assert_eq!(
            join_cell_lines(&[code[0].clone(), rest[0].clone()], 56.0),
            "13031124P00AN97"
        );

        // A year range cut after its dash, in a centred cell much wider than the line.
        let a = text_lines(
            &row("信访局2025-", 0.0, 0.0, 5.0),
            &(0..8).collect::<Vec<_>>(),
        );
        let b = text_lines(
            &row("2026年项目", 0.0, 12.0, 5.0),
            &(0..7).collect::<Vec<_>>(),
        );
        assert_eq!(
            join_cell_lines(&[a[0].clone(), b[0].clone()], 200.0),
            "信访局2025-2026年项目"
        );
    }
}
