//! Frame cost of the explorer: one frame of a 10,000-row table (budget ≤ 2 ms)
//! and the first frame with 1,000 documents queued (budget ≤ 100 ms); a
//! keystroke in the search prompt over ~100,000 indexed items (search and
//! frame; the search runs on its own thread in the explorer) and a frame of
//! the prompt with 500 results.

use std::hint::black_box;

use budgettui::tui::{
    App, Effect, Engine, LIMIT, LoadEvent, Msg, NodeKind, SearchDone, Settings, demo, update,
};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/common/mod.rs"]
mod common;

/// Press keys (names separated by spaces), as the event loop hands them over.
fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        update(app, Msg::Key(common::key_event(k)));
    }
}

/// Press `key` until `done` says so.
fn press_until(app: &mut App, key: &str, done: impl Fn(&App) -> bool) {
    while !done(app) {
        press(app, key);
    }
}

/// Tree node `node` selected (from the list), then the main view focused.
fn open_node(app: &mut App, node: usize) {
    press(app, "Tab");
    press_until(app, "j", |a| {
        a.current_ready().is_some_and(|r| r.tree.selected == node)
    });
    press(app, "Tab");
}

fn table_app(rows: usize, w: u16, h: u16) -> App {
    let mut app = App::with_documents(vec![demo::document(rows)], (w, h), Settings::default());
    let node = app
        .current_ready()
        .and_then(|r| {
            r.nodes
                .iter()
                .position(|n| matches!(n.kind, NodeKind::Table(_)))
        })
        .unwrap_or(0);
    open_node(&mut app, node);
    press(&mut app, "l l l l l");
    press_until(&mut app, "j", |a| {
        a.current_ready().is_some_and(|r| r.pos().row >= rows / 2)
    });
    app
}

fn bench(c: &mut Criterion) {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        let app = table_app(10_000, w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        c.bench_function(&format!("frame_table_10000_rows_{w}x{h}"), |b| {
            b.iter(|| {
                // Force a full repaint every time (no diff shortcut).
                term.clear().expect("clear");
                term.draw(|f| {
                    budgettui::tui::draw(f, black_box(&app));
                })
                .expect("draw");
            })
        });
    }
    let mut app = table_app(10_000, 200, 50);
    press(&mut app, "w");
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    c.bench_function("frame_table_10000_rows_wrapped_200x50", |b| {
        b.iter(|| {
            term.clear().expect("clear");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
        })
    });

    // A long section (20,000 paragraphs, ~1.4 MB of text): frames after the
    // first reuse the wrapped lines.
    let mut doc = demo::document(10);
    let para = "负责维护全区政治安全，预防、制止和侦查各类违法犯罪活动；维护社会治安秩序，制止危害社会治安秩序行为。";
    doc.sections[0].content = (0..20_000)
        .map(|i| budgettui::model::Content::Paragraph {
            line: i,
            text: para.into(),
        })
        .collect();
    let mut app = App::with_documents(vec![doc], (200, 50), Settings::default());
    open_node(&mut app, 1);
    press_until(&mut app, "PgDn", |a| {
        a.current_ready().is_some_and(|r| r.pos().scroll >= 30_000)
    });
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    c.bench_function("frame_prose_20000_paragraphs_200x50", |b| {
        b.iter(|| {
            term.clear().expect("clear");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
        })
    });

    let paths: Vec<String> = (0..1000)
        .map(|i| format!("docs/dept-{i:04}-2024-budget.txt"))
        .collect();
    c.bench_function("first_frame_1000_documents_queued_200x50", |b| {
        b.iter(|| {
            let mut app = App::new((200, 50), Settings::default());
            update(
                &mut app,
                Msg::Load(LoadEvent::Discovered {
                    paths: paths.clone(),
                    errors: Vec::new(),
                    skipped: 0,
                    note: None,
                }),
            );
            let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
            term.draw(|f| {
                budgettui::tui::draw(f, &app);
            })
            .expect("draw");
            black_box(term.backend().buffer().area);
        })
    });
}

fn sample_documents() -> Vec<budgettui::model::Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    names
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            Some(budgettui::parse::parse_bytes(&p.to_string_lossy(), &bytes))
        })
        .collect()
}

/// Run the search a key asked for, right here (the explorer runs it on a
/// thread of its own).
fn run_search(app: &mut App, engine: &Engine, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Search(req) = e {
            let results = engine.search(&req.query, LIMIT, None);
            update(
                app,
                Msg::Search(SearchDone {
                    generation: req.generation,
                    query: req.query,
                    results,
                }),
            );
        }
    }
}

fn bench_search(c: &mut Criterion) {
    // The samples 40 times over: about 100,000 items.
    let samples = sample_documents();
    let docs: Vec<_> = (0..40).flat_map(|_| samples.iter().cloned()).collect();
    let mut app = App::with_documents(docs, (200, 50), Settings::default());
    let engine = Engine::build(
        app.docs()
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.ready().map(|r| (i, &*r.doc))),
    );
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    let key = |c: char| {
        Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    update(&mut app, key('/'));
    let fx = update(&mut app, key('智'));
    run_search(&mut app, &engine, fx);
    // One keystroke: 智 → 智慧 (search inline), then the frame.
    c.bench_function("search_keystroke_100k_items_200x50", |b| {
        b.iter(|| {
            let fx = update(&mut app, key('慧'));
            run_search(&mut app, &engine, fx);
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
            update(
                &mut app,
                Msg::Key(crossterm::event::KeyEvent::new(
                    crossterm::event::KeyCode::Backspace,
                    crossterm::event::KeyModifiers::NONE,
                )),
            );
        })
    });
    let fx = update(&mut app, key('慧'));
    run_search(&mut app, &engine, fx);
    c.bench_function("frame_search_prompt_results_200x50", |b| {
        b.iter(|| {
            term.clear().expect("clear");
            term.draw(|f| {
                budgettui::tui::draw(f, black_box(&app));
            })
            .expect("draw");
        })
    });
}

criterion_group!(benches, bench, bench_search);
criterion_main!(benches);
