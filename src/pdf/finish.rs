//! From what a page drew to a [`Page`]: content turned sideways is turned upright, glyphs
//! outside the visible page are dropped, rulings are cut to the page, and text drawn twice
//! (fill then stroke, or a few offset copies for a fake bold) is kept once, marked bold.

use std::collections::HashMap;

use super::device::{Collector, Direction, RawGlyph};
use crate::parse::geometry::page::{Glyph, Orientation, Page, Rect, Segment};

/// Copies of one character closer than this (points) are the same glyph drawn again.
const SAME_PLACE: f32 = 1.5;

/// Build the page `number` (1-based) of `width` × `height` points from what it drew.
pub fn finish(number: u32, width: f32, height: f32, drawn: Collector) -> Page {
    let turn = dominant_direction(&drawn.glyphs);
    let (w, h) = match turn {
        Direction::Right | Direction::Left => (width, height),
        Direction::Down | Direction::Up => (height, width),
    };
    let glyphs = drawn
        .glyphs
        .iter()
        .map(|g| Glyph {
            ch: g.ch,
            rect: turn_rect(g.rect, turn, width, height),
            size: g.size,
            bold: g.bold,
        })
        .filter(|g| inside(&g.rect, w, h));
    let segments = drawn
        .segments
        .iter()
        .filter_map(|s| clip_segment(turn_segment(*s, turn, width, height), w, h))
        .collect();
    Page {
        number,
        width: w,
        height: h,
        glyphs: dedupe(glyphs.collect()),
        segments,
        images: drawn.images,
    }
}

/// The direction most glyphs run; a page whose text mostly runs down or up was laid out
/// sideways (a wide table) and is turned so that it reads left to right.
fn dominant_direction(glyphs: &[RawGlyph]) -> Direction {
    let mut counts: HashMap<Direction, usize> = HashMap::new();
    for g in glyphs {
        *counts.entry(g.direction).or_default() += 1;
    }
    let right = counts.get(&Direction::Right).copied().unwrap_or(0);
    counts
        .into_iter()
        .filter(|&(_, n)| n > right)
        .max_by_key(|&(d, n)| (n, d as u8))
        .map(|(d, _)| d)
        .unwrap_or(Direction::Right)
}

/// Where a point of the page lands once the page is turned so `turn` reads left to right.
fn turn_point(x: f32, y: f32, turn: Direction, width: f32, height: f32) -> (f32, f32) {
    match turn {
        Direction::Right => (x, y),
        Direction::Down => (y, width - x),
        Direction::Up => (height - y, x),
        Direction::Left => (width - x, height - y),
    }
}

fn turn_rect(r: Rect, turn: Direction, width: f32, height: f32) -> Rect {
    let (xa, ya) = turn_point(r.x0, r.y0, turn, width, height);
    let (xb, yb) = turn_point(r.x1, r.y1, turn, width, height);
    Rect::new(xa, ya, xb, yb)
}

fn turn_segment(s: Segment, turn: Direction, width: f32, height: f32) -> Segment {
    let (a, b) = match s.orientation {
        Orientation::Horizontal => ((s.start, s.at), (s.end, s.at)),
        Orientation::Vertical => ((s.at, s.start), (s.at, s.end)),
    };
    let (xa, ya) = turn_point(a.0, a.1, turn, width, height);
    let (xb, yb) = turn_point(b.0, b.1, turn, width, height);
    if (ya - yb).abs() <= (xa - xb).abs() {
        Segment::horizontal((ya + yb) / 2.0, xa, xb)
    } else {
        Segment::vertical((xa + xb) / 2.0, ya, yb)
    }
}

/// A glyph is visible when its centre lies on the page.
fn inside(r: &Rect, w: f32, h: f32) -> bool {
    let (x, y) = (r.center_x(), r.center_y());
    x >= 0.0 && x <= w && y >= 0.0 && y <= h
}

