//! Image grids: digits with their labels, convolution filters, feature maps (`plt.imshow` in
//! subplots).

use std::path::Path;

use ndarray::ArrayView2;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::render::{self, Area, DrawResult, Paint};
use super::style::{AsF64, Ctx, Theme, finite_range, min_text};

/// One grey-scale picture: `height` rows of `width` values, top row first.
#[derive(Debug, Clone, Default)]
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f64>,
    /// Text under the picture (e.g. its label).
    pub caption: String,
}

impl Image {
    /// An image from `width * height` values, row by row from the top.
    pub fn new<V: IntoIterator<Item: AsF64>>(width: usize, height: usize, pixels: V) -> Self {
        let pixels = pixels.into_iter().map(|v| v.as_f64()).collect();
        Image {
            width,
            height,
            pixels,
            caption: String::new(),
        }
    }

    /// An image from a 2-D array (rows are image rows).
    pub fn from_array<F: AsF64>(a: ArrayView2<F>) -> Self {
        let (height, width) = a.dim();
        Image::new(width, height, a.iter())
    }

    /// Sets the caption.
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = caption.into();
        self
    }
}

/// How values become greys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cmap {
    /// Low values black, high values white (a white digit on black, like MNIST's bytes).
    #[default]
    Grey,
    /// Low values white, high values black (ink on paper; matplotlib's `gray_r`).
    GreyReversed,
}

/// Which values map to black and white.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum ImageScale {
    /// Each image from its own smallest to largest value (`imshow`'s default; for filters).
    #[default]
    PerImage,
    /// One scale for all images: the smallest to the largest value of any of them.
    Shared,
    /// A fixed range, e.g. (0, 1) for pixels scaled to [0, 1] or (0, 255) for bytes.
    Fixed(f64, f64),
}

/// Images in a grid, each with an optional caption.
///
/// ```no_run
/// use dlfs_plot::{Image, ImageGrid};
/// let digit = vec![0.0f32; 28 * 28];
/// ImageGrid::new("First test images")
///     .image(Image::new(28, 28, &digit).caption("label 7"))
///     .cols(10)
///     .save("out/digits.png")?;
/// # Ok::<(), anyhow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImageGrid {
    pub title: String,
    pub images: Vec<Image>,
    /// Images per row; 0 picks a near-square grid.
    pub cols: usize,
    pub cmap: Cmap,
    pub scale: ImageScale,
    /// Side of each image's cell in pixels when saved on its own.
    pub cell: u32,
}

impl Default for ImageGrid {
    fn default() -> Self {
        ImageGrid {
            title: String::new(),
            images: vec![],
            cols: 0,
            cmap: Cmap::Grey,
            scale: ImageScale::PerImage,
            cell: 96,
        }
    }
}

impl ImageGrid {
    /// An empty grid with its title.
    pub fn new(title: impl Into<String>) -> Self {
        ImageGrid {
            title: title.into(),
            ..Default::default()
        }
    }

    /// Adds an image.
    pub fn image(mut self, image: Image) -> Self {
        self.images.push(image);
        self
    }

    setters! {
        /// Images per row.
        cols: usize;
        /// The grey map.
        cmap: Cmap;
        /// The value range that maps to black..white.
        scale: ImageScale;
        /// Side of each image's cell in pixels.
        cell: u32;
    }

    /// Writes the grid to `path` (`.png` or `.svg`).
    pub fn save(&self, path: impl AsRef<Path>) -> anyhow::Result<()> {
        render::save(self, path.as_ref())
    }

    fn grid(&self) -> (usize, usize) {
        let n = self.images.len().max(1);
        let cols = if self.cols > 0 {
            self.cols.min(n)
        } else {
            (n as f64).sqrt().ceil() as usize
        };
        (n.div_ceil(cols), cols)
    }

    fn has_captions(&self) -> bool {
        self.images.iter().any(|im| !im.caption.is_empty())
    }
}

/// Caption font size for cells `cell` pixels high: readable, never larger than the image.
fn caption_font(cell: f64) -> f64 {
    (cell * 0.14).clamp(10.0, 16.0)
}

