//! The boards: `P` opens every project (again: with the projects that group
//! others), `C` this kind of table across documents; Enter opens the
//! project or the figure under the cursor in its document; Esc there goes
//! back to the board as it was, Esc on the board closes it.

use crate::rows::table_kind_key;

use super::super::content::boards;
use super::super::state::{App, BoardKind, Focus, Found, FoundKind, Target};
use super::grid::rearrange;
use super::jump;

/// `P`: the projects board, as it was left; on it, switch between leaf
/// projects and all.
pub(super) fn projects(app: &mut App) {
    if let Some(b) = &app.board
        && let BoardKind::Projects { all } = b.kind
    {
        let keep = b.grid.clone();
        let mut fresh = boards::projects(app, !all);
        fresh.grid.sort = keep.sort;
        fresh.grid.filter = keep.filter;
        fresh.grid.widths = keep.widths;
        fresh.grid.marks.clear();
        app.status.message = Some(fresh.note.clone());
        app.board = Some(Box::new(fresh));
        if let Some(mut g) = app.grid_mut() {
            rearrange(&mut g, true);
        }
        return;
    }
    let stashed = app
        .stash
        .take_if(|s| matches!(s.kind, BoardKind::Projects { .. }));
    let b = stashed.unwrap_or_else(|| Box::new(boards::projects(app, false)));
    app.status.message = Some(if b.note.is_empty() {
        "Enter opens a project · Esc closes".to_string()
    } else {
        format!("{} · Enter opens a project · Esc closes", b.note)
    });
    open(app, b);
}

/// `C`: the current table's kind across every loaded document.
pub(super) fn compare(app: &mut App) {
    if app.board.is_some() {
        app.status.message = Some("C compares a document's table: close the board first".into());
        return;
    }
    let Some(g) = app.grid() else {
        app.status.message = Some("C compares a table across documents: open a table".into());
        return;
    };
    let kind = table_kind_key(g.table);
    let stashed = app
        .stash
        .take_if(|s| s.kind == BoardKind::Compare { kind: kind.clone() });
    let b = stashed.unwrap_or_else(|| Box::new(boards::comparison(app, &kind)));
    let keys = "Enter opens the figure in its document · Esc closes";
    app.status.message = Some(if b.note.is_empty() {
        keys.to_string()
    } else {
        format!("{} · {keys}", b.note)
    });
    open(app, b);
}

fn open(app: &mut App, b: Box<super::super::state::Board>) {
    app.board = Some(b);
    app.back_to_board = false;
    app.focus = Focus::Main;
}

/// Esc on a board: close it.
pub(super) fn close(app: &mut App) {
    app.board = None;
    app.back_to_board = false;
    app.status.message = None;
}

/// Esc after opening a place from a board: the board again.
pub(super) fn reopen(app: &mut App) -> bool {
    if !app.back_to_board {
        return false;
    }
    app.back_to_board = false;
    match app.stash.take() {
        Some(b) => {
            open(app, b);
            true
        }
        None => false,
    }
}

/// Enter on a board: open what the cursor is on in its document.
pub(super) fn enter(app: &mut App) {
    let Some(b) = &app.board else {
        return;
    };
    let n = b.table.rows.len();
    let Some(row) = b.grid.row_at(b.pos.row, n) else {
        return;
    };
    let target = match &b.kind {
        BoardKind::Projects { .. } => b
            .projects
            .get(row)
            .map(|&(doc, project)| (doc, Target::Project { project }, FoundKind::Project)),
        BoardKind::Compare { .. } => b.comparison.as_ref().and_then(|cmp| {
            let r = cmp.rows.get(row)?;
            let k = cmp
                .column_of(b.pos.col)
                .filter(|&k| r.cells.get(k).is_some_and(Option::is_some))
                .or_else(|| r.cells.iter().position(Option::is_some))?;
            let cell = r.cells.get(k)?.as_ref()?;
            let col = cmp.columns.get(k)?;
            let target = Target::Cell {
                table: col.table,
                row: cell.at.0,
                col: cell.at.1,
            };
            Some((col.doc, target, FoundKind::Amount))
        }),
    };
    let Some((doc, target, kind)) = target else {
        app.status.message = Some("nothing to open here".to_string());
        return;
    };
    let found = Found {
        doc,
        kind,
        text: String::new(),
        matched: Vec::new(),
        amount: None,
        target,
        line: 0,
        context: String::new(),
        label: String::new(),
    };
    app.stash = app.board.take();
    app.back_to_board = true;
    app.search.jump_back = None;
    jump::jump(app, &found);
    app.status.message = Some("Esc goes back to the board".to_string());
}
