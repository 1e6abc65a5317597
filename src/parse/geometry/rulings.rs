//! Ruling segments into table frames: collinear pieces merged into lines, lines that touch
//! grouped, one group per drawn table.

use super::page::{Orientation, Segment};

/// Lines this close (points) across their direction are one line (double rules, line width).
const SAME_LINE: f32 = 1.5;
/// Pieces of one line this close along it are one piece (cell borders meet at corners).
const JOIN_GAP: f32 = 2.0;
/// A vertical and a horizontal line closer than this (points) touch.
pub const TOUCH: f32 = 2.5;
/// Most merged lines of one orientation a page may have for its frames to be looked at.
const MAX_LINES: usize = 5_000;

/// Merge collinear, overlapping or nearly touching segments of one orientation.
pub fn merge(segments: &[Segment], orientation: Orientation) -> Vec<Segment> {
    let mut pieces: Vec<Segment> = segments
        .iter()
        .filter(|s| s.orientation == orientation && s.at.is_finite() && s.len() > 0.0)
        .copied()
        .collect();
    pieces.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Segment> = Vec::new();
    let mut band: Vec<Segment> = Vec::new();
    for s in pieces {
        if band.last().is_some_and(|b| s.at - b.at > SAME_LINE) {
            merge_band(&mut band, &mut out);
        }
        band.push(s);
    }
    merge_band(&mut band, &mut out);
    out
}

/// Merge the pieces of one band (same `at`) into maximal runs.
fn merge_band(band: &mut Vec<Segment>, out: &mut Vec<Segment>) {
    band.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut run: Option<(Segment, f32, f32)> = None; // (segment, Σ at·len, Σ len)
    for s in band.drain(..) {
        match run.as_mut() {
            Some((r, at_sum, len_sum)) if s.start <= r.end + JOIN_GAP => {
                r.end = r.end.max(s.end);
                *at_sum += s.at * s.len();
                *len_sum += s.len();
            }
            _ => {
                if let Some((r, at_sum, len_sum)) = run.take() {
                    out.push(with_mean_at(r, at_sum, len_sum));
                }
                run = Some((s, s.at * s.len(), s.len()));
            }
        }
    }
    if let Some((r, at_sum, len_sum)) = run {
        out.push(with_mean_at(r, at_sum, len_sum));
    }
}

fn with_mean_at(mut s: Segment, at_sum: f32, len_sum: f32) -> Segment {
    if len_sum > 0.0 {
        s.at = at_sum / len_sum;
    }
    s
}

/// Whether a horizontal and a vertical line touch or cross.
pub fn touches(h: &Segment, v: &Segment) -> bool {
    v.at >= h.start - TOUCH
        && v.at <= h.end + TOUCH
        && h.at >= v.start - TOUCH
        && h.at <= v.end + TOUCH
}

/// One drawn frame: the horizontal and vertical lines that touch each other.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
}

/// Group merged lines into frames (connected by touching); lines touching nothing are left out.
/// A page with more lines than [`MAX_LINES`] either way (hatching, graph paper) has no frames.
pub fn frames(horizontal: &[Segment], vertical: &[Segment]) -> Vec<Frame> {
    if horizontal.len() > MAX_LINES || vertical.len() > MAX_LINES {
        return Vec::new();
    }
    let n = horizontal.len() + vertical.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut linked = vec![false; n];
    // Vertical lines by x, so each horizontal line only looks at those within its reach.
    let mut by_x: Vec<usize> = (0..vertical.len()).collect();
    by_x.sort_by(|&a, &b| vertical[a].at.total_cmp(&vertical[b].at));
    for (i, h) in horizontal.iter().enumerate() {
        let from = by_x.partition_point(|&j| vertical[j].at < h.start - TOUCH);
        for &j in by_x[from..]
            .iter()
            .take_while(|&&j| vertical[j].at <= h.end + TOUCH)
        {
            let v = &vertical[j];
            if touches(h, v) {
                let k = horizontal.len() + j;
                union(&mut parent, i, k);
                linked[i] = true;
                linked[k] = true;
            }
        }
    }
    let mut groups: Vec<(usize, Frame)> = Vec::new();
    for i in 0..n {
        if !linked[i] {
            continue;
        }
        let root = find(&mut parent, i);
        let at = match groups.iter().position(|(r, _)| *r == root) {
            Some(at) => at,
            None => {
                groups.push((root, Frame::default()));
                groups.len() - 1
            }
        };
        let frame = &mut groups[at].1;
        match horizontal.get(i) {
            Some(h) => frame.horizontal.push(*h),
            None => frame.vertical.push(vertical[i - horizontal.len()]),
        }
    }
    groups.into_iter().map(|(_, f)| f).collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_one_line_merge() {
        let segs = [
            Segment::horizontal(100.0, 0.0, 50.0),
            Segment::horizontal(100.4, 51.0, 120.0),
            Segment::horizontal(100.0, 200.0, 300.0),
            Segment::horizontal(140.0, 0.0, 120.0),
            Segment::vertical(10.0, 0.0, 5.0),
        ];
        let merged = merge(&segs, Orientation::Horizontal);
        assert_eq!(merged.len(), 3);
        assert_eq!((merged[0].start, merged[0].end), (0.0, 120.0));
        assert!((merged[0].at - 100.0).abs() < 0.3);
        assert_eq!((merged[1].start, merged[1].end), (200.0, 300.0));
    }

    #[test]
    fn touching_lines_form_one_frame_and_loose_lines_none() {
        let h = [
            Segment::horizontal(0.0, 0.0, 100.0),
            Segment::horizontal(50.0, 0.0, 100.0),
            Segment::horizontal(300.0, 0.0, 100.0),
        ];
        let v = [
            Segment::vertical(0.0, 0.0, 50.0),
            Segment::vertical(100.0, 0.0, 50.0),
        ];
        let f = frames(&h, &v);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].horizontal.len(), 2);
        assert_eq!(f[0].vertical.len(), 2);
    }
}
