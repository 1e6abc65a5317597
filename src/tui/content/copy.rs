//! What `y` and `Y` copy: the selected figure exactly as printed (a table
//! cell under the cursor, the selected project's amount, the target of the
//! selected indicator) and the selected row as tab-separated text. Pure:
//! `update` returns the request as an effect and the event loop copies.

use crate::clipboard::format_amount;
use crate::config::YankConfig;
use crate::model::{Amount, Document, Indicator, Project, Table, Unit};
use crate::parse::amount::parse_figure;
use crate::parse::unit_in_label;

use super::super::base::screen_text as text;
use super::super::document::doc_tree::NodeKind;
use super::super::state::{App, Pick, Ready};
use super::main_content::main_lines;
use super::marks::marked_figures;
use super::picks::picks;

/// Something to put on the clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    /// The exact text copied.
    pub text: String,
    /// How the status bar names it (`397.10`, `row 智慧社区 …`).
    pub label: String,
}

/// Why nothing is copied, as the status bar says it.
pub type Refusal = String;

const NOTHING_HERE: &str = "nothing to copy here: select a table cell, a project or an indicator";

/// What a selection copies: a figure of money (read by the one parser of
/// printed figures, so copy and search agree on what a figure is), or text
/// copied as printed (indicator targets, cells that are not numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Money(Amount),
    Text(String),
}

impl Figure {
    /// The text to copy with these settings.
    pub fn text(&self, cfg: &YankConfig) -> Result<String, Refusal> {
        match self {
            Figure::Money(a) => format_amount(a, cfg.unit, cfg.append_unit),
            Figure::Text(t) if t.trim().is_empty() => {
                Err("nothing to copy: the selection is empty".to_string())
            }
            Figure::Text(t) => Ok(t.trim().to_string()),
        }
    }

    /// The figure as printed and its unit, for a copied row.
    fn printed_and_unit(&self) -> (&str, &str) {
        match self {
            Figure::Money(a) => (a.printed.as_str(), a.unit.map_or("", Unit::as_str)),
            Figure::Text(t) => (t.as_str(), ""),
        }
    }
}

/// Cells of a row for TSV: trimmed, inner tabs and line breaks as spaces.
fn tsv<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let clean: Vec<String> = cells
        .into_iter()
        .map(|c| {
            c.trim()
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch })
                .collect()
        })
        .collect();
    clean.join("\t")
}

/// The unit of a table column: the one its header states (`预算数（万元）`),
/// else the table's.
pub fn column_unit(table: &Table, col: usize) -> Option<Unit> {
    table
        .column_paths()
        .get(col)
        .and_then(|p| unit_in_label(p))
        .or(table.unit)
}

/// A table cell as a figure.
pub fn cell_figure(table: &Table, row: usize, col: usize) -> Result<Figure, Refusal> {
    let Some(cells) = table.rows.get(row) else {
        return Err("nothing to copy: the table has no rows".to_string());
    };
    let cell = cells.get(col).map(|s| s.trim()).unwrap_or("");
    if cell.is_empty() {
        return Err("nothing to copy: the cell is empty".to_string());
    }
    Ok(match parse_figure(cell, column_unit(table, col)) {
        Some(amount) => Figure::Money(amount),
        None => Figure::Text(cell.to_string()),
    })
}

/// A project's amount as printed.
pub fn project_figure(p: &Project) -> Result<Figure, Refusal> {
    match &p.amount {
        Some(a) => Ok(Figure::Money(a.clone())),
        None => Err("nothing to copy: this project states no amount".to_string()),
    }
}

/// An indicator's target (指标值), as printed.
pub fn indicator_figure(ind: &Indicator) -> Result<Figure, Refusal> {
    let t = ind.target().trim();
    if t.is_empty() {
        return Err("nothing to copy: this indicator has no target value".to_string());
    }
    Ok(Figure::Text(t.to_string()))
}

fn indicator_row(ind: &Indicator) -> String {
    tsv([
        ind.level1(),
        ind.level2(),
        ind.name(),
        ind.description(),
        ind.target(),
        ind.basis(),
    ])
}

