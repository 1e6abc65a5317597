//! Ruled tables: the grids drawn on a page, with every glyph put in its cell.

use super::grid::{Grid, grid_of};
use super::lines::{join_cell_lines, text_lines};
use super::page::{Orientation, Page};
use super::rulings::{frames, merge};
use super::table::{Cell, Table};

/// A frame smaller than this (points) on either side is not a table (a box, a check mark).
const MIN_SIDE: f32 = 8.0;

/// The ruled tables of a page, and for each glyph whether a table took it.
pub fn ruled_tables(page: &Page) -> (Vec<Table>, Vec<bool>) {
    let horizontal = merge(&page.segments, Orientation::Horizontal);
    let vertical = merge(&page.segments, Orientation::Vertical);
    let mut taken = vec![false; page.glyphs.len()];
    let mut tables = Vec::new();
    for frame in frames(&horizontal, &vertical) {
        let Some(grid) = grid_of(&frame) else {
            continue;
        };
        let rect = grid.rect();
        // A single framed box (a bordered paragraph, a page frame) is text, not a table.
        if rect.width() < MIN_SIDE || rect.height() < MIN_SIDE || grid.cells.len() < 2 {
            continue;
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); grid.cells.len()];
        for (i, g) in page.glyphs.iter().enumerate() {
            if taken[i] {
                continue;
            }
            if let Some(cell) = grid.cell_at(g.rect.center_x(), g.rect.center_y()) {
                members[cell].push(i);
            }
        }
        for &i in members.iter().flatten() {
            taken[i] = true;
        }
        tables.push(table_of(page, &grid, &members));
    }
    tables.sort_by(|a, b| a.rect.y0.total_cmp(&b.rect.y0));
    (tables, taken)
}

/// The table of a grid, given the glyphs (indices into the page) of each cell.
fn table_of(page: &Page, grid: &Grid, members: &[Vec<usize>]) -> Table {
    let cells = grid
        .cells
        .iter()
        .zip(members)
        .map(|(span, glyphs)| {
            let rect = grid.cell_rect(span);
            let lines = text_lines(&page.glyphs, glyphs);
            let inner = rect.width() - 2.0;
            Cell {
                row: span.row,
                col: span.col,
                row_span: span.row_span,
                col_span: span.col_span,
                rect,
                text: join_cell_lines(&lines, inner),
                lines,
            }
        })
        .collect();
    Table {
        rect: grid.rect(),
        rows: grid.rows(),
        cols: grid.cols(),
        cells,
        xs: grid.xs.clone(),
        ys: grid.ys.clone(),
        ruled: true,
    }
}
