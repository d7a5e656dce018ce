//! The book's `neuralnet_mnist_batch.py`: the same network and count as `neuralnet_mnist`,
//! computed on batches of images (100 by default) with one matrix product per layer.

use std::process::ExitCode;

use clap::Parser;

/// Accuracy of the 784-50-100-10 sigmoid network on the test set, in batches.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    data: dlfs_cli::DataArgs,
    #[command(flatten)]
    weights: ch03_activations::mnist_net::WeightsArg,
    /// Images per batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        ch03_activations::mnist_net::run(&args.data, &args.weights, Some(args.batch_size))
    })
}
