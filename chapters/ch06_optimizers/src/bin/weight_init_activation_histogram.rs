//! Activations of five layers under five weight scales: the book's
//! `ch06/weight_init_activation_histogram.py`.
//!
//! Expect: with std 1 the sigmoid outputs pile up at 0 and 1 (vanishing gradients); with
//! std 0.01 they all sit near 0.5 (every unit says the same); Xavier keeps them spread in
//! every layer for sigmoid and tanh, and He does the same for ReLU.
use std::process::ExitCode;

use ch06_optimizers::activations::{Setting, activations, std_dev};
use clap::Parser;
use dlfs_cli::ranges::{at_least, between};
use dlfs_cli::{OutArg, SeedArg};

/// Feeds 1,000 random inputs through five 100-unit layers without training, under five settings
/// (std 1, std 0.01 and Xavier with sigmoid; He with ReLU; Xavier with tanh), prints the spread
/// of each layer's activations and draws one row of histograms per setting.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Number of random inputs
    #[arg(long, default_value_t = 1000, value_parser = at_least(1))]
    inputs: usize,
    /// Units per layer
    #[arg(long, default_value_t = 100, value_parser = at_least(1))]
    nodes: usize,
    /// Number of layers
    #[arg(long, default_value_t = 5, value_parser = between(1, 20))]
    layers: usize,
    #[command(flatten)]
    seed: SeedArg,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mut rng = args.seed.rng();
        for setting in Setting::BOOK {
            // the same inputs for every setting: x = np.random.randn(1000, 100)
            let x = dlfs::float::randn::<f32, _>((args.inputs, args.nodes), &mut args.seed.rng());
            let layers = activations(x, setting, args.layers, args.nodes, &mut rng);
            let stds: Vec<String> = layers
                .iter()
                .map(|a| format!("{:.4}", std_dev(a)))
                .collect();
            println!("{}: std by layer: {}", setting.label(), stds.join(", "));
            let path =
                ch06_optimizers::figures::activation_histograms(setting, &layers, &args.out)?;
            println!("wrote {}", path.display());
        }
        Ok(())
    })
}
