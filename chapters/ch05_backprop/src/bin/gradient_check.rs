//! Backprop against the numerical gradient on three MNIST images, the book's way.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::Mode;
use dlfs::gradient::mean_abs_diff;
use dlfs::net::TwoLayerNet;
use dlfs_cli::DataArgs;
use dlfs_cli::SeedArg;
use ndarray::{Axis, s};

/// Compares the gradients of the two-layer net computed by backpropagation and by numerical
/// differentiation (in f64) and prints their mean absolute difference per parameter.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many training images the check uses
    #[arg(long, default_value_t = 3, value_parser = dlfs_cli::ranges::at_least(1))]
    batch: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mnist = args.data.load(LoadOptions::default())?;
        let n = args.batch.min(mnist.t_train.len());
        let mut rng = args.seed.rng();
        // ANCHOR: check
        let mut net = TwoLayerNet::default().build::<f64>(&mut rng);
        let x_batch = mnist
            .x_train
            .slice_axis(Axis(0), (0..n).into())
            .mapv(f64::from);
        let t_batch = mnist.t_train.slice(s![..n]);

        let grad_numerical = net.numerical_gradient(&x_batch, t_batch, Mode::Train);
        net.gradient(x_batch, t_batch);
        for (param, numerical) in net.params().iter().zip(&grad_numerical) {
            println!(
                "{}: {:.2e}",
                param.name,
                mean_abs_diff(&param.grad, numerical)
            );
        }
        // ANCHOR_END: check
        Ok(())
    })
}
