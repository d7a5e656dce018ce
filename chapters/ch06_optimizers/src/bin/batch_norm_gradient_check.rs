//! Backprop through batch normalization against the numerical gradient: the book's
//! `ch06/batch_norm_gradient_check.py`.
//!
//! Expect: every mean absolute difference is tiny (about 1e-7), gamma and beta included, a
//! relative error of about 1e-6 (the 1e-7 inside the loss's logarithm, which backpropagation
//! leaves out); the biases just before a batch normalization have a gradient of exactly 0 (the
//! normalization subtracts the mean, so a shift changes nothing), and both methods agree on that.
use std::process::ExitCode;

use clap::Parser;
use dataset::LoadOptions;
use dlfs::Mode;
use dlfs::gradient::{mean_abs_diff, relative_error};
use dlfs::net::MultiLayerNetExtend;
use dlfs_cli::DataArgs;
use dlfs_cli::SeedArg;
use dlfs_cli::ranges::at_least;
use ndarray::{Axis, s};

/// Compares, parameter by parameter, the gradients of a 784-100-100-10 net with batch
/// normalization computed by backpropagation and by numerical differentiation (in f64), and
/// prints their mean absolute difference (the book's measure) and their relative error
/// ‖a − b‖ / (‖a‖ + ‖b‖), which does not depend on how large the gradient is.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many training images the check uses (at least 2: over a single image, batch
    /// normalization turns every unit into beta, and the check sees only zeros)
    #[arg(long, default_value_t = 5, value_parser = at_least(2))]
    batch: usize,
    /// Sizes of the hidden layers (comma-separated)
    #[arg(long, value_delimiter = ',', default_value = "100,100", value_parser = at_least(1))]
    hidden: Vec<usize>,
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
        let mut network = MultiLayerNetExtend {
            hidden_size_list: args.hidden.clone(),
            use_batchnorm: true,
            ..Default::default()
        }
        .build::<f64>(&mut rng);
        let x_batch = mnist
            .x_train
            .slice_axis(Axis(0), (0..n).into())
            .mapv(f64::from);
        let t_batch = mnist.t_train.slice(s![..n]);

        let count: usize = network.params().iter().map(|p| p.value.len()).sum();
        let spinner = dlfs_cli::spinner(&format!("numerical gradient of {count} parameters"));
        let grad_numerical = network.numerical_gradient(&x_batch, t_batch, Mode::Train);
        spinner.finish_and_clear();
        network.gradient(x_batch, t_batch);
        for (param, numerical) in network.params().iter().zip(&grad_numerical) {
            let diff = mean_abs_diff(&param.grad, numerical);
            let largest = param.grad.iter().fold(0.0f64, |m, g| m.max(g.abs()));
            if largest < 1e-10 {
                // a bias just before a batch normalization, which subtracts any shift again
                println!("{}: {diff:.2e} (both zero)", param.name);
            } else {
                let relative = relative_error(&param.grad, numerical);
                println!("{}: {diff:.2e} (relative error {relative:.1e})", param.name);
            }
        }
        // ANCHOR_END: check
        Ok(())
    })
}
