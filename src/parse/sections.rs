//! Sections: the outline of headings of every style, nested by numbering sequence.
//!
//! - A heading continues the sequence of the nearest open heading of its
//!   style (`二、` after `一、` is its sibling).
//! - A style whose numbering restarts at one under a deeper heading is a
//!   child (`一、` under `（二）`).
//! - Numbered lines that end a sentence or carry commas are headings only when
//!   they continue an open sequence; definitions (`一、上年结转：指…`), long
//!   lines and lists of table names are paragraphs.
//! - Part titles (`…2024 年部门预算信息公开情况说明`) and appendix markers
//!   (`附表`) open a new top-level section; short unnumbered lines after the
//!   first heading (`部门整体绩效目标`) are plain headings.
//! - The table of contents is one section of kind `contents`.

use super::blocks::Block;
use super::cell_repair::squash_spaces_cjk;
use super::chars::{char_len, compact, is_cjk};
use super::line_kinds::{ends_sentence, strip_bullet, title_like, title_line_like};
use super::meta::Meta;
use super::numbering::{Numbered, Style, numbering};
use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::model::{Content, LineNo, Section, SectionKind, Warning};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Numbered(Style, u32),
    /// A part title or appendix marker: always top level.
    Top,
    /// A short unnumbered heading.
    Plain,
    Contents,
}

#[derive(Debug)]
struct Node {
    section: Section,
    kind: NodeKind,
    parent: Option<usize>,
    children: Vec<usize>,
}

/// The outline and where every block went.
#[derive(Debug, Default)]
pub(super) struct Outline {
    pub(super) preamble: Vec<Content>,
    pub(super) sections: Vec<Section>,
    pub(super) warnings: Vec<Warning>,
}

struct Builder<'e> {
    emphasis: &'e Emphasis,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    stack: Vec<usize>,
    preamble: Vec<Content>,
    warnings: Vec<Warning>,
    seen_heading: bool,
    /// The last line was a title line: never continue it as a paragraph.
    fresh: bool,
    depth_warned: bool,
}

/// Deepest outline level kept.
const MAX_DEPTH: usize = 12;

