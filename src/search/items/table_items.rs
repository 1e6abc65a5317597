//! The `row` and `amount` items of tables: each body cell classified as a
//! text, a classification code or a figure, by its column's header and the
//! text cell to its left. 编码 / 代码 / 编号: code; 类 / 款 / 项: the segments
//! of a budget classification code (class, section, item); 万元: ten thousand
//! yuan, the unit figures are kept in.

use rust_decimal::Decimal;

use super::builder::{Builder, Fig, Figures, Name, trim};
use crate::model::{GridRow, LineNo, Table, Unit};
use crate::parse::amount::{figure_parts, is_null_amount};
use crate::parse::{compact, unit_in_label};
use crate::search::index::{Kind, Location, MAX_TEXT, Span};

/// How a column (or a label cell) treats the numbers under (or beside) it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColKind {
    Money,
    Code,
    NotMoney,
}

const CODE_WORDS: &[&str] = &["编码", "代码", "编号"];
const CODE_SEGMENTS: &[&str] = &["类", "款", "项"];
const NOT_MONEY_WORDS: &[&str] = &[
    "序号",
    "数量",
    "年度",
    "年限",
    "栏次",
    "人数",
    "个数",
    "次数",
    "面积",
    "比例",
    "比率",
    "%",
    "％",
    "时间",
    "日期",
    "计量单位",
    "规格",
    "行次",
];

/// Characters that begin one of [`CODE_WORDS`], [`CODE_SEGMENTS`] or
/// [`NOT_MONEY_WORDS`]: a label without any of them is money.
const TRIGGERS: &[char] = &[
    '编', '代', '类', '款', '项', '序', '数', '年', '栏', '人', '个', '次', '面', '比', '%', '％',
    '时', '日', '计', '规', '行',
];

fn col_kind(label: &str) -> ColKind {
    if !label.contains(TRIGGERS) {
        return ColKind::Money;
    }
    let c = compact(label);
    if CODE_WORDS.iter().any(|w| c.contains(w))
        || label
            .split(" / ")
            .any(|seg| CODE_SEGMENTS.contains(&seg.trim()))
    {
        ColKind::Code
    } else if NOT_MONEY_WORDS.iter().any(|w| c.contains(w)) {
        ColKind::NotMoney
    } else {
        ColKind::Money
    }
}

/// [`col_kind`] of a label cell beside a number; long cells (sentences)
/// are never labels of codes or counts.
fn label_kind(cell: &str) -> ColKind {
    if cell.len() > 60 {
        ColKind::Money
    } else {
        col_kind(cell)
    }
}

/// A cheap test before [`parse_amount`]: short, and starting like a number.
fn looks_numeric(cell: &str) -> bool {
    cell.len() <= 48
        && cell.chars().next().is_some_and(|c| {
            c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '(' | '（' | '－' | '−')
        })
}

/// A classified body cell.
enum Cell<'a> {
    Text,
    /// In 万元, the unit printed, the number as printed (without the unit).
    Figure(Decimal, Option<Unit>, &'a str),
    Code,
}

/// Buffers reused from row to row.
#[derive(Default)]
pub(super) struct RowScratch<'a> {
    cells: Vec<(usize, &'a str, Cell<'a>)>,
    label: String,
    code: String,
}

/// What every row of one table shares while its items are made.
struct TableCtx<'a> {
    t: usize,
    title: &'a str,
    paths: Vec<String>,
    /// Per column: kind and unit.
    columns: Vec<(ColKind, Option<Unit>)>,
    /// Context of the cells of each column, made on first use.
    contexts: Vec<Option<Span>>,
    title_span: Option<Span>,
}

pub(super) fn table_items<'a>(
    t: usize,
    table: &'a Table,
    scratch: &mut RowScratch<'a>,
    out: &mut Builder,
) {
    let paths = table.column_paths();
    let width = table.width();
    let columns: Vec<(ColKind, Option<Unit>)> = (0..width)
        .map(|c| {
            let path = paths.get(c).map(String::as_str).unwrap_or("");
            let unit = unit_in_label(path).or(table.unit);
            (col_kind(path), unit)
        })
        .collect();
    let mut ctx = TableCtx {
        t,
        title: table.title.trim(),
        paths,
        columns,
        contexts: vec![None; width],
        title_span: None,
    };
    let grid = table.kind.is_grid();
    for (r, row) in table.rows.iter().enumerate() {
        let line = table.row_lines.get(r).copied().unwrap_or(table.line);
        classify_row(row, &ctx.columns, &mut scratch.cells);
        let cells = &scratch.cells;
        let last_figure = cells
            .iter()
            .rposition(|(_, _, cell)| matches!(cell, Cell::Figure(..)));
        // Rows of performance tables count only with figures.
        if cells.is_empty() || (!grid && last_figure.is_none()) {
            continue;
        }
        let label_cells = match last_figure {
            Some(end) => cells.get(..end).unwrap_or(&[]),
            None => &cells[..],
        };
        let label = row_label(label_cells, &mut scratch.label, out);
        let code = row_code(cells, &mut scratch.code, out);
        let first = out.out.figures.len();
        amount_items(&mut ctx, r, line, label, cells, out);
        if label.text.is_empty() {
            continue;
        }
        let context = *ctx.title_span.get_or_insert_with(|| out.context(ctx.title));
        out.push(
            Kind::Row,
            line,
            label,
            Figures::<Option<Fig>>::Stored(first..out.out.figures.len()),
            code,
            Location::Row { table: t, row: r },
            context,
            Some(t),
        );
    }
}

