//! A hayro `Device` that records what a page draws as our plain types: glyph boxes, ruling
//! segments and an image count, in device space (points, top-left origin, page rotation
//! applied by the initial transform).

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect as KRect, Shape, Vec2};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};

use crate::parse::geometry::page::{Rect, Segment};

/// Part of the em box above the baseline (CJK fonts draw about 0.88 em above, Latin 0.75–0.9).
const ASCENT: f64 = 0.85;
/// Part of the em box below the baseline.
const DESCENT: f64 = 0.15;
/// A filled rectangle this thin (points) or thinner is a ruling line, not an area.
const THIN: f64 = 2.5;
/// Lines shorter than this (points) are dots or glyph debris, not rulings.
const MIN_RULING: f64 = 2.0;
/// A line may lean this much (points over its length) and still count as horizontal/vertical.
const SKEW: f64 = 0.6;

/// Which way a glyph's baseline runs on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right, upright.
    Right,
    /// Top to bottom (the page content turned a quarter clockwise).
    Down,
    /// Right to left, upside down.
    Left,
    /// Bottom to top (turned a quarter counter-clockwise).
    Up,
}

/// A glyph as drawn, before clipping, de-duplication and orientation.
#[derive(Debug, Clone, Copy)]
pub struct RawGlyph {
    pub ch: char,
    pub rect: Rect,
    pub size: f32,
    pub bold: bool,
    pub direction: Direction,
}

/// Everything one page drew.
#[derive(Default)]
pub struct Collector {
    pub glyphs: Vec<RawGlyph>,
    pub segments: Vec<Segment>,
    pub images: u32,
    /// Glyphs without a unicode mapping (shown but not extractable).
    pub unmapped: u32,
    /// Bounding boxes of the active clip paths, innermost last.
    clips: Vec<KRect>,
    /// The last filled glyph run (its address, length and transform), so the stroke of the
    /// same run (text rendering mode "fill, then stroke") marks it bold instead of doubling it.
    last_fill: Option<(usize, usize, Affine, usize)>,
}

impl Collector {
    fn visible(&self, p: Point) -> bool {
        self.clips.last().is_none_or(|c| {
            p.x >= c.x0 - 1.0 && p.x <= c.x1 + 1.0 && p.y >= c.y0 - 1.0 && p.y <= c.y1 + 1.0
        })
    }

    fn push_glyph(&mut self, glyph: &HayroGlyph<'_>, t: Affine, bold: bool) {
        let Some(text) = glyph.as_unicode() else {
            self.unmapped += 1;
            return;
        };
        let origin = t * Point::ZERO;
        let up = t * Point::new(0.0, 1000.0) - origin;
        let size = up.hypot();
        let along = t * Point::new(1000.0, 0.0) - origin;
        if !(size.is_finite() && size > 0.01 && along.hypot() > 0.0) {
            return;
        }
        // The glyph transform also stretches the outline to the PDF's width, so the advance is
        // measured with the em height (horizontal scaling `Tz` other than 100% is ignored).
        let advance = advance_width(glyph).unwrap_or(500.0) as f64 / 1000.0 * size;
        let dir = along / along.hypot();
        let up_unit = up / size;
        let chars: Vec<char> = match text {
            BfString::Char(c) => vec![c],
            BfString::String(s) => s.chars().collect(),
        };
        let n = chars.len().max(1) as f64;
        for (i, ch) in chars.into_iter().enumerate() {
            if ch.is_whitespace() || ch.is_control() || ch == '\u{FFFD}' {
                continue;
            }
            let start = origin + dir * (advance * i as f64 / n);
            let end = origin + dir * (advance * (i + 1) as f64 / n);
            let mid = start.midpoint(end) + up_unit * (size * (ASCENT - DESCENT) / 2.0);
            if !self.visible(mid) {
                continue;
            }
            let rect = em_box(start, end, up_unit * size);
            if rect.is_finite() {
                self.glyphs.push(RawGlyph {
                    ch,
                    rect,
                    size: size as f32,
                    bold,
                    direction: direction_of(dir),
                });
            }
        }
    }

