//! Trains the chapter's two-layer net (sigmoid hidden layer) on MNIST: the book's
//! `ch04/train_neuralnet.py` (named `ch04_train_neuralnet` because chapter 5's binary of the
//! same script is `train_neuralnet`, and binaries share one output folder).
//!
//! Expect (full MNIST, default flags): test accuracy about 0.95 after 10,000 iterations with
//! the analytic gradient; with `--numerical`, one iteration of the numerical gradient and the
//! time it took (seconds, where the analytic gradient takes a fraction of a millisecond).
use std::process::ExitCode;

use ch04_gradient::report::{as_matrix, report};
use ch04_gradient::train::{GradientArgs, TrainConfig, train};
use ch04_gradient::two_layer_net::TwoLayerNet;
use clap::Parser;
use dataset::{LoadOptions, Mnist};
use dlfs::Float;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};

/// The script's settings: iters_num = 10000, batch_size = 100, learning_rate = 0.1.
const BOOK: Book = Book::iters(10_000, 100).lr(0.1);

/// Trains a 784-50-10 net with a sigmoid hidden layer by gradient descent on MNIST mini-batches,
/// printing the train and test accuracy once per epoch, and draws the loss and accuracy curves.
/// With --numerical the gradient comes from numerical differentiation (in f64): slow enough
/// that one iteration is the default.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    gradient: GradientArgs,
    #[command(flatten)]
    train: TrainArgs,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse_with(BOOK, GradientArgs::one_iteration_if_numerical);
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let config = args.gradient.config(&args.train, mnist.t_train.len());
        match config.numerical {
            // the book's way, in float64 (f32 is too coarse for differences of 1e-4)
            true => run::<f64>(&args, &config, &mnist),
            false => run::<f32>(&args, &config, &mnist),
        }
    })
}

fn run<F: Float>(args: &Args, config: &TrainConfig, mnist: &Mnist) -> anyhow::Result<()> {
    let train_set = (as_matrix(mnist.x_train.view()), mnist.t_train.view());
    let test_set = (as_matrix(mnist.x_test.view()), mnist.t_test.view());
    let mut rng = args.seed.rng();

    // ANCHOR: main
    let mut net = TwoLayerNet::<F>::new(784, 50, 10, 0.01, &mut rng);
    let history = train(&mut net, train_set, test_set, config, &mut rng)?;
    // ANCHOR_END: main

    report(&net, &history, config, train_set, test_set, &args.out)
}
