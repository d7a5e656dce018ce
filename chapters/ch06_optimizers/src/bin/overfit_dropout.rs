//! Overfitting, and dropout against it: the book's `ch06/overfit_dropout.py`.
//!
//! Expect (full MNIST, default flags): without dropout the net learns its 300 images perfectly
//! while test accuracy stays near 0.75; with dropout (ratio 0.2) learning is much slower (train
//! accuracy about 0.5 after 201 epochs) but the gap to the test curve is less than half as wide.
use std::process::ExitCode;

use ch06_optimizers::overfit::{self, OverfitArgs};
use clap::Parser;
use dlfs::net::MultiLayerNetExtend;

/// Trains a 784-100x6-10 net on only 300 MNIST images for 201 epochs, once without and once
/// with dropout after every hidden layer, printing train and test accuracy and drawing both
/// runs' curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Probability of dropping each hidden unit in the second run
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true, value_parser = dlfs_cli::ranges::ratio())]
    dropout_ratio: f64,
    #[command(flatten)]
    common: OverfitArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(overfit::BOOK);
        let (overfit, mnist) = args.common.setup()?;

        // ANCHOR: runs
        let nets = [false, true]
            .into_iter()
            .map(|use_dropout| {
                let net = MultiLayerNetExtend {
                    use_dropout,
                    dropout_ratio: args.dropout_ratio,
                    ..Default::default()
                };
                let label = if use_dropout {
                    format!("dropout {}", args.dropout_ratio)
                } else {
                    "no dropout".to_string()
                };
                (label, net)
            })
            .collect();
        let runs = overfit.run_all(nets, &mnist, args.common.seed.seed)?;
        // ANCHOR_END: runs

        args.common.report(
            &runs,
            "Overfitting 300 images, without and with dropout",
            "overfit_dropout.png",
        )?;
        Ok(())
    })
}
