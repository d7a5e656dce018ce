//! Histograms: how values are distributed (`plt.hist`), one or several overlaid.

use plotters::prelude::*;

use super::axes::{Axes, OnAxes, Ranges, axes_chart, shown};
use super::render::{Backend, DrawResult, Plot, YAxis};
use super::style::{AsF64, PALETTE, RGBColor, Theme, fit};

/// One set of values to count.
#[derive(Debug, Clone, Default)]
pub struct HistSeries {
    pub name: String,
    pub values: Vec<f64>,
    /// `None` takes the next colour of the palette.
    pub color: Option<RGBColor>,
}

/// Counts of values in equal-width bins.
///
/// ```no_run
/// use dlfs_plot::Histogram;
/// let a = vec![0.1f32, 0.5, 0.52, 0.9];
/// Histogram::new("1-layer", "activation", "count")
///     .values("layer 1", &a)
///     .bins(30)
///     .range(0.0, 1.0)
///     .save("out/hist.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Histogram {
    /// Number of equal-width bins.
    pub bins: usize,
    pub series: Vec<HistSeries>,
    /// Title, axis labels, the binned range as the x range (`None` spans the values; values
    /// outside are not counted), the y range (`None`: from 0 to just over the tallest bar),
    /// legend, size.
    pub axes: Axes,
}

axes_chart!(Histogram {
    bins: 30,
    series: vec![],
    axes: Axes::new("value", "count", (640, 480))
});

impl Histogram {
    /// Adds a set of values (any iterable of numbers: `&Vec<f32>`, `array.iter()`, ...).
    pub fn values<V: IntoIterator<Item: AsF64>>(
        mut self,
        name: impl Into<String>,
        values: V,
    ) -> Self {
        let values = values.into_iter().map(|v| v.as_f64()).collect();
        self.series.push(HistSeries {
            name: name.into(),
            values,
            color: None,
        });
        self
    }

    /// Number of bins.
    pub fn bins(mut self, bins: usize) -> Self {
        self.bins = bins;
        self
    }

    /// The binned range (`plt.hist(..., range=(lo, hi))`), which is the x range.
    pub fn range(self, lo: f64, hi: f64) -> Self {
        self.x_range(lo, hi)
    }

    /// Fixed top of the y axis (to compare panels).
    pub fn y_max(self, y_max: f64) -> Self {
        self.y_range(0.0, y_max)
    }

    fn binned(&self) -> (f64, f64) {
        let all = self.series.iter().flat_map(|s| s.values.iter().copied());
        self.axes.x_range.unwrap_or_else(|| fit(all, 0.0))
    }

    /// Count per bin of each series; the last bin includes its right edge (as NumPy does).
    fn counts(&self, (lo, hi): (f64, f64)) -> Vec<Vec<usize>> {
        let n = self.bins;
        self.series
            .iter()
            .map(|s| {
                let mut c = vec![0; n];
                for &v in &s.values {
                    if v >= lo && v <= hi {
                        let k = (((v - lo) / (hi - lo)) * n as f64) as usize;
                        c[k.min(n - 1)] += 1;
                    }
                }
                c
            })
            .collect()
    }
}

impl OnAxes for Histogram {
    fn axes(&self) -> &Axes {
        &self.axes
    }

    fn ranges(&self) -> Ranges {
        let x = self.binned();
        let y = self.axes.y_range.unwrap_or_else(|| {
            let tallest = self.counts(x).into_iter().flatten().max().unwrap_or(0);
            (0.0, (tallest as f64 * 1.05).max(1.0))
        });
        (x, y)
    }

    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        _: &Theme,
    ) -> DrawResult<DB> {
        let (x, y) = shown(chart);
        let overlaid = self.series.len() > 1;
        let w = (x.1 - x.0) / self.bins as f64;
        for (i, (s, c)) in self.series.iter().zip(self.counts(x)).enumerate() {
            let color = s.color.unwrap_or(PALETTE[i % PALETTE.len()]);
            let fill = if overlaid {
                color.mix(0.5).filled()
            } else {
                color.filled()
            };
            let bars = |style: ShapeStyle| {
                let filled = c.iter().enumerate().filter(|&(_, &n)| n > 0);
                filled.map(move |(k, &n)| {
                    let x0 = x.0 + k as f64 * w;
                    Rectangle::new([(x0, y.0), (x0 + w, (n as f64).min(y.1))], style)
                })
            };
            let anno = chart.draw_series(bars(fill))?;
            if !s.name.is_empty() {
                anno.label(s.name.as_str()).legend(move |(px, py)| {
                    Rectangle::new([(px, py - 6), (px + 20, py + 6)], fill)
                });
            }
            // Thin white edges between bars, as matplotlib draws them.
            chart.draw_series(bars(WHITE.mix(0.8).stroke_width(1)))?;
        }
        Ok(())
    }

    fn legend_names(&self) -> Vec<&str> {
        self.series.iter().map(|s| s.name.as_str()).collect()
    }

    /// Each bar's column, from 0 up to its height.
    fn legend_avoids(&self, (x, _): Ranges) -> Vec<(f64, f64)> {
        let w = (x.1 - x.0) / self.bins as f64;
        let column = |(k, &n): (usize, &usize)| {
            let xc = x.0 + (k as f64 + 0.5) * w;
            (0..4).map(move |q| (xc, n as f64 * q as f64 / 3.0))
        };
        let counts = self.counts(x);
        let columns = counts
            .iter()
            .flat_map(|c| c.iter().enumerate().flat_map(column));
        columns.collect()
    }

    fn check_data(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.bins > 0, "a histogram needs at least one bin");
        Ok(())
    }
}
