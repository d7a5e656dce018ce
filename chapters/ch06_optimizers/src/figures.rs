//! The chapter's figures.

use std::path::PathBuf;

use dlfs_cli::OutArg;
use dlfs_plot::{Contour, Figure, Histogram, LineChart, RGBColor, Series};

use crate::activations::{ActivationFn, Setting};
use dlfs::trainer::History;
use dlfs::util::smooth_curve;

/// Smoothed loss curves of several runs on one chart; returns the figure's path.
/// The y axis runs from 0 to `y_max`, as in the book's figures.
pub fn loss_curves(
    title: &str,
    runs: &[(String, Vec<f64>)],
    y_max: f64,
    file: &str,
    out: &OutArg,
) -> anyhow::Result<PathBuf> {
    let path = out.path(file)?;
    let mut chart = LineChart::new(title, "iteration", "loss (smoothed)").y_range(0.0, y_max);
    for (label, loss) in runs {
        chart = chart.series(Series::from_values(label.as_str(), smooth_curve(loss)));
    }
    chart.save(&path)?;
    Ok(path)
}

// ANCHOR: paths_figure
/// One panel per optimizer: its path over the contour lines of f; returns the figure's path.
pub fn optimizer_paths(
    paths: &[(String, Vec<(f64, f64)>)],
    out: &OutArg,
) -> anyhow::Result<PathBuf> {
    let path = out.path("optimizer_compare_naive.png")?;
    let mut figure = Figure::new("Paths on f(x, y) = x²/20 + y², from (-7, 2)").cols(2);
    for (label, points) in paths {
        let panel = Contour::new(label.as_str(), "x", "y")
            .function((-10.0, 10.0), (-10.0, 10.0), crate::naive::f)
            .levels([0.25, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
            .path(Series::from_points("", points.iter().copied()).markers())
            .path(
                Series::from_points("", [(0.0, 0.0)])
                    .points_only()
                    .color(RGBColor(0, 0, 0)),
            );
        figure = figure.panel(panel);
    }
    figure.panel_size(520, 480).save(&path)?;
    Ok(path)
}
// ANCHOR_END: paths_figure

/// One histogram per layer, side by side, on a shared y scale; returns the figure's path.
///
/// With ReLU half of all values are exactly 0: that bar is cut off at the top so that the rest
/// of the distribution stays visible.
pub fn activation_histograms(
    setting: Setting,
    layers: &[ndarray::Array2<f32>],
    out: &OutArg,
) -> anyhow::Result<PathBuf> {
    let path = out.path(&format!(
        "weight_init_activation_{}.png",
        setting.file_stem()
    ))?;
    let (lo, hi) = setting.activation.range();
    let bins = 30;
    let skip = usize::from(setting.activation == ActivationFn::Relu); // the bar at 0
    let tallest = layers
        .iter()
        .flat_map(|a| {
            bin_counts(a.iter().map(|&v| f64::from(v)), (lo, hi), bins)
                .into_iter()
                .skip(skip)
        })
        .max()
        .unwrap_or(1);
    // three to a row, so that the text reads at page width; the y scale is shared
    let mut figure = Figure::new(format!("Activations per layer: {}", setting.label()))
        .cols(layers.len().clamp(1, 3))
        .panel_size(500, 380)
        .share_y();
    for (k, a) in layers.iter().enumerate() {
        figure = figure.panel(
            Histogram::new(format!("{}-layer", k + 1), "activation", "count")
                .values("", a.iter())
                .bins(bins)
                .range(lo, hi)
                .y_max(tallest as f64 * 1.05),
        );
    }
    figure.save(&path)?;
    Ok(path)
}

/// Counts of `values` in `bins` equal bins over `range` (the last bin includes its right edge).
fn bin_counts(values: impl Iterator<Item = f64>, (lo, hi): (f64, f64), bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    for v in values.filter(|v| (lo..=hi).contains(v)) {
        let k = ((v - lo) / (hi - lo) * bins as f64) as usize;
        counts[k.min(bins - 1)] += 1;
    }
    counts
}

/// A grid of small charts, one per weight scale: training accuracy per epoch with batch
/// normalization (solid) and without (dashed); returns the figure's path.
pub fn batch_norm_grid(runs: &[crate::batch_norm::BnRun], out: &OutArg) -> anyhow::Result<PathBuf> {
    let path = out.path("batch_norm_test.png")?;
    let mut figure =
        Figure::new("Training accuracy with and without batch normalization, by weight scale")
            .cols(4)
            .panel_size(375, 280)
            .shared_axes();
    for (k, run) in runs.iter().enumerate() {
        let names = if k == 0 {
            ("Batch Norm", "Normal")
        } else {
            ("", "")
        };
        let chart = LineChart::new(
            format!(
                "W std {}",
                crate::batch_norm::scale_label(run.weight_init_std)
            ),
            "epoch",
            "accuracy",
        )
        .series(Series::from_values(names.0, &run.with_bn).color(dlfs_plot::PALETTE[0]))
        .series(
            Series::from_values(names.1, &run.without)
                .dashed()
                .color(dlfs_plot::PALETTE[1]),
        )
        .y_range(0.0, 1.0);
        figure = figure.panel(chart);
    }
    figure.save(&path)?;
    Ok(path)
}

/// One panel per run: train and test accuracy per epoch; returns the figure's path.
pub fn train_test_panels(
    title: &str,
    runs: &[(String, History)],
    file: &str,
    out: &OutArg,
) -> anyhow::Result<PathBuf> {
    let path = out.path(file)?;
    let mut figure = Figure::new(title)
        .cols(runs.len().max(1))
        .panel_size(560, 420);
    for (label, h) in runs {
        figure = figure.panel(
            LineChart::new(label.as_str(), "epoch", "accuracy")
                .series(Series::from_values("train", &h.train_acc))
                .series(Series::from_values("test", &h.test_acc).dashed())
                .y_range(0.0, 1.0),
        );
    }
    figure.save(&path)?;
    Ok(path)
}

/// The best trials in a grid: validation (solid) and training (dashed) accuracy per epoch;
/// returns the figure's path.
pub fn best_trials(trials: &[&crate::search::Trial], out: &OutArg) -> anyhow::Result<PathBuf> {
    let path = out.path("hyperparameter_optimization.png")?;
    let mut figure = Figure::new("The best trials: validation (solid) and training (dashed)")
        .cols(4)
        .panel_size(375, 320)
        .share_y();
    for (k, trial) in trials.iter().enumerate() {
        let names = if k == 0 {
            ("validation", "train")
        } else {
            ("", "")
        };
        figure = figure.panel(
            LineChart::new(
                format!("Best-{}: val {:.2}", k + 1, trial.final_val_acc()),
                format!("lr {:.1e}, λ {:.1e}", trial.lr, trial.weight_decay),
                "accuracy",
            )
            .series(Series::from_values(names.0, &trial.val_acc).color(dlfs_plot::PALETTE[0]))
            .series(
                Series::from_values(names.1, &trial.train_acc)
                    .dashed()
                    .color(dlfs_plot::PALETTE[1]),
            )
            .y_range(0.0, 1.0),
        );
    }
    figure.save(&path)?;
    Ok(path)
}

/// The trained weights of each run, overlaid on one histogram over a shared range: weight decay
/// pulls them towards 0. Returns the figure's path.
pub fn weight_histograms(runs: &[(&str, &[f32])], out: &OutArg) -> anyhow::Result<PathBuf> {
    let path = out.path("overfit_weight_decay_weights.png")?;
    // a range that holds all but the farthest 0.1% of the first run's weights
    let mut first: Vec<f32> = runs
        .first()
        .map_or(vec![], |(_, w)| w.iter().map(|v| v.abs()).collect());
    first.sort_by(f32::total_cmp);
    let edge = first
        .get(first.len() * 999 / 1000)
        .copied()
        .unwrap_or(1.0)
        .max(1e-3);
    let edge = f64::from(edge);
    let mut chart = Histogram::new(
        "The trained weights, without and with weight decay",
        "weight",
        "count",
    )
    .bins(80)
    .range(-edge, edge)
    .legend(dlfs_plot::LegendPos::UpperRight);
    for (label, w) in runs {
        chart = chart.values(*label, w.iter());
    }
    chart.save(&path)?;
    Ok(path)
}
