//! Gradient descent on f(x0, x1) = x0² + x1²: the book's `ch04/gradient_method.py`.
//!
//! Expect: from (−3, 4) with lr 0.1, x ≈ [−0.03458765, 0.04611686] after 20 steps; with lr 10 the
//! steps overshoot and x blows up to ~1e13; with lr 1e-10 x hardly moves.
use std::process::ExitCode;

use ch04_gradient::figures;
use ch04_gradient::functions::function_2;
use clap::Parser;
use dlfs::gradient::gradient_descent;
use dlfs_cli::OutArg;
use dlfs_cli::ranges::{at_least, finite};
use ndarray::{Array1, arr1};

/// Runs gradient descent from (−3, 4) with three learning rates, prints where each ends, and
/// draws the path over the contour lines of f and each run's distance from the minimum.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Number of steps of the run drawn over the contours
    #[arg(long, default_value_t = 20, value_parser = at_least(1))]
    steps: usize,
    /// Learning rate of the run drawn over the contours
    #[arg(long, default_value_t = 0.1, value_parser = finite(), allow_negative_numbers = true)]
    lr: f64,
    #[command(flatten)]
    out: OutArg,
}

fn fmt(x: &Array1<f64>) -> String {
    format!("[{:?}, {:?}]", x[0], x[1])
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: descent
        let init_x = arr1(&[-3.0, 4.0]);
        let (x, path) = gradient_descent(function_2, init_x.clone(), args.lr, args.steps);
        println!("x after {} steps, lr={}: {}", args.steps, args.lr, fmt(&x));
        // ANCHOR_END: descent

        // ANCHOR: learning_rates
        // the book's experiment: 100 steps each with a good, a too large and a too small lr
        let mut runs = vec![];
        for lr in [0.1, 10.0, 1e-10] {
            let (x, mut path) = gradient_descent(function_2, init_x.clone(), lr, 100);
            println!("x after 100 steps, lr={lr:?}: {}", fmt(&x));
            path.push(x);
            runs.push((lr, path));
        }
        // ANCHOR_END: learning_rates

        let mut points: Vec<(f64, f64)> = path.iter().map(|x| (x[0], x[1])).collect();
        points.push((x[0], x[1]));
        let title = format!(
            "Gradient descent on x0² + x1², lr {}, {} steps",
            args.lr, args.steps
        );
        let contour = args.out.path("gradient_method.png")?;
        figures::descent_path(title, points, &contour)?;
        println!("wrote {}", contour.display());
        let distance = args.out.path("gradient_method_lr.png")?;
        figures::distance_by_lr(&runs, &distance)?;
        println!("wrote {}", distance.display());
        Ok(())
    })
}
