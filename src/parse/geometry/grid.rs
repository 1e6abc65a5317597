//! A frame of ruling lines into a grid of cells: column edges from the vertical lines, row
//! edges from the horizontal ones, and merged cells wherever a border between two slots is
//! not drawn.
//!
//! Words: slot = one elementary position (row, column) of the grid; cell = one or more slots
//! joined into a rectangle (a merged cell spans several).

use super::page::{Rect, Segment};
use super::rulings::{Frame, TOUCH};

/// Edges closer than this (points) are one edge.
const SAME_EDGE: f32 = 2.0;
/// A frame's outer lines reaching this far (points) past its last inner line mark an edge of
/// the table even where no line is drawn across.
const OPEN_EDGE: f32 = 4.0;
/// A border counts as drawn when lines cover this share of it.
const DRAWN: f32 = 0.5;
/// Most rows or columns one grid may have (bounds the work on hostile input).
const MAX_EDGES: usize = 400;
/// Most slot visits spent making merged cells rectangular; a grid needing more is not read
/// as a table (hostile input: real tables need a few thousand).
const MERGE_BUDGET: usize = 4_000_000;

/// One cell: its first slot and how many slots it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
}

/// The grid a frame draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column edges, left to right (`cols + 1` of them).
    pub xs: Vec<f32>,
    /// Row edges, top to bottom (`rows + 1` of them).
    pub ys: Vec<f32>,
    /// The cells, in reading order (by first row, then first column).
    pub cells: Vec<Span>,
    /// For every slot (row-major), the index of its cell in `cells`.
    pub slot_cell: Vec<usize>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    pub fn rect(&self) -> Rect {
        Rect::new(
            self.xs[0],
            self.ys[0],
            self.xs[self.cols()],
            self.ys[self.rows()],
        )
    }

    /// The box of a cell.
    pub fn cell_rect(&self, s: &Span) -> Rect {
        Rect::new(
            self.xs[s.col],
            self.ys[s.row],
            self.xs[s.col + s.col_span],
            self.ys[s.row + s.row_span],
        )
    }

    /// The cell holding the point, if it is inside the grid.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let col = locate(&self.xs, x)?;
        let row = locate(&self.ys, y)?;
        Some(self.slot_cell[row * self.cols() + col])
    }
}

/// Which interval between sorted edges holds `v`.
fn locate(edges: &[f32], v: f32) -> Option<usize> {
    let first = *edges.first()?;
    let last = *edges.last()?;
    if !(v >= first && v <= last) {
        return None;
    }
    let i = edges.partition_point(|&e| e <= v);
    Some(i.saturating_sub(1).min(edges.len() - 2))
}

/// The grid of a frame, if it draws at least one cell with two sides on each axis.
pub fn grid_of(frame: &Frame) -> Option<Grid> {
    let xs = edges(
        frame.vertical.iter().map(|v| v.at),
        frame.horizontal.iter().map(|h| (h.start, h.end)),
    )?;
    let ys = edges(
        frame.horizontal.iter().map(|h| h.at),
        frame.vertical.iter().map(|v| (v.start, v.end)),
    )?;
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            let here = r * cols + c;
            if c + 1 < cols && !drawn(&frame.vertical, xs[c + 1], ys[r], ys[r + 1]) {
                join(&mut parent, here, here + 1);
            }
            if r + 1 < rows && !drawn(&frame.horizontal, ys[r + 1], xs[c], xs[c + 1]) {
                join(&mut parent, here, here + cols);
            }
        }
    }
    let (cells, slot_cell) = rectangles(&mut parent, rows, cols)?;
    Some(Grid {
        xs,
        ys,
        cells,
        slot_cell,
    })
}

/// Sorted distinct edge positions from the lines across, widened to the extent of the lines
/// along when they reach past the outermost edge (a table without drawn outer borders).
fn edges(
    across: impl Iterator<Item = f32>,
    along: impl Iterator<Item = (f32, f32)>,
) -> Option<Vec<f32>> {
    let mut at: Vec<f32> = across.filter(|v| v.is_finite()).collect();
    let (lo, hi) = along.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    at.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for v in at {
        match out.last_mut() {
            Some(last) if v - *last <= SAME_EDGE => *last = (*last + v) / 2.0,
            _ => out.push(v),
        }
    }
    if let (Some(&first), true) = (out.first(), lo.is_finite())
        && first - lo > OPEN_EDGE
    {
        out.insert(0, lo);
    }
    if let (Some(&last), true) = (out.last(), hi.is_finite())
        && hi - last > OPEN_EDGE
    {
        out.push(hi);
    }
    (out.len() >= 2 && out.len() <= MAX_EDGES).then_some(out)
}

