//! Overfitting, and weight decay against it: the book's `ch06/overfit_weight_decay.py`.
//!
//! Expect (full MNIST, default flags): without weight decay the net learns its 300 images
//! perfectly (train accuracy 1.0) while test accuracy stays near 0.75; with λ = 0.1 the train
//! accuracy stays below 1 and the gap between the curves narrows.
use std::process::ExitCode;

use ch06_optimizers::overfit::{self, OverfitArgs};
use clap::Parser;
use dlfs::net::MultiLayerNetExtend;

/// Trains a 784-100x6-10 net on only 300 MNIST images for 201 epochs, once without and once
/// with weight decay, printing train and test accuracy and drawing both runs' curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// λ of weight decay for the second run (the first runs with λ = 0)
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true, value_parser = dlfs_cli::ranges::non_negative())]
    weight_decay: f64,
    #[command(flatten)]
    common: OverfitArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(overfit::BOOK);
        let (overfit, mnist) = args.common.setup()?;

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
        let runs = overfit.run_all(nets, &mnist, args.common.seed.seed)?;
        // ANCHOR_END: runs

        args.common.report(
            &runs,
            "Overfitting 300 images, without and with weight decay",
            "overfit_weight_decay.png",
        )?;
        let weights: Vec<_> = runs
            .iter()
            .map(|(l, _, w)| (l.as_str(), w.as_slice()))
            .collect();
        let path = ch06_optimizers::figures::weight_histograms(&weights, &args.common.out)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
