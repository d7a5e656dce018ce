//! dlfs_diagram: the book's teaching pictures as small SVG files, written as text.
//!
//! A [`Diagram`] is a canvas laid out by coordinates (pixels, origin top left). Its primitives
//! are what the book's figures are made of: nodes with a label ([`Diagram::node`]), named
//! values ([`Diagram::pill`]), arrows with a forward value above and a backward value below
//! ([`Diagram::arrow`]), grids of numbers with highlighted windows ([`Diagram::grid`]) and
//! pseudo-3D blocks for tensor shapes ([`Diagram::block`]).
//!
//! Every piece of text sits on its own pale background, and the lines are mid-tone greys and
//! reds, so one file reads on the light and on the dark themes of the book (an SVG shown by an
//! `<img>` cannot see the page's theme). The same calls give the same bytes, so a chapter can
//! test that its committed figures are the ones its code draws.

mod files;
mod grid;
mod shape;

pub use files::{main, stale, write_all};
pub use grid::{CELL, FADED, Grid, texts};
pub use shape::{Shape, Side};

use std::fmt::Write;

/// The colours of one kind of label: background, outline, text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tone {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub text: &'static str,
}

/// Operation nodes and neutral labels: pale grey, dark text.
pub const NODE: Tone = Tone {
    fill: "#eef0f4",
    stroke: "#8c919c",
    text: "#1d2330",
};
/// Forward values: green.
pub const FORWARD: Tone = Tone {
    fill: "#e2f3e5",
    stroke: "#4f9f62",
    text: "#155f27",
};
/// Backward values (gradients): red.
pub const BACKWARD: Tone = Tone {
    fill: "#fde7e4",
    stroke: "#d9574c",
    text: "#a3231a",
};
/// Inputs and outputs of a graph: blue.
pub const NAME: Tone = Tone {
    fill: "#e6edfb",
    stroke: "#6d8fcf",
    text: "#1c3d78",
};
/// Highlights for windows and the cells they touch: yellow, blue, green, pink.
pub const HIGHLIGHTS: [Tone; 4] = [
    Tone {
        fill: "#ffe8a3",
        stroke: "#d08e00",
        text: "#4a3500",
    },
    Tone {
        fill: "#cfe2ff",
        stroke: "#3a78d0",
        text: "#0f2f66",
    },
    Tone {
        fill: "#d2f0d8",
        stroke: "#3a9650",
        text: "#12451f",
    },
    Tone {
        fill: "#f8d5e5",
        stroke: "#c4447c",
        text: "#5c1234",
    },
];
/// Lines: a grey that shows on white and on the dark themes' #1f2129.
pub const LINE: &str = "#8c919c";

/// Sans-serif text for names and formulas.
pub const SANS: &str = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
/// Monospace text for numbers in grids.
pub const MONO: &str = "'DejaVu Sans Mono', Menlo, Consolas, monospace";
/// The size of ordinary text, px.
pub const FONT: f64 = 14.0;

/// An SVG canvas of `width` × `height` px, transparent, drawn on by the primitives.
#[derive(Debug, Clone)]
pub struct Diagram {
    width: f64,
    height: f64,
    title: String,
    body: String,
    texts: Vec<String>,
}

impl Diagram {
    /// An empty canvas; `title` becomes the SVG's `<title>` (what a screen reader says).
    pub fn new(width: f64, height: f64, title: &str) -> Self {
        Diagram {
            width,
            height,
            title: title.to_string(),
            body: String::new(),
            texts: Vec::new(),
        }
    }

