//! Scatter plots of labelled points, with straight lines and the shaded decision regions of a
//! 2-D classifier (the logic gates of chapter 2).

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::render::{self, DrawResult, Paint};
use super::style::{LegendPos, PALETTE, RGBColor, Series, Theme, finite_range, pad};

/// Points of one class, drawn with one colour and one marker shape.
#[derive(Debug, Clone, Default)]
pub struct Class {
    /// Legend entry (an empty name keeps it out of the legend).
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// `None` takes the class's palette colour (class k: `PALETTE[k]`).
    pub color: Option<RGBColor>,
}

/// Points by class, lines, and shaded regions.
///
/// ```no_run
/// use dlfs_plot::{ScatterChart, Series};
/// ScatterChart::new("AND", "x1", "x2")
///     .x_range(-0.5, 1.5)
///     .y_range(-0.5, 1.5)
///     .class("y = 0", [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
///     .class("y = 1", [(1.0, 1.0)])
///     .line(Series::from_points("0.5 x1 + 0.5 x2 - 0.7 = 0", [(-0.5, 1.9), (1.5, -0.1)]))
///     .regions(|x1, x2| usize::from(0.5 * x1 + 0.5 * x2 - 0.7 > 0.0))
///     .save("out/and.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ScatterChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub classes: Vec<Class>,
    /// Lines drawn over the points (two points make a straight line); black unless coloured.
    pub lines: Vec<Series>,
    /// Shaded background: the class of each cell of a grid over the plot.
    pub regions: Option<Regions>,
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    pub legend: LegendPos,
    pub size: (u32, u32),
}

/// The class of every cell of an `n` x `n` grid over `x` x `y`: the shaded background of a
/// [`ScatterChart`]. Class k is shaded with a light tint of class k's colour.
#[derive(Debug, Clone)]
pub struct Regions {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub n: usize,
    /// Row-major from the bottom row up: `class[j * n + i]` is the cell at column i, row j.
    pub class: Vec<usize>,
}

impl Regions {
    /// Asks `f` for the class at the centre of each of `n` x `n` cells.
    pub fn sample(x: (f64, f64), y: (f64, f64), n: usize, f: impl Fn(f64, f64) -> usize) -> Self {
        let (dx, dy) = ((x.1 - x.0) / n as f64, (y.1 - y.0) / n as f64);
        let mut class = Vec::with_capacity(n * n);
        for j in 0..n {
            for i in 0..n {
                class.push(f(x.0 + (i as f64 + 0.5) * dx, y.0 + (j as f64 + 0.5) * dy));
            }
        }
        Regions { x, y, n, class }
    }
}

impl Default for ScatterChart {
    fn default() -> Self {
        ScatterChart {
            title: String::new(),
            x_label: "x1".into(),
            y_label: "x2".into(),
            classes: vec![],
            lines: vec![],
            regions: None,
            x_range: None,
            y_range: None,
            legend: LegendPos::Auto,
            size: (560, 520),
        }
    }
}

impl ScatterChart {
    /// An empty chart with its title and axis labels.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        ScatterChart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            ..Default::default()
        }
    }

    /// Adds a class of points (the k-th class added is class k of [`Self::regions`]).
    pub fn class<A: super::AsF64, B: super::AsF64>(
        mut self,
        name: impl Into<String>,
        points: impl IntoIterator<Item = (A, B)>,
    ) -> Self {
        let points = points
            .into_iter()
            .map(|(a, b)| (a.as_f64(), b.as_f64()))
            .collect();
        self.classes.push(Class {
            name: name.into(),
            points,
            color: None,
        });
        self
    }

    /// Adds a line (black unless the series has a colour).
    pub fn line(mut self, s: Series) -> Self {
        self.lines.push(s);
        self
    }

    /// Fixes the x range.
    pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
        self.x_range = Some((lo, hi));
        self
    }

    /// Fixes the y range.
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Shades the plot by the class `f(x, y)` returns, sampled on a 400 x 400 grid over the
    /// chart's ranges (set the ranges first, or they are fitted to the points added so far).
    pub fn regions(mut self, f: impl Fn(f64, f64) -> usize) -> Self {
        let (x, y) = self.ranges();
        self.regions = Some(Regions::sample(x, y, 400, f));
        self
    }

    /// Where the legend goes.
    pub fn legend(mut self, pos: LegendPos) -> Self {
        self.legend = pos;
        self
    }

    /// Picture size in pixels.
    pub fn size(mut self, w: u32, h: u32) -> Self {
        self.size = (w, h);
        self
    }

    /// Writes the chart to `path` (`.png` or `.svg`).
    pub fn save(&self, path: impl AsRef<Path>) -> anyhow::Result<()> {
        render::save(self, path.as_ref())
    }

    fn ranges(&self) -> ((f64, f64), (f64, f64)) {
        let pts = || self.classes.iter().flat_map(|c| c.points.iter());
        let fit = |v: Vec<f64>| finite_range(v).map_or((0.0, 1.0), |r| pad(r, 0.15));
        let x = self
            .x_range
            .unwrap_or_else(|| fit(pts().map(|p| p.0).collect()));
        let y = self
            .y_range
            .unwrap_or_else(|| fit(pts().map(|p| p.1).collect()));
        (x, y)
    }

    fn class_color(&self, k: usize) -> RGBColor {
        self.classes
            .get(k)
            .and_then(|c| c.color)
            .unwrap_or(PALETTE[k % PALETTE.len()])
    }
}

