//! The chapter's report and charts.

use std::path::Path;

use dlfs::net::Sequential;
use dlfs::trainer::History;
use dlfs_cli::OutArg;
use dlfs_plot::{Cmap, Figure, Image, ImageGrid, LegendPos, LineChart, PALETTE, RGBColor, Series};
use ndarray::{ArrayD, ArrayView4, Ix4, s};

/// What `train_convnet` prints at the end: the test accuracy, the time, the seconds per epoch;
/// it saves the parameters to `save` if given, and draws the accuracy curves.
pub fn report(
    net: &Sequential<f32>,
    run: &crate::Trained,
    save: Option<&Path>,
    out: &OutArg,
) -> anyhow::Result<()> {
    crate::training::print_report(net, run, save)?;
    let (history, iter_per_epoch) = (&run.history, run.history.iter_per_epoch.max(1));
    let chart = out.path("ch07_train_convnet.png")?;
    accuracy_chart(history, iter_per_epoch, &chart)?;
    println!("wrote {}", chart.display());
    let chart = out.path("ch07_loss.png")?;
    loss_chart(history, iter_per_epoch, &chart)?;
    println!("wrote {}", chart.display());
    Ok(())
}

/// The loss of every mini-batch (pale) and its mean over each run of `LOSS_WINDOW`
/// iterations, against epochs, on a log scale (the loss falls from 2.3 to a few hundredths).
pub fn loss_chart(history: &History, iter_per_epoch: usize, path: &Path) -> anyhow::Result<()> {
    const LOSS_WINDOW: usize = 100;
    let epoch = |i: usize| i as f64 / iter_per_epoch as f64;
    let raw = history
        .loss
        .iter()
        .enumerate()
        .map(|(i, &l)| (epoch(i + 1), l));
    let means = history.loss.chunks(LOSS_WINDOW).enumerate().map(|(k, c)| {
        let middle = k * LOSS_WINDOW + c.len().div_ceil(2);
        (epoch(middle), c.iter().sum::<f64>() / c.len() as f64)
    });
    LineChart::new(
        "SimpleConvNet on MNIST: loss per mini-batch",
        "epoch",
        "loss",
    )
    .series(
        Series::from_points("each mini-batch", raw)
            .color(RGBColor(190, 200, 215))
            .width(1),
    )
    .series(Series::from_points(format!("mean of {LOSS_WINDOW}"), means).color(PALETTE[0]))
    .log_y()
    .legend(LegendPos::UpperRight)
    .save(path)
}

// ANCHOR: accuracy_chart
/// Train and test accuracy against epochs (each measured on 1,000 images, like the book's
/// Trainer), from a run with `iter_per_epoch` iterations per epoch: the whole run, and a
/// closer look at everything after the first epoch.
pub fn accuracy_chart(history: &History, iter_per_epoch: usize, path: &Path) -> anyhow::Result<()> {
    // accuracy is measured after update i + 1, i.e. after (i + 1) / iter_per_epoch epochs
    let epochs: Vec<f64> = history
        .eval_iters
        .iter()
        .map(|&i| (i + 1) as f64 / iter_per_epoch as f64)
        .collect();
    let chart = |title: &str, from: usize| {
        let (x, train, test) = (
            &epochs[from..],
            &history.train_acc[from..],
            &history.test_acc[from..],
        );
        LineChart::accuracy(title, x, train, test).legend(LegendPos::LowerRight)
    };
    let all = chart("the whole run", 0);
    // from the second measurement on (after one epoch), scaled to the values
    let from = 1.min(epochs.len().saturating_sub(1));
    let later = history.train_acc[from..]
        .iter()
        .chain(&history.test_acc[from..]);
    let lowest = later.copied().fold(0.99, f64::min);
    let close = chart("after the first epoch", from).y_range((lowest - 0.005).max(0.0), 1.0);
    Figure::new("SimpleConvNet on MNIST: accuracy (Adam, lr 0.001, batch 100)")
        .cols(2)
        .panel(all)
        .panel(close)
        .save(path)
}
// ANCHOR_END: accuracy_chart

/// One test digit (`digit`, (1, 1, 28, 28), with its label and index), the first `filters` of
/// the first layer's filters `w1` (FN, 1, FH, FW) and the feature maps (1, FN, OH, OW) they make
/// of it, in three rows (`apply_filter`).
pub fn filters_and_maps(
    (digit, label, index): (ArrayD<f32>, usize, usize),
    w1: &ArrayD<f32>,
    maps: ArrayView4<f32>,
    filters: usize,
    path: &Path,
) -> anyhow::Result<()> {
    let digit = digit.into_dimensionality::<Ix4>()?;
    let input = ImageGrid::new(format!("test image {index} (a {label})"))
        .image(Image::from_array(digit.slice(s![0, 0, .., ..])))
        .cmap(Cmap::GreyReversed);
    let mut filter_row = ImageGrid::new("filters (black = negative)").cols(filters);
    let mut responses = ImageGrid::new("feature maps (white = strong response)").cols(filters);
    for k in 0..filters {
        let filter = w1.slice(s![k, 0, .., ..]).into_dimensionality()?;
        filter_row =
            filter_row.image(Image::from_array(filter).caption(format!("filter {}", k + 1)));
        let map = maps.slice(s![0, k, .., ..]);
        responses = responses.image(Image::from_array(map).caption(format!("map {}", k + 1)));
    }
    Figure::new("A digit through the first convolution")
        .cols(1)
        .panel_size(100 * filters as u32 + 40, 170)
        .panel(input)
        .panel(filter_row)
        .panel(responses)
        .save(path)
}
