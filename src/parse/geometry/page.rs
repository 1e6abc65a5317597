//! The plain page types every reader fills: glyphs with boxes, ruling segments.
//!
//! Coordinates are points (1/72 inch) with the origin at the top-left corner of the page as a
//! viewer shows it (page rotation applied), x growing right and y growing down.
//! Words: glyph = one character drawn at a place; ruling = a drawn line (table border);
//! scan = a page with images but no text layer.

use serde::{Deserialize, Serialize};

/// An axis-aligned box: `x0 ≤ x1` (left, right) and `y0 ≤ y1` (top, bottom).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    /// A box from two corners in any order.
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> Rect {
        Rect {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
        }
    }

    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    pub fn center_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    pub fn center_y(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// Whether the point lies inside the box, edges included.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// Whether all four coordinates are finite numbers.
    pub fn is_finite(&self) -> bool {
        self.x0.is_finite() && self.y0.is_finite() && self.x1.is_finite() && self.y1.is_finite()
    }
}

/// One character drawn on the page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// The character as unicode (a glyph standing for several characters, such as a ligature,
    /// becomes several glyphs sharing its box evenly).
    pub ch: char,
    /// The box from the origin to the advance, em box high (ascent above the baseline, descent
    /// below), so that neighbouring glyphs of one word touch.
    pub rect: Rect,
    /// The font size in points (the em height as drawn).
    pub size: f32,
    /// The font is bold by its name or weight, or the text is drawn filled and stroked.
    pub bold: bool,
}

/// Which way a ruling runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Orientation {
    Horizontal,
    Vertical,
}

/// A straight ruling line, horizontal or vertical.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub orientation: Orientation,
    /// y of a horizontal line, x of a vertical one.
    pub at: f32,
    /// Where the line starts along its own direction (`start ≤ end`).
    pub start: f32,
    pub end: f32,
}

impl Segment {
    /// A horizontal line at `y` from `xa` to `xb` (any order).
    pub fn horizontal(y: f32, xa: f32, xb: f32) -> Segment {
        Segment {
            orientation: Orientation::Horizontal,
            at: y,
            start: xa.min(xb),
            end: xa.max(xb),
        }
    }

    /// A vertical line at `x` from `ya` to `yb` (any order).
    pub fn vertical(x: f32, ya: f32, yb: f32) -> Segment {
        Segment {
            orientation: Orientation::Vertical,
            at: x,
            start: ya.min(yb),
            end: ya.max(yb),
        }
    }

    pub fn len(&self) -> f32 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.len() <= 0.0
    }
}

/// One page as a viewer shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Visible glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines: stroked lines and thin filled rectangles.
    pub segments: Vec<Segment>,
    /// How many images are drawn on the page.
    pub images: u32,
}

impl Page {
    /// A page with images but no text: a scan without a text layer.
    pub fn is_scan(&self) -> bool {
        self.images > 0 && self.glyphs.iter().all(|g| g.ch.is_whitespace())
    }

    /// The page's text in drawing order, for quick checks (no layout).
    pub fn raw_text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}
