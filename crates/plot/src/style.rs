//! What every chart shares: series of points, line styles, colours, legend position.

pub use plotters::style::RGBColor;

/// Ten distinct colours (matplotlib's "tab10" cycle): series without an explicit colour take
/// them in order.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),  // blue
    RGBColor(255, 127, 14),  // orange
    RGBColor(44, 160, 44),   // green
    RGBColor(214, 39, 40),   // red
    RGBColor(148, 103, 189), // purple
    RGBColor(140, 86, 75),   // brown
    RGBColor(227, 119, 194), // pink
    RGBColor(127, 127, 127), // grey
    RGBColor(188, 189, 34),  // olive
    RGBColor(23, 190, 207),  // cyan
];

/// A number a chart can take: `f32`, `f64`, integers, and references to them (so both
/// `&Vec<f32>` and `Vec<usize>` can be passed where a chart wants coordinates).
pub trait AsF64 {
    /// The value as `f64`.
    fn as_f64(&self) -> f64;
}

macro_rules! impl_as_f64 {
    ($($t:ty),*) => {$(
        impl AsF64 for $t {
            fn as_f64(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}
impl_as_f64!(f32, f64, u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl<T: AsF64 + ?Sized> AsF64 for &T {
    fn as_f64(&self) -> f64 {
        (**self).as_f64()
    }
}

/// `n` evenly spaced values from `start` to `end`, both included (`np.linspace`).
pub fn linspace(start: f64, end: f64, n: usize) -> Vec<f64> {
    match n {
        0 => vec![],
        1 => vec![start],
        _ => (0..n)
            .map(|i| start + (end - start) * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// How a series' points are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineStyle {
    /// A solid line.
    #[default]
    Solid,
    /// A dashed line (for a tangent line, a test curve, a reference).
    Dashed,
    /// A dotted line.
    Dotted,
    /// No line: only the markers.
    None,
}

/// Where the legend goes; `Auto` picks the corner with the fewest data points under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LegendPos {
    /// The corner that covers the fewest points.
    #[default]
    Auto,
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
    /// No legend, even with several series.
    Off,
}

/// One named curve: points (x, y) and how to draw them.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// The name shown in the legend (an empty name keeps the series out of the legend).
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub line: LineStyle,
    /// Draw a dot at each point.
    pub markers: bool,
    /// `None` takes the next colour of [`PALETTE`].
    pub color: Option<RGBColor>,
    /// Line width in pixels (0 means the default, 2).
    pub width: u32,
}

impl Series {
    /// A series from separate x and y values (`plt.plot(x, y)`); extra values of the longer
    /// one are ignored.
    pub fn new<X, Y>(name: impl Into<String>, x: X, y: Y) -> Self
    where
        X: IntoIterator<Item: AsF64>,
        Y: IntoIterator<Item: AsF64>,
    {
        Series::from_points(name, x.into_iter().zip(y))
    }

    /// A series of y values against their index 0, 1, 2, ... (`plt.plot(y)`).
    pub fn from_values<Y: IntoIterator<Item: AsF64>>(name: impl Into<String>, y: Y) -> Self {
        Series::from_points(name, y.into_iter().enumerate())
    }

    /// A series from (x, y) pairs.
    pub fn from_points<A: AsF64, B: AsF64>(
        name: impl Into<String>,
        points: impl IntoIterator<Item = (A, B)>,
    ) -> Self {
        Series {
            name: name.into(),
            points: to_points(points),
            ..Default::default()
        }
    }

    /// The graph of `f` at the given x values.
    pub fn from_fn<X: IntoIterator<Item: AsF64>>(
        name: impl Into<String>,
        x: X,
        f: impl Fn(f64) -> f64,
    ) -> Self {
        let x = x.into_iter().map(|x| x.as_f64());
        Series::from_points(name, x.map(|x| (x, f(x))))
    }

    /// Draw it dashed.
    pub fn dashed(mut self) -> Self {
        self.line = LineStyle::Dashed;
        self
    }

    /// Draw it dotted.
    pub fn dotted(mut self) -> Self {
        self.line = LineStyle::Dotted;
        self
    }

    /// Mark each point with a dot.
    pub fn markers(mut self) -> Self {
        self.markers = true;
        self
    }

    /// Only the markers, no line.
    pub fn points_only(mut self) -> Self {
        self.line = LineStyle::None;
        self.markers = true;
        self
    }

    /// A fixed colour instead of the next one of the palette.
    pub fn color(mut self, color: RGBColor) -> Self {
        self.color = Some(color);
        self
    }

    /// Line width in pixels.
    pub fn width(mut self, width: u32) -> Self {
        self.width = width;
        self
    }
}

/// The width of the book's content column in pixels: a picture wider than this is shown
/// scaled down to it, so its text must be drawn larger to stay readable.
pub const PAGE_WIDTH: u32 = 750;

/// The smallest text, in pixels, once a picture is shown [`PAGE_WIDTH`] wide: tick labels,
/// legends and captions are drawn at least this large (times the picture's scale-down).
pub const MIN_TEXT: f64 = 10.5;

/// The smallest font size for a picture `width` pixels wide, so that its text is at least
/// [`MIN_TEXT`] pixels high when the page shows it [`PAGE_WIDTH`] wide.
pub(crate) fn min_text(width: u32) -> f64 {
    MIN_TEXT * (f64::from(width) / f64::from(PAGE_WIDTH)).max(1.0)
}

/// How a picture is being drawn, handed from the picture to its panels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// Drawing pixels (PNG) rather than vectors (SVG).
    pub bitmap: bool,
    /// The smallest font size (see [`min_text`]).
    pub min_text: f64,
    /// Tick labels and the axis name under the x axis (off for inner panels of a figure with
    /// shared axes).
    pub x_ticks: bool,
    /// Tick labels and the axis name left of the y axis.
    pub y_ticks: bool,
}

impl Ctx {
    /// The context of a whole picture `width` pixels wide.
    pub fn picture(width: u32, bitmap: bool) -> Ctx {
        Ctx {
            bitmap,
            min_text: min_text(width),
            x_ticks: true,
            y_ticks: true,
        }
    }
}

/// Font sizes and margins for a panel of the given size (smaller panels, smaller text).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Theme {
    pub title: f64,
    pub label: f64,
    pub tick: f64,
    pub margin: u32,
    pub x_label_area: u32,
    pub y_label_area: u32,
    /// Drawing pixels (PNG) rather than vectors (SVG).
    pub bitmap: bool,
    /// See [`Ctx`].
    pub x_ticks: bool,
    pub y_ticks: bool,
}

impl Theme {
    /// The theme of a panel of `size` pixels in a picture drawn as `ctx` says: text no smaller
    /// than `ctx.min_text`.
    pub fn new(size: (u32, u32), ctx: Ctx) -> Theme {
        Theme {
            bitmap: ctx.bitmap,
            x_ticks: ctx.x_ticks,
            y_ticks: ctx.y_ticks,
            ..Theme::scaled(Theme::scale(size).max(ctx.min_text / 16.0))
        }
    }

    /// The theme of a panel of `size` pixels, without a floor on its text.
    pub fn for_size(size: (u32, u32)) -> Theme {
        Theme::scaled(Theme::scale(size))
    }

    /// Text scale of a panel: 1 for 640 x 480, less for smaller panels.
    fn scale((w, h): (u32, u32)) -> f64 {
        (f64::from(h.min(w * 3 / 4)) / 480.0)
            .sqrt()
            .clamp(0.75, 1.6)
    }

    fn scaled(s: f64) -> Theme {
        Theme {
            title: 24.0 * s,
            label: 19.0 * s,
            tick: 16.0 * s,
            margin: (12.0 * s) as u32,
            x_label_area: (48.0 * s) as u32,
            y_label_area: (64.0 * s) as u32,
            bitmap: false,
            x_ticks: true,
            y_ticks: true,
        }
    }
}

/// A short tick label: `0.5`, `-2`, `1e-3`, `2.5e4`.
pub(crate) fn fmt_tick(v: f64) -> String {
    // Tick positions are computed by adding steps, so a tick meant to be 0 can come out as
    // 5.6e-17; no axis of this book has real ticks that small.
    if v.abs() < 1e-12 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        let s = format!("{v:.1e}");
        return s.replace(".0e", "e");
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// Smallest and largest finite value; `None` if there is none.
pub(crate) fn finite_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// Widens `(lo, hi)` by `frac` of its span on each side (and makes an empty range usable).
pub(crate) fn pad((lo, hi): (f64, f64), frac: f64) -> (f64, f64) {
    if hi > lo {
        let d = (hi - lo) * frac;
        (lo - d, hi + d)
    } else {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - d, hi + d)
    }
}

/// The finite values' range widened by `frac` of its span on each side; (0, 1) if there are
/// none.
pub(crate) fn fit(values: impl IntoIterator<Item = f64>, frac: f64) -> (f64, f64) {
    finite_range(values).map_or((0.0, 1.0), |r| pad(r, frac))
}

/// Points given as pairs of any numbers, as `f64` pairs.
pub(crate) fn to_points<A: AsF64, B: AsF64>(
    points: impl IntoIterator<Item = (A, B)>,
) -> Vec<(f64, f64)> {
    points
        .into_iter()
        .map(|(x, y)| (x.as_f64(), y.as_f64()))
        .collect()
}

/// Splits points into runs of finite ones, so a NaN or an infinity breaks the line there
/// instead of breaking the plot.
pub(crate) fn finite_runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![];
    let mut run = vec![];
    for &(x, y) in points {
        if x.is_finite() && y.is_finite() {
            run.push((x, y));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The visible pieces of a polyline: finite runs cut to the box `x` x `y` (plotters would
/// otherwise pin an outside point to the edge and bend the line). With `log_y` the cut is
/// made on ln(y), where the drawn segments are straight, and y <= 0 breaks the line.
pub(crate) fn clip_runs(
    points: &[(f64, f64)],
    x: (f64, f64),
    y: (f64, f64),
    log_y: bool,
) -> Vec<Vec<(f64, f64)>> {
    let fy = |v: f64| {
        if !log_y {
            v
        } else if v > 0.0 {
            v.ln()
        } else {
            f64::NAN
        }
    };
    let gy = |v: f64| if log_y { v.exp() } else { v };
    let moved: Vec<_> = points.iter().map(|&(a, b)| (a, fy(b))).collect();
    let (y0, y1) = (fy(y.0), fy(y.1));
    let mut out = vec![];
    for run in finite_runs(&moved) {
        let mut piece: Vec<(f64, f64)> = vec![];
        if run.len() == 1 {
            let (a, b) = run[0];
            if a >= x.0 && a <= x.1 && b >= y0 && b <= y1 {
                out.push(vec![(a, gy(b))]);
            }
            continue;
        }
        for w in run.windows(2) {
            match clip_segment(w[0], w[1], x, (y0, y1)) {
                Some((p, q)) => {
                    if piece.last() != Some(&p) {
                        if !piece.is_empty() {
                            out.push(std::mem::take(&mut piece));
                        }
                        piece.push(p);
                    }
                    piece.push(q);
                }
                None => {
                    if !piece.is_empty() {
                        out.push(std::mem::take(&mut piece));
                    }
                }
            }
        }
        if !piece.is_empty() {
            out.push(piece);
        }
    }
    for piece in &mut out {
        for p in piece.iter_mut() {
            p.1 = gy(p.1);
        }
    }
    out
}

/// Liang-Barsky: the part of segment p-q inside the box, if any.
pub(crate) fn clip_segment(
    p: (f64, f64),
    q: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (den, num) in [
        (-dx, p.0 - x0),
        (dx, x1 - p.0),
        (-dy, p.1 - y0),
        (dy, y1 - p.1),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            p
        } else if t == 1.0 {
            q
        } else {
            (p.0 + t * dx, p.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(fmt_tick(0.5), "0.5");
        assert_eq!(fmt_tick(-2.0), "-2");
        assert_eq!(fmt_tick(0.001), "0.001");
        assert_eq!(fmt_tick(1e-4), "1e-4");
        assert_eq!(fmt_tick(25000.0), "25000");
        assert_eq!(fmt_tick(250000.0), "2.5e5");
        assert_eq!(fmt_tick(0.30000000000000004), "0.3");
    }

    #[test]
    fn nan_breaks_a_line() {
        let p = [(0.0, 1.0), (1.0, f64::NAN), (2.0, 3.0), (3.0, 4.0)];
        assert_eq!(finite_runs(&p).len(), 2);
        assert_eq!(linspace(0.0, 1.0, 3), vec![0.0, 0.5, 1.0]);
    }

    #[test]
    fn lines_are_cut_at_the_box() {
        // from outside the top-left corner to inside: the cut keeps the slope
        let runs = clip_runs(&[(-0.5, 1.9), (1.5, -0.1)], (-0.5, 1.5), (-0.5, 1.5), false);
        assert_eq!(runs.len(), 1);
        let [(a, b), (c, d)] = runs[0][..] else {
            panic!("{runs:?}")
        };
        assert!((a - -0.1).abs() < 1e-12 && (b - 1.5).abs() < 1e-12);
        assert_eq!((c, d), (1.5, -0.1));
        // a curve leaving and re-entering the box becomes two pieces
        let p: Vec<_> = (-20..=20)
            .map(|i| (i as f64 / 10.0, (i as f64 / 10.0).powi(2)))
            .collect();
        assert_eq!(clip_runs(&p, (-2.0, 2.0), (0.5, 5.0), false).len(), 2);
        // log scale: zero breaks the line
        let l = [
            (0.0, 1.0),
            (1.0, 0.1),
            (2.0, 0.0),
            (3.0, 0.01),
            (4.0, 0.001),
        ];
        assert_eq!(clip_runs(&l, (0.0, 4.0), (1e-4, 10.0), true).len(), 2);
    }
}
