//! The boards' tables, built from every loaded document when a board opens:
//! all the projects (`P`) and one kind of table compared across documents
//! (`C`), and the total of the projects shown.

use rust_decimal::Decimal;

use crate::compare::Comparison;
use crate::model::{Document, ProjectRole, SourceKind, Table, Unit};
use crate::parse::amount::parse_figure;
use crate::search::short_department;

use super::super::document::table_layout::TableLayout;
use super::super::state::{App, Board, BoardKind, DocState, GridRef, GridState, ViewPos};

/// The column of the projects board holding amounts.
pub const PROJECT_AMOUNT_COL: usize = 3;

/// A large folder's documents are read when shown: a board over the others
/// says how many it covers.
fn unread_note(app: &App) -> Option<String> {
    let listed = app
        .docs
        .iter()
        .filter(|d| matches!(d.state, DocState::Listed(_)))
        .count();
    (listed > 0).then(|| {
        let read = app.docs.iter().filter(|d| d.ready().is_some()).count();
        format!("from the {read} documents read of {} (a large folder reads a document when it is shown)", read + listed)
    })
}

/// Put `note` before a board's own note.
fn with_note(mut b: Board, note: Option<String>) -> Board {
    if let Some(n) = note {
        b.note = if b.note.is_empty() {
            n
        } else {
            format!("{n} · {}", b.note)
        };
    }
    b
}

/// The loaded documents in the list's order, with their indices.
fn documents(app: &App) -> Vec<(usize, &Document)> {
    app.list
        .order
        .iter()
        .filter_map(|&i| Some((i, &*app.docs.get(i)?.ready()?.doc)))
        .collect()
}

fn board(kind: BoardKind, title: String, table: Table) -> Board {
    let layout = TableLayout::compute(&table);
    let pos = ViewPos {
        col: layout.figure_col.unwrap_or(0),
        ..ViewPos::default()
    };
    Board {
        kind,
        title,
        table,
        layout,
        pos,
        grid: GridState {
            flat: true,
            ..GridState::default()
        },
        projects: Vec::new(),
        comparison: None,
        note: String::new(),
    }
}

/// Where a document's projects were mentioned, in short.
fn sources(p: &crate::model::Project) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for s in &p.sources {
        let k = match s.kind {
            SourceKind::PerformanceTable => "绩效表",
            SourceKind::ProjectTable => "项目表",
            SourceKind::Procurement => "采购表",
            SourceKind::Prose => "正文",
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds.join("、")
}

/// Every project of every loaded document: department, year, name, amount
/// in 万元, indicator count, where it is mentioned. Leaf projects only
/// (the parser's role `item`) unless `all`.
pub fn projects(app: &App, all: bool) -> Board {
    let header = vec![
        ["部门", "年度", "项目", "金额（万元）", "指标个数", "来源"]
            .map(String::from)
            .to_vec(),
    ];
    let mut rows = Vec::new();
    let mut links = Vec::new();
    let mut hidden = 0;
    for (d, doc) in documents(app) {
        let dept = doc
            .department
            .as_deref()
            .map(short_department)
            .unwrap_or_default();
        let year = doc.year.map(|y| y.to_string()).unwrap_or_default();
        for (k, p) in doc.projects.iter().enumerate() {
            // The parser's project roles: categories and subtotals group others.
            if !all && p.role != ProjectRole::Item {
                hidden += 1;
                continue;
            }
            let amount = match &p.amount {
                Some(a) if matches!(a.unit, None | Some(Unit::Wan)) => a.printed.clone(),
                Some(a) => a.in_wan().map(|v| v.to_string()).unwrap_or_default(),
                None => String::new(),
            };
            rows.push(vec![
                dept.clone(),
                year.clone(),
                p.name.trim().to_string(),
                amount,
                p.indicators.len().to_string(),
                sources(p),
            ]);
            links.push((d, k));
        }
    }
    let n = rows.len();
    let table = Table {
        title: "全部项目".into(),
        unit: Some(Unit::Wan),
        row_lines: vec![0; n],
        header: header.into(),
        rows: rows.into(),
        pages: 1,
        ..Table::default()
    };
    let mut b = board(BoardKind::Projects { all }, "全部项目".to_string(), table);
    b.projects = links;
    b.note = if all {
        "with the projects that group others · P: leaf projects only".to_string()
    } else if hidden == 1 {
        "1 project that groups others left out · P shows it".to_string()
    } else if hidden > 0 {
        format!("{hidden} projects that group others left out · P shows them")
    } else {
        String::new()
    };
    with_note(b, unread_note(app))
}

/// One kind of table compared across the loaded documents.
pub fn comparison(app: &App, kind: &str) -> Board {
    let cmp = Comparison::build(documents(app), kind);
    let table = cmp.to_table();
    let title = format!(
        "对比 · {kind} · {} documents · 单位：万元",
        cmp.columns.len()
    );
    let mut b = board(
        BoardKind::Compare {
            kind: kind.to_string(),
        },
        title,
        table,
    );
    b.pos.col = 1 + usize::from(cmp.rows.iter().any(|r| r.code.is_some()));
    b.comparison = Some(cmp);
    with_note(b, unread_note(app))
}

/// The total of a column over the rows shown, in the table's unit: the
/// projects board's ` · 合计 12,345.67 万元`.
pub fn shown_total(g: &GridRef, col: usize) -> Option<Decimal> {
    let unit = g.table.unit;
    let mut sum = Decimal::ZERO;
    for i in 0..g.shown() {
        let r = g.row_at(i)?;
        let cell = g.table.rows.get(r)?.get(col).map_or("", |s| s.trim());
        if let Some(a) = parse_figure(cell, unit) {
            sum = sum.checked_add(a.value)?;
        }
    }
    Some(sum)
}
