//! Trains the two-layer net with backpropagation on MNIST: the book's `ch05/train_neuralnet.py`.
//!
//! Expect (full MNIST, default flags): test accuracy about 0.97 after 10,000 iterations,
//! in a few seconds.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::TwoLayerNet;
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};

/// The script's settings: iters_num = 10000, batch_size = 100, learning_rate = 0.1.
const BOOK: Book = Book::iters(10_000, 100).lr(0.1);

/// Trains the two-layer net (Affine – ReLU – Affine – softmax) on MNIST with backpropagation and
/// plain SGD, printing train and test accuracy once per epoch, and draws the loss curve, the
/// accuracy curves and the weight distributions before and after training.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    train: TrainArgs,
    /// Neurons in the hidden layer
    #[arg(long, default_value_t = 50, value_parser = at_least(1))]
    hidden: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: train
        let mut net = TwoLayerNet {
            hidden_size: args.hidden,
            ..Default::default()
        }
        .build::<f32>(&mut rng);
        let before = ch05_backprop::weights(&net);
        let history = ch05_backprop::train_net(
            &mut net,
            &mnist,
            args.train.lr(),
            args.train.iters(mnist.t_train.len()),
            args.train.batch_size,
            &mut rng,
        )?;
        // ANCHOR_END: train

        ch05_backprop::figures::report(&history, &before, &net, &args.out)
    })
}
