//! The four optimizers on MNIST: the book's `ch06/optimizer_compare_mnist.py`.
//!
//! Expect (full MNIST, default flags): AdaGrad and Adam bring the loss down fastest, Momentum
//! close behind, SGD slowest; over the last 100 iterations the losses average about 0.05
//! (AdaGrad, Adam), 0.07 (Momentum) and 0.22 (SGD). About 7 s on two idle cores.
use std::process::ExitCode;

use ch06_optimizers::compare::{Contestant, print_losses, train_side_by_side};
use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::MultiLayerNet;
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};

/// Trains the same 784-100-100-100-100-10 ReLU net (He initialisation) with SGD, Momentum,
/// AdaGrad and Adam on the same mini-batches, prints their losses as they go and draws the
/// smoothed loss curves on one chart.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Optimizers to compare (comma-separated)
    #[arg(long, value_parser = dlfs_cli::choice::<OptimizerKind>(), value_delimiter = ',',
        default_values = ["sgd", "momentum", "adagrad", "adam"])]
    optimizer: Vec<OptimizerKind>,
    /// Learning rate for all of them [default: the book's 0.01, and 0.001 for Adam]
    #[arg(long, allow_negative_numbers = true)]
    lr: Option<f64>,
    /// Number of mini-batch updates
    #[arg(long, default_value_t = 2000)]
    iters: usize,
    /// Images per mini-batch
    #[arg(long, default_value_t = 128)]
    batch_size: usize,
    /// Print the losses every this many iterations
    #[arg(long, default_value_t = 500)]
    print_every: usize,
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
        if let Some(lr) = args.lr {
            anyhow::ensure!(
                lr.is_finite() && lr > 0.0,
                "--lr must be a positive number, got {lr}"
            );
        }
        anyhow::ensure!(args.iters >= 1, "--iters must be at least 1");
        anyhow::ensure!(
            args.batch_size >= 1,
            "--batch-size must be at least 1; the book uses 128"
        );
        anyhow::ensure!(
            !args.optimizer.is_empty(),
            "--optimizer needs at least one name"
        );
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: setup
        let mut contestants: Vec<Contestant> = args
            .optimizer
            .iter()
            .map(|&kind| Contestant {
                label: kind.label().to_string(),
                net: MultiLayerNet {
                    hidden_size_list: vec![100; 4],
                    ..Default::default() // 784 in, 10 out, ReLU, He initialisation
                }
                .build(&mut rng),
                optimizer: kind,
                lr: args.lr.unwrap_or(match kind {
                    OptimizerKind::Adam => 0.001,
                    _ => 0.01,
                }),
            })
            .collect();
        let start = std::time::Instant::now();
        let losses = train_side_by_side(
            &mut contestants,
            (mnist.x_train.view(), mnist.t_train.view()),
            args.iters,
            args.batch_size,
            &mut rng,
        )?;
        // ANCHOR_END: setup
        let seconds = start.elapsed().as_secs_f64();

        let labels: Vec<String> = contestants.iter().map(|c| c.label.clone()).collect();
        print_losses(&labels, &losses, args.print_every);
        println!("time: {seconds:.2} s");
        let runs: Vec<(String, Vec<f64>)> = labels.into_iter().zip(losses).collect();
        let path = ch06_optimizers::figures::loss_curves(
            "Optimizers on MNIST (784-100x4-10, ReLU, He)",
            &runs,
            1.0,
            "optimizer_compare_mnist.png",
            &args.out,
        )?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