/// The non-empty cells of a row, each a text, a code or a figure (in 万元,
/// with its unit and the number as printed).
fn classify_row<'a>(
    row: GridRow<'a>,
    columns: &[(ColKind, Option<Unit>)],
    cells: &mut Vec<(usize, &'a str, Cell<'a>)>,
) {
    cells.clear();
    // The text cell to the left of the current one (judged only when a
    // number follows it, once per text cell).
    let mut left_text: Option<&str> = None;
    let mut left_kind: Option<ColKind> = None;
    for (c, raw) in row.iter().enumerate() {
        let cell = trim(raw);
        if cell.is_empty() {
            continue;
        }
        let (kind, unit) = columns.get(c).copied().unwrap_or((ColKind::Money, None));
        let number = if looks_numeric(cell) {
            figure_parts(cell, unit)
        } else {
            None
        };
        // Null markers (`-`, `——`, `无`, `/`) are at most 6 bytes long.
        if number.is_none() && cell.len() <= 6 && is_null_amount(cell) {
            continue;
        }
        let classified = match (kind, number) {
            (ColKind::Code, _) if cell.bytes().all(|b| b.is_ascii_digit() || b == b' ') => {
                Cell::Code
            }
            (ColKind::Code, _) => Cell::Text,
            // Counts, ranks, units of measure, dates: neither figures nor labels.
            (ColKind::NotMoney, _) => continue,
            (ColKind::Money, Some((value, unit, printed))) => {
                let kind =
                    *left_kind.get_or_insert_with(|| left_text.map_or(ColKind::Money, label_kind));
                match (kind, unit) {
                    (ColKind::Code, _) => Cell::Code,
                    (ColKind::NotMoney, _) => continue,
                    (_, Some(u)) => match u.convert(value, Unit::Wan) {
                        Some(amount) => Cell::Figure(amount, Some(u), printed),
                        None => continue,
                    },
                    (_, None) => Cell::Figure(value, None, printed),
                }
            }
            (_, None) => {
                left_text = Some(cell);
                left_kind = None;
                Cell::Text
            }
        };
        cells.push((c, cell, classified));
    }
}

/// The row's label: its text cells before the last figure, joined.
fn row_label(label_cells: &[(usize, &str, Cell)], label: &mut String, out: &mut Builder) -> Name {
    label.clear();
    for (_, text, cell) in label_cells {
        if let Cell::Text = cell {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(text);
            if label.len() > MAX_TEXT * 4 {
                break;
            }
        }
    }
    out.name(label)
}

/// The row's classification code: the digits of its code cells.
fn row_code(cells: &[(usize, &str, Cell)], code: &mut String, out: &mut Builder) -> Option<Span> {
    code.clear();
    for (_, text, cell) in cells {
        if let Cell::Code = cell {
            code.extend(text.chars().filter(char::is_ascii_digit));
        }
    }
    (!code.is_empty()).then(|| out.intern(code))
}

/// Amount items: one per figure of the row, labelled by the text to its left
/// (one name shared by the cells it labels); their figures, stored one after
/// the other, are the row's figures too.
fn amount_items(
    ctx: &mut TableCtx,
    r: usize,
    line: LineNo,
    label: Name,
    cells: &[(usize, &str, Cell)],
    out: &mut Builder,
) {
    let mut nearest: Option<Name> = None;
    let mut pending: Option<&str> = None;
    for &(c, text, ref cell) in cells {
        let (amount, unit, printed) = match cell {
            Cell::Text => {
                pending = Some(text);
                continue;
            }
            Cell::Code => continue,
            Cell::Figure(amount, unit, printed) => (*amount, *unit, *printed),
        };
        let figure = Fig {
            amount,
            printed: out.intern(printed),
            unit,
        };
        let column = ctx.paths.get(c).map(String::as_str).unwrap_or("").trim();
        if let Some(text) = pending.take() {
            nearest = Some(out.name(text));
        }
        let name = match nearest {
            Some(n) => n,
            None if !label.text.is_empty() => label,
            None if !column.is_empty() => out.name(column),
            None => out.name(ctx.title),
        };
        let context = column_context(&mut ctx.contexts, ctx.title, c, column, out);
        out.push(
            Kind::Amount,
            line,
            name,
            Figures::New(Some(figure)),
            None,
            Location::Cell {
                table: ctx.t,
                row: r,
                col: c,
            },
            context,
            Some(ctx.t),
        );
    }
}

