//! Contour lines of f(x, y) with paths drawn over them (`plt.contour` + `plt.plot`): the
//! paths of the optimizers of chapter 6 on their loss surface.

use plotters::prelude::*;
use plotters::style::colors::colormaps::{ColorMap, ViridisRGB};

use super::axes::{Axes, OnAxes, Ranges, axes_chart, shown};
use super::raster;
use super::render::{self, Backend, DrawResult, Plot, YAxis};
use super::style::{Series, Theme, clip_segment, finite_range};

/// Contour lines of a function sampled on a grid, with paths over them.
///
/// ```no_run
/// use dlfs_plot::{Contour, Series};
/// Contour::new("SGD", "x", "y")
///     .function((-10.0, 10.0), (-10.0, 10.0), |x, y| x * x / 20.0 + y * y)
///     .path(Series::from_points("path", [(-7.0, 2.0), (-6.5, -1.6), (-6.0, 1.2)]).markers())
///     .save("out/sgd.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Contour {
    /// The sampled rectangle: `nx` columns from `x.0` to `x.1`, `ny` rows from `y.0` to `y.1`.
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub nx: usize,
    pub ny: usize,
    /// `values[j * nx + i]` = f(x_i, y_j), row j = 0 at the bottom.
    pub values: Vec<f64>,
    /// The values to draw a line at; empty picks about ten round ones.
    pub levels: Vec<f64>,
    /// Paths drawn over the contours (red unless coloured).
    pub paths: Vec<Series>,
    /// Title, axis labels, fixed ranges (`None` shows the whole grid), legend, size.
    pub axes: Axes,
}

axes_chart!(Contour {
    x: (0.0, 1.0),
    y: (0.0, 1.0),
    nx: 0,
    ny: 0,
    values: vec![],
    levels: vec![],
    paths: vec![],
    axes: Axes::new("x", "y", (600, 520))
});

impl Contour {
    /// Samples `f` on a 161 x 161 grid over `x` x `y` (the plot's ranges unless fixed).
    pub fn function(mut self, x: (f64, f64), y: (f64, f64), f: impl Fn(f64, f64) -> f64) -> Self {
        let n = 161;
        self.x = x;
        self.y = y;
        self.nx = n;
        self.ny = n;
        self.values = (0..n)
            .flat_map(|j| (0..n).map(move |i| (i, j)))
            .map(|(i, j)| {
                let xi = x.0 + (x.1 - x.0) * i as f64 / (n - 1) as f64;
                let yj = y.0 + (y.1 - y.0) * j as f64 / (n - 1) as f64;
                f(xi, yj)
            })
            .collect();
        self
    }

    /// The values to draw lines at.
    pub fn levels(mut self, levels: impl IntoIterator<Item = f64>) -> Self {
        self.levels = levels.into_iter().collect();
        self
    }

    /// Adds a path drawn over the contours.
    pub fn path(mut self, s: Series) -> Self {
        self.paths.push(s);
        self
    }

    fn auto_levels(&self) -> Vec<f64> {
        if !self.levels.is_empty() {
            return self.levels.clone();
        }
        let Some((lo, hi)) = finite_range(self.values.iter().copied()) else {
            return vec![];
        };
        nice_levels(lo, hi, 10)
    }
}

/// About `n` round values strictly between `lo` and `hi` (steps of 1, 2, 2.5 or 5 times a power
/// of ten).
pub(crate) fn nice_levels(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if hi <= lo {
        return vec![];
    }
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64 + 1;
    (first..)
        .map(|k| k as f64 * step)
        .take_while(|&v| v < hi)
        .filter(|&v| v > lo)
        .collect()
}

/// Marching squares: the segments where the sampled surface crosses `level`.
pub(crate) fn contour_segments(
    values: &[f64],
    (nx, ny): (usize, usize),
    x: (f64, f64),
    y: (f64, f64),
    level: f64,
) -> Vec<[(f64, f64); 2]> {
    let xi = |i: f64| x.0 + (x.1 - x.0) * i / (nx - 1) as f64;
    let yj = |j: f64| y.0 + (y.1 - y.0) * j / (ny - 1) as f64;
    // where along an edge from value a to value b the level is crossed (0..1)
    let frac = |a: f64, b: f64| ((level - a) / (b - a)).clamp(0.0, 1.0);
    let mut segs = vec![];
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            let v = |di: usize, dj: usize| values[(j + dj) * nx + i + di];
            let (v00, v10, v11, v01) = (v(0, 0), v(1, 0), v(1, 1), v(0, 1));
            if ![v00, v10, v11, v01].iter().all(|v| v.is_finite()) {
                continue;
            }
            let (fi, fj) = (i as f64, j as f64);
            // crossings on the bottom, right, top and left edges (None: no crossing)
            let cross = |a: f64, b: f64| (a >= level) != (b >= level);
            let bottom = cross(v00, v10).then(|| (xi(fi + frac(v00, v10)), yj(fj)));
            let right = cross(v10, v11).then(|| (xi(fi + 1.0), yj(fj + frac(v10, v11))));
            let top = cross(v01, v11).then(|| (xi(fi + frac(v01, v11)), yj(fj + 1.0)));
            let left = cross(v00, v01).then(|| (xi(fi), yj(fj + frac(v00, v01))));
            match (bottom, right, top, left) {
                (Some(b), Some(r), Some(t), Some(l)) => {
                    // a saddle: the centre decides which corners the lines cut off
                    let centre = (v00 + v10 + v11 + v01) / 4.0;
                    if (centre >= level) == (v00 >= level) {
                        segs.push([b, r]);
                        segs.push([t, l]);
                    } else {
                        segs.push([l, b]);
                        segs.push([r, t]);
                    }
                }
                _ => {
                    let ends: Vec<_> = [bottom, right, top, left].into_iter().flatten().collect();
                    if let [a, b] = ends[..] {
                        segs.push([a, b]);
                    }
                }
            }
        }
    }
    segs
}

