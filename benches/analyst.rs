//! The analyst's keystrokes on a 100,000-row table (budget ≤ 16 ms each,
//! the frame included): `s` sorting by a column of figures (the sort keys
//! derived once, then kept; the first sort is measured apart), and the
//! filter applied as it is typed — an amount range on a column of figures,
//! words on a column of names.

use std::hint::black_box;

use budgettui::tui::{App, Msg, NodeKind, Settings, demo, update};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/common/mod.rs"]
mod common;

const ROWS: usize = 100_000;

fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        update(app, Msg::Key(common::key_event(k)));
    }
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(
            app,
            Msg::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )),
        );
    }
}

/// The 100,000-row table open, the cursor on its first column of figures.
fn table_app() -> App {
    let mut app = App::with_documents(vec![demo::document(ROWS)], (200, 50), Settings::default());
    press(&mut app, "Tab");
    while !app
        .current_ready()
        .and_then(|r| r.selected_node())
        .is_some_and(|n| matches!(n.kind, NodeKind::Table(_)))
    {
        press(&mut app, "j");
    }
    press(&mut app, "Tab");
    app
}

fn bench(c: &mut Criterion) {
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    let fresh = table_app();
    c.bench_function("first_sort_keystroke_100k_rows", |b| {
        b.iter_batched(
            || fresh.clone(),
            |mut app| {
                press(&mut app, "s");
                black_box(app)
            },
            BatchSize::LargeInput,
        )
    });
    let mut app = fresh.clone();
    press(&mut app, "s");
    c.bench_function("sort_keystroke_100k_rows_with_frame", |b| {
        b.iter(|| {
            press(&mut app, "s");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
        })
    });
    let mut app = fresh.clone();
    press(&mut app, "f");
    type_text(&mut app, "100..");
    c.bench_function("filter_amount_keystroke_100k_rows_with_frame", |b| {
        b.iter(|| {
            type_text(&mut app, "5");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
            press(&mut app, "Backspace");
        })
    });
    // Words on the names: go to 科目名称, filter there.
    let mut app = fresh.clone();
    press(&mut app, "c");
    type_text(&mut app, "名称");
    press(&mut app, "Enter f");
    type_text(&mut app, "公");
    c.bench_function("filter_words_keystroke_100k_rows_with_frame", |b| {
        b.iter(|| {
            type_text(&mut app, "安");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
            press(&mut app, "Backspace");
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
