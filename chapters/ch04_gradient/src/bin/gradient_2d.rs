//! The gradient of f(x0, x1) = x0² + x1² as a field of arrows: the book's `ch04/gradient_2d.py`.
//!
//! Expect: gradients [6, 8], [0, 4] and [6, 0] at (3, 4), (0, 2) and (3, 0), and a figure of
//! arrows pointing at the origin, longer the further they start from it.
use std::process::ExitCode;

use ch04_gradient::functions::function_2;
use clap::Parser;
use dlfs::gradient::numerical_gradient;
use dlfs_cli::OutArg;
use dlfs_plot::Quiver;
use ndarray::arr1;

/// Prints the numerical gradient of x0² + x1² at three points and draws −∇f on a grid over
/// [−2, 2]².
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

/// Rounds away the last bits of rounding error for printing (6.00000000000378 → 6).
fn tidy(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: points
        for point in [[3.0, 4.0], [0.0, 2.0], [3.0, 0.0]] {
            let mut x = arr1(&point);
            let grad = numerical_gradient(function_2, &mut x);
            println!(
                "gradient at ({}, {}): [{}, {}]",
                point[0],
                point[1],
                tidy(grad[0]),
                tidy(grad[1])
            );
        }
        // ANCHOR_END: points

        // ANCHOR: field
        // the book's grid: np.arange(-2, 2.5, 0.25), 18 values from -2 to 2.25
        let grid: Vec<f64> = (0..18).map(|i| -2.0 + 0.25 * i as f64).collect();
        let minus_gradient = |x0: f64, x1: f64| {
            let grad = numerical_gradient(function_2, &mut arr1(&[x0, x1]));
            (-grad[0], -grad[1]) // downhill
        };
        let path = args.out.path("gradient_2d.png")?;
        Quiver::new("−∇f for f(x0, x1) = x0² + x1²", "x0", "x1")
            .field(&grid, &grid, minus_gradient)
            .x_range(-2.0, 2.0)
            .y_range(-2.0, 2.0)
            .save(&path)?;
        // ANCHOR_END: field
        println!("wrote {}", path.display());
        Ok(())
    })
}
