//! Trains the two-layer net with backpropagation on MNIST: the book's `ch05/train_neuralnet.py`.
//!
//! Expect (full MNIST, default flags): test accuracy about 0.97 after 10,000 iterations,
//! in a few seconds.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::TwoLayerNet;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};

/// Trains the two-layer net (Affine – ReLU – Affine – softmax) on MNIST with backpropagation and
/// plain SGD, printing train and test accuracy once per epoch, and draws the loss curve, the
/// accuracy curves and the weight distributions before and after training.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Number of mini-batch updates
    #[arg(long, default_value_t = 10_000)]
    iters: usize,
    /// Images per mini-batch
    #[arg(long, default_value_t = 100)]
    batch_size: usize,
    /// Learning rate of SGD
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    lr: f64,
    /// Neurons in the hidden layer
    #[arg(long, default_value_t = 50)]
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
        let args = Args::parse();
        ch05_backprop::check_hyperparameters(args.lr, args.batch_size, args.iters, args.hidden)?;
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
            args.lr,
            args.iters,
            args.batch_size,
            &mut rng,
        )?;
        // ANCHOR_END: train

        let last = |v: &[f64]| v.last().copied().unwrap_or(f64::NAN);
        println!("train accuracy: {:.4}", last(&history.train_acc));
        println!("test accuracy: {:.4}", last(&history.test_acc));
        println!("time: {:.2} s", history.seconds);
        for path in ch05_backprop::figures::draw(
            &history,
            &before,
            &ch05_backprop::weights(&net),
            &args.out,
        )? {
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
