//! The four optimizers on MNIST: the book's `ch06/optimizer_compare_mnist.py`.
//!
//! Expect (full MNIST, default flags): AdaGrad and Adam bring the loss down fastest, Momentum
//! close behind, SGD slowest; over the last 100 iterations the losses average about 0.05
//! (AdaGrad, Adam), 0.07 (Momentum) and 0.22 (SGD). About 7 s on two idle cores.
use std::process::ExitCode;

use ch06_optimizers::compare::{CompareArgs, Contestant};
use clap::Parser;
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::{Book, choice};

/// The script's settings: max_iterations = 2000, batch_size = 128, a learning rate per optimizer.
const BOOK: Book = Book::iters(2000, 128);

/// Trains the same 784-100-100-100-100-10 ReLU net (He initialisation) with SGD, Momentum,
/// AdaGrad and Adam on the same mini-batches, prints their losses as they go and draws the
/// smoothed loss curves on one chart. Without --lr, each optimizer learns at the book's rate:
/// 0.01, and 0.001 for Adam.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Optimizers to compare (comma-separated)
    #[arg(long, value_parser = choice::<OptimizerKind>(), value_delimiter = ',',
        default_values = ["sgd", "momentum", "adagrad", "adam"])]
    optimizer: Vec<OptimizerKind>,
    #[command(flatten)]
    run: CompareArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mnist = args.run.load()?;
        let mut rng = args.run.seed.rng();

        // ANCHOR: setup
        let mut contestants: Vec<Contestant> = (args.optimizer.iter())
            .map(|&kind| Contestant::with_optimizer(kind, args.run.train.lr, &mut rng))
            .collect();
        let chart = (
            "Optimizers on MNIST (784-100x4-10, ReLU, He)",
            1.0,
            "optimizer_compare_mnist.png",
        );
        args.run.compare(&mut contestants, &mnist, chart, &mut rng)
        // ANCHOR_END: setup
    })
}