impl Builder<'_> {
    fn content(&mut self) -> &mut Vec<Content> {
        match self.stack.last() {
            Some(&top) => &mut self.nodes[top].section.content,
            None => &mut self.preamble,
        }
    }

    fn push(&mut self, section: Section, kind: NodeKind) {
        // real outlines are a handful of levels deep; never nest without bound
        if self.stack.len() >= MAX_DEPTH {
            if !self.depth_warned {
                self.depth_warned = true;
                self.warnings.push(Warning {
                    line: section.line,
                    message: format!(
                        "headings nest deeper than {MAX_DEPTH} levels; deeper ones are placed at level {MAX_DEPTH}"
                    ),
                    page: None,
                });
            }
            self.stack.truncate(MAX_DEPTH - 1);
        }
        let id = self.nodes.len();
        let parent = self.stack.last().copied();
        self.nodes.push(Node {
            section,
            kind,
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        self.stack.push(id);
        self.seen_heading = true;
    }

    fn nearest(&self, style: Style) -> Option<(usize, u32)> {
        self.stack
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, &id)| match self.nodes[id].kind {
                NodeKind::Numbered(s, v) if s == style => Some((i, v)),
                _ => None,
            })
    }

    fn pop_plain(&mut self) {
        if let Some(i) = self
            .stack
            .iter()
            .position(|&id| self.nodes[id].kind == NodeKind::Plain)
        {
            self.stack.truncate(i);
        }
    }

    /// `numbered`: the text (bullet aside) starts with a [`numbering`].
    fn paragraph(&mut self, line: LineNo, text: &str, numbered: bool) {
        let fresh = self.fresh;
        let content = self.content();
        // a paragraph cut by a page break continues on the next line
        if let Some(Content::Paragraph { text: prev, .. }) = content.last_mut()
            && !fresh
            && !numbered
            && open_paragraph(prev)
        {
            prev.push_str(text.trim());
            return;
        }
        content.push(Content::Paragraph {
            line,
            text: text.trim().to_string(),
        });
    }

    /// Try a text as a heading; returns false when it is a paragraph. `s`:
    /// the text without its bullet ([`strip_bullet`]), `n` its [`numbering`].
    fn heading(&mut self, line: LineNo, s: &str, n: Option<&Numbered<'_>>) -> bool {
        // headings are short: long lines skip the compacted checks
        let short = s.len() <= 120;
        // appendix markers (compacted, they start with 附)
        if short && s.trim_start().starts_with('附') {
            let c = compact(s);
            if matches!(
                &*c,
                "附表" | "附表:" | "附表：" | "附件" | "附件:" | "附件："
            ) {
                self.stack.clear();
                self.push(
                    section(c.trim_end_matches([':', '：']), "", line),
                    NodeKind::Top,
                );
                return true;
            }
        }
        let display = self.emphasis.display.contains(&line);
        if let Some(n) = n {
            return self.numbered_heading(n, line, display);
        }
        if title_line_like(s) || self.emphasis.parts.contains(&line) {
            self.stack.clear();
            self.push(section(s, "", line), NodeKind::Top);
            return true;
        }
        let plain = if display {
            // set apart by its look: a short line that is not a sentence
            let c = if short { compact(s) } else { Cow::Borrowed("") };
            (2..=30).contains(&char_len(&c)) && !c.contains(['。', '，', '；', '：', ',', ';', ':'])
        } else if self.seen_heading && !self.emphasis.plain.contains(&line) {
            let c = if short { compact(s) } else { Cow::Borrowed("") };
            (4..=16).contains(&char_len(&c))
                && !c.contains([
                    '。', '，', '；', '：', ',', ';', ':', '！', '？', '、', '（', '）', '(', ')',
                    '“', '”', '"', '《', '》', '%', '％',
                ])
                && !c.bytes().any(|ch| ch.is_ascii_digit())
        } else {
            false
        };
        if plain {
            self.pop_plain();
            // after a numbered heading that already has body text, a plain
            // heading is its sibling (`1、收入说明` … `支出说明`); right under it, a child
            if let Some(&top) = self.stack.last() {
                let n = &self.nodes[top];
                if matches!(n.kind, NodeKind::Numbered(..))
                    && n.children.is_empty()
                    && !n.section.content.is_empty()
                {
                    self.stack.pop();
                }
            }
            self.push(section(s, "", line), NodeKind::Plain);
            return true;
        }
        false
    }

    /// A numbered line is a heading unless it reads like a sentence, a
    /// definition or a table title; a weak one (commas, a final stop, long)
    /// only when it continues an open sequence or is set apart by its look
    /// (`display`: larger or bold).
    fn numbered_heading(&mut self, n: &Numbered<'_>, line: LineNo, display: bool) -> bool {
        let rest = n.rest;
        // (each test below that fails makes a paragraph: the cheapest come
        // first, a heading's length before the scans of its text; more
        // than 160 bytes are more than 40 characters)
        if rest.is_empty() || rest.len() > 4 * 40 {
            return false;
        }
        let len = char_len(rest);
        if len > 40 {
            return false;
        }
        // a numbered table title is no heading, unless set apart by its look (a PDF's table
        // titles are taken by their tables: a display line left is a heading)
        if title_like(rest) && !display {
            return false;
        }
        // definitions: `一、上年结转：指…`
        if let Some(p) = rest.find(['：', ':']) {
            let after = rest[p..].trim_start_matches(['：', ':']).trim();
            if char_len(after) >= 2 {
                return false;
            }
        }
        let inner_stop = rest
            .trim_end_matches(['。', '；', ';'])
            .contains(['。', '！', '？']);
        if inner_stop {
            return false;
        }
        let weak =
            !display && (ends_sentence(rest) || rest.contains(['，', ',', '；', ';']) || len > 28);
        let (style, value) = (n.style, n.value);
        let sec = section(rest, n.number, line);
        match self.nearest(style) {
            Some((i, v)) if value == v + 1 => {
                self.stack.truncate(i);
                self.push(sec, NodeKind::Numbered(style, value));
            }
            _ if weak => return false,
            _ if value == 1 => {
                self.push(sec, NodeKind::Numbered(style, value));
            }
            Some((i, v)) => {
                self.warnings.push(Warning {
                    line,
                    message: format!(
                        "heading numbering goes from {v} to {value} ({}); placed as a sibling",
                        n.number
                    ),
                    page: None,
                });
                self.stack.truncate(i);
                self.push(sec, NodeKind::Numbered(style, value));
            }
            None => {
                self.pop_plain();
                self.push(sec, NodeKind::Numbered(style, value));
            }
        }
        true
    }
}

/// A paragraph that a page break may have cut: long, not ending a sentence,
/// a clause or a quotation, its last character CJK, no wide gap inside (the
/// cheap end tests first: a paragraph grows with each line joined to it).
fn open_paragraph(prev: &str) -> bool {
    prev.chars().next_back().is_some_and(is_cjk)
        && !prev.ends_with(['：', ':', '”', '"', '）', ')'])
        && !ends_sentence(prev)
        && (prev.len() >= 120 || char_len(prev) >= 30)
        && !has_three_spaces(prev)
}

