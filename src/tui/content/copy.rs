//! What `y` and `Y` copy: the selected figure exactly as printed (a table
//! cell under the cursor, the selected project's amount, the target of the
//! selected indicator) and the selected row as tab-separated text. Pure:
//! `update` returns the request as an effect and the event loop copies.

use crate::clipboard::format_figure;
use crate::config::YankConfig;
use crate::model::{Document, Indicator, Project, Table};
use crate::parse::text::unit_in_label;

use super::super::base::screen_text as text;
use super::super::document::doc_tree::NodeKind;
use super::super::state::{App, Pick, Ready};
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

/// A figure as printed and the unit it is printed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub printed: String,
    pub unit: Option<String>,
    /// Indicator targets and text cells are copied as printed, never converted.
    pub convert: bool,
}

impl Figure {
    /// The text to copy with these settings.
    pub fn text(&self, cfg: &YankConfig) -> Result<String, Refusal> {
        let printed = self.printed.trim();
        if printed.is_empty() {
            return Err("nothing to copy: the selection is empty".to_string());
        }
        if !self.convert {
            return Ok(printed.to_string());
        }
        format_figure(printed, self.unit.as_deref(), cfg.unit, cfg.append_unit)
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
pub fn column_unit(table: &Table, col: usize) -> Option<String> {
    table
        .column_paths()
        .get(col)
        .and_then(|p| unit_in_label(p))
        .map(str::to_string)
        .or_else(|| {
            table
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string)
        })
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
    Ok(Figure {
        printed: cell.to_string(),
        unit: column_unit(table, col),
        convert: true,
    })
}

/// A project's amount as printed (or, when only the value is known, in 万元).
pub fn project_figure(p: &Project) -> Result<Figure, Refusal> {
    let printed = p
        .amount_printed
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match (printed, &p.amount) {
        (Some(pr), _) => Ok(Figure {
            printed: pr.to_string(),
            unit: p
                .amount_unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string),
            convert: true,
        }),
        (None, Some(a)) => Ok(Figure {
            printed: a.to_string(),
            unit: Some("万元".to_string()),
            convert: true,
        }),
        (None, None) => Err("nothing to copy: this project states no amount".to_string()),
    }
}

/// An indicator's target (指标值), as printed.
pub fn indicator_figure(ind: &Indicator) -> Result<Figure, Refusal> {
    let t = ind.target.trim();
    if t.is_empty() {
        return Err("nothing to copy: this indicator has no target value".to_string());
    }
    Ok(Figure {
        printed: t.to_string(),
        unit: None,
        convert: false,
    })
}

fn indicator_row(ind: &Indicator) -> String {
    tsv([
        ind.level1.as_str(),
        ind.level2.as_str(),
        ind.name.as_str(),
        ind.description.as_str(),
        ind.target.as_str(),
        ind.basis.as_str(),
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

fn selection(r: &Ready) -> Selection<'_> {
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

/// What `y` copies with the current selection.
pub fn figure(app: &App) -> Result<CopyRequest, Refusal> {
    let Some(r) = app.current_ready() else {
        return Err("nothing to copy: no document is open".to_string());
    };
    let yank = &app.settings.yank;
    if let Some(p) = &app.search.pinned
        && app.selected_doc() == Some(p.doc)
        && r.tree.selected == p.node
        && r.pos().item == p.item
    {
        let figure = Figure {
            printed: p.printed.clone(),
            unit: p.unit.clone(),
            convert: true,
        };
        let text = figure.text(yank)?;
        return Ok(CopyRequest {
            label: label_of(&text),
            text,
        });
    }
    let fig = match selection(r) {
        Selection::Cell(t, row, col) => cell_figure(t, row, col)?,
        Selection::Project(p) => project_figure(p)?,
        Selection::Indicator(ind) => indicator_figure(ind)?,
        Selection::Total(doc) => match &doc.total {
            Some(t) => Figure {
                printed: t.printed.clone(),
                // The total is in 万元; its printing may be in another unit.
                unit: (t
                    .printed
                    .replace(',', "")
                    .trim()
                    .parse::<rust_decimal::Decimal>()
                    .ok()
                    == Some(t.amount))
                .then(|| "万元".to_string()),
                convert: true,
            },
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
    let Some(r) = app.current_ready() else {
        return Err("nothing to copy: no document is open".to_string());
    };
    let text = match selection(r) {
        Selection::Cell(t, row, _) => match t.rows.get(row) {
            Some(cells) => tsv(cells.iter().map(String::as_str)),
            None => return Err("nothing to copy: the table has no rows".to_string()),
        },
        Selection::Project(p) => {
            let fig = project_figure(p).ok();
            tsv([
                p.name.as_str(),
                fig.as_ref().map(|f| f.printed.as_str()).unwrap_or(""),
                fig.as_ref().and_then(|f| f.unit.as_deref()).unwrap_or(""),
            ])
        }
        Selection::Indicator(ind) => indicator_row(ind),
        Selection::Total(doc) => match &doc.total {
            Some(t) => tsv([t.label.as_str(), t.printed.as_str(), "万元"]),
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
pub fn hit_figure(
    printed: Option<&str>,
    unit: Option<&str>,
    cfg: &YankConfig,
) -> Result<CopyRequest, Refusal> {
    let Some(printed) = printed.map(str::trim).filter(|p| !p.is_empty()) else {
        return Err("nothing to copy: this result has no amount".to_string());
    };
    let fig = Figure {
        printed: printed.to_string(),
        unit: unit.map(str::to_string),
        convert: true,
    };
    let text = fig.text(cfg)?;
    Ok(CopyRequest {
        label: label_of(&text),
        text,
    })
}
