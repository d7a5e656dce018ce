//! The chapter's figures, drawn from a training run's history.

use std::path::PathBuf;

use dlfs::trainer::History;
use dlfs_cli::OutArg;
use dlfs_plot::{Figure, Histogram, LineChart, Series};

/// Draws the loss curve, the accuracy curves and the weight distributions; returns their paths.
pub fn draw(
    history: &History,
    before: &[(String, Vec<f32>)],
    after: &[(String, Vec<f32>)],
    out: &OutArg,
) -> anyhow::Result<Vec<PathBuf>> {
    let loss = out.path("ch05_loss.png")?;
    LineChart::new("Loss while training (SGD, batch 100)", "iteration", "loss")
        .series(Series::from_values("loss per mini-batch", &history.loss))
        .save(&loss)?;

    let accuracy = out.path("ch05_accuracy.png")?;
    let epochs = history.eval_epochs();
    LineChart::new("Accuracy per epoch", "epoch", "accuracy")
        .series(Series::new("train", &epochs, &history.train_acc).markers())
        .series(
            Series::new("test", &epochs, &history.test_acc)
                .markers()
                .dashed(),
        )
        .y_range(0.0, 1.0)
        .save(&accuracy)?;

    let weights = out.path("ch05_weights.png")?;
    let mut figure = Figure::new("Weight distributions before and after training").cols(2);
    for ((name, w0), (_, w1)) in before.iter().zip(after) {
        figure = figure.panel(
            Histogram::new(name.as_str(), "weight", "count")
                .values("before", w0)
                .values("after", w1)
                .bins(60),
        );
    }
    figure.save(&weights)?;
    Ok(vec![loss, accuracy, weights])
}
