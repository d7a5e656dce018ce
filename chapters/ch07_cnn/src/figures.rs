//! The chapter's charts.

use std::path::Path;

use dlfs::trainer::History;
use dlfs_plot::{Figure, LegendPos, LineChart, Series};

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
        LineChart::new(title, "epoch", "accuracy")
            .series(Series::new("train", x, train).markers())
            .series(Series::new("test", x, test).markers().dashed())
            .legend(LegendPos::LowerRight)
    };
    let all = chart("the whole run", 0).y_range(0.0, 1.0);
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
