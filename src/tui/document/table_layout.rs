//! The column layout of one table, computed once (a large table's when its
//! document arrives, on a loader thread; a small one's when first shown:
//! [`super::layouts`]): each column's natural width, the width of its
//! widest number (never cut) and the width that shows it whole, which
//! columns hold numbers (right-aligned), which leading columns are labels
//! (frozen while the rest scrolls sideways), the header path of each column,
//! how far each header cell spans and the groups of columns under one
//! header cell.

use std::sync::Arc;

use crate::model::{Table, TableDetail};
use crate::rows::columns::header_role;

use super::row_facts::RowFacts;

use super::super::base::screen_text::{self as text, sanitize};

/// Widest a column gets (cells); longer text is cut with `…` or wrapped.
pub const CELL_CAP: u16 = 30;
/// Label columns (frozen) may be wider: their names are what you read.
pub const LABEL_CAP: u16 = 40;
/// Header text alone never widens a column past this.
const HEADER_CAP: u16 = 12;
const MIN_COL: u16 = 2;
/// Rows sampled to size the columns (evenly spread over the table).
const SAMPLE_ROWS: usize = 2000;
/// Widest a column grows when the pane has room to spare.
const WANT_CAP: u16 = 120;

/// Column geometry of one table, computed once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableLayout {
    /// Natural width of each column (capped at `CELL_CAP`, `LABEL_CAP`
    /// for frozen label columns).
    pub widths: Vec<u16>,
    /// Right-align numeric cells of this column.
    pub right: Vec<bool>,
    /// Leading label columns kept in place while scrolling right.
    pub frozen: usize,
    /// Column header paths (`收入 / 预算数`), sanitized.
    pub paths: Vec<String>,
    /// Columns holding one value on every row (`实施单位` = the department):
    /// shrunk first when the frozen columns need room.
    pub constant: Vec<bool>,
    /// Widest number of each column over every row (0: none): a column is
    /// never drawn narrower, so no figure is ever cut.
    pub figure_w: Vec<u16>,
    /// The width that shows every cell and the header whole (up to
    /// `WANT_CAP`): spare room goes to the columns that want more.
    pub want: Vec<u16>,
    /// Per header row and column, one past the last column the header cell
    /// there covers ([`Table::header_spans`]).
    pub spans: Vec<Vec<usize>>,
    /// Groups of columns under one header cell of the top header row (`H` /
    /// `L` jump between them): the first column of each group.
    pub groups: Vec<usize>,
    /// The first column of figures (right-aligned, its header naming no
    /// code, year or count): where the cursor opens.
    pub figure_col: Option<usize>,
    /// What the columns hold, each row's parent and the total rows: what a
    /// sort, a filter, marks and charts read, derived here off the UI thread.
    pub rows: Arc<RowFacts>,
}

fn label_header(path: &str) -> bool {
    ["序号", "编码", "代码", "编号", "科目", "名称", "单位"]
        .iter()
        .any(|k| path.contains(k))
        || matches!(path.trim(), "项目" | "类" | "款" | "项" | "指标")
        || path.ends_with("项目")
}

fn code_header(path: &str) -> bool {
    ["编码", "代码", "编号", "序号"]
        .iter()
        .any(|k| path.contains(k))
}

/// What a sample of the body rows says about each column.
struct BodyStats {
    /// Widest cell (capped at [`LABEL_CAP`]).
    width: Vec<u16>,
    /// Widest cell (capped at [`WANT_CAP`]).
    full: Vec<u16>,
    numeric: Vec<usize>,
    filled: Vec<usize>,
    /// Two different values seen.
    varies: Vec<bool>,
}

impl BodyStats {
    fn sample(t: &Table, width: usize) -> BodyStats {
        let step = t.rows.len().div_ceil(SAMPLE_ROWS).max(1);
        let mut s = BodyStats {
            width: vec![0; width],
            full: vec![0; width],
            numeric: vec![0; width],
            filled: vec![0; width],
            varies: vec![false; width],
        };
        let mut first: Vec<Option<&str>> = vec![None; width];
        for row in t.rows.iter().step_by(step) {
            for (c, cell) in row.iter().enumerate().take(width) {
                let cell = cell.trim();
                if cell.is_empty() {
                    continue;
                }
                s.filled[c] += 1;
                match first[c] {
                    None => first[c] = Some(cell),
                    Some(f) if f != cell => s.varies[c] = true,
                    Some(_) => {}
                }
                if text::is_numeric(cell) {
                    s.numeric[c] += 1;
                }
                let w = text::width(&sanitize(cell)).min(usize::from(WANT_CAP)) as u16;
                s.full[c] = s.full[c].max(w);
                s.width[c] = s.width[c].max(w.min(LABEL_CAP));
            }
        }
        s
    }

