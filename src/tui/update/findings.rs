//! Enter on a finding of the `检查` node: go where it stands, as a search
//! result goes — its cell, else its table, else the heading or paragraph at
//! its line, else the summary card — and Esc comes back to the list.

use crate::check::Finding;
use crate::model::{Document, LineNo, Section};

use super::super::base::panes::inner;
use super::super::content::main_content::main_lines;
use super::super::document::doc_tree::NodeKind;
use super::super::state::{App, Focus, Found, FoundKind, Pick, Target};
use super::jump;

/// Enter in the main view: on the `检查` node, go to the selected
/// finding's place; false when the view is something else.
pub(super) fn open(app: &mut App) -> bool {
    let (Some(doc), Some(r)) = (app.selected_doc(), app.current_ready()) else {
        return false;
    };
    if r.selected_kind() != NodeKind::Checks {
        return false;
    }
    let item = r.pos().item;
    let n = r.checks.findings.len();
    let width = inner(app.panes().main).width;
    let pick = main_lines(app, width).and_then(|l| l.items.get(item).map(|(p, _)| *p));
    let Some(Pick::Finding(i)) = pick else {
        return true;
    };
    let Some(f) = app
        .current_ready()
        .and_then(|r| r.checks.findings.get(i))
        .cloned()
    else {
        return true;
    };
    let target = app.current_ready().and_then(|r| target(&r.doc, &f));
    app.search.jump_back = Some(jump::origin(app));
    let landed = target.is_some_and(|target| {
        let found = Found {
            doc,
            kind: FoundKind::Text,
            text: String::new(),
            matched: Vec::new(),
            amount: None,
            target,
            line: f.line.unwrap_or(0),
            context: String::new(),
            label: String::new(),
        };
        jump::jump(app, &found)
    });
    if !landed {
        summary_card(app);
    }
    app.status.message = Some(format!("finding {}/{n} · Esc back", item + 1));
    true
}

/// Where a finding is shown: its cell, its table, the heading at its line,
/// the paragraph at its line (in its section, or before the first heading).
fn target(doc: &Document, f: &Finding) -> Option<Target> {
    if let Some((table, row, col)) = f.cell() {
        return Some(Target::Cell { table, row, col });
    }
    if let Some(table) = f.table {
        return Some(Target::Table { table });
    }
    let line = f.line.filter(|&l| l > 0)?;
    let mut path = Vec::new();
    let heading = section_path(&doc.sections, line, &mut path);
    Some(if heading {
        Target::Section { path }
    } else {
        Target::Text { path, line }
    })
}

/// The path of the deepest section holding `line` (pushed onto `path`);
/// true when `line` is that section's heading.
fn section_path(sections: &[Section], line: LineNo, path: &mut Vec<usize>) -> bool {
    // The last section starting at or before the line, if the line is
    // inside it (a section without a known end runs to the next one).
    let Some(k) = sections.iter().rposition(|s| s.line > 0 && s.line <= line) else {
        return false;
    };
    let s = &sections[k];
    if s.end_line > 0 && line > s.end_line {
        return false;
    }
    path.push(k);
    if s.line == line {
        return true;
    }
    section_path(&s.children, line, path)
}

/// What is not shown elsewhere: the document's summary card.
fn summary_card(app: &mut App) {
    if let Some(r) = app.current_ready_mut() {
        r.tree.selected = 0;
    }
    app.zoom = false;
    app.focus = Focus::Main;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;

    fn section(line: LineNo, end_line: LineNo, children: Vec<Section>) -> Section {
        Section {
            line,
            end_line,
            children,
            ..Section::default()
        }
    }

    #[test]
    fn a_finding_goes_to_its_cell_table_heading_or_text() {
        let doc = Document {
            sections: vec![
                section(3, 9, vec![section(5, 9, Vec::new())]),
                section(10, 20, Vec::new()),
            ],
            ..Document::default()
        };
        let f = |line| Finding::new("x", Severity::Error, String::new()).at_line(line);
        assert_eq!(
            target(&doc, &f(5)),
            Some(Target::Section { path: vec![0, 0] })
        );
        assert_eq!(
            target(&doc, &f(7)),
            Some(Target::Text {
                path: vec![0, 0],
                line: 7
            })
        );
        assert_eq!(
            target(&doc, &f(4)),
            Some(Target::Text {
                path: vec![0],
                line: 4
            })
        );
        assert_eq!(
            target(&doc, &f(1)),
            Some(Target::Text {
                path: vec![],
                line: 1
            })
        );
        let mut at_table = f(12);
        at_table.table = Some(2);
        assert_eq!(target(&doc, &at_table), Some(Target::Table { table: 2 }));
        at_table.row = Some(1);
        at_table.column = Some(3);
        assert_eq!(
            target(&doc, &at_table),
            Some(Target::Cell {
                table: 2,
                row: 1,
                col: 3
            })
        );
        let nowhere = Finding::new("x", Severity::Warning, String::new());
        assert_eq!(target(&doc, &nowhere), None);
    }
}
