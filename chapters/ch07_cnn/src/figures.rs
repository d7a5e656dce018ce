//! The chapter's charts.

use std::path::Path;

use dlfs::plot::{LegendPos, LineChart, Series};
use dlfs::trainer::History;

// ANCHOR: accuracy_chart
/// Train and test accuracy against epochs (each measured on 1,000 images, like the book's
/// Trainer), from a run with `iter_per_epoch` iterations per epoch.
pub fn accuracy_chart(history: &History, iter_per_epoch: usize, path: &Path) -> anyhow::Result<()> {
    // accuracy is measured after update i + 1, i.e. after (i + 1) / iter_per_epoch epochs
    let epochs: Vec<f64> = history
        .eval_iters
        .iter()
        .map(|&i| (i + 1) as f64 / iter_per_epoch as f64)
        .collect();
    let lowest = history
        .train_acc
        .iter()
        .chain(&history.test_acc)
        .copied()
        .fold(1.0, f64::min);
    LineChart::new(
        "SimpleConvNet on MNIST (Adam, lr 0.001, batch 100)",
        "epoch",
        "accuracy",
    )
    .series(Series::new("train", &epochs, &history.train_acc).markers())
    .series(
        Series::new("test", &epochs, &history.test_acc)
            .markers()
            .dashed(),
    )
    .y_range((lowest - 0.02).clamp(0.0, 0.9), 1.0)
    .legend(LegendPos::LowerRight)
    .save(path)
}
// ANCHOR_END: accuracy_chart
