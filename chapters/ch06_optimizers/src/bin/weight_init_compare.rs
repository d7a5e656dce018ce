//! Three weight initialisations on MNIST: the book's `ch06/weight_init_compare.py`.
//!
//! Expect (full MNIST, default flags): He learns fastest, Xavier close behind, and with
//! std 0.01 the loss stays at ln 10 ≈ 2.30: the signal dies out in the deep layers, so the
//! gradients are nearly zero and nothing is learned.
use std::process::ExitCode;

use ch06_optimizers::compare::{CompareArgs, Contestant};
use clap::Parser;
use dlfs::net::{Activation, MultiLayerNet, WeightInit};
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::Book;

/// The script's settings: max_iterations = 2000, batch_size = 128, SGD's lr = 0.01.
const BOOK: Book = Book::iters(2000, 128).lr(0.01);

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
    #[command(flatten)]
    run: CompareArgs,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args: Args = dlfs_cli::parse(BOOK);
        let mnist = args.run.load()?;
        let mut rng = args.run.seed.rng();

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
                lr: args.run.train.lr(),
            })
            .collect();
        // ANCHOR_END: setup
        let chart = (
            "Weight initialisation on MNIST (SGD, ReLU)",
            2.5,
            "weight_init_compare.png",
        );
        args.run.compare(&mut contestants, &mnist, chart, &mut rng)
    })
}
