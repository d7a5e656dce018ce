//! Figures: the few kinds of plot the book draws with matplotlib, each a small config struct.
//!
//! Every chart is a struct with public fields, `Default`, a `new(title, x_label, y_label)`
//! constructor and chaining setters, and a `save(path)` that writes a PNG or an SVG (chosen by
//! the path's extension) and returns a one-line error naming the path if anything fails. The
//! charts on x-y axes share their [`Axes`] (title, labels, ranges, legend, size) and its setters;
//! each keeps only what it draws.
//!
//! | struct | draws | used for |
//! |---|---|---|
//! | [`LineChart`] | named (x, y) series, solid/dashed/dotted, markers, log-scale y | activations, loss curves |
//! | [`ScatterChart`] | points by class, straight lines, shaded decision regions | logic gates |
//! | [`Histogram`] | value distributions, one or more overlaid | weights, activations |
//! | [`ImageGrid`] | grey-scale images with captions | digits, filters, feature maps |
//! | [`MatrixChart`] | a matrix of counts as shaded cells with their numbers | confusion matrices |
//! | [`Contour`] | contour lines of f(x, y), paths drawn over them | optimizer paths |
//! | [`Quiver`] | an arrow field | gradient field |
//! | [`Figure`] | a grid of panels, each one of the above | side-by-side comparisons |
//!
//! ```no_run
//! use dlfs_plot::{LineChart, Series, linspace};
//! let x = linspace(-5.0, 5.0, 201);
//! LineChart::new("Sigmoid", "x", "h(x)")
//!     .series(Series::from_fn("sigmoid", &x, |x| 1.0 / (1.0 + (-x).exp())))
//!     .series(Series::from_fn("step", &x, |x| if x > 0.0 { 1.0 } else { 0.0 }).dashed())
//!     .y_range(-0.1, 1.1)
//!     .save("out/sigmoid.png")?;
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! Text is drawn with the DejaVu Sans font compiled into the binary (the `dejavu` crate), so
//! figures render the same everywhere with no system font libraries.

/// Chaining setters `fn field(mut self, field: T) -> Self` that store their argument, each
/// with its doc comment.
macro_rules! setters {
    ($($(#[$doc:meta])* $field:ident: $t:ty;)*) => {$(
        $(#[$doc])*
        pub fn $field(mut self, $field: $t) -> Self {
            self.$field = $field;
            self
        }
    )*};
}

mod axes;
mod contour;
mod figure;
mod hist;
mod image;
mod line;
mod matrix;
mod quiver;
mod raster;
mod render;
mod scatter;
mod style;

pub use axes::Axes;
pub use contour::Contour;
pub use figure::{Figure, Panel};
pub use hist::{HistSeries, Histogram};
pub use image::{Cmap, Image, ImageGrid, ImageScale};
pub use line::LineChart;
pub use matrix::MatrixChart;
pub use quiver::{Arrow, Quiver};
pub use scatter::{Class, Regions, ScatterChart};
pub use style::{
    AsF64, LegendPos, LineStyle, MIN_TEXT, PAGE_WIDTH, PALETTE, RGBColor, Series, linspace,
};
