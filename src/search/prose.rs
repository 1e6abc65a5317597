//! What the index takes from a document's titles and running text: one
//! `table` item per table (its label and title) and one `text` item per
//! sentence of the prose, cut at `。；！？` (and every [`MAX_SENTENCE`]
//! characters), so that a result shows the sentence that holds the words.
//! The index (`index.rs`) turns them into items.

use crate::model::{Content, Document, LineNo, SectionKind, TableKind};

/// Longest piece of a sentence made one item (characters).
const MAX_SENTENCE: usize = 100;

/// A piece of a document's titles or prose to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub text: String,
    pub line: LineNo,
    /// Where: the table's size, or the section's titles.
    pub context: String,
    pub at: At<'a>,
}

/// Where a piece is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum At<'a> {
    Table(usize),
    /// Child indices from the document's sections (empty: before the first
    /// heading).
    Text(&'a [usize]),
}

/// A piece per table: `表.12 “三公”经费财政拨款预算情况表`.
pub(super) fn table_titles(doc: &Document) -> Vec<Piece<'static>> {
    let mut out = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        let title = table.title.trim();
        if title.is_empty() {
            continue;
        }
        let label = table.label.trim();
        let text = match label.is_empty() {
            true => title.to_string(),
            false if label.ends_with(['、', '.', '．']) => format!("{label}{title}"),
            false => format!("{label} {title}"),
        };
        let context = match table.kind {
            TableKind::Grid => format!("{} rows", table.rows.len()),
            _ => "绩效目标表".to_string(),
        };
        out.push(Piece {
            text,
            line: table.line,
            context,
            at: At::Table(t),
        });
    }
    out
}

/// The sentences of a paragraph: cut after `。；！？`, long ones every
/// [`MAX_SENTENCE`] characters.
fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, c) in text.char_indices() {
        count += 1;
        let end = i + c.len_utf8();
        if matches!(c, '。' | '；' | '！' | '？' | ';') || count >= MAX_SENTENCE {
            out.push(&text[start..end]);
            start = end;
            count = 0;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

fn paragraph<'a>(
    path: &'a [usize],
    context: &str,
    line: LineNo,
    text: &str,
    out: &mut Vec<Piece<'a>>,
) {
    for sentence in split(text) {
        out.push(Piece {
            text: sentence.to_string(),
            line,
            context: context.to_string(),
            at: At::Text(path),
        });
    }
}

/// A piece per sentence of the prose: the preamble's paragraphs and every
/// section's (not the table of contents'), with the section's path.
pub(super) fn sentences<'a>(doc: &Document, paths: &'a [Vec<usize>]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for c in &doc.preamble {
        if let Content::Paragraph { line, text } = c {
            paragraph(&[], "", *line, text, &mut out);
        }
    }
    let mut titles: Vec<String> = Vec::new();
    let mut k = 0;
    doc.walk_sections(|path, s| {
        let own = &paths[k.min(paths.len().saturating_sub(1))];
        k += 1;
        titles.truncate(path.len().saturating_sub(1));
        titles.push(s.title.trim().to_string());
        if s.kind == SectionKind::Contents {
            return;
        }
        let context = titles.join(" / ");
        for c in &s.content {
            if let Content::Paragraph { line, text } = c {
                paragraph(own, &context, *line, text, &mut out);
            }
        }
    });
    out
}

/// The path of every section, in the order [`Document::walk_sections`]
/// visits them.
pub(super) fn section_paths(doc: &Document) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    doc.walk_sections(|path, _| out.push(path.to_vec()));
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn sentences_end_at_full_stops() {
        assert_eq!(
            split("负责维护全区政治安全；预防犯罪。发力智慧警务"),
            vec!["负责维护全区政治安全；", "预防犯罪。", "发力智慧警务"]
        );
        assert_eq!(split("。"), vec!["。"]);
        assert!(split("").is_empty());
        let long = "字".repeat(250);
        assert_eq!(split(&long).len(), 3);
    }
}
