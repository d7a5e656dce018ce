//! Loss functions and mini-batches: the examples of chapter 4's first half.
//!
//! Expect: mean squared error 0.0975 and cross-entropy 0.5108 when the net favours the right
//! digit, 0.5975 and 2.3026 when it favours a wrong one; ten random training-set indices; and a
//! figure where batches of 1,000 images estimate the full set's loss to within about 1%.
use std::process::ExitCode;

use ch04_loss::{book_examples, estimate, figures, train_briefly};
use clap::Parser;
use dataset::LoadOptions;
use dlfs::batch::random_choice;
use dlfs::net::TwoLayerNet;
use dlfs_cli::{DataArgs, OutArg, SeedArg};
use ndarray::Axis;

/// Prints the book's loss examples, draws a mini-batch of 10 from MNIST, and compares the loss
/// of many random mini-batches (of 1, 10, 100 and 1,000 images) with the full training set's.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Mini-batches drawn of each size for the comparison
    #[arg(long, default_value_t = 300, value_parser = dlfs_cli::ranges::at_least(2))]
    draws: usize,
    /// Training iterations (backprop, SGD lr 0.1) before the comparison, so the net is past
    /// guessing; 0 keeps it as initialised
    #[arg(long, default_value_t = 300)]
    train_iters: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        for (name, value) in book_examples() {
            println!("{name}: {value}");
        }

        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();
        // ANCHOR: mini_batch
        let train_size = mnist.x_train.shape()[0]; // 60000
        let batch_size = 10;
        let batch_mask = random_choice(train_size, batch_size, &mut rng);
        let x_batch = mnist.x_train.select(Axis(0), &batch_mask); // (10, 784)
        let t_batch = mnist.t_train.select(Axis(0), &batch_mask); // (10,)
        // ANCHOR_END: mini_batch
        println!("batch_mask: {batch_mask:?}");
        println!("t_batch: {}", t_batch);
        println!("x_batch shape: {:?}", x_batch.shape());

        let mut net = TwoLayerNet::default().build::<f32>(&mut rng);
        train_briefly(&mut net, &mnist, args.train_iters, &mut rng)?;
        let train_set = (mnist.x_train.view(), mnist.t_train.view());
        let found = estimate(&mut net, train_set, args.draws, &mut rng);
        figures::draw(found.full, found.sigma, &found.losses, &args.out)
    })
}
