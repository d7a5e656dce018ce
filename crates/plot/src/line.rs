//! Line charts: several named (x, y) series on shared axes (`plt.plot` called a few times).

use super::axes::{Axes, OnAxes, Ranges, axes_chart};
use super::render::{self, Backend, DrawResult, Plot, YAxis};
use super::style::{Series, Theme, finite_range, fit};

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
    pub series: Vec<Series>,
    /// Logarithmic y axis (points with y <= 0 are left out).
    pub log_y: bool,
    /// Title, axis labels, fixed ranges (`None` fits the data, y with a small margin), legend,
    /// size.
    pub axes: Axes,
}

axes_chart!(LineChart {
    series: vec![],
    log_y: false,
    axes: Axes::new("x", "y", (640, 480))
});

impl LineChart {
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

    /// Logarithmic y axis (`plt.yscale("log")`).
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    fn points(&self) -> impl Iterator<Item = &(f64, f64)> {
        self.series.iter().flat_map(|s| s.points.iter())
    }
}

impl OnAxes for LineChart {
    fn axes(&self) -> &Axes {
        &self.axes
    }

    fn ranges(&self) -> Ranges {
        let x = self
            .axes
            .x_range
            .unwrap_or_else(|| fit(self.points().map(|p| p.0), 0.0));
        let in_x = |p: &&(f64, f64)| p.0 >= x.0 && p.0 <= x.1;
        let y = match (self.axes.y_range, self.log_y) {
            (Some(r), _) => r,
            (None, false) => fit(self.points().filter(in_x).map(|p| p.1), 0.05),
            (None, true) => {
                let r = finite_range(self.points().filter(in_x).map(|p| p.1).filter(|&y| y > 0.0));
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

    fn log_y(&self) -> bool {
        self.log_y
    }

    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        t: &Theme,
    ) -> DrawResult<DB> {
        for (i, s) in self.series.iter().enumerate() {
            render::draw_series(chart, s, render::series_color(s, i), t, self.log_y)?;
        }
        Ok(())
    }

    fn legend_names(&self) -> Vec<&str> {
        self.series.iter().map(|s| s.name.as_str()).collect()
    }

    fn legend_avoids(&self, _: Ranges) -> Vec<(f64, f64)> {
        self.points().copied().collect()
    }

    fn check_data(&self) -> anyhow::Result<()> {
        if self.log_y && self.axes.y_range.is_some_and(|(lo, _)| lo <= 0.0) {
            anyhow::bail!("a log-scale y range must start above 0");
        }
        Ok(())
    }
}
