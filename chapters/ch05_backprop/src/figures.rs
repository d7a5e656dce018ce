//! The chapter's report and figures, drawn from a training run's history.

use std::path::PathBuf;

use dlfs::net::Sequential;
use dlfs::trainer::History;
use dlfs_cli::OutArg;
use dlfs_plot::{Figure, Histogram, LineChart, Series};

/// Prints the final accuracies and the time, draws the figures and prints their paths.
pub fn report(
    history: &History,
    before: &[(String, Vec<f32>)],
    net: &Sequential<f32>,
    out: &OutArg,
) -> anyhow::Result<()> {
    let last = |v: &[f64]| v.last().copied().unwrap_or(f64::NAN);
    println!("train accuracy: {:.4}", last(&history.train_acc));
    println!("test accuracy: {:.4}", last(&history.test_acc));
    println!("time: {:.2} s", history.seconds);
    for path in draw(history, before, &crate::weights(net), out)? {
        println!("wrote {}", path.display());
    }
    Ok(())
}

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
    let (train, test) = (&history.train_acc, &history.test_acc);
    LineChart::accuracy("Accuracy per epoch", &epochs, train, test).save(&accuracy)?;

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