/// `s.contains("   ")`, found from each space (few in Chinese prose).
fn has_three_spaces(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b' ', b).any(|i| b.get(i + 1..i + 3) == Some(b"  "))
}

fn section(title: &str, number: &str, line: LineNo) -> Section {
    Section {
        title: squash_spaces_cjk(title.trim()),
        number: number.trim().to_string(),
        line,
        end_line: line,
        ..Section::default()
    }
}

/// What the page geometry says of a line's look (PDF input; empty for text, where the
/// words alone decide).
#[derive(Debug, Clone, Default)]
pub(super) struct Emphasis {
    /// Lines set larger than the body text or in bold: headings when short.
    pub(super) display: BTreeSet<LineNo>,
    /// Lines in the body text's size and weight: never an unnumbered heading.
    pub(super) plain: BTreeSet<LineNo>,
    /// Part titles: large, centred, opening a page; unnumbered, they are top-level headings.
    pub(super) parts: BTreeSet<LineNo>,
}

/// Build the outline from the blocks. `table_index` numbers the table blocks in order.
pub(super) fn build(blocks: &[Block], meta: &Meta, emphasis: &Emphasis) -> Outline {
    let mut b = Builder {
        emphasis,
        nodes: Vec::new(),
        roots: Vec::new(),
        stack: Vec::new(),
        preamble: Vec::new(),
        warnings: Vec::new(),
        seen_heading: false,
        fresh: false,
        depth_warned: false,
    };
    let mut table_index = 0usize;
    for block in blocks {
        match block {
            Block::Contents {
                line,
                title,
                entries,
            } => {
                let id = b.nodes.len();
                let mut sec = section(title, "", *line);
                sec.kind = SectionKind::Contents;
                sec.content = entries
                    .iter()
                    .map(|(l, t)| Content::Paragraph {
                        line: *l,
                        text: t.clone(),
                    })
                    .collect();
                sec.end_line = entries.last().map(|(l, _)| *l).unwrap_or(*line);
                b.nodes.push(Node {
                    section: sec,
                    kind: NodeKind::Contents,
                    parent: None,
                    children: Vec::new(),
                });
                b.roots.push(id);
            }
            Block::Table(_) => {
                b.content().push(Content::Table { index: table_index });
                table_index += 1;
            }
            Block::Text { line, text } => {
                if meta.title_lines.contains(line) && !b.seen_heading {
                    b.preamble.push(Content::Paragraph {
                        line: *line,
                        text: text.trim().to_string(),
                    });
                    b.fresh = true;
                    continue;
                }
                // (the numbering decides a heading, and whether a
                // paragraph may continue the one above: read once)
                let s = strip_bullet(text);
                let n = numbering(s);
                if !b.heading(*line, s, n.as_ref()) {
                    b.paragraph(*line, text, n.is_some());
                }
                b.fresh = false;
            }
        }
    }
    let Builder {
        nodes,
        roots,
        preamble,
        warnings,
        ..
    } = b;
    let mut nodes: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    let sections = roots
        .iter()
        .filter_map(|&id| finish(&mut nodes, id, 1))
        .collect();
    Outline {
        preamble,
        sections,
        warnings,
    }
}

fn finish(nodes: &mut [Option<Node>], id: usize, level: u8) -> Option<Section> {
    let node = nodes.get_mut(id)?.take()?;
    let mut sec = node.section;
    sec.level = level;
    let _ = node.parent;
    // kept in the model: without the room lists grown from one entry hold
    sec.children = Vec::with_capacity(node.children.len());
    sec.content.shrink_to_fit();
    for child in node.children {
        if let Some(c) = finish(nodes, child, level.saturating_add(1)) {
            sec.end_line = sec.end_line.max(c.end_line);
            sec.children.push(c);
        }
    }
    for c in &sec.content {
        if let Content::Paragraph { line, .. } = c {
            sec.end_line = sec.end_line.max(*line);
        }
    }
    Some(sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The open-paragraph test as first written.
    fn reference_open_paragraph(prev: &str) -> bool {
        char_len(prev) >= 30
            && !prev.contains("   ")
            && !ends_sentence(prev)
            && !prev.ends_with(['：', ':', '”', '"', '）', ')'])
            && prev.chars().last().is_some_and(is_cjk)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn open_paragraphs_as_first_written(
            prev in "[预算收入 a。；：”)）\u{3000}\t]{0,50}",
        ) {
            proptest::prop_assert_eq!(open_paragraph(&prev), reference_open_paragraph(&prev));
            proptest::prop_assert_eq!(has_three_spaces(&prev), prev.contains("   "));
        }
    }
}