    fn push_line(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dy <= SKEW && dx >= MIN_RULING {
            let y = ((a.y + b.y) / 2.0) as f32;
            self.segments
                .push(Segment::horizontal(y, a.x as f32, b.x as f32));
        } else if dx <= SKEW && dy >= MIN_RULING {
            let x = ((a.x + b.x) / 2.0) as f32;
            self.segments
                .push(Segment::vertical(x, a.y as f32, b.y as f32));
        }
    }

    /// Every straight piece of a stroked path becomes a candidate ruling.
    fn stroke_path(&mut self, path: &BezPath, t: Affine) {
        let mut start: Option<Point> = None;
        let mut current: Option<Point> = None;
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    start = Some(t * p);
                    current = start;
                }
                PathEl::LineTo(p) => {
                    let p = t * p;
                    if let Some(c) = current {
                        self.push_line(c, p);
                    }
                    current = Some(p);
                }
                PathEl::ClosePath => {
                    if let (Some(c), Some(s)) = (current, start) {
                        self.push_line(c, s);
                    }
                    current = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => current = Some(t * p),
            }
        }
    }

    /// A thin filled shape is a ruling drawn as a rectangle; wider areas (cell shading) are not.
    fn fill_path(&mut self, path: &BezPath, t: Affine) {
        let b = (t * path.clone()).bounding_box();
        if !(b.x0.is_finite() && b.y0.is_finite() && b.x1.is_finite() && b.y1.is_finite()) {
            return;
        }
        let (w, h) = (b.width(), b.height());
        if h <= THIN && w >= MIN_RULING && w > h {
            let y = ((b.y0 + b.y1) / 2.0) as f32;
            self.segments
                .push(Segment::horizontal(y, b.x0 as f32, b.x1 as f32));
        } else if w <= THIN && h >= MIN_RULING && h > w {
            let x = ((b.x0 + b.x1) / 2.0) as f32;
            self.segments
                .push(Segment::vertical(x, b.y0 as f32, b.y1 as f32));
        }
    }
}

fn advance_width(glyph: &HayroGlyph<'_>) -> Option<f32> {
    match glyph {
        HayroGlyph::Outline(g) => g.advance_width(),
        HayroGlyph::Type3(g) => g.advance_width(),
    }
    .filter(|w| w.is_finite() && *w > 0.0)
}

/// The box of a glyph from its baseline start and end and its up vector (one em long).
fn em_box(start: Point, end: Point, up: Vec2) -> Rect {
    let corners = [
        start + up * ASCENT,
        start - up * DESCENT,
        end + up * ASCENT,
        end - up * DESCENT,
    ];
    let xs = corners.iter().map(|p| p.x as f32);
    let ys = corners.iter().map(|p| p.y as f32);
    Rect {
        x0: xs.clone().fold(f32::INFINITY, f32::min),
        x1: xs.fold(f32::NEG_INFINITY, f32::max),
        y0: ys.clone().fold(f32::INFINITY, f32::min),
        y1: ys.fold(f32::NEG_INFINITY, f32::max),
    }
}

fn direction_of(dir: Vec2) -> Direction {
    if dir.x.abs() >= dir.y.abs() {
        if dir.x >= 0.0 {
            Direction::Right
        } else {
            Direction::Left
        }
    } else if dir.y >= 0.0 {
        Direction::Down
    } else {
        Direction::Up
    }
}

