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

pub use files::{main, stale, too_small, write_all};
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
/// The smallest text a diagram draws, px, sub- and superscripts included: the pages show the
/// diagrams at their own size, so this is what a reader sees.
pub const MIN_TEXT: f64 = 11.0;

/// The size of the sub- and superscripts of text of `size` px: three quarters of it, as in
/// print, but never under [`MIN_TEXT`].
pub fn script_size(size: f64) -> f64 {
    (size * 0.75).max(MIN_TEXT)
}

/// An SVG canvas of `width` × `height` px, transparent, drawn on by the primitives.
#[derive(Debug, Clone)]
pub struct Diagram {
    width: f64,
    height: f64,
    title: String,
    body: String,
    texts: Vec<String>,
    /// The size of the smallest text drawn so far (its scripts included), px.
    smallest: f64,
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
            smallest: f64::INFINITY,
        }
    }

    /// Every text drawn so far, in drawing order: what tests compare with the code's values.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The size of the smallest text drawn, px, sub- and superscripts included (infinite if
    /// there is no text): the pages show diagrams at their own size, so a reader sees this.
    pub fn smallest_text(&self) -> f64 {
        self.smallest
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
    /// Sub- and superscripts written as Unicode characters (w⁽¹⁾₁₂) are drawn as plain
    /// characters in a smaller, raised or lowered `<tspan>` of [`script_size`] (at least
    /// [`MIN_TEXT`] px): the fonts' own script glyphs are about 60% of the text size, too small
    /// to read at 14 px.
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
            scripts(text, size)
        );
        self.texts.push(text.to_string());
        let scripted = text.chars().any(|c| script(c).is_some());
        let plain = text.chars().any(|c| script(c).is_none());
        if plain {
            self.smallest = self.smallest.min(size);
        }
        if scripted {
            self.smallest = self.smallest.min(script_size(size));
        }
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
/// Sub- and superscripts count as the plain character at [`script_size`].
pub fn text_width(text: &str, size: f64, mono: bool) -> f64 {
    let em = |c: char| match script(c) {
        Some((plain, _)) => text_width(&plain.to_string(), script_size(size), mono) / size,
        None => plain_em(c, mono),
    };
    text.chars().map(em).sum::<f64>() * size
}

/// The advance width of a character that is not a script, in em (see [`text_width`]).
fn plain_em(c: char, mono: bool) -> f64 {
    match c {
        _ if mono => 0.61,
        ' ' => 0.32,
        '0'..='9' => 0.64,
        c if c.is_uppercase() => 0.7,
        _ => 0.6,
    }
}

/// Where a script character sits: below or above the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    Sub,
    Super,
}

impl Shift {
    /// The script's offset from the middle of the line, in units of the text size (down is +).
    fn dy(self) -> f64 {
        match self {
            Shift::Sub => 0.22,
            Shift::Super => -0.36,
        }
    }
}

/// A Unicode sub- or superscript character as the plain character it stands for: '₁' is '1'
/// lowered, '⁽' is '(' raised.
fn script(c: char) -> Option<(char, Shift)> {
    const SUPER: [(char, char); 16] = [
        ('⁰', '0'),
        ('¹', '1'),
        ('²', '2'),
        ('³', '3'),
        ('⁴', '4'),
        ('⁵', '5'),
        ('⁶', '6'),
        ('⁷', '7'),
        ('⁸', '8'),
        ('⁹', '9'),
        ('⁺', '+'),
        ('⁻', '−'),
        ('⁽', '('),
        ('⁾', ')'),
        ('ⁿ', 'n'),
        ('ᵀ', 'T'),
    ];
    const SUB: [(char, char); 17] = [
        ('₀', '0'),
        ('₁', '1'),
        ('₂', '2'),
        ('₃', '3'),
        ('₄', '4'),
        ('₅', '5'),
        ('₆', '6'),
        ('₇', '7'),
        ('₈', '8'),
        ('₉', '9'),
        ('₊', '+'),
        ('₋', '−'),
        ('₍', '('),
        ('₎', ')'),
        ('ₖ', 'k'),
        ('ₙ', 'n'),
        ('ᵢ', 'i'),
    ];
    let find = |table: &[(char, char)], shift| {
        table
            .iter()
            .find(|&&(s, _)| s == c)
            .map(|&(_, plain)| (plain, shift))
    };
    find(&SUPER, Shift::Super).or_else(|| find(&SUB, Shift::Sub))
}

/// `text` escaped for SVG, each run of script characters a `<tspan>` of plain characters in
/// [`script_size`], moved down or up with a relative `dy`, and the text after it moved back to
/// the middle of the line (`dy` works in every browser, `baseline-shift` does not).
fn scripts(text: &str, size: f64) -> String {
    let mut out = String::new();
    let mut at = 0.0; // the current offset from the line's middle, px
    let mut run: Option<Shift> = None; // the script of the open <tspan>, if it is one
    let mut open = false;
    for c in text.chars() {
        let (plain, shift) = match script(c) {
            Some((plain, shift)) => (plain, Some(shift)),
            None => (c, None),
        };
        if shift != run {
            if open {
                out.push_str("</tspan>");
            }
            let to = shift.map_or(0.0, |s| s.dy() * size);
            let font = match shift {
                Some(_) => format!(" font-size=\"{}\"", num(script_size(size))),
                None => String::new(),
            };
            let _ = write!(out, "<tspan dy=\"{}\"{font}>", num(to - at));
            (at, run, open) = (to, shift, true);
        }
        out.push_str(&escape(&plain.to_string()));
    }
    if open {
        out.push_str("</tspan>");
    }
    out
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
    fn scripts_are_plain_characters_in_readable_tspans() {
        assert_eq!(scripts("a < b", FONT), "a &lt; b");
        let w = scripts("w⁽¹⁾₁₂ x", FONT);
        assert_eq!(
            w,
            "w<tspan dy=\"-5.04\" font-size=\"11\">(1)</tspan>\
             <tspan dy=\"8.12\" font-size=\"11\">12</tspan><tspan dy=\"-3.08\"> x</tspan>"
        );
        assert_eq!(script_size(20.0), 15.0);
        assert!(text_width("x₁", FONT, false) < text_width("x1", FONT, false));
        let mut d = Diagram::new(100.0, 50.0, "t");
        d.text(10.0, 10.0, "x₁", NODE, 12.0, false);
        assert_eq!(d.smallest_text(), MIN_TEXT);
        d.text(10.0, 10.0, "7", NODE, 10.0, true);
        assert_eq!(d.smallest_text(), 10.0);
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
