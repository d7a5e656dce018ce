//! Overfitting, and dropout against it: the book's `ch06/overfit_dropout.py`.
//!
//! Expect (full MNIST, default flags): without dropout the net learns its 300 images perfectly
//! while test accuracy stays near 0.75; with dropout (ratio 0.2) learning is much slower (train
//! accuracy about 0.5 after 201 epochs) but the gap to the test curve is less than half as wide.
use std::process::ExitCode;

use ch06_optimizers::overfit::{Overfit, print_runs};
use clap::Parser;
use dlfs::cli::{OutArg, SeedArg};
use dlfs::data::{DataArgs, LoadOptions};
use dlfs::net::MultiLayerNetExtend;

/// Trains a 784-100x6-10 net on only 300 MNIST images for 201 epochs, once without and once
/// with dropout after every hidden layer, printing train and test accuracy and drawing both
/// runs' curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Probability of dropping each hidden unit in the second run
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    dropout_ratio: f64,
    /// Training images (the first ones of the training set)
    #[arg(long, default_value_t = 300)]
    train_size: usize,
    /// Passes over the training images
    #[arg(long, default_value_t = 201)]
    epochs: usize,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    /// Learning rate of SGD
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    lr: f64,
    /// Test images to measure on each epoch (the first ones of the test set)
    #[arg(long, default_value_t = 10_000)]
    test_size: usize,
    /// Print the accuracies every this many epochs
    #[arg(long, default_value_t = 20)]
    print_every: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs::cli::run(|| {
        let args = Args::parse();
        anyhow::ensure!(
            (0.0..1.0).contains(&args.dropout_ratio),
            "--dropout-ratio must be at least 0 and below 1, got {}; the book uses 0.2",
            args.dropout_ratio
        );
        let overfit = Overfit {
            train_size: args.train_size,
            epochs: args.epochs,
            batch_size: args.batch_size,
            lr: args.lr,
            test_size: args.test_size,
            ..Default::default()
        };
        overfit.check()?;
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");

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
        let runs = overfit.run_all(nets, &mnist, args.seed.seed)?;
        // ANCHOR_END: runs

        print_runs(&runs, args.print_every);
        let path = ch06_optimizers::figures::train_test_panels(
            "Overfitting 300 images, without and with dropout",
            &runs,
            "overfit_dropout.png",
            &args.out,
        )?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
