//! The chapter's two figures.

use std::path::PathBuf;

use dlfs_cli::OutArg;
use dlfs_plot::{Figure, LineChart, PALETTE, Series, linspace};

use crate::mean_std;

/// Draws both figures and prints their paths.
pub fn draw(
    full: f64,
    sigma: f64,
    losses: &[(usize, Vec<f64>)],
    out: &OutArg,
) -> anyhow::Result<()> {
    for path in [log_curve(out)?, batch_estimates(full, sigma, losses, out)?] {
        println!("wrote {}", path.display());
    }
    Ok(())
}

// ANCHOR: log_curve
/// The cross-entropy of one sample as a function of the probability y the net gives the right
/// class: −log y, with the book's two examples marked.
pub fn log_curve(out: &OutArg) -> anyhow::Result<PathBuf> {
    let path = out.path("cross_entropy_log.png")?;
    let y = linspace(0.001, 1.0, 500);
    LineChart::new(
        "Cross-entropy of one sample: −log y",
        "y (probability of the right class)",
        "loss",
    )
    .series(Series::from_fn("−log y", &y, |y| -y.ln()))
    .series(
        Series::from_points(
            "the book's examples",
            [(0.6, -(0.6f64 + 1e-7).ln()), (0.1, -(0.1f64 + 1e-7).ln())],
        )
        .points_only()
        .color(PALETTE[3]),
    )
    .x_range(0.0, 1.0)
    .y_range(0.0, 5.0)
    .save(&path)?;
    Ok(path)
}
// ANCHOR_END: log_curve

/// The loss of many random mini-batches of each size, against the loss over the full set, and
/// how the spread shrinks with the batch size; `sigma` is the standard deviation of one image's
/// loss over the whole set.
pub fn batch_estimates(
    full: f64,
    sigma: f64,
    losses: &[(usize, Vec<f64>)],
    out: &OutArg,
) -> anyhow::Result<PathBuf> {
    let path = out.path("mini_batch_loss.png")?;
    // left: every batch's loss as a dot, one column per batch size (x = log10 of the size,
    // spread sideways a little so the dots do not pile up)
    let mut strips = LineChart::new("Loss of random mini-batches", "batch size (log10)", "loss");
    for (k, (size, l)) in losses.iter().enumerate() {
        let centre = (*size as f64).log10();
        let jitter = |i: usize| 0.3 * ((i as f64 * 0.618_034).fract() - 0.5);
        let points = l.iter().enumerate().map(|(i, &v)| (centre + jitter(i), v));
        strips = strips.series(
            Series::from_points(format!("batch {size}"), points)
                .points_only()
                .color(PALETTE[k]),
        );
    }
    let ends = (
        -0.4,
        (losses.last().map_or(1, |l| l.0) as f64).log10() + 0.4,
    );
    strips = strips
        .series(
            Series::from_points("full training set", [(ends.0, full), (ends.1, full)])
                .dashed()
                .color(PALETTE[7]),
        )
        .x_range(ends.0, ends.1);

    // right: the standard deviation of a batch's loss, which falls like 1 / √size
    let sizes: Vec<f64> = losses.iter().map(|l| l.0 as f64).collect();
    let stds: Vec<f64> = losses.iter().map(|l| mean_std(&l.1).1).collect();
    let log_sizes: Vec<f64> = sizes.iter().map(|s| s.log10()).collect();
    let spread = LineChart::new(
        "Spread of the estimate",
        "batch size (log10)",
        "std of batch loss",
    )
    .series(Series::new("measured", &log_sizes, &stds).markers())
    .series(
        Series::new(
            "σ / √size (σ: over all images)",
            &log_sizes,
            sizes.iter().map(|s| sigma / s.sqrt()),
        )
        .dashed(),
    )
    .log_y();

    Figure::new("A mini-batch's loss estimates the full training set's")
        .panel(strips)
        .panel(spread)
        .save(&path)?;
    Ok(path)
}
