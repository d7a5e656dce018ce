//! Line charts: several named (x, y) series on shared axes (`plt.plot` called a few times).

use std::path::Path;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::render::{self, DrawResult, Paint};
use super::style::{LegendPos, Series, Theme, finite_range, pad};

/// Named curves on shared axes.
///
/// ```no_run
/// use dlfs_plot::{LineChart, Series};
/// LineChart::new("Loss", "iteration", "loss")
///     .series(Series::from_values("train", [2.3, 1.1, 0.6, 0.4]))
///     .series(Series::from_values("test", [2.3, 1.2, 0.8, 0.7]).dashed())
///     .log_y()
///     .save("out/loss.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LineChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    /// Fixed x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// Fixed y range; `None` fits the data with a small margin.
    pub y_range: Option<(f64, f64)>,
    /// Logarithmic y axis (points with y <= 0 are left out).
    pub log_y: bool,
    pub legend: LegendPos,
    /// Picture size in pixels when saved on its own (ignored inside a [`super::Figure`]).
    pub size: (u32, u32),
}

impl Default for LineChart {
    fn default() -> Self {
        LineChart {
            title: String::new(),
            x_label: "x".into(),
            y_label: "y".into(),
            series: vec![],
            x_range: None,
            y_range: None,
            log_y: false,
            legend: LegendPos::Auto,
            size: (640, 480),
        }
    }
}

impl LineChart {
    /// An empty chart with its title and axis labels.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        LineChart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            ..Default::default()
        }
    }

    /// Train and test accuracy against epochs, the chart the book draws after training: the
    /// training curve solid, the test curve dashed, both with markers, y from 0 to 1.
    pub fn accuracy(title: impl Into<String>, epochs: &[f64], train: &[f64], test: &[f64]) -> Self {
        LineChart::new(title, "epoch", "accuracy")
            .series(Series::new("train", epochs, train).markers())
            .series(Series::new("test", epochs, test).markers().dashed())
            .y_range(0.0, 1.0)
    }

    /// Adds a series.
    pub fn series(mut self, s: Series) -> Self {
        self.series.push(s);
        self
    }

    /// Fixes the x range (`plt.xlim`).
    pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
        self.x_range = Some((lo, hi));
        self
    }

    /// Fixes the y range (`plt.ylim`).
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Logarithmic y axis (`plt.yscale("log")`).
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
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
        let pts = || self.series.iter().flat_map(|s| s.points.iter());
        let x = self.x_range.unwrap_or_else(|| {
            finite_range(pts().map(|p| p.0)).map_or((0.0, 1.0), |r| pad(r, 0.0))
        });
        let in_x = |p: &&(f64, f64)| p.0 >= x.0 && p.0 <= x.1;
        let y = match (self.y_range, self.log_y) {
            (Some(r), _) => r,
            (None, false) => {
                finite_range(pts().filter(in_x).map(|p| p.1)).map_or((0.0, 1.0), |r| pad(r, 0.05))
            }
            (None, true) => {
                let r = finite_range(pts().filter(in_x).map(|p| p.1).filter(|&y| y > 0.0));
                r.map_or((0.1, 10.0), |(lo, hi)| {
                    if hi > lo {
                        (lo / 1.5, hi * 1.5)
                    } else {
                        (lo / 10.0, hi * 10.0)
                    }
                })
            }
        };
        (x, y)
    }

    fn draw<'a, DB, Y>(
        &self,
        chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
        (x, y): ((f64, f64), (f64, f64)),
        t: &Theme,
    ) -> DrawResult<DB>
    where
        DB: DrawingBackend + 'a,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        render::mesh(chart, &self.x_label, &self.y_label, t)?;
        let log = self.log_y;
        for (i, s) in self.series.iter().enumerate() {
            render::draw_series(chart, s, render::series_color(s, i), t, log)?;
        }
        let named: Vec<&str> = self
            .series
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let crowded = || {
            let pts = self.series.iter().flat_map(|s| s.points.iter()).copied();
            let pts: Vec<_> = if log {
                pts.filter(|p| p.1 > 0.0)
                    .map(|(a, b)| (a, b.ln()))
                    .collect()
            } else {
                pts.collect()
            };
            let y = if log { (y.0.ln(), y.1.ln()) } else { y };
            render::to_fractions(&pts, x, y)
        };
        render::legend(chart, &named, self.legend, crowded, t)
    }
}

impl Paint for LineChart {
    fn paint<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        bitmap: bool,
    ) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), bitmap);
        let (x, y) = self.ranges();
        let mut b = render::builder(area, &self.title, &t);
        if self.log_y {
            let mut chart = b.build_cartesian_2d(x.0..x.1, (y.0..y.1).log_scale())?;
            self.draw(&mut chart, (x, y), &t)
        } else {
            let mut chart = b.build_cartesian_2d(x.0..x.1, y.0..y.1)?;
            self.draw(&mut chart, (x, y), &t)
        }
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn check(&self) -> anyhow::Result<()> {
        render::check_range("x range", self.x_range)?;
        render::check_range("y range", self.y_range)?;
        if self.log_y && self.y_range.is_some_and(|(lo, _)| lo <= 0.0) {
            anyhow::bail!("a log-scale y range must start above 0");
        }
        Ok(())
    }
}
