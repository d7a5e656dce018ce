//! The derivative of a one-variable function, numerically: the book's `ch04/gradient_1d.py`.
//!
//! Expect: slopes 0.1999999999990898 at x = 5 and 0.2999999999986347 at x = 10 (the true ones
//! are 0.2 and 0.3), and a derivative of 0 (f64) or NaN (f32) with h = 1e-50.
use std::process::ExitCode;

use ch04_gradient::functions::{forward_difference, function_1, tangent_line};
use clap::Parser;
use dlfs::gradient::numerical_diff;
use dlfs_cli::OutArg;

/// Prints the numerical slope of f(x) = 0.01x² + 0.1x at x = 5 and x = 10, shows what a tiny h
/// does to it, and draws f with its tangent lines.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        // ANCHOR: slopes
        let (slope_5, _) = tangent_line(function_1, 5.0);
        let (slope_10, _) = tangent_line(function_1, 10.0);
        println!("slope at x=5: {slope_5}");
        println!("slope at x=10: {slope_10}");
        // ANCHOR_END: slopes

        // ANCHOR: rounding
        // h = 1e-50: 5 + h rounds back to 5, so f(x + h) - f(x) is exactly 0
        println!("h=1e-50 as f32: {}", 1e-50f64 as f32); // 0: not even h survives
        let f32_fn = |x: f32| 0.01 * x.powi(2) + 0.1 * x;
        let naive_f64 = forward_difference(function_1, 5.0, 1e-50);
        let naive_f32 = forward_difference(f32_fn, 5.0, 1e-50f64 as f32);
        println!("forward difference, h=1e-50, f64: {naive_f64}"); // 0 / 1e-50 = 0
        println!("forward difference, h=1e-50, f32: {naive_f32}"); // 0 / 0 = NaN
        // h = 1e-4: the forward difference is off by h/100, the central one only by rounding
        println!(
            "forward difference, h=1e-4, f64: {}",
            forward_difference(function_1, 5.0, 1e-4)
        );
        println!(
            "central difference, h=1e-4, f64: {}",
            numerical_diff(function_1, 5.0)
        );
        println!(
            "central difference, h=1e-4, f32: {}",
            numerical_diff(f32_fn, 5.0)
        );
        // ANCHOR_END: rounding

        let path = args.out.path("gradient_1d.png")?;
        ch04_gradient::figures::tangents(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
