//! The optimizers' paths on f(x, y) = x²/20 + y²: the book's `ch06/optimizer_compare_naive.py`.
//!
//! Expect: SGD zigzags across the narrow valley and is still far out along x after 30 steps;
//! Momentum rolls like a ball, overshooting and swinging back; AdaGrad damps the steep y
//! direction at once and glides in; Adam swings gently and settles near (0, 0).
use std::process::ExitCode;

use ch06_optimizers::naive::{book_lr, descend, f};
use clap::Parser;
use dlfs::optimizer::OptimizerKind;
use dlfs_cli::OutArg;
use dlfs_cli::ranges::{at_least, finite, positive};

/// Runs SGD, Momentum, AdaGrad and Adam for 30 steps from (-7, 2) on f(x, y) = x²/20 + y²,
/// prints where each ends, and draws their paths over the contour lines of f.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Optimizers to run (comma-separated)
    #[arg(long, value_parser = dlfs_cli::choice::<OptimizerKind>(), value_delimiter = ',',
        default_values = ["sgd", "momentum", "adagrad", "adam"])]
    optimizer: Vec<OptimizerKind>,
    /// Learning rate for all of them [default: the book's 0.95 (SGD), 0.1 (Momentum),
    /// 1.5 (AdaGrad), 0.3 (Adam); 0.1 (Nesterov), 0.3 (RMSprop)]
    #[arg(long, allow_negative_numbers = true, value_parser = positive())]
    lr: Option<f64>,
    /// Number of points of each path (updates + 1)
    #[arg(long, default_value_t = 30, value_parser = at_least(1))]
    steps: usize,
    /// Starting point x
    #[arg(long, default_value_t = -7.0, allow_negative_numbers = true, value_parser = finite())]
    x0: f64,
    /// Starting point y
    #[arg(long, default_value_t = 2.0, allow_negative_numbers = true, value_parser = finite())]
    y0: f64,
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: run
        let mut paths = Vec::new();
        for &kind in &args.optimizer {
            let lr = args.lr.unwrap_or(book_lr(kind));
            let path = descend(&mut *kind.build::<f64>(lr), (args.x0, args.y0), args.steps);
            let (x, y) = *path.last().expect("at least one point");
            println!(
                "{}: ends at ({x:.4}, {y:.4}), f = {:.6} (lr {lr})",
                kind.label(),
                f(x, y)
            );
            paths.push((format!("{} (lr {lr})", kind.label()), path));
        }
        // ANCHOR_END: run
        let path = ch06_optimizers::figures::optimizer_paths(&paths, &args.out)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
