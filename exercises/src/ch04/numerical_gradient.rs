//! # Exercise: the numerical gradient
//!
//! The gradient of f at x is the vector of its partial derivatives, one per element of x.
//! Each is a central difference in which only that one element moves: nudge x_i up by h,
//! evaluate, nudge it down by h, evaluate, put it back.
//!
//! ```text
//! ∂f/∂x_i ≈ (f(x + h·e_i) - f(x - h·e_i)) / 2h        h = 1e-4
//! ```
//!
//! Like the book, change `x` in place and restore each element after its two evaluations:
//! when you return, `x` must hold exactly what it held before.
//!
//! # Shapes
//! `x`: (n,) → the gradient (n,).

use ndarray::Array1;

/// ∇f(x) by central differences, element by element; `x` is restored before returning.
pub fn numerical_gradient(f: impl Fn(&Array1<f64>) -> f64, x: &mut Array1<f64>) -> Array1<f64> {
    // TODO: `Array1::zeros(x.len())` for the result; for each i: keep x[i], set x[i] + h,
    //       evaluate, set x[i] - h, evaluate, put the kept value back, store the slope.
    let _ = (f, x);
    todo!("numerical_gradient")
}
