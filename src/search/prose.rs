//! The items of the index that come from a document's titles and running
//! text: one `table` item per table (its label and title) and one `text`
//! item per sentence of the prose, cut at `。；！？` (and every
//! [`MAX_SENTENCE`] characters), so that a result shows the sentence that
//! holds the words.

use super::index::{DocItems, Kind, Location};
use crate::model::{Content, Document, LineNo, SectionKind, TableKind};

/// Longest piece of a sentence made one item (characters).
const MAX_SENTENCE: usize = 100;

/// A `table` item per table: `表.12 “三公”经费财政拨款预算情况表`.
pub(super) fn table_titles(doc_index: usize, doc: &Document, out: &mut DocItems) {
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
        let name = out.name(&text);
        let context = out.intern(&context);
        out.push(
            doc_index,
            Kind::Table,
            table.line,
            name,
            None,
            None,
            Location::Table { table: t },
            context,
            Some(t),
        );
    }
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

fn paragraph(
    doc_index: usize,
    path: &[usize],
    context: &str,
    line: LineNo,
    text: &str,
    out: &mut DocItems,
) {
    let context = out.intern(context);
    for sentence in split(text) {
        let name = out.name(sentence);
        out.push(
            doc_index,
            Kind::Text,
            line,
            name,
            None,
            None,
            Location::Text {
                path: path.to_vec(),
                line,
            },
            context,
            None,
        );
    }
}

/// A `text` item per sentence of the prose: the preamble's paragraphs and
/// every section's (not the table of contents').
pub(super) fn sentences(doc_index: usize, doc: &Document, out: &mut DocItems) {
    for c in &doc.preamble {
        if let Content::Paragraph { line, text } = c {
            paragraph(doc_index, &[], "", *line, text, out);
        }
    }
    let mut titles: Vec<String> = Vec::new();
    doc.walk_sections(|path, s| {
        titles.truncate(path.len().saturating_sub(1));
        titles.push(s.title.trim().to_string());
        if s.kind == SectionKind::Contents {
            return;
        }
        let context = titles.join(" / ");
        for c in &s.content {
            if let Content::Paragraph { line, text } = c {
                paragraph(doc_index, path, &context, *line, text, out);
            }
        }
    });
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