/// The part of a ruling on the page, if any.
fn clip_segment(s: Segment, w: f32, h: f32) -> Option<Segment> {
    let (across, along) = match s.orientation {
        Orientation::Horizontal => (h, w),
        Orientation::Vertical => (w, h),
    };
    if !(s.at.is_finite() && s.start.is_finite() && s.end.is_finite()) {
        return None;
    }
    if s.at < -1.0 || s.at > across + 1.0 {
        return None;
    }
    let start = s.start.max(0.0);
    let end = s.end.min(along);
    (end - start >= 1.0).then_some(Segment { start, end, ..s })
}

/// Keep one glyph of every group of the same character drawn at (nearly) the same place;
/// a glyph drawn more than once is bold (that is how fake bold is made).
fn dedupe(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let cell = |v: f32| (v / SAME_PLACE).floor() as i64;
    let mut seen: HashMap<(char, i64, i64), Vec<usize>> = HashMap::new();
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let (cx, cy) = (cell(g.rect.x0), cell(g.rect.y0));
        let twin = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (dx, dy)))
            .filter_map(|(dx, dy)| seen.get(&(g.ch, cx + dx, cy + dy)))
            .flatten()
            .copied()
            .find(|&i| {
                let o: &Glyph = &out[i];
                (o.rect.x0 - g.rect.x0).abs() < SAME_PLACE
                    && (o.rect.y0 - g.rect.y0).abs() < SAME_PLACE
                    && (o.size - g.size).abs() < 0.5
            });
        match twin {
            Some(i) => out[i].bold = true,
            None => {
                seen.entry((g.ch, cx, cy)).or_default().push(out.len());
                out.push(g);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(ch: char, x: f32, y: f32, direction: Direction) -> RawGlyph {
        RawGlyph {
            ch,
            rect: Rect::new(x, y, x + 10.0, y + 10.0),
            size: 10.0,
            bold: false,
            direction,
        }
    }

    #[test]
    fn sideways_page_is_turned_upright() {
        // A page 600 wide, 800 high whose text runs down at x = 100: once turned, the page is
        // 800 wide and the text runs right along y = 600 - 100 - 10.
        let mut c = Collector::default();
        c.glyphs.push(raw('甲', 100.0, 50.0, Direction::Down));
        c.glyphs.push(raw('乙', 100.0, 60.0, Direction::Down));
        let page = finish(1, 600.0, 800.0, c);
        assert_eq!((page.width, page.height), (800.0, 600.0));
        assert_eq!(page.glyphs[0].rect, Rect::new(50.0, 490.0, 60.0, 500.0));
        assert!(page.glyphs[0].rect.x0 < page.glyphs[1].rect.x0);
    }

    #[test]
    fn twice_drawn_glyph_is_kept_once_and_bold() {
        let mut c = Collector::default();
        c.glyphs.push(raw('合', 10.0, 10.0, Direction::Right));
        c.glyphs.push(raw('合', 10.3, 10.2, Direction::Right));
        c.glyphs.push(raw('合', 30.0, 10.0, Direction::Right));
        let page = finish(1, 600.0, 800.0, c);
        assert_eq!(page.glyphs.len(), 2);
        assert!(page.glyphs[0].bold);
        assert!(!page.glyphs[1].bold);
    }

    #[test]
    fn glyphs_off_the_page_are_dropped_and_rulings_cut() {
        let mut c = Collector::default();
        c.glyphs.push(raw('外', -50.0, 10.0, Direction::Right));
        c.glyphs.push(raw('内', 50.0, 10.0, Direction::Right));
        c.segments.push(Segment::horizontal(20.0, -30.0, 700.0));
        c.segments.push(Segment::vertical(900.0, 0.0, 100.0));
        let page = finish(1, 600.0, 800.0, c);
        assert_eq!(page.raw_text(), "内");
        assert_eq!(page.segments, vec![Segment::horizontal(20.0, 0.0, 600.0)]);
    }
}