/// Whether lines at `at` cover at least [`DRAWN`] of the stretch `from..to`.
fn drawn(lines: &[Segment], at: f32, from: f32, to: f32) -> bool {
    let need = (to - from) * DRAWN;
    let covered: f32 = lines
        .iter()
        .filter(|l| (l.at - at).abs() <= TOUCH)
        .map(|l| (l.end.min(to) - l.start.max(from)).max(0.0))
        .sum();
    covered >= need
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn join(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Turn the joined slots into rectangular cells: a group that is not a rectangle (a border
/// drawn only part of the way) takes in every slot of its bounding rectangle. `None` when that
/// takes more than [`MERGE_BUDGET`] steps.
fn rectangles(parent: &mut [usize], rows: usize, cols: usize) -> Option<(Vec<Span>, Vec<usize>)> {
    let mut budget = MERGE_BUDGET;
    loop {
        let bounds = group_bounds(parent, rows, cols);
        budget = budget.checked_sub(parent.len())?;
        let mut changed = false;
        for (root, b) in bounds.iter().enumerate() {
            let Some((r0, c0, r1, c1)) = *b else { continue };
            budget = budget.checked_sub((r1 - r0 + 1) * (c1 - c0 + 1))?;
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if find(parent, r * cols + c) != find(parent, root) {
                        join(parent, root, r * cols + c);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return Some(number_cells(parent, &bounds));
        }
    }
}

/// For every group root, the bounding rectangle (first row, first col, last row, last col).
type Bounds = Vec<Option<(usize, usize, usize, usize)>>;

fn group_bounds(parent: &mut [usize], rows: usize, cols: usize) -> Bounds {
    let mut bounds: Bounds = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(parent, r * cols + c);
            let b = bounds[root].get_or_insert((r, c, r, c));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c));
        }
    }
    bounds
}

/// Number the groups in reading order (slot order), and map every slot to its cell.
fn number_cells(parent: &mut [usize], bounds: &Bounds) -> (Vec<Span>, Vec<usize>) {
    let mut cells: Vec<Span> = Vec::new();
    let mut index = vec![usize::MAX; parent.len()];
    let mut slot_cell = Vec::with_capacity(parent.len());
    for slot in 0..parent.len() {
        let root = find(parent, slot);
        if index[root] == usize::MAX {
            let (r0, c0, r1, c1) = bounds[root].unwrap_or((0, 0, 0, 0));
            index[root] = cells.len();
            cells.push(Span {
                row: r0,
                col: c0,
                row_span: r1 - r0 + 1,
                col_span: c1 - c0 + 1,
            });
        }
        slot_cell.push(index[root]);
    }
    (cells, slot_cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::geometry::rulings::frames;

    /// A 3×3 grid 0..300 × 0..90 whose top row is one merged cell and whose middle column's
    /// lower two slots are merged.
    fn sample() -> Grid {
        let h = vec![
            Segment::horizontal(0.0, 0.0, 300.0),
            Segment::horizontal(30.0, 0.0, 300.0),
            Segment::horizontal(60.0, 0.0, 100.0),
            Segment::horizontal(60.0, 200.0, 300.0),
            Segment::horizontal(90.0, 0.0, 300.0),
        ];
        let v = vec![
            Segment::vertical(0.0, 0.0, 90.0),
            Segment::vertical(100.0, 30.0, 90.0),
            Segment::vertical(200.0, 30.0, 90.0),
            Segment::vertical(300.0, 0.0, 90.0),
        ];
        let f = frames(&h, &v);
        assert_eq!(f.len(), 1);
        grid_of(&f[0]).unwrap()
    }

    #[test]
    fn merged_cells_span_their_slots() {
        let g = sample();
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(g.cells.len(), 1 + 2 + 1 + 2);
        assert_eq!(
            g.cells[0],
            Span {
                row: 0,
                col: 0,
                row_span: 1,
                col_span: 3
            }
        );
        let middle = g.cells[g.cell_at(150.0, 70.0).unwrap()];
        assert_eq!((middle.row, middle.col, middle.row_span), (1, 1, 2));
        assert_eq!(g.cell_at(150.0, 100.0), None);
    }

    #[test]
    fn table_without_outer_verticals_still_has_its_edges() {
        let h = vec![
            Segment::horizontal(0.0, 0.0, 300.0),
            Segment::horizontal(30.0, 0.0, 300.0),
            Segment::horizontal(60.0, 0.0, 300.0),
        ];
        let v = vec![Segment::vertical(150.0, 0.0, 60.0)];
        let g = grid_of(&frames(&h, &v)[0]).unwrap();
        assert_eq!(g.xs, vec![0.0, 150.0, 300.0]);
        assert_eq!(g.cells.len(), 4);
    }
}