/// What the selection of the current document is, for copying.
enum Selection<'a> {
    Cell(&'a Table, usize, usize),
    Project(&'a Project),
    Indicator(&'a Indicator),
    Total(&'a Document),
    Nothing,
}

/// What is selected: a board's or a document's table cell (the row as the
/// table has it, whatever the sort), else the document's selection.
fn selection(app: &App) -> Selection<'_> {
    if let Some(g) = app.grid() {
        return match g.row_at(g.pos.row) {
            Some(row) => Selection::Cell(g.table, row, g.pos.col),
            None => Selection::Cell(g.table, usize::MAX, g.pos.col),
        };
    }
    match app.current_ready() {
        Some(r) => doc_selection(r),
        None => Selection::Nothing,
    }
}

fn doc_selection(r: &Ready) -> Selection<'_> {
    let doc = &r.doc;
    let pos = r.pos();
    match r.selected_kind() {
        NodeKind::Table(i) => match doc.tables.get(i) {
            Some(t) => Selection::Cell(t, pos.row, pos.col),
            None => Selection::Nothing,
        },
        kind @ (NodeKind::Project(_) | NodeKind::DocIndicators) => {
            let list = picks(doc, &kind);
            let pick = list.get(pos.item).copied();
            match (kind, pick) {
                (NodeKind::Project(p), Some(Pick::Amount)) => doc
                    .projects
                    .get(p)
                    .map_or(Selection::Nothing, Selection::Project),
                (NodeKind::Project(p), Some(Pick::Indicator(k))) => doc
                    .projects
                    .get(p)
                    .and_then(|p| p.indicators.get(k))
                    .map_or(Selection::Nothing, Selection::Indicator),
                (NodeKind::Project(p), None) => doc
                    .projects
                    .get(p)
                    .map_or(Selection::Nothing, Selection::Project),
                (_, Some(Pick::Indicator(k))) => doc
                    .indicators
                    .get(k)
                    .map_or(Selection::Nothing, Selection::Indicator),
                _ => Selection::Nothing,
            }
        }
        NodeKind::Root => Selection::Total(doc),
        _ => Selection::Nothing,
    }
}

/// Short form of a text for the status bar.
fn label_of(s: &str) -> String {
    let one_line: String = s.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let t = text::truncate(&one_line, 40).into_owned();
    text::sanitize(&t).into_owned()
}

/// What `y` copies with the current selection: on a marked cell, every
/// marked figure (one a line).
pub fn figure(app: &App) -> Result<CopyRequest, Refusal> {
    let yank = &app.settings.yank;
    if let Some(g) = app.grid()
        && let Some(row) = g.row_at(g.pos.row)
        && g.grid.marks.contains(&(row, g.pos.col))
    {
        let figures = marked_figures(&g);
        let lines: Vec<String> = figures
            .into_iter()
            .map(|a| Figure::Money(a).text(yank))
            .collect::<Result<_, _>>()?;
        return Ok(CopyRequest {
            label: format!("{} marked figures", lines.len()),
            text: lines.join("\n"),
        });
    }
    if app.board.is_none()
        && let Some(fig) = prose_figure(app)
    {
        let text = Figure::Money(fig).text(yank)?;
        return Ok(CopyRequest {
            label: label_of(&text),
            text,
        });
    }
    let Some(r) = app.current_ready() else {
        return Err("nothing to copy: no document is open".to_string());
    };
    if let Some(p) = &app.search.pinned
        && app.selected_doc() == Some(p.doc)
        && r.tree.selected == p.node
        && r.pos().item == p.item
    {
        let figure = Figure::Money(p.amount.clone());
        let text = figure.text(yank)?;
        return Ok(CopyRequest {
            label: label_of(&text),
            text,
        });
    }
    let fig = match selection(app) {
        Selection::Cell(t, row, col) => cell_figure(t, row, col)?,
        Selection::Project(p) => project_figure(p)?,
        Selection::Indicator(ind) => indicator_figure(ind)?,
        Selection::Total(doc) => match &doc.total {
            Some(t) => Figure::Money(t.amount.clone()),
            None => return Err("nothing to copy: this document states no total".to_string()),
        },
        Selection::Nothing => return Err(NOTHING_HERE.to_string()),
    };
    let text = fig.text(yank)?;
    Ok(CopyRequest {
        label: label_of(&text),
        text,
    })
}

/// What `Y` copies: the selected row as tab-separated text.
pub fn row(app: &App) -> Result<CopyRequest, Refusal> {
    if app.board.is_none() && app.current_ready().is_none() {
        return Err("nothing to copy: no document is open".to_string());
    }
    let text = match selection(app) {
        Selection::Cell(t, row, _) => match t.rows.get(row) {
            Some(cells) => tsv(cells.iter()),
            None => return Err("nothing to copy: the table has no rows".to_string()),
        },
        Selection::Project(p) => {
            let fig = project_figure(p).ok();
            let (printed, unit) = fig.as_ref().map_or(("", ""), Figure::printed_and_unit);
            tsv([p.name.as_str(), printed, unit])
        }
        Selection::Indicator(ind) => indicator_row(ind),
        Selection::Total(doc) => match &doc.total {
            Some(t) => tsv([
                t.label.as_str(),
                t.amount.printed.as_str(),
                t.amount.unit.map_or("", Unit::as_str),
            ]),
            None => return Err("nothing to copy: this document states no total".to_string()),
        },
        Selection::Nothing => return Err(NOTHING_HERE.to_string()),
    };
    if text.split('\t').all(|c| c.trim().is_empty()) {
        return Err("nothing to copy: the row is empty".to_string());
    }
    Ok(CopyRequest {
        label: format!("row {}", label_of(&text)),
        text,
    })
}

/// What Ctrl-y copies in the search prompt: the highlighted result's amount.
pub fn hit_figure(amount: Option<&Amount>, cfg: &YankConfig) -> Result<CopyRequest, Refusal> {
    let Some(amount) = amount.filter(|a| !a.printed.trim().is_empty()) else {
        return Err("nothing to copy: this result has no amount".to_string());
    };
    let text = Figure::Money(amount.clone()).text(cfg)?;
    Ok(CopyRequest {
        label: label_of(&text),
        text,
    })
}

/// The figure of a section's text selected with `l` / `h`, when it is on
/// screen.
fn prose_figure(app: &App) -> Option<Amount> {
    let r = app.current_ready()?;
    let k = r.pos().figure?;
    let width = super::super::base::panes::inner(app.panes().main).width;
    let lines = main_lines(app, width)?;
    lines.figures.get(k).map(|f| f.amount.clone())
}
