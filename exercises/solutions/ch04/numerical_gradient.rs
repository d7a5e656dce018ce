//! Solution: the numerical gradient, one element at a time.

use ndarray::Array1;

/// ∇f(x) by central differences, element by element; `x` is restored before returning.
pub fn numerical_gradient(f: impl Fn(&Array1<f64>) -> f64, x: &mut Array1<f64>) -> Array1<f64> {
    let h = 1e-4;
    let mut grad = Array1::zeros(x.len()); // (n,)
    for idx in 0..x.len() {
        let tmp_val = x[idx];
        x[idx] = tmp_val + h;
        let fxh1 = f(x); // f(x + h)
        x[idx] = tmp_val - h;
        let fxh2 = f(x); // f(x - h)
        grad[idx] = (fxh1 - fxh2) / (2.0 * h);
        x[idx] = tmp_val; // restore
    }
    grad
}