/// `title / column` for the cells of column `c`, interned once.
fn column_context(
    contexts: &mut [Option<Span>],
    title: &str,
    c: usize,
    column: &str,
    out: &mut Builder,
) -> Span {
    if let Some(span) = contexts.get(c).copied().flatten() {
        return span;
    }
    let span = match (title.is_empty(), column.is_empty()) {
        (false, false) => out.context(&format!("{title} / {column}")),
        (false, true) => out.context(title),
        (true, _) => out.context(column),
    };
    if let Some(slot) = contexts.get_mut(c) {
        *slot = Some(span);
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, TableKind};
    use crate::search::Index;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn grid() -> Table {
        Table {
            title: "一般公共预算支出表".into(),
            unit: Some(Unit::Wan),
            header: crate::model::Grid::from_rows(vec![vec![
                "序号",
                "科目编码",
                "科目名称",
                "合计",
                "基本支出",
            ]]),
            rows: crate::model::Grid::from_rows(vec![
                vec!["1", "2040201", "行政运行", "4,800.00", ""],
                vec!["2", "", "合计", "5000", "—"],
            ]),
            row_lines: vec![10, 11],
            ..Table::default()
        }
    }

    fn ids_of(index: &Index, kind: Kind) -> Vec<usize> {
        (0..index.len())
            .filter(|&i| index.kind(i) == kind)
            .collect()
    }

    #[test]
    fn rows_and_cells() {
        let doc = Document {
            tables: vec![grid()],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let rows = ids_of(&index, Kind::Row);
        assert_eq!(rows.len(), 2);
        assert_eq!(index.text(rows[0]), "行政运行");
        assert_eq!(index.code(rows[0]), Some("2040201"));
        let figs = index.figures(rows[0]);
        assert_eq!(figs.len(), 1);
        assert_eq!(index.wan(&figs[0]), d("4800"));
        assert_eq!(index.printed(&figs[0]), "4,800.00");
        assert_eq!(index.line(rows[0]), 10);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), 2);
        assert_eq!(index.text(cells[0]), "行政运行");
        assert_eq!(index.context(cells[0]), "一般公共预算支出表 / 合计");
        assert_eq!(
            index.location(cells[0]),
            Location::Cell {
                table: 0,
                row: 0,
                col: 3
            }
        );
        assert_eq!(index.wan(&index.figures(cells[1])[0]), d("5000"));
        // a row's figures are its cells' figures, stored once
        assert_eq!(index.figures(rows[0]), index.figures(cells[0]));
        assert_eq!(index.figures.len(), 2);
    }

    #[test]
    fn yuan_tables_convert_and_headers_state_units() {
        let mut t = grid();
        t.unit = Some(Unit::Yuan);
        let (mut rows, mut header) = (t.rows.to_vecs(), t.header.to_vecs());
        rows[0][3] = "48,000,000".into();
        header[0][4] = "基本支出（万元）".into();
        rows[0][4] = "12".into();
        (t.rows, t.header) = (rows.into(), header.into());
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        let fig = |i: usize| index.figures(cells[i])[0];
        assert_eq!(index.wan(&fig(0)), d("4800"));
        assert_eq!(fig(0).unit(), Some(Unit::Yuan));
        assert_eq!(index.wan(&fig(1)), d("12"));
        assert_eq!(fig(1).unit(), Some(Unit::Wan));
    }

    #[test]
    fn figures_keep_their_exact_value_and_scale() {
        let mut t = grid();
        let values = [
            "397.10",
            "-0.5",
            "0.000000001",
            "1.000000000",
            "123456789012345.678",
            "79228162514264337593543950335",
            "(12.50)",
        ];
        t.rows = values
            .iter()
            .map(|v| {
                vec![
                    "1".into(),
                    "".into(),
                    "项目".into(),
                    v.to_string(),
                    "".into(),
                ]
            })
            .collect();
        t.row_lines = vec![1; values.len()];
        let doc = Document {
            tables: vec![t.clone()],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), values.len());
        for (id, v) in cells.into_iter().zip(values) {
            let fig = index.figures(id)[0];
            let expected = crate::parse::amount::parse_amount(v).expect("a figure");
            let got = index.wan(&fig);
            assert_eq!(got.serialize(), expected.serialize(), "{v}: {got}");
            assert_eq!(
                index.amount(&fig).value.to_string(),
                expected.to_string(),
                "{v}"
            );
        }
        assert!(
            !index.bigs.is_empty(),
            "values beyond 10⁻⁸ or i64 kept exactly"
        );
    }

    #[test]
    fn codes_beside_labels_are_not_money() {
        let t = Table {
            title: "项目绩效表".into(),
            kind: TableKind::ProjectPerformance,
            rows: crate::model::Grid::from_rows(vec![
                vec!["项目编码", "2040299", "项目名称", "智慧"],
                vec!["预算数", "924", "数量", "3"],
            ]),
            row_lines: vec![1, 2],
            ..Table::default()
        };
        let doc = Document {
            tables: vec![t],
            ..Document::default()
        };
        let index = Index::build(&[doc]);
        let cells = ids_of(&index, Kind::Amount);
        assert_eq!(cells.len(), 1);
        assert_eq!(index.text(cells[0]), "预算数");
        assert_eq!(index.figures(cells[0])[0].unit(), None);
        // Performance rows without figures are not rows.
        assert_eq!(ids_of(&index, Kind::Row).len(), 1);
    }
}