impl OnAxes for Contour {
    fn axes(&self) -> &Axes {
        &self.axes
    }

    fn ranges(&self) -> Ranges {
        let axes = &self.axes;
        (
            axes.x_range.unwrap_or(self.x),
            axes.y_range.unwrap_or(self.y),
        )
    }

    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        t: &Theme,
    ) -> DrawResult<DB> {
        // fixed ranges can zoom in: then the lines are cut at the box
        let zoomed = self.axes.x_range.is_some() || self.axes.y_range.is_some();
        let (x, y) = shown(chart);
        let levels = self.auto_levels();
        for (k, &level) in levels.iter().enumerate() {
            let u = if levels.len() > 1 {
                k as f64 / (levels.len() - 1) as f64
            } else {
                0.5
            };
            let color = ViridisRGB.get_color_normalized(u, 0.0, 1.0);
            let mut segs =
                contour_segments(&self.values, (self.nx, self.ny), self.x, self.y, level);
            if zoomed {
                segs = segs
                    .into_iter()
                    .filter_map(|[p, q]| clip_segment(p, q, x, y).map(|(p, q)| [p, q]))
                    .collect();
            }
            if t.bitmap {
                let to_px = render::pixel_mapper(chart, false);
                let pieces: Vec<Vec<(f64, f64)>> = segs
                    .iter()
                    .map(|s| vec![to_px(&s[0]), to_px(&s[1])])
                    .collect();
                raster::stroke(
                    &chart.plotting_area().strip_coord_spec(),
                    &pieces,
                    1.2,
                    color,
                )?;
            } else {
                let lines = segs
                    .into_iter()
                    .map(|s| PathElement::new(s.to_vec(), color.stroke_width(1)));
                chart.draw_series(lines)?;
            }
        }
        for (i, s) in self.paths.iter().enumerate() {
            let color = s.color.unwrap_or(if i == 0 {
                super::PALETTE[3]
            } else {
                render::series_color(s, i)
            });
            render::draw_series(chart, s, color, t, false)?;
        }
        Ok(())
    }

    fn legend_names(&self) -> Vec<&str> {
        self.paths.iter().map(|s| s.name.as_str()).collect()
    }

    fn legend_avoids(&self, _: Ranges) -> Vec<(f64, f64)> {
        let pts = self.paths.iter().flat_map(|s| s.points.iter());
        pts.copied().collect()
    }

    fn check_data(&self) -> anyhow::Result<()> {
        render::check_range("x range", Some(self.x))?;
        render::check_range("y range", Some(self.y))?;
        anyhow::ensure!(
            self.nx >= 2 && self.ny >= 2 && self.values.len() == self.nx * self.ny,
            "a contour needs a grid of at least 2 x 2 values (give one with .function(...)), got {} values for {} x {}",
            self.values.len(),
            self.nx,
            self.ny
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_round() {
        let l = nice_levels(0.0, 1.0, 10);
        assert_eq!(l.len(), 9);
        assert!((l[2] - 0.3).abs() < 1e-12);
        assert_eq!(
            nice_levels(0.0, 7.0, 10),
            vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
        );
    }

    #[test]
    fn a_circle_crosses_where_expected() {
        // f = x^2 + y^2 on [-1, 1]^2; the level 0.25 is the circle of radius 0.5
        let n = 41;
        let v: Vec<f64> = (0..n)
            .flat_map(|j| (0..n).map(move |i| (i, j)))
            .map(|(i, j)| {
                let (x, y) = (-1.0 + 2.0 * i as f64 / 40.0, -1.0 + 2.0 * j as f64 / 40.0);
                x * x + y * y
            })
            .collect();
        let segs = contour_segments(&v, (n, n), (-1.0, 1.0), (-1.0, 1.0), 0.25);
        assert!(segs.len() > 20);
        for s in segs {
            for (x, y) in s {
                assert!(((x * x + y * y).sqrt() - 0.5).abs() < 0.01);
            }
        }
    }
}
