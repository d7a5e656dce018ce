//! # Exercise: the sigmoid function
//!
//! The smooth cousin of the step function: it squeezes any number into (0, 1), with
//! h(0) = 0.5, and neural networks use it because it has a slope everywhere.
//!
//! ```text
//! h(x) = 1 / (1 + exp(-x))
//! ```
//!
//! # Shapes
//! `x`: (n,) → (n,), element by element.

use ndarray::Array1;

/// h(x) = 1 / (1 + exp(-x)) for every element of `x`.
pub fn sigmoid(x: &Array1<f64>) -> Array1<f64> {
    // TODO: map every element v to 1 / (1 + e^(-v)); `f64::exp` is e^v.
    let _ = x;
    todo!("sigmoid")
}
