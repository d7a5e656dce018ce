//! Solution: gradient descent on the numerical gradient.

use ndarray::Array1;

use super::numerical_gradient::numerical_gradient;

/// x ← x - lr · ∇f(x), `step_num` times from `init_x`; returns the last x.
pub fn gradient_descent(
    f: impl Fn(&Array1<f64>) -> f64,
    init_x: Array1<f64>,
    lr: f64,
    step_num: usize,
) -> Array1<f64> {
    let mut x = init_x; // (n,)
    for _ in 0..step_num {
        let grad = numerical_gradient(&f, &mut x); // (n,)
        x = x - lr * grad; // x -= lr * grad
    }
    x
}
