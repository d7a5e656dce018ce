//! The book's `neuralnet_mnist.py`: the trained 3-layer network labels the 10,000 MNIST test
//! images one at a time. With the book's weights it prints `accuracy: 0.9352`.

use std::process::ExitCode;

use clap::Parser;

/// Accuracy of the 784-50-100-10 sigmoid network on the test set, one image at a time.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    data: dlfs_cli::DataArgs,
    #[command(flatten)]
    weights: ch03_activations::mnist_net::WeightsArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        ch03_activations::mnist_net::run(&args.data, &args.weights, None)
    })
}
