//! The mouse: a click selects what is under the pointer (a document, a tree
//! node, a table cell, a search result) and focuses its pane; the wheel
//! scrolls the pane under the pointer; in the help, a click closes it.

use budgettui::tui::app::{App, Focus};
use budgettui::tui::keymap::KeySpec;
use budgettui::tui::outline::NodeKind;
use budgettui::tui::theme::Theme;
use budgettui::tui::update::{Msg, update};
use budgettui::tui::{demo, views};
use crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let spec = KeySpec::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        update(app, Msg::Key(KeyEvent::new(spec.code, spec.mods)));
    }
}

fn draw(app: &App) {
    let mut term = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("backend");
    term.draw(|f| views::draw(f, app)).expect("draw");
}

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    draw(app);
    update(
        app,
        Msg::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

fn samples() -> App {
    App::with_documents(
        budgettui::load::sample_documents(),
        (80, 24),
        Theme::mono(),
    )
}

#[test]
fn a_click_selects_a_document_and_a_tree_node() {
    let mut app = samples();
    // The list: border, column header, then one document per row.
    click(&mut app, 10, 4);
    assert_eq!(app.list_selected, 2);
    assert_eq!(app.focus, Focus::List);
    // The tree (from row 8): border, then one node per row; the fourth is
    // an open heading.
    click(&mut app, 10, 12);
    assert_eq!(app.focus, Focus::Tree);
    let (selected, visible) = {
        let r = app.current_ready().expect("ready");
        (r.tree.selected, r.visible())
    };
    assert_eq!(selected, visible[3]);
    // A second click on a heading with children folds it.
    let r = app.current_ready().expect("ready");
    let node = r.tree.selected;
    let (has_children, was_open) = (r.nodes[node].has_children(node), r.tree.expanded[node]);
    click(&mut app, 10, 12);
    let r = app.current_ready().expect("ready");
    assert!(has_children && was_open, "an open heading");
    assert!(!r.tree.expanded[node]);
    assert_eq!(r.tree.selected, node);
}

#[test]
fn a_click_on_a_table_cell_moves_the_cursor_and_the_wheel_scrolls() {
    let mut app = App::with_documents(vec![demo::document(60)], (80, 24), Theme::mono());
    {
        let r = app.current_ready_mut().expect("ready");
        r.tree.selected = r
            .nodes
            .iter()
            .position(|n| matches!(n.kind, NodeKind::Table(_)))
            .expect("a table");
    }
    // Main pane inside: x from 37, y from 1; two header rows and a rule.
    click(&mut app, 40, 6);
    assert_eq!(app.focus, Focus::Main);
    let pos = app.current_ready().expect("ready").pos();
    assert_eq!((pos.row, pos.col), (2, 0));
    mouse(&mut app, MouseEventKind::ScrollDown, 50, 10);
    let pos = app.current_ready().expect("ready").pos();
    assert_eq!(pos.row_off, 3, "the wheel scrolls three rows");
    assert_eq!(pos.row, 2, "the cursor stays");
    click(&mut app, 40, 6);
    let pos = app.current_ready().expect("ready").pos();
    assert_eq!(pos.row, 5, "a click under the scrolled rows");
    // Over the list, the wheel scrolls the list, not the table.
    mouse(&mut app, MouseEventKind::ScrollDown, 5, 3);
    assert_eq!(app.current_ready().expect("ready").pos().row_off, 3);
}

#[test]
fn in_the_prompt_the_wheel_and_a_click_choose_a_result() {
    let mut app = samples();
    press(&mut app, "/");
    let engine = budgettui::tui::find::Engine::build(
        app.docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.ready().map(|r| (i, &*r.doc))),
    );
    for c in "智慧社区".chars() {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                KeyModifiers::NONE,
            )),
        );
        budgettui::tui::find::run_now(&mut app, &engine);
    }
    mouse(&mut app, MouseEventKind::ScrollDown, 40, 5);
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(1));
    // Results start on the second line inside the overlay (row 2).
    click(&mut app, 40, 5);
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(3));
    click(&mut app, 40, 0);
    assert_eq!(app.prompt.as_ref().map(|p| p.selected), Some(3), "a border");
}

#[test]
fn in_the_help_the_wheel_scrolls_and_a_click_closes() {
    let mut app = samples();
    app.size = (80, 12);
    press(&mut app, "?");
    mouse(&mut app, MouseEventKind::ScrollDown, 40, 5);
    assert_eq!(app.help_scroll, 3);
    click(&mut app, 40, 5);
    assert!(!app.help);
}
