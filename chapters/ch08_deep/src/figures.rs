//! The chapter's figures: the misclassified digits and the confusion matrix.

use dlfs_plot::{Cmap, Image, ImageGrid, ImageScale, MatrixChart};
use ndarray::{ArrayView1, ArrayViewD, Axis};

// ANCHOR: misclassified_grid
/// The first `max` test images whose prediction `y` differs from the label `t`, dark ink on
/// white paper, each captioned "true → predicted" (e.g. "6 → 0").
pub fn misclassified_grid(
    x: ArrayViewD<f32>,
    t: ArrayView1<usize>,
    y: &[usize],
    max: usize,
) -> ImageGrid {
    let wrong = (0..t.len()).filter(|&i| t[i] != y[i]).take(max);
    let mut grid = ImageGrid::new("Misclassified test digits (true → predicted)")
        .cols(10)
        .cell(72)
        .cmap(Cmap::GreyReversed)
        .scale(ImageScale::Fixed(0.0, 1.0));
    for i in wrong {
        let image = x.index_axis(Axis(0), i); // (1, 28, 28)
        let (h, w) = (image.shape()[1], image.shape()[2]);
        let caption = format!("{} → {}", t[i], y[i]);
        grid = grid.image(Image::new(w, h, image.iter()).caption(caption));
    }
    grid
}
// ANCHOR_END: misclassified_grid

/// The confusion matrix as a figure: true class down, predicted class across.
pub fn confusion_chart(matrix: &[Vec<usize>], total_wrong: usize) -> MatrixChart {
    let title = format!("Confusion matrix ({total_wrong} mistakes off the diagonal)");
    MatrixChart::new(title, "predicted", "true").rows(matrix.iter().map(|r| r.iter().copied()))
}
