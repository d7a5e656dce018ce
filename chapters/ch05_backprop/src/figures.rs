//! The chapter's report and figures, drawn from a training run's history.

use std::path::PathBuf;

use dlfs::net::Sequential;
use dlfs::trainer::History;
use dlfs_cli::OutArg;
use dlfs_plot::{Figure, Histogram, LineChart, PALETTE, Series};

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
    // one row before training, one after, each panel binned over its own values: the
    // initial weights (std 0.01) are a spike on the trained weights' scale, a bell on their own
    let mut figure = Figure::new("Weight distributions before and after training")
        .cols(before.len().max(1))
        .panel_size(560, 400);
    for (when, layers) in [("before", before), ("after", after)] {
        for (name, w) in layers {
            let mut hist = Histogram::new(format!("{name} {when} training"), "weight", "count")
                .values("", w)
                .bins(50);
            hist.series[0].color = Some(PALETTE[usize::from(when == "after")]); // blue, orange
            figure = figure.panel(hist);
        }
    }
    figure.save(&weights)?;
    Ok(vec![loss, accuracy, weights])
}
