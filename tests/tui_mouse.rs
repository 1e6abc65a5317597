//! The mouse: a click selects what is under the pointer (a document, a tree
//! node, a table cell, a search result) and focuses its pane; the wheel
//! scrolls the pane under the pointer; in the help, a click closes it.

mod common;

use budgettui::tui::{Focus, Mode, NodeKind, demo};
use common::Explorer;
use crossterm::event::MouseEventKind;

#[test]
fn a_click_selects_a_document_and_a_tree_node() {
    let mut ex = Explorer::samples(80, 24);
    // The list: border, column header, then one document per row.
    ex.click(10, 4);
    assert_eq!(ex.app().list().selected, 2);
    assert_eq!(ex.app().focus(), Focus::List);
    // The tree (from row 8): border, then one node per row (the document,
    // its 检查, the text before the first heading, the contents); the fifth
    // is an open heading.
    ex.click(10, 13);
    assert_eq!(ex.app().focus(), Focus::Tree);
    let r = ex.ready();
    assert_eq!(r.tree.selected, r.visible()[4]);
    // A second click on a heading with children folds it.
    let node = r.tree.selected;
    let (has_children, was_open) = (r.nodes[node].has_children(node), r.tree.expanded[node]);
    ex.click(10, 13);
    let r = ex.ready();
    assert!(has_children && was_open, "an open heading");
    assert!(!r.tree.expanded[node]);
    assert_eq!(r.tree.selected, node);
}

#[test]
fn a_click_on_a_table_cell_moves_the_cursor_and_the_wheel_scrolls() {
    let mut ex = Explorer::new(vec![demo::document(60)], (80, 24));
    ex.select_node(|_, k, _| matches!(k, NodeKind::Table(_)));
    // Main pane inside: x from 37, y from 1; two header rows and a rule.
    ex.click(40, 6);
    assert_eq!(ex.app().focus(), Focus::Main);
    let pos = ex.ready().pos();
    assert_eq!((pos.row, pos.col), (2, 0));
    ex.mouse(MouseEventKind::ScrollDown, 50, 10);
    let pos = ex.ready().pos();
    assert_eq!(pos.row_off, 3, "the wheel scrolls three rows");
    assert_eq!(pos.row, 2, "the cursor stays");
    ex.click(40, 6);
    let pos = ex.ready().pos();
    assert_eq!(pos.row, 5, "a click under the scrolled rows");
    // Over the list, the wheel scrolls the list, not the table.
    ex.mouse(MouseEventKind::ScrollDown, 5, 3);
    assert_eq!(ex.ready().pos().row_off, 3);
}

#[test]
fn in_the_prompt_the_wheel_and_a_click_choose_a_result() {
    let mut ex = Explorer::samples(80, 24).searchable();
    ex.search("智慧社区");
    let selected = |ex: &Explorer| ex.app().prompt().map(|p| p.selected);
    ex.mouse(MouseEventKind::ScrollDown, 40, 5);
    assert_eq!(selected(&ex), Some(1));
    // Results start on the second line inside the overlay (row 2).
    ex.click(40, 5);
    assert_eq!(selected(&ex), Some(3));
    ex.click(40, 0);
    assert_eq!(selected(&ex), Some(3), "a border");
}

#[test]
fn in_the_help_the_wheel_scrolls_and_a_click_closes() {
    let mut ex = Explorer::samples(80, 12);
    ex.press("?");
    ex.mouse(MouseEventKind::ScrollDown, 40, 5);
    assert_eq!(ex.app().mode(), &Mode::Help { scroll: 3 });
    ex.click(40, 5);
    assert_eq!(ex.app().mode(), &Mode::Browse);
}
