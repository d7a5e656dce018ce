//! What every chart on x-y axes shares: its [`Axes`] (title, axis labels, fixed ranges, the
//! legend's place, the picture size), their setters ([`axes_chart!`]), and the drawing around
//! the chart's own marks: the axes with their grid, then the legend ([`OnAxes`]).

use plotters::prelude::*;

use super::render::{self, Area, Backend, DrawResult, Paint, Plot, YAxis};
use super::style::{Ctx, LegendPos, Theme, fit};

/// The frame of a chart on x-y axes: its title, axis labels, ranges, legend and size.
#[derive(Debug, Clone)]
pub struct Axes {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Fixed x range (`plt.xlim`); `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// Fixed y range (`plt.ylim`); `None` fits the data.
    pub y_range: Option<(f64, f64)>,
    /// Where the legend goes (drawn when at least two entries have a name).
    pub legend: LegendPos,
    /// Picture size in pixels when saved on its own (ignored inside a [`super::Figure`]).
    pub size: (u32, u32),
}

impl Axes {
    /// Untitled axes with the chart's default labels and size, ranges fitted to the data.
    pub(crate) fn new(x_label: &str, y_label: &str, size: (u32, u32)) -> Axes {
        Axes {
            title: String::new(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            x_range: None,
            y_range: None,
            legend: LegendPos::Auto,
            size,
        }
    }

    /// The fixed ranges, else those of the points widened by `frac` of their span each side.
    pub(crate) fn or_fit<P>(&self, points: impl Fn() -> P, frac: f64) -> Ranges
    where
        P: Iterator<Item = (f64, f64)>,
    {
        let x = self.x_range;
        let y = self.y_range;
        (
            x.unwrap_or_else(|| fit(points().map(|p| p.0), frac)),
            y.unwrap_or_else(|| fit(points().map(|p| p.1), frac)),
        )
    }
}

/// The x and y ranges a chart shows.
pub(crate) type Ranges = ((f64, f64), (f64, f64));

/// A chart drawn on x-y axes: it says what it draws; its [`Paint`] draws the title, the axes
/// and their grid around that, and the legend over it.
pub(crate) trait OnAxes {
    fn axes(&self) -> &Axes;

    /// The x and y ranges shown: the fixed ones, else fitted to the data.
    fn ranges(&self) -> Ranges;

    /// A logarithmic y axis.
    fn log_y(&self) -> bool {
        false
    }

    /// Draws what lies under the grid (nothing unless the chart has a background).
    fn draw_under<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        _chart: &mut Plot<'a, DB, Y>,
    ) -> DrawResult<DB> {
        Ok(())
    }

    /// Draws the chart's own marks over the grid and registers their legend entries.
    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        t: &Theme,
    ) -> DrawResult<DB>;

    /// The legend's entries (unnamed ones are left out of it).
    fn legend_names(&self) -> Vec<&str> {
        vec![]
    }

    /// The data points the legend should not hide.
    fn legend_avoids(&self, _ranges: Ranges) -> Vec<(f64, f64)> {
        vec![]
    }

    /// Refuses data of the chart's own that cannot be drawn (the fixed ranges are checked).
    fn check_data(&self) -> anyhow::Result<()> {
        Ok(())
    }
}

impl<C: OnAxes> Paint for C {
    fn paint<DB: DrawingBackend>(&self, area: &Area<DB>, ctx: Ctx) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), ctx);
        let (x, y) = self.ranges();
        let mut b = render::builder(area, &self.axes().title, &t);
        if self.log_y() {
            let mut chart = b.build_cartesian_2d(x.0..x.1, (y.0..y.1).log_scale())?;
            draw_on_axes(self, &mut chart, &t)
        } else {
            let mut chart = b.build_cartesian_2d(x.0..x.1, y.0..y.1)?;
            draw_on_axes(self, &mut chart, &t)
        }
    }

    fn size(&self) -> (u32, u32) {
        self.axes().size
    }

    fn check(&self) -> anyhow::Result<()> {
        render::check_range("x range", self.axes().x_range)?;
        render::check_range("y range", self.axes().y_range)?;
        self.check_data()
    }
}

/// The x and y ranges `chart` shows.
pub(crate) fn shown<DB: Backend, Y: YAxis>(chart: &Plot<'_, DB, Y>) -> Ranges {
    let (x, y) = (chart.x_range(), chart.y_range());
    ((x.start, x.end), (y.start, y.end))
}

/// The chart's background, the axes with their grid, the chart's marks, the legend.
fn draw_on_axes<'a, C: OnAxes, DB: Backend + 'a, Y: YAxis>(
    c: &C,
    chart: &mut Plot<'a, DB, Y>,
    t: &Theme,
) -> DrawResult<DB> {
    let (x, y) = shown(chart);
    let axes = c.axes();
    c.draw_under(chart)?;
    render::mesh(chart, &axes.x_label, &axes.y_label, t)?;
    c.draw(chart, t)?;
    let mut named = c.legend_names();
    named.retain(|n| !n.is_empty());
    let crowded = || {
        let pts = c.legend_avoids((x, y));
        if c.log_y() {
            let pts: Vec<_> = pts
                .into_iter()
                .filter(|p| p.1 > 0.0)
                .map(|(a, b)| (a, b.ln()))
                .collect();
            render::to_fractions(&pts, x, (y.0.ln(), y.1.ln()))
        } else {
            render::to_fractions(&pts, x, y)
        }
    };
    render::legend(chart, &named, axes.legend, crowded, t)
}

/// A chart on axes: its `Default` from the struct literal given (the chart's default labels and
/// size in its `axes`), the constructor `new(title, x_label, y_label)`, the setters of its
/// [`Axes`], and `save`. The chart implements [`OnAxes`].
macro_rules! axes_chart {
    ($chart:ident { $($field:ident: $default:expr),* $(,)? }) => {
        impl Default for $chart {
            fn default() -> Self {
                $chart { $($field: $default),* }
            }
        }

        impl $chart {
            /// An empty chart with its title and axis labels.
            pub fn new(
                title: impl Into<String>,
                x_label: impl Into<String>,
                y_label: impl Into<String>,
            ) -> Self {
                let mut chart = Self::default();
                chart.axes.title = title.into();
                chart.axes.x_label = x_label.into();
                chart.axes.y_label = y_label.into();
                chart
            }

            /// Fixes the x range (`plt.xlim`).
            pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
                self.axes.x_range = Some((lo, hi));
                self
            }

            /// Fixes the y range (`plt.ylim`).
            pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
                self.axes.y_range = Some((lo, hi));
                self
            }

            /// Where the legend goes.
            pub fn legend(mut self, pos: $crate::LegendPos) -> Self {
                self.axes.legend = pos;
                self
            }

            /// Picture size in pixels.
            pub fn size(mut self, w: u32, h: u32) -> Self {
                self.axes.size = (w, h);
                self
            }

            /// Writes the chart to `path` (`.png` or `.svg`).
            pub fn save(&self, path: impl AsRef<std::path::Path>) -> anyhow::Result<()> {
                $crate::render::save(self, path.as_ref())
            }
        }
    };
}
pub(crate) use axes_chart;
