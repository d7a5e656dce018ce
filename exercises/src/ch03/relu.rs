//! # Exercise: ReLU
//!
//! The rectified linear unit passes positive inputs through and turns the others into 0.
//!
//! ```text
//! h(x) = x  if x > 0
//!        0  if x ≤ 0
//! ```
//!
//! # Shapes
//! `x`: (n,) → (n,), element by element.

use ndarray::Array1;

/// h(x) = max(0, x) for every element of `x`.
pub fn relu(x: &Array1<f64>) -> Array1<f64> {
    // TODO: one `mapv`, as for the step function.
    let _ = x;
    todo!("relu")
}
