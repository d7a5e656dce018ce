//! # Exercise: the step function
//!
//! The perceptron's activation, applied to every element of an array at once: 1 where the
//! input is above 0, else 0.
//!
//! ```text
//! h(x) = 1  if x > 0
//!        0  if x ≤ 0
//! ```
//!
//! # Shapes
//! `x`: (n,) → (n,), element by element.

use ndarray::Array1;

/// h(x) = 1 if x > 0, else 0, for every element of `x` (as 1.0 and 0.0).
pub fn step_function(x: &Array1<f64>) -> Array1<f64> {
    // TODO: `x.mapv(|v| ...)` applies a closure to every element and returns a new array.
    let _ = x;
    todo!("step_function")
}
