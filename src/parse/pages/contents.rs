//! The table of contents (目录): a line reading `目录` and the entries after it on its page
//! (and on the next pages while their lines end in page numbers), dot leaders and page
//! numbers removed.

use super::super::chars::{char_len, compact};
use super::items::{PageLine, Paragraph, Piece};

/// Leader characters between a contents entry and its page number.
const LEADERS: [char; 9] = ['.', '．', '…', '‥', '·', '-', '—', '_', '⋯'];

/// The pieces with the table of contents, if there is one, as one piece.
pub(super) fn take_contents(pieces: Vec<Piece>) -> Vec<Piece> {
    let Some(start) = pieces.iter().position(is_contents_title) else {
        return pieces;
    };
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut rest = pieces.into_iter();
    out.extend(rest.by_ref().take(start));
    let Some(Piece::Line(title)) = rest.next() else {
        return out;
    };
    let mut entries: Vec<Paragraph> = Vec::new();
    let mut page = title.page;
    let mut tail: Vec<Piece> = Vec::new();
    for piece in rest.by_ref() {
        match piece {
            Piece::Line(l) if l.page == page || (l.page == page + 1 && ends_in_page_number(&l)) => {
                page = l.page;
                let text = entry_text(&l.text());
                if !text.is_empty() {
                    entries.push(paragraph(&l, text));
                }
            }
            other => {
                tail.push(other);
                break;
            }
        }
    }
    let title_text = title.text();
    out.push(Piece::Contents {
        title: paragraph(&title, title_text),
        entries,
    });
    out.extend(tail);
    out.extend(rest);
    out
}

fn paragraph(l: &PageLine, text: String) -> Paragraph {
    Paragraph {
        page: l.page,
        text,
        size: l.line.size,
        bold: l.line.bold,
        opens_page: false,
    }
}

/// A line reading `目录` / `目次` (spaced or not).
fn is_contents_title(piece: &Piece) -> bool {
    let Piece::Line(l) = piece else {
        return false;
    };
    let c = compact(&l.text()).into_owned();
    char_len(&c) <= 12 && (c.ends_with("目录") || c == "目次")
}

/// An entry line of a later contents page: leaders or spaces, then a page number.
fn ends_in_page_number(l: &PageLine) -> bool {
    let text = l.text();
    let t = text.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    body.len() < t.len() && body.ends_with(|c: char| c.is_whitespace() || LEADERS.contains(&c))
}

/// An entry without its leaders and page number: `一、部门职责 ..... 2` → `一、部门职责`.
fn entry_text(text: &str) -> String {
    let t = text.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let stripped = body.trim_end_matches(|c: char| c.is_whitespace() || LEADERS.contains(&c));
    // digits kept when nothing separates them from the entry (`…支出表2` is no page number)
    let t = if stripped.len() < body.len() || body.len() == t.len() {
        stripped
    } else {
        t
    };
    t.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_lose_leaders_and_page_numbers() {
        assert_eq!(entry_text("一、部门职责 ........ 2"), "一、部门职责");
        assert_eq!(
            entry_text("第一部分 国家信访局概况 ....................1"),
            "第一部分 国家信访局概况"
        );
        assert_eq!(entry_text("一、部门主要职能 ……………………"), "一、部门主要职能");
        assert_eq!(entry_text("五、部门预算表"), "五、部门预算表");
        assert_eq!(
            entry_text("七、“三公”经费支出决算情况说明 ... 22"),
            "七、“三公”经费支出决算情况说明"
        );
    }
}
