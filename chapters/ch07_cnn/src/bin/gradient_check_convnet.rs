//! Backprop against the numerical gradient on a small SimpleConvNet: the book's
//! `ch07/gradient_check.py`.
use std::process::ExitCode;

use clap::Parser;
use dlfs::Mode;
use dlfs::gradient::{mean_abs_diff, relative_error};
use dlfs::net::{ConvParam, SimpleConvNet};
use dlfs_cli::SeedArg;
use dlfs_cli::ranges::{at_least, positive};
use rand::Rng;

/// Compares the gradients of a small SimpleConvNet (input 1x10x10, 10 filters 3x3, hidden 10)
/// computed by backpropagation and by central differences, in float64, on images of uniform
/// noise, and prints the mean absolute difference and the relative error per parameter.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many noise images the check uses (the book: 1)
    #[arg(long, default_value_t = 1, value_parser = at_least(1))]
    batch: usize,
    /// Standard deviation of the initial weights (the book: 0.01)
    #[arg(long, default_value_t = 0.01, value_parser = positive())]
    weight_init_std: f64,
    #[command(flatten)]
    seed: SeedArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let mut rng = args.seed.rng();
        // ANCHOR: check
        let mut net = SimpleConvNet {
            input_dim: (1, 10, 10),
            conv_param: ConvParam {
                filter_num: 10,
                filter_size: 3,
                pad: 0,
                stride: 1,
            },
            hidden_size: 10,
            output_size: 10,
            weight_init_std: args.weight_init_std,
        }
        .build::<f64>(&mut rng);
        // np.random.rand(100).reshape((1, 1, 10, 10)) and a label of 1, per image
        let x =
            ndarray::Array4::from_shape_simple_fn((args.batch, 1, 10, 10), || rng.random::<f64>())
                .into_dyn();
        let t = ndarray::Array1::from_elem(args.batch, 1usize);

        let grad_num = net.numerical_gradient(&x, t.view(), Mode::Train);
        net.gradient(x, t.view());
        let mut kinked = Vec::new();
        for (param, numerical) in net.params().iter().zip(&grad_num) {
            let rel = relative_error(&param.grad, numerical);
            println!(
                "{}: {:.2e} (relative error {rel:.1e})",
                param.name,
                mean_abs_diff(&param.grad, numerical),
            );
            if rel > 1e-5 {
                kinked.push(param.name.as_str());
            }
        }
        // ANCHOR_END: check
        if !kinked.is_empty() {
            println!(
                "note: {} differ by more than rounding. Some ReLU or max-pool input lies\n\
                 within h = 1e-4 of a kink (0, or a tie in its window), where central\n\
                 differences straddle the corner; backprop is right there.\n\
                 Try --weight-init-std 0.1 or another --seed.",
                kinked.join(", ")
            );
        }
        Ok(())
    })
}