/// Outline of marker shape k, in pixels around the point: circle, triangle, square, diamond.
fn marker_shape(k: usize, r: i32) -> Vec<(i32, i32)> {
    let r = f64::from(r);
    let polygon = |corners: usize, turn: f64, radius: f64| -> Vec<(i32, i32)> {
        (0..corners)
            .map(|i| {
                let a = turn + std::f64::consts::TAU * i as f64 / corners as f64;
                (
                    (radius * a.cos()).round() as i32,
                    (-radius * a.sin()).round() as i32,
                )
            })
            .collect()
    };
    match k % 4 {
        0 => polygon(16, 0.0, r),
        1 => polygon(3, std::f64::consts::FRAC_PI_2, r * 1.35),
        2 => polygon(4, std::f64::consts::FRAC_PI_4, r * 1.25),
        _ => polygon(4, 0.0, r * 1.4),
    }
}

impl Paint for ScatterChart {
    fn paint<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        bitmap: bool,
    ) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), bitmap);
        let (x, y) = self.ranges();
        let mut chart =
            render::builder(area, &self.title, &t).build_cartesian_2d(x.0..x.1, y.0..y.1)?;

        // Shaded regions first, as runs of equal cells per row (few rectangles, small SVGs).
        if let Some(reg) = &self.regions {
            let (dx, dy) = (
                (reg.x.1 - reg.x.0) / reg.n as f64,
                (reg.y.1 - reg.y.0) / reg.n as f64,
            );
            let mut rects = vec![];
            for j in 0..reg.n {
                let row = &reg.class[j * reg.n..(j + 1) * reg.n];
                let mut start = 0;
                for i in 1..=reg.n {
                    if i == reg.n || row[i] != row[start] {
                        let (x0, y0) = (reg.x.0 + start as f64 * dx, reg.y.0 + j as f64 * dy);
                        let c = render::lighten(self.class_color(row[start]), 0.72);
                        rects.push(Rectangle::new(
                            [(x0, y0), (reg.x.0 + i as f64 * dx, y0 + dy)],
                            c.filled(),
                        ));
                        start = i;
                    }
                }
            }
            chart.draw_series(rects)?;
        }
        render::mesh(&mut chart, &self.x_label, &self.y_label, &t)?;

        for s in &self.lines {
            render::draw_series(&mut chart, s, s.color.unwrap_or(BLACK), &t, false)?;
        }
        let r = (5.0 * t.tick / 16.0).round().max(3.0) as i32;
        for (k, c) in self.classes.iter().enumerate() {
            let color = self.class_color(k);
            let shape = marker_shape(k, r);
            let mut outline = shape.clone();
            outline.push(shape[0]);
            let (fill, edge) = (color.filled(), BLACK.stroke_width(1));
            let pts = c
                .points
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite());
            let anno = chart.draw_series(pts.map(|&p| {
                EmptyElement::at(p)
                    + Polygon::new(shape.clone(), fill)
                    + PathElement::new(outline.clone(), edge)
            }))?;
            if !c.name.is_empty() {
                anno.label(c.name.as_str()).legend(move |(px, py)| {
                    EmptyElement::at((px + 10, py))
                        + Polygon::new(shape.clone(), fill)
                        + PathElement::new(outline.clone(), edge)
                });
            }
        }
        let named: Vec<&str> = self
            .lines
            .iter()
            .map(|s| s.name.as_str())
            .chain(self.classes.iter().map(|c| c.name.as_str()))
            .filter(|n| !n.is_empty())
            .collect();
        let crowded = || {
            let pts: Vec<_> = self
                .classes
                .iter()
                .flat_map(|c| c.points.iter())
                .copied()
                .collect();
            render::to_fractions(&pts, x, y)
        };
        render::legend(&mut chart, &named, self.legend, crowded, &t)
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn check(&self) -> anyhow::Result<()> {
        render::check_range("x range", self.x_range)?;
        render::check_range("y range", self.y_range)?;
        if let Some(r) = &self.regions {
            anyhow::ensure!(
                r.class.len() == r.n * r.n,
                "the regions need {} cells, not {}",
                r.n * r.n,
                r.class.len()
            );
        }
        Ok(())
    }
}