    /// Most cells of the column are numbers.
    fn is_numeric(&self, c: usize) -> bool {
        self.filled[c] > 0 && self.numeric[c] * 10 >= self.filled[c] * 6
    }
}

/// The width header text asks of each column, at most `cap` per cell. A
/// merged cell shares its width among the columns it spans.
fn header_widths(t: &Table, spans: &[Vec<usize>], width: usize, cap: u16) -> Vec<u16> {
    let mut head_w = vec![0u16; width];
    for (row, ends) in t.header.iter().zip(spans) {
        for (c, cell) in row.iter().enumerate().take(width) {
            let w = text::width(&sanitize(cell.trim())).min(usize::from(cap));
            if w == 0 {
                continue;
            }
            let span = ends.get(c).map_or(1, |&end| end.saturating_sub(c).max(1));
            // The gaps between the spanned columns hold text too.
            let share = w.saturating_sub(span - 1).div_ceil(span) as u16;
            for k in c..c + span {
                if let Some(h) = head_w.get_mut(k) {
                    *h = (*h).max(share);
                }
            }
        }
    }
    head_w
}

/// The widest number of each column, over every row.
fn figure_widths(t: &Table, width: usize) -> Vec<u16> {
    let mut out = vec![0u16; width];
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate().take(width) {
            let cell = cell.trim();
            if !cell.is_empty() && text::is_numeric(cell) {
                let w = u16::try_from(text::width(cell)).unwrap_or(u16::MAX);
                out[c] = out[c].max(w);
            }
        }
    }
    out
}

/// The first column of each group of the top header row: a cell spanning
/// columns is one group, every other column its own.
fn column_groups(spans: &[Vec<usize>], t: &Table, width: usize) -> Vec<usize> {
    let mut groups = Vec::new();
    let Some((top, ends)) = t.header.first().zip(spans.first()) else {
        return (0..width).collect();
    };
    let mut c = 0;
    while c < width {
        groups.push(c);
        let filled = top.get(c).is_some_and(|s| !s.trim().is_empty());
        c = if filled { ends[c].max(c + 1) } else { c + 1 };
    }
    groups
}

impl TableLayout {
    /// The layout of a table the parser knows nothing more of (a board's).
    pub fn compute(t: &Table) -> TableLayout {
        TableLayout::compute_with(t, None)
    }

    /// The layout of a table, with the row hierarchy the parser read
    /// (`detail`), when it read one.
    pub fn compute_with(t: &Table, detail: Option<&TableDetail>) -> TableLayout {
        let width = t.width();
        let paths: Vec<String> = t
            .column_paths()
            .iter()
            .map(|p| sanitize(p).into_owned())
            .collect();
        let body = BodyStats::sample(t, width);
        let spans = t.header_spans();
        let head_w = header_widths(t, &spans, width, HEADER_CAP);
        let head_full = header_widths(t, &spans, width, WANT_CAP);
        let figure_w = figure_widths(t, width);
        let right: Vec<bool> = (0..width)
            .map(|c| body.is_numeric(c) && !paths.get(c).is_some_and(|p| code_header(p)))
            .collect();
        // Leading label columns: text columns or columns headed like labels.
        let mut frozen = 0;
        while frozen < width && frozen < 3 {
            let p = paths.get(frozen).map(String::as_str).unwrap_or("");
            let labelish = (body.filled[frozen] > 0 && !body.is_numeric(frozen)) || label_header(p);
            if !labelish {
                break;
            }
            frozen += 1;
        }
        if frozen == width {
            // No numbers at all: only the first column stays.
            frozen = usize::from(width > 1);
        }
        let widths: Vec<u16> = (0..width)
            .map(|c| {
                let cap = if c < frozen { LABEL_CAP } else { CELL_CAP };
                body.width[c]
                    .max(head_w[c])
                    .clamp(MIN_COL, cap)
                    .max(figure_w[c])
            })
            .collect();
        let want = (0..width)
            .map(|c| body.full[c].max(head_full[c]).max(widths[c]))
            .collect();
        let constant = (0..width)
            .map(|c| body.filled[c] >= 3 && !body.varies[c])
            .collect();
        let groups = column_groups(&spans, t, width);
        let figure_col = (0..width).find(|&c| right[c] && header_role(&paths[c]).is_none());
        TableLayout {
            widths,
            right,
            frozen,
            paths,
            constant,
            figure_w,
            want,
            spans,
            groups,
            figure_col,
            rows: Arc::new(RowFacts::read(t, detail)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_freezes_label_columns_and_right_aligns_numbers() {
        let l = TableLayout::compute(&crate::tui::demo::small_table());
        assert_eq!(l.frozen, 2);
        assert_eq!(l.right, vec![false, false, true, true, true]);
        assert_eq!(l.widths[1], 12);
        assert_eq!(l.paths[0], "功能分类科目 / 科目编码");
    }
}
