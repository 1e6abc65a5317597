//! Lines → blocks: prose lines, the table of contents, and tables (still raw:
//! page segments of rows, with the title, label and unit found around them).
//!
//! Two table encodings are recognized: tab-separated rows (one line per row)
//! and one cell per line (each cell on its own line starting with a tab, a
//! blank line ends the row). Page furniture between two segments of one table
//! (repeated title, label, department, year and unit lines) is consumed here;
//! header repeats and cut rows are handled when the table is assembled.

//!
//! Where things are: [`items`] reads the lines into blank, text and row
//! items; [`contents`] finds the table of contents; [`open_table`] follows a
//! table from its caption through its pages; [`block`] holds the types.

mod block;
mod contents;
mod items;
mod open_table;
mod raw_row;

pub(super) use block::{Block, RawTable};
pub(super) use raw_row::{RawCells, RawRow};

use super::normalize::Line;
use contents::{contents_block, find_toc};
use items::{Item, Items, items};
use open_table::{Open, close, push_blank, push_row, push_text};

/// Split the document into blocks. (Once per document: never inlined, so
/// that what is inlined into it stays so whatever its caller becomes.)
#[inline(never)]
pub(super) fn blocks(lines: Vec<Line>) -> Vec<Block> {
    let Items { items, blocks } = items(lines);
    let toc = find_toc(&items);
    let mut out: Vec<Block> = Vec::with_capacity(blocks);
    let mut open: Option<Open> = None;
    let mut items = items.into_iter();
    // the items before the table of contents, its heading and entries, the rest
    if let Some((s, e)) = toc {
        push_items(&mut out, &mut open, &mut items, s);
        if let Some(heading) = items.next() {
            out.push(contents_block(heading, items.by_ref().take(e - s - 1)));
        }
    }
    push_items(&mut out, &mut open, &mut items, usize::MAX);
    close(&mut out, &mut open);
    out
}

/// The next `n` items (all that are left, if fewer) into blocks: text, or
/// rows and lines in or around the open table.
fn push_items(
    out: &mut Vec<Block>,
    open: &mut Option<Open>,
    items: &mut std::vec::IntoIter<Item>,
    n: usize,
) {
    for _ in 0..n {
        let Some(item) = items.next() else {
            break;
        };
        match item {
            Item::Row {
                line,
                last,
                count,
                cells,
                cell_per_line,
                ..
            } => {
                let row = RawRow {
                    line,
                    last,
                    cells: RawCells::from_parts(cells, count),
                };
                push_row(out, open, row, cell_per_line, items.as_slice());
            }
            Item::Blank => push_blank(open),
            Item::Text { line, text } => push_text(out, open, line, text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;
    use crate::parse::normalize::test_lines as lines;
    use items::MAX_ROW_CELLS;

    #[test]
    fn lines_of_more_cells_than_a_table_has_columns_are_text() {
        let row = |n: usize| vec!["1"; n].join("\t");
        let text = format!("{}\n\n{}\n", row(MAX_ROW_CELLS), row(MAX_ROW_CELLS + 1));
        let bl = blocks(lines(&text));
        let Some(Block::Table(t)) = bl.first() else {
            panic!("{:?}", &bl[..1]);
        };
        assert_eq!(t.segments[0][0].cells.iter().count(), MAX_ROW_CELLS);
        assert!(
            matches!(bl.last(), Some(Block::Text { text, .. }) if text.len() == 2 * MAX_ROW_CELLS + 1),
            "{}",
            bl.len()
        );
        // one cell per line: a row ends at the limit, the next begins
        let cells = vec!["\tx"; MAX_ROW_CELLS + 5].join("\n");
        let bl = blocks(lines(&cells));
        let Some(Block::Table(t)) = bl.first() else {
            panic!("{}", bl.len());
        };
        let widths: Vec<usize> = t.segments[0]
            .iter()
            .map(|r| r.cells.iter().count())
            .collect();
        assert_eq!(widths, [MAX_ROW_CELLS, 5]);
    }

    #[test]
    fn table_split_by_furniture_is_one_raw_table() {
        let text = "表 1\n\n收支总表\n\n单位：万元\n\n收入\t支出\n项目\t预算数\na\t1\n\n表 1\n\n收支总表\n\n单位：万元\n\n收入\t支出\n项目\t预算数\nb\t2\n\n表 3\n\n支出总表\n\nx\t1\n";
        let bl = blocks(lines(text));
        let tables: Vec<&RawTable> = bl
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(&**t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2, "{bl:#?}");
        assert_eq!(tables[0].segments.len(), 2);
        assert_eq!(tables[0].title, "收支总表");
        assert_eq!(tables[0].label, "表 1");
        assert_eq!(tables[0].unit, Some(Unit::Wan));
        assert_eq!(tables[1].title, "支出总表");
    }
}
