//! `ambiguous_width = 2`: ambiguous characters (`①`, `…`, `·`, `─`) are
//! measured as two cells; borders and rules are ASCII; each ambiguous
//! character drawn gets its second cell, so that a terminal drawing them wide
//! puts everything after them where the layout meant it.
//!
//! The width setting is process-wide, hence this file of its own with a
//! single test.

mod common;

use budgettui::model::{Content, Document, Section, Table, Unit};
use budgettui::tui::screen_text as text;
use budgettui::tui::{Focus, NodeKind};
use common::{Explorer, screen_of};
use ratatui::buffer::CellDiffOption;

fn doc() -> Document {
    let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    Document {
        path: "wide.txt".into(),
        title: "① 2024 年某局部门预算 · 说明".into(),
        year: Some(2024),
        sections: vec![Section {
            title: "概况".into(),
            level: 1,
            content: vec![Content::Table { index: 0 }],
            ..Section::default()
        }],
        tables: vec![Table {
            title: "支出表".into(),
            unit: Some(Unit::Wan),
            header: vec![s(&["科目名称", "金额", "说明"])].into(),
            rows: vec![
                s(&["①公共安全", "397.10", "§2 · 备注"]),
                s(&["②行政运行", "5,639.75", "…"]),
            ]
            .into(),
            ..Table::default()
        }],
        ..Document::default()
    }
}

#[test]
fn ambiguous_characters_two_cells_wide() {
    assert_eq!(text::width("①·…"), 3);
    text::set_ambiguous_width(2);
    assert!(text::ambiguous_wide());
    assert_eq!(text::width("①·…"), 6);
    assert_eq!(text::width("①公安"), 6);
    // Strings carry a filler after each ambiguous character (the cell
    // ratatui gives it is the character's second cell).
    let plain = |s: &str| s.replace(text::FILLER, "");
    assert_eq!(plain(&text::truncate("①②③④", 5)), "①②…");
    assert_eq!(text::truncate("①②③④", 5).chars().count(), 6);
    assert_eq!(plain(&text::fit("①", 4, false)), "①  ");
    assert_eq!(text::width(&text::fit("①", 4, false)), 4);
    assert_eq!(
        text::sanitize(&text::sanitize("a·b")),
        text::sanitize("a·b")
    );

    // Rows as a wide-ambiguous terminal shows them: each cell advances by
    // its width as the explorer measures it.
    let mut ex = Explorer::new(vec![doc()], (70, 14));
    ex.select_node(|_, k, _| *k == NodeKind::Table(0));
    ex.focus(Focus::Main);
    let buf = ex.buffer();
    let out = screen_of(&buf);
    // Every row is exactly the terminal's width as a wide terminal draws it.
    for line in out.lines() {
        assert_eq!(text::width(line), 70, "{line}");
    }
    // ASCII borders and rules.
    assert!(out.starts_with('+'), "{out}");
    assert!(!out.contains('─') && !out.contains('│'), "{out}");
    // Nothing was lost: the text reads whole.
    for s in ["①公共安全", "②行政运行", "397.10", "5,639.75", "§2 · 备注"] {
        let compact: String = s.chars().filter(|c| *c != ' ').collect();
        let flat: String = out.chars().filter(|c| *c != ' ').collect();
        assert!(
            flat.contains(&compact) || out.contains(s),
            "{s} on screen:\n{out}"
        );
    }
    // Each ambiguous character has its second cell, blank and never drawn over.
    let mut seen = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let mut cs = cell.symbol().chars();
            if let (Some(c), None) = (cs.next(), cs.next())
                && text::is_ambiguous(c)
            {
                seen += 1;
                assert!(
                    matches!(cell.diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2),
                    "{c} at {x},{y}"
                );
                assert_eq!(buf[(x + 1, y)].symbol(), " ", "{c} at {x},{y}");
            }
        }
    }
    assert!(seen >= 4, "{seen} ambiguous characters drawn:\n{out}");
    insta::assert_snapshot!(out);
    text::set_ambiguous_width(1);
}
