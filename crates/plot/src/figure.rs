//! Several charts side by side in one picture (`plt.subplot`).

use std::path::Path;

use plotters::prelude::*;

use super::render::{self, Area, DrawResult, Paint};
use super::style::{Ctx, Theme, min_text};
use super::{Contour, Histogram, ImageGrid, LineChart, Quiver, ScatterChart};

/// One cell of a [`Figure`]: any chart (`chart.into()` makes one).
#[derive(Debug, Clone)]
pub enum Panel {
    Line(LineChart),
    Scatter(ScatterChart),
    Histogram(Histogram),
    Images(ImageGrid),
    Contour(Contour),
    Quiver(Quiver),
}

macro_rules! panel_from {
    ($($variant:ident($t:ty)),*) => {$(
        impl From<$t> for Panel {
            fn from(chart: $t) -> Self {
                Panel::$variant(chart)
            }
        }
    )*};
}
panel_from!(
    Line(LineChart),
    Scatter(ScatterChart),
    Histogram(Histogram),
    Images(ImageGrid),
    Contour(Contour),
    Quiver(Quiver)
);

impl Panel {
    fn paint<DB: DrawingBackend>(&self, area: &Area<DB>, ctx: Ctx) -> DrawResult<DB> {
        match self {
            Panel::Line(c) => c.paint(area, ctx),
            Panel::Scatter(c) => c.paint(area, ctx),
            Panel::Histogram(c) => c.paint(area, ctx),
            Panel::Images(c) => c.paint(area, ctx),
            Panel::Contour(c) => c.paint(area, ctx),
            Panel::Quiver(c) => c.paint(area, ctx),
        }
    }

    fn size(&self) -> (u32, u32) {
        match self {
            Panel::Line(c) => c.size(),
            Panel::Scatter(c) => c.size(),
            Panel::Histogram(c) => c.size(),
            Panel::Images(c) => c.size(),
            Panel::Contour(c) => c.size(),
            Panel::Quiver(c) => c.size(),
        }
    }

    fn check(&self) -> anyhow::Result<()> {
        match self {
            Panel::Line(c) => c.check(),
            Panel::Scatter(c) => c.check(),
            Panel::Histogram(c) => c.check(),
            Panel::Images(c) => c.check(),
            Panel::Contour(c) => c.check(),
            Panel::Quiver(c) => c.check(),
        }
    }
}

/// A grid of panels under one title, filled row by row.
///
/// ```no_run
/// use dlfs_plot::{Figure, Histogram};
/// let layers: Vec<Vec<f32>> = vec![vec![0.5; 100]; 5];
/// let mut fig = Figure::new("Activations per layer").cols(5).panel_size(300, 300);
/// for (i, a) in layers.iter().enumerate() {
///     fig = fig.panel(Histogram::new(format!("layer {}", i + 1), "activation", "count").values("", a));
/// }
/// fig.save("out/activations.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Figure {
    pub title: String,
    pub panels: Vec<Panel>,
    /// Panels per row; 0 puts up to 4 in a row, more in a near-square grid.
    pub cols: usize,
    /// Size of each panel in pixels; `None` uses the first panel's own size.
    pub panel_size: Option<(u32, u32)>,
    /// Panels share their x axis (`plt.subplots(sharex=True)`): tick labels and the axis name
    /// only under the lowest panel of each column, which leaves small panels room for their
    /// curves.
    pub share_x: bool,
    /// Panels share their y axis: tick labels and the axis name only left of the first column.
    pub share_y: bool,
}

impl Figure {
    /// An empty figure with its overall title.
    pub fn new(title: impl Into<String>) -> Self {
        Figure {
            title: title.into(),
            ..Default::default()
        }
    }

    /// Adds a panel (any chart).
    pub fn panel(mut self, panel: impl Into<Panel>) -> Self {
        self.panels.push(panel.into());
        self
    }

    /// Panels per row.
    pub fn cols(mut self, cols: usize) -> Self {
        self.cols = cols;
        self
    }

    /// Size of each panel in pixels.
    pub fn panel_size(mut self, w: u32, h: u32) -> Self {
        self.panel_size = Some((w, h));
        self
    }

    /// Panels share both axes: tick labels only on the outer panels.
    pub fn shared_axes(self) -> Self {
        self.share_x().share_y()
    }

    /// Panels share their x axis: x tick labels only under the lowest panel of each column.
    pub fn share_x(mut self) -> Self {
        self.share_x = true;
        self
    }

    /// Panels share their y axis: y tick labels only left of the first column.
    pub fn share_y(mut self) -> Self {
        self.share_y = true;
        self
    }

    /// Writes the figure to `path` (`.png` or `.svg`).
    pub fn save(&self, path: impl AsRef<Path>) -> anyhow::Result<()> {
        render::save(self, path.as_ref())
    }

    fn grid(&self) -> (usize, usize) {
        let n = self.panels.len().max(1);
        let cols = match self.cols {
            0 if n <= 4 => n,
            0 => (n as f64).sqrt().ceil() as usize,
            c => c.min(n),
        };
        (n.div_ceil(cols), cols)
    }

    fn title_height(&self) -> u32 {
        if self.title.is_empty() {
            0
        } else {
            (self.title_font() * 2.0) as u32
        }
    }

    /// The overall title's font: as on a 640 x 480 chart, larger if the page needs it.
    fn title_font(&self) -> f64 {
        let width = self.grid().1 as u32 * self.panel_dims().0;
        (Theme::for_size((640, 480)).title * 1.1).max(min_text(width) * 1.6)
    }

    fn panel_dims(&self) -> (u32, u32) {
        self.panel_size
            .or_else(|| self.panels.first().map(Panel::size))
            .unwrap_or((480, 400))
    }
}

impl Paint for Figure {
    fn paint<DB: DrawingBackend>(&self, area: &Area<DB>, ctx: Ctx) -> DrawResult<DB> {
        let (w, _) = area.dim_in_pixel();
        let (top, rest) = area.split_vertically(self.title_height());
        if !self.title.is_empty() {
            let font = self.title_font();
            let style = TextStyle::from(("sans-serif", font).into_font().style(FontStyle::Bold))
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Center,
                ));
            top.draw_text(
                &self.title,
                &style,
                ((w / 2) as i32, (self.title_height() / 2) as i32),
            )?;
        }
        let (rows, cols) = self.grid();
        let n = self.panels.len();
        for (k, (panel, cell)) in self
            .panels
            .iter()
            .zip(rest.split_evenly((rows, cols)))
            .enumerate()
        {
            // with shared axes: x ticks on the lowest panel of each column, y ticks on the left
            let ctx = Ctx {
                x_ticks: !self.share_x || k + cols >= n,
                y_ticks: !self.share_y || k % cols == 0,
                ..ctx
            };
            panel.paint(&cell, ctx)?;
        }
        Ok(())
    }

    fn size(&self) -> (u32, u32) {
        let (rows, cols) = self.grid();
        let (pw, ph) = self.panel_dims();
        (cols as u32 * pw, rows as u32 * ph + self.title_height())
    }

    fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(!self.panels.is_empty(), "the figure has no panels");
        for (k, p) in self.panels.iter().enumerate() {
            p.check()
                .map_err(|e| anyhow::anyhow!("panel {}: {e}", k + 1))?;
        }
        Ok(())
    }
}