/// Bold by the font's PostScript name or weight. 黑体 (SimHei, Heiti) is the heavy face Chinese
/// documents use for headings, so it counts as bold; 雅黑 (YaHei) is a plain body face.
pub fn bold_font(name: Option<&str>, weight: Option<u32>) -> bool {
    if weight.is_some_and(|w| w >= 600) {
        return true;
    }
    let Some(name) = name else { return false };
    let lower = name.to_ascii_lowercase();
    [
        "bold", "black", "heavy", "semibold", "demibold", "simhei", "heiti", "黑体",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

fn run_is_bold(run: &GlyphRun<'_, '_>) -> bool {
    match run.glyphs().first().map(|g| &**g) {
        Some(HayroGlyph::Outline(g)) => g
            .font_data()
            .is_some_and(|d| bold_font(d.postscript_name.as_deref(), d.weight)),
        _ => false,
    }
}

/// Whether a paint is (nearly) white: lines drawn in white on white paper are not rulings.
fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let rgba = c.to_rgba().components();
            rgba[3] < 0.05 || (rgba[0] > 0.95 && rgba[1] > 0.95 && rgba[2] > 0.95)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if is_white(&props.paint) {
            return;
        }
        match draw_mode {
            DrawMode::Stroke(_) => self.stroke_path(path, props.transform),
            DrawMode::Fill(_) => self.fill_path(path, props.transform),
            DrawMode::FillAndStroke(..) => {
                self.fill_path(path, props.transform);
                self.stroke_path(path, props.transform);
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        let b = clip_path.path.bounding_box();
        let inner = match self.clips.last() {
            Some(outer) => outer.intersect(b),
            None => b,
        };
        self.clips.push(inner);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        let glyphs = glyph_run.glyphs();
        let key = (glyphs.as_ptr() as usize, glyphs.len(), props.transform);
        if let DrawMode::Stroke(_) = draw_mode
            && let Some((ptr, len, t, first)) = self.last_fill
            && (ptr, len, t) == key
        {
            // The stroke of the run just filled: the same glyphs, drawn heavier.
            for g in &mut self.glyphs[first..] {
                g.bold = true;
            }
            self.last_fill = None;
            return;
        }
        let first = self.glyphs.len();
        let bold = run_is_bold(glyph_run);
        for glyph in glyphs {
            self.push_glyph(glyph, props.transform * glyph.transform(), bold);
        }
        self.last_fill = match draw_mode {
            DrawMode::Fill(_) => Some((key.0, key.1, key.2, first)),
            _ => None,
        };
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.images += 1;
    }

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {}

    fn draw_rect(&mut self, rect: &KRect, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.draw_path(&rect.to_path(0.1), props, draw_mode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_from_name_or_weight() {
        assert!(bold_font(Some("FAAAAJ+SimSun,Bold"), None));
        assert!(bold_font(Some("KWFZPD+SimHei"), None));
        assert!(bold_font(None, Some(700)));
        assert!(!bold_font(Some("KGEOAQ+SimSun"), Some(400)));
        assert!(!bold_font(Some("MicrosoftYaHei"), None));
        assert!(!bold_font(None, None));
    }

    #[test]
    fn stroked_rectangle_gives_four_rulings() {
        let mut c = Collector::default();
        let rect = KRect::new(10.0, 10.0, 110.0, 30.0).to_path(0.1);
        c.stroke_path(&rect, Affine::IDENTITY);
        assert_eq!(c.segments.len(), 4);
        let horizontal = c
            .segments
            .iter()
            .filter(|s| s.orientation == crate::parse::geometry::page::Orientation::Horizontal)
            .count();
        assert_eq!(horizontal, 2);
    }

    #[test]
    fn thin_filled_rectangle_is_a_ruling_and_a_wide_one_is_not() {
        let mut c = Collector::default();
        c.fill_path(
            &KRect::new(0.0, 50.0, 200.0, 50.5).to_path(0.1),
            Affine::IDENTITY,
        );
        c.fill_path(
            &KRect::new(0.0, 60.0, 200.0, 90.0).to_path(0.1),
            Affine::IDENTITY,
        );
        assert_eq!(c.segments, vec![Segment::horizontal(50.25, 0.0, 200.0)]);
    }
}
