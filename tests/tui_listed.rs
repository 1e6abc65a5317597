//! Large folders: documents are listed and searchable from their summaries
//! and read only when shown; a few stay read; a jump to a result in a
//! document not read yet lands once it is.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

use budgettui::tui::{
    App, Brief, DocState, Effect, Engine, KEEP_OPEN, LIMIT, LoadEvent, Msg, Ready, SearchDone,
    Settings, update,
};

/// An explorer with `docs` listed (not read), as the loader lists a large
/// folder.
fn listed(docs: &[budgettui::model::Document]) -> App {
    let mut app = App::new((120, 40), Settings::mono());
    update(
        &mut app,
        Msg::Load(LoadEvent::Discovered {
            paths: docs.iter().map(|d| d.path.clone()).collect(),
            errors: Vec::new(),
            skipped: 0,
            note: None,
        }),
    );
    for (id, d) in docs.iter().enumerate() {
        // as the loader lists them: with the counts of their checks
        let brief = Box::new(Brief::of(&budgettui::load::items_of(d).summary));
        update(&mut app, Msg::Load(LoadEvent::Listed { id, brief }));
    }
    app
}

fn opened(app: &mut App, id: usize, doc: &budgettui::model::Document) {
    let result = Ok(Box::new(Ready::new(doc.clone())));
    update(app, Msg::Load(LoadEvent::Opened { id, result }));
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn listed_documents_show_in_the_list_and_are_read_when_selected() {
    let docs = common::sample_docs();
    let mut app = listed(&docs);
    assert!(app.status().progress.finished());
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("backend");
    term.draw(|f| {
        budgettui::tui::draw(f, &app);
    })
    .expect("draw");
    let screen = common::screen_of(term.backend().buffer());
    assert!(screen.contains("深圳市公安局治安管"), "{screen}");
    assert!(screen.contains("145,863.63"), "totals listed: {screen}");
    // the checks' tally of each document, before any is read
    for d in &docs {
        let (e, r, _) = budgettui::check::counts(&budgettui::check::check(d));
        let line = screen
            .lines()
            .find(|l| {
                let dept: String = d
                    .department
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(8)
                    .collect();
                l.contains(&dept)
            })
            .unwrap_or("");
        if e > 0 {
            assert!(line.contains(&format!("✗{e}")), "{line}");
        }
        if r > 0 {
            assert!(line.contains(&format!("≈{r}")), "{line}");
        }
    }
    assert!(screen.contains("✓"), "a document with no finding: {screen}");
    // the selected document is wanted; once read it is ready
    let first = app.wants_open().expect("the selected document is read");
    assert_eq!(Some(first), app.selected_doc());
    opened(&mut app, first, &docs[first]);
    assert!(matches!(app.docs()[first].state, DocState::Ready(_)));
    assert_eq!(app.wants_open(), None);
    // the list keeps its order
    let order = app.list().order.clone();
    key(&mut app, KeyCode::Down);
    let second = app.wants_open().expect("the next one is wanted");
    opened(&mut app, second, &docs[second]);
    assert_eq!(app.list().order, order);
}

#[test]
fn only_the_last_documents_shown_stay_read() {
    let sample = &common::sample_docs()[3];
    let docs: Vec<_> = (0..KEEP_OPEN + 4)
        .map(|i| {
            let mut d = sample.clone();
            d.path = format!("docs/{i:02}.txt");
            d
        })
        .collect();
    let mut app = listed(&docs);
    for _ in 0..docs.len() {
        let id = app.wants_open().expect("wanted");
        opened(&mut app, id, &docs[id]);
        key(&mut app, KeyCode::Down);
    }
    let ready = app
        .docs()
        .iter()
        .filter(|d| matches!(d.state, DocState::Ready(_)))
        .count();
    assert_eq!(ready, KEEP_OPEN);
    // the others are listed again, with their summary
    assert!(app.docs().iter().all(|d| d.brief().is_some()));
}

#[test]
fn a_jump_to_a_document_not_read_yet_lands_when_it_is() {
    let docs = common::sample_docs();
    let mut app = listed(&docs);
    let engine = Engine::build(docs.iter().enumerate());
    key(&mut app, KeyCode::Char('/'));
    let mut request = None;
    for c in "智慧社区".chars() {
        for fx in key(&mut app, KeyCode::Char(c)) {
            if let Effect::Search(r) = fx {
                request = Some(r);
            }
        }
    }
    let request = request.expect("typing searches");
    let results = engine.search(&request.query, LIMIT, None);
    let target = results.first().expect("a result").doc;
    update(
        &mut app,
        Msg::Search(SearchDone {
            generation: request.generation,
            query: request.query,
            results,
        }),
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_doc(), Some(target));
    assert_eq!(app.wants_open(), Some(target), "read to land the jump");
    opened(&mut app, target, &docs[target]);
    let ready = app.current_ready().expect("read");
    assert_ne!(
        ready.tree.selected, 0,
        "the jump landed inside the document"
    );
}
