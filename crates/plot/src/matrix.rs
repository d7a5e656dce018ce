//! A matrix of counts as coloured cells with the numbers written in them: a confusion matrix.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::render::{self, DrawResult, Paint};
use super::style::{AsF64, Ctx, Theme};

/// Rows × columns of values, each cell shaded from white (0) to dark blue (the largest value)
/// on a logarithmic scale, so that a 1 stands out beside a 1,000, and labelled with its value
/// (zeros are left blank).
///
/// ```no_run
/// use dlfs_plot::MatrixChart;
/// MatrixChart::new("Confusion matrix", "predicted", "true")
///     .rows(vec![vec![97, 3], vec![1, 99]])
///     .labels(["cat", "dog"])
///     .save("out/confusion.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MatrixChart {
    pub title: String,
    /// What the columns are (written under them).
    pub x_label: String,
    /// What the rows are (written left of them).
    pub y_label: String,
    /// The values, row by row.
    pub values: Vec<Vec<f64>>,
    /// The name of each row and column (the same classes along both); numbers 0, 1, ... if empty.
    pub labels: Vec<String>,
    /// Side of each cell in pixels.
    pub cell: u32,
}

impl Default for MatrixChart {
    fn default() -> Self {
        MatrixChart {
            title: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            values: vec![],
            labels: vec![],
            cell: 48,
        }
    }
}

impl MatrixChart {
    /// An empty matrix with its title and axis names.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        MatrixChart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            ..Default::default()
        }
    }

    /// The values, row by row.
    pub fn rows<R: IntoIterator<Item: AsF64>>(mut self, rows: impl IntoIterator<Item = R>) -> Self {
        self.values = rows
            .into_iter()
            .map(|r| r.into_iter().map(|v| v.as_f64()).collect())
            .collect();
        self
    }

    /// The names of the classes along both axes.
    pub fn labels<S: Into<String>>(mut self, labels: impl IntoIterator<Item = S>) -> Self {
        self.labels = labels.into_iter().map(Into::into).collect();
        self
    }

    /// Side of each cell in pixels.
    pub fn cell(mut self, cell: u32) -> Self {
        self.cell = cell;
        self
    }

    /// Writes the matrix to `path` (`.png` or `.svg`).
    pub fn save(&self, path: impl AsRef<Path>) -> anyhow::Result<()> {
        render::save(self, path.as_ref())
    }

    fn dims(&self) -> (usize, usize) {
        (self.values.len(), self.values.first().map_or(0, Vec::len))
    }

    fn label(&self, i: usize) -> String {
        self.labels.get(i).cloned().unwrap_or_else(|| i.to_string())
    }
}

/// A value as written in its cell: whole numbers without decimals, others with two.
fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

