//! Nodes, labels and the arrows between them: the pieces of a computational graph.

use crate::{BACKWARD, Diagram, FONT, FORWARD, LINE, NODE, Tone, text_width};

/// Where something was drawn: its centre and half sizes, so arrows can start at its edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub cx: f64,
    pub cy: f64,
    pub half_w: f64,
    pub half_h: f64,
    /// A circle (true) or a rectangle (false).
    pub round: bool,
}

impl Shape {
    /// A bare point, for arrows that start or end in the open.
    pub fn point(x: f64, y: f64) -> Shape {
        Shape {
            cx: x,
            cy: y,
            half_w: 0.0,
            half_h: 0.0,
            round: true,
        }
    }

    /// A rectangle `w` × `h` centred at (cx, cy).
    pub fn rect(cx: f64, cy: f64, w: f64, h: f64) -> Shape {
        Shape {
            cx,
            cy,
            half_w: w / 2.0,
            half_h: h / 2.0,
            round: false,
        }
    }

    /// The point of the outline in direction `u` (a unit vector) from the centre.
    fn edge(&self, u: (f64, f64)) -> (f64, f64) {
        let t = if self.round {
            self.half_w
        } else {
            let tx = if u.0 == 0.0 {
                f64::INFINITY
            } else {
                self.half_w / u.0.abs()
            };
            let ty = if u.1 == 0.0 {
                f64::INFINITY
            } else {
                self.half_h / u.1.abs()
            };
            tx.min(ty)
        };
        (self.cx + u.0 * t, self.cy + u.1 * t)
    }

    /// How far the shape reaches from its centre along the unit vector `n`.
    fn reach(&self, n: (f64, f64)) -> f64 {
        n.0.abs() * self.half_w + n.1.abs() * self.half_h
    }
}

/// Which side of an arrow a label goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Above the arrow (left of a vertical one): forward values.
    Above,
    /// Below the arrow (right of a vertical one): backward values.
    Below,
}

/// Space between an arrow and its labels, px.
const GAP: f64 = 5.0;
/// How far the backward arrow runs beside the forward one, px.
const BACK_OFFSET: f64 = 9.0;

impl Diagram {
    /// An operation node: a circle around `label` (×, +, exp, /).
    pub fn node(&mut self, cx: f64, cy: f64, label: &str) -> Shape {
        let size = FONT + 3.0;
        let r = (text_width(label, size, false) / 2.0 + 9.0).max(21.0);
        self.circle(cx, cy, r, NODE);
        self.text(cx, cy, label, NODE, size, false);
        Shape {
            cx,
            cy,
            half_w: r,
            half_h: r,
            round: true,
        }
    }

    /// An operation box: a rounded rectangle around `label` (Softmax, dot, sigmoid).
    pub fn box_node(&mut self, cx: f64, cy: f64, label: &str) -> Shape {
        let (w, h) = (text_width(label, FONT, false) + 26.0, 38.0);
        self.rect(cx - w / 2.0, cy - h / 2.0, w, h, 8.0, NODE, 1.5);
        self.text(cx, cy, label, NODE, FONT, false);
        Shape::rect(cx, cy, w, h)
    }

    /// A label on a pale rounded background of `tone`: a named value, an input, a caption.
    pub fn pill(&mut self, cx: f64, cy: f64, label: &str, tone: Tone) -> Shape {
        let (w, h) = (text_width(label, FONT, false) + 16.0, 23.0);
        self.rect(cx - w / 2.0, cy - h / 2.0, w, h, h / 2.0, tone, 1.0);
        self.text(cx, cy, label, tone, FONT, false);
        Shape::rect(cx, cy, w, h)
    }

    /// A circle of radius `r`.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, tone: Tone) {
        use std::fmt::Write;
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
            crate::num(cx),
            crate::num(cy),
            crate::num(r),
            tone.fill,
            tone.stroke
        );
    }

    /// An arrow from shape `a` to shape `b`, edge to edge, with `forward` (green) above it and
    /// `backward` (red, beside a red arrow pointing back) below it. "Above" is left for a
    /// vertical arrow.
    pub fn arrow(&mut self, a: &Shape, b: &Shape, forward: Option<&str>, backward: Option<&str>) {
        let (dx, dy) = (b.cx - a.cx, b.cy - a.cy);
        let len = (dx * dx + dy * dy).sqrt();
        let u = (dx / len, dy / len);
        let start = a.edge(u);
        let end = b.edge((-u.0, -u.1));
        let start = (start.0 + u.0 * 3.0, start.1 + u.1 * 3.0);
        let end = (end.0 - u.0 * 3.0, end.1 - u.1 * 3.0);
        self.line(start, end, LINE, 1.8, true);
        let up = above(u);
        let mid = ((start.0 + end.0) / 2.0, (start.1 + end.1) / 2.0);
        if let Some(label) = forward {
            self.side_label(mid, up, 0.0, label, FORWARD);
        }
        if let Some(label) = backward {
            let down = (-up.0, -up.1);
            let shift = |p: (f64, f64), along: f64| {
                (
                    p.0 + down.0 * BACK_OFFSET + u.0 * along,
                    p.1 + down.1 * BACK_OFFSET + u.1 * along,
                )
            };
            let inset = (len * 0.12).min(14.0);
            self.line(
                shift(end, -inset),
                shift(start, inset),
                BACKWARD.stroke,
                1.6,
                true,
            );
            self.side_label(mid, down, BACK_OFFSET, label, BACKWARD);
        }
    }

    /// A label beside the point `at`, pushed out along `n` until it clears the line.
    fn side_label(&mut self, at: (f64, f64), n: (f64, f64), extra: f64, label: &str, tone: Tone) {
        let half_w = (text_width(label, FONT, false) + 16.0) / 2.0;
        let probe = Shape {
            cx: 0.0,
            cy: 0.0,
            half_w,
            half_h: 11.5,
            round: false,
        };
        let d = extra + GAP + probe.reach(n);
        self.pill(at.0 + n.0 * d, at.1 + n.1 * d, label, tone);
    }
}

/// The unit normal on the "above" side of direction `u`: up, or left when `u` is vertical.
fn above(u: (f64, f64)) -> (f64, f64) {
    let n = (u.1, -u.0);
    if n.1 < 0.0 || (n.1 == 0.0 && n.0 < 0.0) {
        n
    } else {
        (-n.0, -n.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn above_is_up_or_left() {
        assert_eq!(above((1.0, 0.0)), (0.0, -1.0));
        assert_eq!(above((-1.0, 0.0)), (0.0, -1.0));
        assert_eq!(above((0.0, 1.0)), (-1.0, 0.0));
        assert_eq!(above((0.0, -1.0)), (-1.0, 0.0));
    }

    #[test]
    fn rectangles_are_left_at_their_edge() {
        let s = Shape {
            cx: 10.0,
            cy: 10.0,
            half_w: 20.0,
            half_h: 5.0,
            round: false,
        };
        assert_eq!(s.edge((1.0, 0.0)), (30.0, 10.0));
        assert_eq!(s.edge((0.0, -1.0)), (10.0, 5.0));
    }

    #[test]
    fn an_arrow_draws_both_labels() {
        let mut d = Diagram::new(300.0, 100.0, "t");
        let a = d.pill(30.0, 50.0, "apple", crate::NAME);
        let b = d.node(200.0, 50.0, "×");
        d.arrow(&a, &b, Some("100"), Some("2.2"));
        assert_eq!(d.texts(), ["apple", "×", "100", "2.2"]);
        assert!(d.to_svg().contains("url(#head-back)"));
    }
}
