//! Scatter plots of labelled points, with straight lines and the shaded decision regions of a
//! 2-D classifier (the logic gates of chapter 2).

use plotters::prelude::*;

use super::axes::{Axes, OnAxes, Ranges, axes_chart};
use super::render::{self, Backend, DrawResult, Plot, YAxis};
use super::style::{AsF64, PALETTE, RGBColor, Series, Theme, to_points};

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
    pub classes: Vec<Class>,
    /// Lines drawn over the points (two points make a straight line); black unless coloured.
    pub lines: Vec<Series>,
    /// Shaded background: the class of each cell of a grid over the plot.
    pub regions: Option<Regions>,
    /// Title, axis labels, fixed ranges (`None` fits the points with a margin), legend, size.
    pub axes: Axes,
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

axes_chart!(ScatterChart {
    classes: vec![],
    lines: vec![],
    regions: None,
    axes: Axes::new("x1", "x2", (560, 520))
});

impl ScatterChart {
    /// Adds a class of points (the k-th class added is class k of [`Self::regions`]).
    pub fn class<A: AsF64, B: AsF64>(
        mut self,
        name: impl Into<String>,
        points: impl IntoIterator<Item = (A, B)>,
    ) -> Self {
        self.classes.push(Class {
            name: name.into(),
            points: to_points(points),
            color: None,
        });
        self
    }

    /// Adds a line (black unless the series has a colour).
    pub fn line(mut self, s: Series) -> Self {
        self.lines.push(s);
        self
    }

    /// Shades the plot by the class `f(x, y)` returns, sampled on a 400 x 400 grid over the
    /// chart's ranges (set the ranges first, or they are fitted to the points added so far).
    pub fn regions(mut self, f: impl Fn(f64, f64) -> usize) -> Self {
        let (x, y) = self.ranges();
        self.regions = Some(Regions::sample(x, y, 400, f));
        self
    }

    fn points(&self) -> impl Iterator<Item = &(f64, f64)> {
        self.classes.iter().flat_map(|c| c.points.iter())
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

impl OnAxes for ScatterChart {
    fn axes(&self) -> &Axes {
        &self.axes
    }

    fn ranges(&self) -> Ranges {
        self.axes.or_fit(|| self.points().copied(), 0.15)
    }

    /// The shaded regions, as runs of equal cells per row (few rectangles, small SVGs).
    fn draw_under<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
    ) -> DrawResult<DB> {
        let Some(reg) = &self.regions else {
            return Ok(());
        };
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
        Ok(())
    }

    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        t: &Theme,
    ) -> DrawResult<DB> {
        for s in &self.lines {
            render::draw_series(chart, s, s.color.unwrap_or(BLACK), t, false)?;
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
        Ok(())
    }

    fn legend_names(&self) -> Vec<&str> {
        let lines = self.lines.iter().map(|s| s.name.as_str());
        lines
            .chain(self.classes.iter().map(|c| c.name.as_str()))
            .collect()
    }

    fn legend_avoids(&self, _: Ranges) -> Vec<(f64, f64)> {
        self.points().copied().collect()
    }

    fn check_data(&self) -> anyhow::Result<()> {
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