    /// Every text drawn so far, in drawing order: what tests compare with the code's values.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The finished SVG document.
    pub fn to_svg(&self) -> String {
        let (w, h) = (num(self.width), num(self.height));
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{SANS}\" font-size=\"{}\">",
            num(FONT)
        );
        let _ = writeln!(s, "<title>{}</title>", escape(&self.title));
        s.push_str(&arrowheads());
        s.push_str(&self.body);
        s.push_str("</svg>\n");
        s
    }

    /// Text centred at (x, y) (the middle of its height), in `tone.text`, of `size` px.
    pub fn text(&mut self, x: f64, y: f64, text: &str, tone: Tone, size: f64, mono: bool) {
        let family = if mono {
            format!(" font-family=\"{MONO}\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" \
             font-size=\"{}\" fill=\"{}\"{family}>{}</text>",
            num(x),
            num(y),
            num(size),
            tone.text,
            escape(text)
        );
        self.texts.push(text.to_string());
    }

    /// A rectangle with rounded corners `r`, filled and outlined in `tone`.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, r: f64, tone: Tone, stroke_width: f64) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" \
             stroke=\"{}\" stroke-width=\"{}\"/>",
            num(x),
            num(y),
            num(w),
            num(h),
            num(r),
            tone.fill,
            tone.stroke,
            num(stroke_width)
        );
    }

    /// A straight line from `a` to `b` in `color`, with an arrowhead at `b` if `head`.
    pub fn line(&mut self, a: (f64, f64), b: (f64, f64), color: &str, width: f64, head: bool) {
        let marker = match (head, color) {
            (false, _) => String::new(),
            (true, c) if c == BACKWARD.stroke => " marker-end=\"url(#head-back)\"".to_string(),
            (true, _) => " marker-end=\"url(#head)\"".to_string(),
        };
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{color}\" \
             stroke-width=\"{}\"{marker}/>",
            num(a.0),
            num(a.1),
            num(b.0),
            num(b.1),
            num(width)
        );
    }

    /// A closed polygon through `points`, filled and outlined in `tone`.
    pub fn polygon(&mut self, points: &[(f64, f64)], tone: Tone) {
        let points: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", num(x), num(y)))
            .collect();
        let _ = writeln!(
            self.body,
            "<polygon points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>",
            points.join(" "),
            tone.fill,
            tone.stroke
        );
    }
}

/// The two arrowheads: grey for forward arrows, red for backward ones.
fn arrowheads() -> String {
    let head = |id: &str, color: &str| {
        format!(
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
             markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{color}\"/>\
             </marker>"
        )
    };
    format!(
        "<defs>{}{}</defs>\n",
        head("head", LINE),
        head("head-back", BACKWARD.stroke)
    )
}

/// A number as a diagram writes it: at most 4 decimals, no trailing zeros (110.00000000000001
/// is "110", 2.2 is "2.2", -0 is "0").
pub fn num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The width of `text` in px at `size`, roughly, from DejaVu's advance widths: capitals about
/// 0.7 em, digits 0.64, lower case and the rest 0.6, spaces 0.32; monospace 0.61 for every character.
pub fn text_width(text: &str, size: f64, mono: bool) -> f64 {
    let em = |c: char| match c {
        _ if mono => 0.61,
        ' ' => 0.32,
        '0'..='9' => 0.64,
        c if c.is_uppercase() => 0.7,
        _ => 0.6,
    };
    text.chars().map(em).sum::<f64>() * size
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_float_noise_and_trailing_zeros() {
        assert_eq!(num(100.0 * 1.1), "110");
        assert_eq!(num(2.0 * 1.1), "2.2");
        assert_eq!(num(150.0 * 1.1 * 3.0 / 3.0), "165");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-1.5), "-1.5");
        assert_eq!(num(0.12345), "0.1235");
    }

    #[test]
    fn text_is_escaped_and_recorded() {
        let mut d = Diagram::new(100.0, 50.0, "a < b & c");
        d.text(10.0, 10.0, "x<y", NODE, FONT, false);
        let svg = d.to_svg();
        assert!(svg.contains("<title>a &lt; b &amp; c</title>"));
        assert!(svg.contains(">x&lt;y</text>"));
        assert_eq!(d.texts(), ["x<y"]);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
    }

    #[test]
    fn same_calls_same_bytes() {
        let draw = || {
            let mut d = Diagram::new(200.0, 100.0, "t");
            let a = d.node(40.0, 50.0, "×");
            let b = d.pill(160.0, 50.0, "y", NAME);
            d.arrow(&a, &b, Some("1.5"), Some("2"));
            d.to_svg()
        };
        assert_eq!(draw(), draw());
    }
}
