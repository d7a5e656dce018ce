//! Three weight initialisations on MNIST: the book's `ch06/weight_init_compare.py`.
//!
//! Expect (full MNIST, default flags): He learns fastest, Xavier close behind, and with
//! std 0.01 the loss stays at ln 10 ≈ 2.30: the signal dies out in the deep layers, so the
//! gradients are nearly zero and nothing is learned.
use std::process::ExitCode;

use ch06_optimizers::compare::{Contestant, print_losses, train_side_by_side};
use clap::Parser;
use dataset::LoadOptions;
use dlfs::net::{Activation, MultiLayerNet, WeightInit};
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::DataArgs;
use dlfs_cli::{OutArg, SeedArg};

/// Trains the same ReLU net (784-100-100-100-100-10) from three initial weight scales — std 0.01,
/// Xavier and He — with SGD on the same mini-batches, prints the losses and draws the smoothed
/// loss curves.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Initialisations to compare: he, xavier, or a standard deviation such as 0.01
    /// (comma-separated)
    #[arg(long, value_delimiter = ',', default_value = "0.01,xavier,he")]
    init: Vec<WeightInit>,
    /// Activation function of the hidden layers
    #[arg(long, value_parser = dlfs_cli::choice::<Activation>(), default_value = "relu")]
    activation: Activation,
    /// Number of hidden layers of 100 units
    #[arg(long, default_value_t = 4)]
    hidden_layers: usize,
    /// Learning rate of SGD
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    lr: f64,
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
        anyhow::ensure!(
            args.lr.is_finite() && args.lr > 0.0,
            "--lr must be a positive number, got {}",
            args.lr
        );
        anyhow::ensure!(args.iters >= 1, "--iters must be at least 1");
        anyhow::ensure!(
            args.batch_size >= 1,
            "--batch-size must be at least 1; the book uses 128"
        );
        anyhow::ensure!(!args.init.is_empty(), "--init needs at least one value");
        let mnist = args.data.load(LoadOptions::default())?;
        println!("data: {mnist}");
        let mut rng = args.seed.rng();

        // ANCHOR: setup
        let mut contestants: Vec<Contestant> = args
            .init
            .iter()
            .map(|&init| Contestant {
                label: init.to_string(),
                net: MultiLayerNet {
                    hidden_size_list: vec![100; args.hidden_layers],
                    activation: args.activation,
                    weight_init: init,
                    ..Default::default()
                }
                .build(&mut rng),
                optimizer: OptimizerKind::Sgd,
                lr: args.lr,
            })
            .collect();
        // ANCHOR_END: setup
        let start = std::time::Instant::now();
        let losses = train_side_by_side(
            &mut contestants,
            (mnist.x_train.view(), mnist.t_train.view()),
            args.iters,
            args.batch_size,
            &mut rng,
        )?;
        let seconds = start.elapsed().as_secs_f64();
        let labels: Vec<String> = contestants.iter().map(|c| c.label.clone()).collect();
        print_losses(&labels, &losses, args.print_every);
        println!("time: {seconds:.2} s");
        let runs: Vec<(String, Vec<f64>)> = labels.into_iter().zip(losses).collect();
        let path = ch06_optimizers::figures::loss_curves(
            "Weight initialisation on MNIST (SGD, ReLU)",
            &runs,
            2.5,
            "weight_init_compare.png",
            &args.out,
        )?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
