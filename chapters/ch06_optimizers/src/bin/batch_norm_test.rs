//! Batch normalization against plain training over 16 weight scales: the book's
//! `ch06/batch_norm_test.py`.
//!
//! Expect (full MNIST, default flags): with batch normalization the training accuracy climbs
//! quickly at almost every scale; without it, learning is slower, and at the largest and
//! smallest scales it does not happen at all.
use std::process::ExitCode;

use ch06_optimizers::batch_norm::{BnTest, train_pair, weight_scales};
use clap::Parser;
use dataset::LoadOptions;
use dlfs_cli::ranges::at_least;
use dlfs_cli::{Book, DataArgs, OutArg, SeedArg, TrainArgs};
use ndarray::{Axis, s};
use rand::Rng;

/// The script's settings: max_epochs = 20, batch_size = 100, SGD's lr = 0.01.
const BOOK: Book = Book::epochs(20, 100).lr(0.01);

/// For 16 initial weight scales from 1 down to 0.0001, trains a 784-100x5-10 ReLU net with and
/// without batch normalization on 1,000 MNIST images (SGD, 20 epochs), prints the final training
/// accuracies and draws a grid of accuracy curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Number of weight scales between 1 and 0.0001 (log-spaced)
    #[arg(long, default_value_t = 16, value_parser = at_least(1))]
    scales: usize,
    /// Training images (the first ones of the training set)
    #[arg(long, default_value_t = 1000, value_parser = at_least(1))]
    train_size: usize,
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
        let args: Args = dlfs_cli::parse(BOOK);
        let epochs = args.train.epochs()?;
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let n = args.train_size.min(mnist.t_train.len());
        anyhow::ensure!(
            args.train.batch_size <= n,
            "--batch-size must be between 1 and the {n} training images"
        );
        let x_train = mnist.x_train.slice_axis(Axis(0), (0..n).into());
        let t_train = mnist.t_train.slice(s![..n]);
        let test = BnTest {
            epochs,
            batch_size: args.train.batch_size,
            lr: args.train.lr(),
            ..Default::default()
        };
        let mut rng = args.seed.rng();

        // ANCHOR: run
        let scales: Vec<(f64, u64)> = weight_scales(args.scales)
            .into_iter()
            .map(|w| (w, rng.random()))
            .collect();
        let bar = dlfs_cli::progress_bar(scales.len() as u64, "scales");
        let runs = dlfs_engine::parallel::par_map_tasks(scales, |(w, seed)| {
            let run = train_pair((x_train.view(), t_train.view()), w, &test, seed);
            bar.inc(1);
            run
        });
        bar.finish_and_clear();
        // ANCHOR_END: run

        ch06_optimizers::batch_norm::report(&runs, &args.out)
    })
}