impl Paint for MatrixChart {
    fn paint<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, ctx: Ctx) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), ctx);
        let area = area.titled(&self.title, ("sans-serif", t.title))?;
        let (rows, cols) = self.dims();
        let (w, h) = area.dim_in_pixel();
        // room for the axis name and the class names on the left and below
        let (left, bottom) = (
            (t.label * 1.6 + t.tick * 2.5) as i32,
            (t.label * 1.6 + t.tick * 1.8) as i32,
        );
        let cw = (f64::from(w) - f64::from(left) - 12.0) / cols.max(1) as f64;
        let ch = (f64::from(h) - f64::from(bottom) - 4.0) / rows.max(1) as f64;
        let max = self.values.iter().flatten().copied().fold(0.0, f64::max);
        let shade = |v: f64| {
            if max > 0.0 && v > 0.0 {
                (1.0 + v).ln() / (1.0 + max).ln()
            } else {
                0.0
            }
        };
        let font = (ch.min(cw) * 0.32).clamp(ctx.min_text.max(9.0), t.tick);
        let centre = Pos::new(HPos::Center, VPos::Center);
        for (i, row) in self.values.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                let (x0, y0) = (f64::from(left) + j as f64 * cw, i as f64 * ch);
                let u = shade(v);
                // white to a dark blue
                let mix = |full: f64, white: f64| (white + (full - white) * u).round() as u8;
                let fill = RGBColor(mix(8.0, 255.0), mix(48.0, 255.0), mix(107.0, 255.0));
                let corners = [
                    (x0.round() as i32, y0.round() as i32),
                    ((x0 + cw).round() as i32, (y0 + ch).round() as i32),
                ];
                area.draw(&Rectangle::new(corners, fill.filled()))?;
                area.draw(&Rectangle::new(corners, BLACK.mix(0.15).stroke_width(1)))?;
                if v != 0.0 {
                    let color = if u > 0.55 { WHITE } else { BLACK };
                    let style = TextStyle::from(("sans-serif", font).into_font())
                        .pos(centre)
                        .color(&color);
                    let at = (
                        (x0 + cw / 2.0).round() as i32,
                        (y0 + ch / 2.0).round() as i32,
                    );
                    area.draw_text(&fmt_value(v), &style, at)?;
                }
            }
        }
        let tick = TextStyle::from(("sans-serif", t.tick).into_font());
        let grid_h = ch * rows as f64;
        for i in 0..rows {
            let at = (left - 6, (i as f64 * ch + ch / 2.0).round() as i32);
            area.draw_text(
                &self.label(i),
                &tick.pos(Pos::new(HPos::Right, VPos::Center)),
                at,
            )?;
        }
        for j in 0..cols {
            let at = (
                (f64::from(left) + j as f64 * cw + cw / 2.0).round() as i32,
                grid_h.round() as i32 + 4,
            );
            area.draw_text(
                &self.label(j),
                &tick.pos(Pos::new(HPos::Center, VPos::Top)),
                at,
            )?;
        }
        let label = TextStyle::from(("sans-serif", t.label).into_font());
        let at = (
            (f64::from(left) + cw * cols as f64 / 2.0).round() as i32,
            (grid_h + t.tick * 1.6).round() as i32 + 4,
        );
        area.draw_text(
            &self.x_label,
            &label.pos(Pos::new(HPos::Center, VPos::Top)),
            at,
        )?;
        let vertical = label
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top));
        area.draw_text(&self.y_label, &vertical, (2, (grid_h / 2.0).round() as i32))?;
        Ok(())
    }

    fn size(&self) -> (u32, u32) {
        let (rows, cols) = self.dims();
        let t = Theme::for_size((640, 480));
        let w = cols as u32 * self.cell + (t.label * 1.6 + t.tick * 2.5) as u32 + 16;
        let h = rows as u32 * self.cell
            + (t.label * 1.6 + t.tick * 1.8) as u32
            + (t.title * 1.8) as u32
            + 8;
        (w.max(240), h)
    }

    fn check(&self) -> anyhow::Result<()> {
        let (rows, cols) = self.dims();
        anyhow::ensure!(
            rows > 0 && cols > 0,
            "a matrix needs at least one row and one column"
        );
        for (i, row) in self.values.iter().enumerate() {
            anyhow::ensure!(
                row.len() == cols,
                "row {i} has {} values, row 0 has {cols}",
                row.len()
            );
            anyhow::ensure!(
                row.iter().all(|v| v.is_finite()),
                "row {i} has a value that is not finite"
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_and_refuses_ragged_rows() {
        let dir = std::env::temp_dir().join(format!("dlfs-plot-matrix-{}", std::process::id()));
        let png = dir.join("m.png");
        let m = MatrixChart::new("m", "predicted", "true").rows(vec![vec![98, 2], vec![0, 100]]);
        m.save(&png).unwrap();
        assert!(png.metadata().unwrap().len() > 1000);
        let ragged = MatrixChart::new("m", "", "").rows(vec![vec![1, 2], vec![3]]);
        let err = ragged.save(dir.join("r.png")).unwrap_err();
        assert!(format!("{err:#}").contains("row 1 has 1 values"), "{err:#}");
        assert_eq!(fmt_value(3.0), "3");
        std::fs::remove_dir_all(&dir).ok();
    }
}
