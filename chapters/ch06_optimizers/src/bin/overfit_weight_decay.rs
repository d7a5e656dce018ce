//! Overfitting, and weight decay against it: the book's `ch06/overfit_weight_decay.py`.
//!
//! Expect (full MNIST, default flags): without weight decay the net learns its 300 images
//! perfectly (train accuracy 1.0) while test accuracy stays near 0.75; with λ = 0.1 the train
//! accuracy stays below 1 and the gap between the curves narrows.
use std::process::ExitCode;

use ch06_optimizers::overfit::{Overfit, print_runs};
use clap::Parser;
use dlfs::cli::{OutArg, SeedArg};
use dlfs::data::{DataArgs, LoadOptions};
use dlfs::net::MultiLayerNetExtend;

/// Trains a 784-100x6-10 net on only 300 MNIST images for 201 epochs, once without and once
/// with weight decay, printing train and test accuracy and drawing both runs' curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// λ of weight decay for the second run (the first runs with λ = 0)
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    weight_decay: f64,
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
            args.weight_decay.is_finite() && args.weight_decay >= 0.0,
            "--weight-decay must be 0 or more, got {}; the book uses 0.1",
            args.weight_decay
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
        let nets = [0.0, args.weight_decay]
            .into_iter()
            .map(|lambda| {
                let net = MultiLayerNetExtend {
                    weight_decay_lambda: lambda,
                    ..Default::default()
                };
                (format!("λ = {lambda}"), net)
            })
            .collect();
        let runs = overfit.run_all(nets, &mnist, args.seed.seed)?;
        // ANCHOR_END: runs

        print_runs(&runs, args.print_every);
        let path = ch06_optimizers::figures::train_test_panels(
            "Overfitting 300 images, without and with weight decay",
            &runs,
            "overfit_weight_decay.png",
            &args.out,
        )?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
