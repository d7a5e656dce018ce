//! Solution: the book's cross-entropy error for one sample.

use ndarray::Array1;

/// E = -Σ_k t_k · ln(y_k + 1e-7).
pub fn cross_entropy_error(y: &Array1<f64>, t: &Array1<f64>) -> f64 {
    let delta = 1e-7;
    -(t * &y.mapv(|v| (v + delta).ln())).sum() // -np.sum(t * np.log(y + delta))
}
