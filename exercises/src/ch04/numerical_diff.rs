//! # Exercise: the numerical derivative
//!
//! The slope of f at x, estimated from two nearby values. The book uses the central
//! difference with h = 1e-4: smaller h drowns in rounding error (in f64, 1e-50 added to 5.0
//! changes nothing), and the one-sided difference (f(x + h) - f(x)) / h is off by about
//! h · f''(x) / 2.
//!
//! ```text
//! f'(x) ≈ (f(x + h) - f(x - h)) / 2h        h = 1e-4
//! ```
//!
//! # Shapes
//! Numbers in, a number out.

/// f'(x) ≈ (f(x + h) - f(x - h)) / 2h with h = 1e-4.
pub fn numerical_diff(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    // TODO: two calls of f, one difference, one division.
    let _ = (f, x);
    todo!("numerical_diff")
}
