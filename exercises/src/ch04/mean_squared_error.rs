//! # Exercise: mean squared error
//!
//! How far the network's output y is from the answer t: half the sum of the squared
//! differences (the book's definition: a sum, halved, not a mean).
//!
//! ```text
//! E = 1/2 · Σ_k (y_k - t_k)²
//! ```
//!
//! # Shapes
//! `y`, `t`: (K,), the same length; the result is a number.

use ndarray::Array1;

/// E = 1/2 · Σ_k (y_k - t_k)².
pub fn mean_squared_error(y: &Array1<f64>, t: &Array1<f64>) -> f64 {
    // TODO: `y - t` is the array of differences; square it (`mapv`), sum it, halve it.
    let _ = (y, t);
    todo!("mean_squared_error")
}
