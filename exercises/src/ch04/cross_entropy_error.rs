//! # Exercise: cross-entropy error
//!
//! With a one-hot label t (a 1 at the right class, 0 elsewhere), the cross-entropy is minus
//! the log of the probability the network gave to the right class. A tiny delta keeps
//! log(0) = -∞ out of the result.
//!
//! ```text
//! E = -Σ_k t_k · log(y_k + δ)      δ = 1e-7
//! ```
//!
//! # Shapes
//! `y`, `t`: (K,), the same length; the result is a number.

use ndarray::Array1;

/// E = -Σ_k t_k · ln(y_k + 1e-7).
pub fn cross_entropy_error(y: &Array1<f64>, t: &Array1<f64>) -> f64 {
    // TODO: `f64::ln` is the natural log. Multiply t by the logs element by element, sum,
    //       and mind the sign.
    let _ = (y, t);
    todo!("cross_entropy_error")
}
