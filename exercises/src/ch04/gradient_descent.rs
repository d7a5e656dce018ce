//! # Exercise: gradient descent
//!
//! Walk downhill: from `init_x`, take `step_num` steps, each against the gradient and `lr`
//! (the learning rate) times as long as it. Use your `numerical_gradient` for ∇f.
//!
//! ```text
//! x ← x - lr · ∇f(x)        (step_num times)
//! ```
//!
//! # Shapes
//! `init_x`: (n,) → the final x (n,).

use ndarray::Array1;

#[allow(unused_imports)] // you will need it
use super::numerical_gradient::numerical_gradient;

/// x ← x - lr · ∇f(x), `step_num` times from `init_x`; returns the last x.
pub fn gradient_descent(
    f: impl Fn(&Array1<f64>) -> f64,
    init_x: Array1<f64>,
    lr: f64,
    step_num: usize,
) -> Array1<f64> {
    // TODO: a mutable x, a loop, the gradient at x, then x minus lr times it.
    //       `&f` passes the function on without giving it away.
    let _ = (f, init_x, lr, step_num);
    todo!("gradient_descent")
}
