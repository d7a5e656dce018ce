//! Histograms: how values are distributed (`plt.hist`), one or several overlaid.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::render::{self, DrawResult, Paint};
use super::style::{AsF64, LegendPos, RGBColor, Theme, finite_range, pad};

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
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<HistSeries>,
    pub bins: usize,
    /// The binned range; `None` spans the values. Values outside are not counted.
    pub range: Option<(f64, f64)>,
    /// Fixed top of the y axis (to compare panels); `None` fits the tallest bar.
    pub y_max: Option<f64>,
    pub legend: LegendPos,
    pub size: (u32, u32),
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            title: String::new(),
            x_label: "value".into(),
            y_label: "count".into(),
            series: vec![],
            bins: 30,
            range: None,
            y_max: None,
            legend: LegendPos::Auto,
            size: (640, 480),
        }
    }
}

impl Histogram {
    /// An empty histogram with its title and axis labels.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        Histogram {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            ..Default::default()
        }
    }

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

    /// The binned range (`plt.hist(..., range=(lo, hi))`).
    pub fn range(mut self, lo: f64, hi: f64) -> Self {
        self.range = Some((lo, hi));
        self
    }

    /// Fixed top of the y axis.
    pub fn y_max(mut self, y_max: f64) -> Self {
        self.y_max = Some(y_max);
        self
    }

    /// Picture size in pixels.
    pub fn size(mut self, w: u32, h: u32) -> Self {
        self.size = (w, h);
        self
    }

    /// Writes the histogram to `path` (`.png` or `.svg`).
    pub fn save(&self, path: impl AsRef<Path>) -> anyhow::Result<()> {
        render::save(self, path.as_ref())
    }

    fn x_range(&self) -> (f64, f64) {
        self.range.unwrap_or_else(|| {
            let all = self.series.iter().flat_map(|s| s.values.iter().copied());
            finite_range(all).map_or((0.0, 1.0), |r| pad(r, 0.0))
        })
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

impl Paint for Histogram {
    fn paint<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        bitmap: bool,
    ) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), bitmap);
        let x = self.x_range();
        let counts = self.counts(x);
        let tallest = counts.iter().flatten().copied().max().unwrap_or(0) as f64;
        let y_max = self.y_max.unwrap_or((tallest * 1.05).max(1.0));
        let mut chart =
            render::builder(area, &self.title, &t).build_cartesian_2d(x.0..x.1, 0.0..y_max)?;
        render::mesh(&mut chart, &self.x_label, &self.y_label, &t)?;

        let overlaid = self.series.len() > 1;
        let w = (x.1 - x.0) / self.bins as f64;
        for (i, (s, c)) in self.series.iter().zip(&counts).enumerate() {
            let color = s.color.unwrap_or(super::PALETTE[i % super::PALETTE.len()]);
            let fill = if overlaid {
                color.mix(0.5).filled()
            } else {
                color.filled()
            };
            let bars = c
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(k, &n)| {
                    let x0 = x.0 + k as f64 * w;
                    Rectangle::new([(x0, 0.0), (x0 + w, (n as f64).min(y_max))], fill)
                });
            let anno = chart.draw_series(bars)?;
            if !s.name.is_empty() {
                anno.label(s.name.as_str()).legend(move |(px, py)| {
                    Rectangle::new([(px, py - 6), (px + 20, py + 6)], fill)
                });
            }
            // Thin white edges between bars, as matplotlib draws them.
            let edges = c
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(k, &n)| {
                    let x0 = x.0 + k as f64 * w;
                    Rectangle::new(
                        [(x0, 0.0), (x0 + w, (n as f64).min(y_max))],
                        WHITE.mix(0.8).stroke_width(1),
                    )
                });
            chart.draw_series(edges)?;
        }
        let named: Vec<&str> = self
            .series
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        let crowded = || {
            let pts: Vec<(f64, f64)> = counts
                .iter()
                .flat_map(|c| {
                    c.iter().enumerate().flat_map(|(k, &n)| {
                        let xc = x.0 + (k as f64 + 0.5) * w;
                        // a bar covers its column from 0 up to its height
                        (0..4).map(move |q| (xc, n as f64 * q as f64 / 3.0))
                    })
                })
                .collect();
            render::to_fractions(&pts, x, (0.0, y_max))
        };
        render::legend(&mut chart, &named, self.legend, crowded, &t)
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.bins > 0, "a histogram needs at least one bin");
        render::check_range("histogram range", self.range)?;
        render::check_range("y range", self.y_max.map(|m| (0.0, m)))?;
        Ok(())
    }
}