impl Paint for ImageGrid {
    fn paint<DB: DrawingBackend>(&self, area: &Area<DB>, ctx: Ctx) -> DrawResult<DB> {
        let t = Theme::new(area.dim_in_pixel(), ctx);
        let area = area.titled(&self.title, ("sans-serif", t.title.max(16.0)))?;
        let area = area.margin(4, 4, 4, 4);
        let (rows, cols) = self.grid();
        let shared = match self.scale {
            ImageScale::Shared => {
                finite_range(self.images.iter().flat_map(|im| im.pixels.iter().copied()))
            }
            ImageScale::Fixed(lo, hi) => Some((lo, hi)),
            ImageScale::PerImage => None,
        };
        let (cw, ch) = area.dim_in_pixel();
        let (cw, ch) = (cw as f64 / cols as f64, ch as f64 / rows as f64);
        // caption text size follows the cell, not the whole figure
        let font = caption_font(ch).max(ctx.min_text);
        let caption_h = if self.has_captions() { font * 1.4 } else { 0.0 };
        for (k, im) in self.images.iter().enumerate() {
            let (r, c) = (k / cols, k % cols);
            let (x0, y0) = (c as f64 * cw, r as f64 * ch);
            // the largest box with the image's aspect that fits the cell (minus the caption)
            let (bw, bh) = (cw - 6.0, ch - 6.0 - caption_h);
            let s = (bw / im.width.max(1) as f64)
                .min(bh / im.height.max(1) as f64)
                .max(0.0);
            let (iw, ih) = (s * im.width as f64, s * im.height as f64);
            let (ix, iy) = (x0 + (cw - iw) / 2.0, y0 + 3.0 + (bh - ih) / 2.0);
            let (lo, hi) = shared
                .or_else(|| finite_range(im.pixels.iter().copied()))
                .unwrap_or((0.0, 1.0));
            let grey = |v: f64| {
                let u = if hi > lo {
                    ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
                } else {
                    0.5
                };
                let u = if self.cmap == Cmap::GreyReversed {
                    1.0 - u
                } else {
                    u
                };
                let g = (u * 255.0).round() as u8;
                RGBColor(g, g, g)
            };
            let px = |i: usize| (ix + i as f64 * s).round() as i32;
            let py = |j: usize| (iy + j as f64 * s).round() as i32;
            let cells = (0..im.height).flat_map(|j| (0..im.width).map(move |i| (i, j)));
            for (i, j) in cells {
                let v = im.pixels.get(j * im.width + i).copied().unwrap_or(f64::NAN);
                let color = if v.is_finite() {
                    grey(v)
                } else {
                    RGBColor(255, 0, 255)
                };
                area.draw(&Rectangle::new(
                    [(px(i), py(j)), (px(i + 1), py(j + 1))],
                    color.filled(),
                ))?;
            }
            area.draw(&Rectangle::new(
                [(px(0) - 1, py(0) - 1), (px(im.width), py(im.height))],
                BLACK.mix(0.3).stroke_width(1),
            ))?;
            if !im.caption.is_empty() {
                let style = TextStyle::from(("sans-serif", font).into_font())
                    .pos(Pos::new(HPos::Center, VPos::Top));
                let at = (
                    (x0 + cw / 2.0).round() as i32,
                    (iy + ih + 3.0).round() as i32,
                );
                area.draw_text(&im.caption, &style, at)?;
            }
        }
        Ok(())
    }

    fn size(&self) -> (u32, u32) {
        let (rows, cols) = self.grid();
        let t = Theme::for_size((640, 480));
        let caption = if self.has_captions() {
            caption_font(f64::from(self.cell)) * 1.4
        } else {
            0.0
        };
        let w = cols as u32 * self.cell + 8;
        // the caption and title as large as the page needs them (see `min_text`)
        let caption = caption.max(if caption > 0.0 {
            min_text(w) * 1.4
        } else {
            0.0
        });
        let title = t.title.max(min_text(w) * 1.5);
        let h = rows as u32 * (self.cell + caption as u32) + 8 + (title * 1.8) as u32;
        (w.max(240), h)
    }

    fn check(&self) -> anyhow::Result<()> {
        for (k, im) in self.images.iter().enumerate() {
            anyhow::ensure!(
                im.pixels.len() == im.width * im.height,
                "image {k} has {} values but is {} x {}",
                im.pixels.len(),
                im.width,
                im.height
            );
        }
        if let ImageScale::Fixed(lo, hi) = self.scale {
            render::check_range("image scale", Some((lo, hi)))?;
        }
        Ok(())
    }
}
