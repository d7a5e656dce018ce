//! The chapter's figures: the misclassified digits, the confusion matrix, moved copies.

use dlfs::augment::{Augment, move_image};
use rand::Rng;

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
        .cell(80)
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

// ANCHOR: augment_grid
/// The first `n` images of `x` (N, 1, H, W), one per row: the image, then a copy shifted by a
/// random (dy, dx), one rotated by a random angle, and three with both moves, as `--augment`
/// draws them; each captioned with its move.
pub fn augment_grid(x: ArrayViewD<f32>, n: usize, rng: &mut impl Rng) -> ImageGrid {
    let a = Augment::default();
    let mut grid = ImageGrid::new("Moved copies: turn°, (down, right)")
        .cols(6)
        .cell(116)
        .cmap(Cmap::GreyReversed)
        .scale(ImageScale::Fixed(0.0, 1.0));
    for image in x.outer_iter().take(n) {
        let plane = image
            .index_axis_move(Axis(0), 0)
            .into_dimensionality()
            .expect("(H, W)");
        let (h, w) = plane.dim();
        let (degrees, dy, dx) = a.draw(rng);
        let mut moves = vec![(0.0, 0, 0), (0.0, dy, dx), (degrees, 0, 0)]; // each move alone
        moves.extend((0..3).map(|_| a.draw(rng))); // and together, as --augment draws them
        for (degrees, dy, dx) in moves {
            let moved = move_image(plane, degrees, dy, dx); // (H, W)
            let degrees = degrees.round() + 0.0; // no "-0°"
            let caption = format!("{degrees:+}° ({dy:+}, {dx:+})");
            grid = grid.image(Image::new(w, h, moved.iter()).caption(caption));
        }
    }
    grid
}
// ANCHOR_END: augment_grid
