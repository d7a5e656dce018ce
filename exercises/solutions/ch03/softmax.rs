//! Solution: softmax with the maximum subtracted first.

use ndarray::Array1;

/// y_k = exp(a_k - c) / Σ_i exp(a_i - c), with c = max(a) so that no exp overflows.
pub fn softmax(a: &Array1<f64>) -> Array1<f64> {
    let c = a.fold(f64::NEG_INFINITY, |m, &v| m.max(v)); // np.max(a)
    let exp_a = a.mapv(|v| (v - c).exp()); // np.exp(a - c)   (n,)
    let sum_exp_a = exp_a.sum();
    exp_a / sum_exp_a // (n,)
}
