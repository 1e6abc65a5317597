//! The loader: documents arrive over the channel from worker threads, a file
//! that fails shows with its error, the first frame never waits.

use std::time::{Duration, Instant};

mod common;

use budgettui::tui::loader::{self, Source};
use budgettui::tui::{App, DocState, LoadEvent, Msg, Settings, update};

fn drain(source: Source) -> App {
    let rx = loader::start(source);
    let mut app = App::new((100, 30), Settings::mono());
    assert!(app.status().progress.scanning, "waiting for the loader");
    let start = Instant::now();
    while let Ok(ev) = rx.recv_timeout(Duration::from_secs(30)) {
        update(&mut app, Msg::Load(ev));
        if app.status().progress.finished() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "loader too slow");
    }
    app
}

#[test]
fn loads_a_folder_with_a_failing_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/shenzhen-zhian-2023-budget.txt"
    ))
    .expect("sample");
    std::fs::write(dir.path().join("a.txt"), &sample).expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "2022年某局部门预算\n一、概况\n正文。\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("skip.docx"), b"PK").expect("write");
    let missing = dir.path().join("missing.txt");
    let app = drain(Source::Paths(vec![dir.path().to_path_buf(), missing]));
    assert!(app.status().progress.finished());
    let ready = app
        .docs()
        .iter()
        .filter(|d| matches!(d.state, DocState::Ready(_)))
        .count();
    let failed: Vec<_> = app
        .docs()
        .iter()
        .filter_map(|d| match &d.state {
            DocState::Failed(e) => Some((d.path.clone(), e.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        ready,
        2,
        "{:?}",
        app.docs().iter().map(|d| &d.path).collect::<Vec<_>>()
    );
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].0.ends_with("missing.txt"));
    // Sorted by department: loaded documents first, failures after.
    let first = &app.docs()[app.list().order[0]];
    assert!(matches!(first.state, DocState::Ready(_)));
    let last = &app.docs()[app.list().order[app.list().order.len() - 1]];
    assert!(matches!(last.state, DocState::Failed(_)));
}

#[test]
fn bundled_samples_say_so() {
    let app = drain(Source::Samples);
    // five text extractions and two PDFs
    assert_eq!(app.docs().len(), 7);
    assert_eq!(app.status().source_note.as_deref(), Some("bundled samples"));
    assert!(
        app.docs()
            .iter()
            .all(|d| matches!(d.state, DocState::Ready(_)))
    );
}

/// The list shows every queued document before any is parsed.
#[test]
fn queued_documents_are_listed_before_they_load() {
    let mut app = App::new((100, 30), Settings::mono());
    update(
        &mut app,
        Msg::Load(LoadEvent::Discovered {
            paths: (0..120).map(|i| format!("docs/{i:03}.txt")).collect(),
            errors: vec![(
                "docs/bad.txt".into(),
                "not a text file (binary data)".into(),
            )],
            skipped: 2,
            note: None,
        }),
    );
    assert_eq!(app.docs().len(), 121);
    assert_eq!(app.status().progress.total, 120);
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("backend");
    term.draw(|f| {
        budgettui::tui::draw(f, &app);
    })
    .expect("draw");
    let screen = common::screen_of(term.backend().buffer());
    assert!(screen.contains("loading 0/120"), "{screen}");
    assert!(screen.contains("bad.txt: not a text file"), "{screen}");
}
