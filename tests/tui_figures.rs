//! A figure is shown whole or not at all: in every table drawn — random
//! tables at random sizes, scrolled, resized with `<` `>`, wrapped; every
//! table of the samples at 80×24 and 200×50, through all its columns and
//! rows — no cell holding a figure ends in `…`, and every figure shown is
//! exactly the model's.

mod common;

use budgettui::model::{Document, Table, TableKind};
use budgettui::tui::{Focus, NodeKind, checks, screen_text};
use common::{Explorer, sample_docs};
use proptest::prelude::*;
use ratatui::buffer::Buffer;

/// The text drawn from (x, y) over `w` cells, a wide character counted once.
fn text_at(buf: &Buffer, x: u16, y: u16, w: u16) -> String {
    let mut out = String::new();
    let mut cx = x;
    while cx < x + w && cx < buf.area.right() {
        let sym = buf[(cx, y)].symbol();
        out.push_str(sym);
        cx += (screen_text::width(sym) as u16).max(1);
    }
    out
}

/// Check every figure cell of the table drawn now (drawn with the focus
/// elsewhere, so that no whole-text popup covers cells). Returns how many
/// figure cells were checked.
fn check_figures(ex: &mut Explorer) -> usize {
    let focus = ex.app().focus();
    if focus == Focus::Main && ex.app().board().is_none() {
        ex.press("Tab");
    }
    let buf = ex.buffer();
    let app = ex.app();
    let mut checked = 0;
    if let (Some(drawn), Some(g)) = (&app.drawn().table, app.grid()) {
        for &(i, y, _) in &drawn.rows {
            let r = g.row_at(i).expect("a row shown");
            for &(c, x, w) in &drawn.columns {
                let model = g.table.rows.row(r).get(c).map_or("", |s| s.trim());
                if !screen_text::is_numeric(model) {
                    continue;
                }
                let shown = text_at(&buf, x, y, w);
                let mut shown = shown.trim();
                // A finding of the checks puts its symbol before the figure
                // (in a gap beside the column when the figure fills it; the
                // cursor's brackets go there first).
                if let Some(sev) = g.finding_mark(r, c) {
                    let sym = checks::symbol(sev);
                    let beside = [
                        text_at(&buf, x.saturating_sub(1), y, 1),
                        text_at(&buf, x + w, y, 1),
                    ];
                    let cursor = i == g.pos.row && c == g.pos.col;
                    assert!(
                        shown.starts_with(sym) || beside.contains(&sym.to_string()) || cursor,
                        "the finding's {sym} beside {model:?}"
                    );
                    shown = shown.trim_start_matches(sym).trim_start();
                }
                assert!(
                    !shown.ends_with('…'),
                    "a figure cut: {shown:?} for {model:?}"
                );
                assert_eq!(shown, model, "row {r} column {c} (width {w})");
                checked += 1;
            }
        }
    }
    if ex.app().focus() != focus {
        ex.focus(focus);
    }
    checked
}

fn doc_with(table: Table) -> Document {
    let mut doc = budgettui::tui::demo::document(1);
    doc.tables = vec![table];
    doc
}

/// A cell: a figure (grouped or not, signed, with decimals), a code, a
/// blank, or text (CJK and ASCII) up to 40 characters.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..10_000_000_000, 0u8..3, any::<bool>(), any::<bool>()).prop_map(
            |(v, dp, group, neg)| {
                let int = (v / 100).to_string();
                let int = if group {
                    screen_text::group_thousands(&int)
                } else {
                    int
                };
                let frac = match dp {
                    0 => String::new(),
                    1 => format!(".{}", v % 10),
                    _ => format!(".{:02}", v % 100),
                };
                format!("{}{int}{frac}", if neg { "-" } else { "" })
            }
        ),
        (2040000u32..2049999).prop_map(|c| c.to_string()),
        Just(String::new()),
        "[公安支出行政运行一般管理事务信息化建设abc ]{1,40}",
    ]
}

fn table() -> impl Strategy<Value = Table> {
    (2usize..10, 1usize..40).prop_flat_map(|(cols, rows)| {
        (
            proptest::collection::vec(proptest::collection::vec(cell(), cols), rows),
            proptest::collection::vec("[收入支出合计预算数项目名称]{0,10}", cols),
        )
            .prop_map(move |(rows, header)| Table {
                title: "随机表".into(),
                kind: TableKind::Grid,
                header: vec![header].into(),
                row_lines: vec![1; rows.len()],
                rows: rows.into(),
                pages: 1,
                ..Table::default()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_figure_is_ever_cut(
        t in table(),
        w in 40u16..220,
        h in 10u16..60,
        keys in proptest::collection::vec(
            prop_oneof![Just("l"), Just("h"), Just("j"), Just("<"), Just(">"), Just("w"),
                        Just("PgDn"), Just("G"), Just("s"), Just("z")],
            0..30,
        ),
    ) {
        let mut ex = Explorer::new(vec![doc_with(t)], (w, h));
        ex.select_node(|_, k, _| matches!(k, NodeKind::Table(_)));
        ex.focus(Focus::Main);
        check_figures(&mut ex);
        for k in keys {
            ex.press(k);
            if ex.app().focus() != Focus::Main {
                ex.focus(Focus::Main);
            }
            check_figures(&mut ex);
        }
    }
}

/// Every grid table of the samples, at 80×24 and 200×50, through every
/// column and every page of rows.
#[test]
fn no_figure_of_the_samples_is_cut() {
    let mut checked = 0;
    for (w, h) in [(80, 24), (200, 50)] {
        let mut ex = Explorer::new(sample_docs(), (w, h));
        for d in 0..ex.app().list().order.len() {
            ex.select_doc_at(d);
            let tables: Vec<usize> = {
                let r = ex.ready();
                r.nodes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| matches!(n.kind, NodeKind::Table(_)))
                    .map(|(i, _)| i)
                    .collect()
            };
            for node in tables {
                ex.select_node_at(node);
                ex.focus(Focus::Main);
                ex.press("g");
                let (ncols, nrows) = {
                    let g = ex.app().grid().expect("a table");
                    (g.table.width(), g.table.rows.len())
                };
                for _ in 0..ncols {
                    checked += check_figures(&mut ex);
                    ex.press("l");
                }
                for _ in 0..nrows / 10 + 1 {
                    checked += check_figures(&mut ex);
                    ex.press("PgDn");
                }
                ex.focus(Focus::Tree);
            }
        }
    }
    assert!(checked > 5000, "{checked} figures checked");
}
