//! Arrow fields (`plt.quiver`): the negative gradient of chapter 4 at points of a grid.

use plotters::prelude::*;

use super::axes::{Axes, OnAxes, Ranges, axes_chart, shown};
use super::raster;
use super::render::{self, Backend, DrawResult, Plot, YAxis};
use super::style::{RGBColor, Theme};

/// An arrow from (x, y) along (dx, dy), in data units before [`Quiver::scale`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Arrow {
    pub x: f64,
    pub y: f64,
    pub dx: f64,
    pub dy: f64,
}

/// A field of arrows.
///
/// ```no_run
/// use dlfs_plot::{Quiver, linspace};
/// let g = linspace(-2.0, 2.0, 17);
/// Quiver::new("-grad f", "x0", "x1")
///     .field(&g, &g, |x0, x1| (-2.0 * x0, -2.0 * x1))
///     .save("out/gradient.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Quiver {
    pub arrows: Vec<Arrow>,
    /// Arrow length = scale * |(dx, dy)|; `None` makes the longest arrow about one grid step.
    pub scale: Option<f64>,
    pub color: RGBColor,
    /// Title, axis labels, fixed ranges (`None` fits the arrows' feet with a margin), size.
    pub axes: Axes,
}

axes_chart!(Quiver {
    arrows: vec![],
    scale: None,
    color: RGBColor(0x66, 0x66, 0x66),
    axes: Axes::new("x", "y", (600, 560))
});

impl Quiver {
    /// Adds an arrow `f(x, y)` at every (x, y) of the grid `xs` x `ys`.
    pub fn field(mut self, xs: &[f64], ys: &[f64], f: impl Fn(f64, f64) -> (f64, f64)) -> Self {
        for &y in ys {
            for &x in xs {
                let (dx, dy) = f(x, y);
                self.arrows.push(Arrow { x, y, dx, dy });
            }
        }
        self
    }

    /// Fixed scale: arrow length = scale * |(dx, dy)|.
    pub fn scale(mut self, scale: f64) -> Self {
        self.scale = Some(scale);
        self
    }

    fn finite(&self) -> impl Iterator<Item = &Arrow> {
        self.arrows
            .iter()
            .filter(|a| [a.x, a.y, a.dx, a.dy].iter().all(|v| v.is_finite()))
    }

    /// Data units per unit of (dx, dy).
    fn auto_scale(&self, (x, y): Ranges) -> f64 {
        if let Some(s) = self.scale {
            return s;
        }
        let n = self.finite().count().max(1) as f64;
        let step = ((x.1 - x.0) * (y.1 - y.0) / n).sqrt();
        let longest = self.finite().map(|a| a.dx.hypot(a.dy)).fold(0.0, f64::max);
        if longest > 0.0 {
            0.9 * step / longest
        } else {
            1.0
        }
    }
}

impl OnAxes for Quiver {
    fn axes(&self) -> &Axes {
        &self.axes
    }

    fn ranges(&self) -> Ranges {
        self.axes.or_fit(|| self.finite().map(|a| (a.x, a.y)), 0.08)
    }

    fn draw<'a, DB: Backend + 'a, Y: YAxis>(
        &self,
        chart: &mut Plot<'a, DB, Y>,
        t: &Theme,
    ) -> DrawResult<DB> {
        let s = self.auto_scale(shown(chart));
        // shafts and heads in pixels, so arrows look alike on any axes
        let to_px = render::pixel_mapper(chart, false);
        let mut shafts = vec![];
        let mut heads = vec![];
        for a in self.finite() {
            let p0 = to_px(&(a.x, a.y));
            let tip = to_px(&(a.x + s * a.dx, a.y + s * a.dy));
            let (ux, uy) = (tip.0 - p0.0, tip.1 - p0.1);
            let len = ux.hypot(uy);
            if len < 1.0 {
                continue; // a zero gradient: no arrow
            }
            let head = (len * 0.35).min(9.0);
            let (ux, uy) = (ux / len, uy / len);
            let base = (tip.0 - ux * head, tip.1 - uy * head);
            shafts.push(vec![p0, (tip.0 - ux * head * 0.5, tip.1 - uy * head * 0.5)]);
            let w = head * 0.45;
            let corner = |px: f64, py: f64| (px.round() as i32, py.round() as i32);
            heads.push(Polygon::new(
                vec![
                    corner(tip.0, tip.1),
                    corner(base.0 - uy * w, base.1 + ux * w),
                    corner(base.0 + uy * w, base.1 - ux * w),
                ],
                self.color.filled(),
            ));
        }
        let pixels = chart.plotting_area().strip_coord_spec();
        if t.bitmap {
            raster::stroke(&pixels, &shafts, 2.0, self.color)?;
        } else {
            let round = |p: &(f64, f64)| (p.0.round() as i32, p.1.round() as i32);
            for sh in &shafts {
                pixels.draw(&PathElement::new(
                    sh.iter().map(round).collect::<Vec<_>>(),
                    self.color.stroke_width(2),
                ))?;
            }
        }
        for h in &heads {
            pixels.draw(h)?;
        }
        Ok(())
    }

    fn check_data(&self) -> anyhow::Result<()> {
        if let Some(s) = self.scale {
            anyhow::ensure!(
                s.is_finite() && s > 0.0,
                "the arrow scale must be positive, got {s}"
            );
        }
        Ok(())
    }
}
