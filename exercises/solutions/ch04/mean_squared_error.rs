//! Solution: the book's mean squared error.

use ndarray::Array1;

/// E = 1/2 · Σ_k (y_k - t_k)².
pub fn mean_squared_error(y: &Array1<f64>, t: &Array1<f64>) -> f64 {
    0.5 * (y - t).mapv(|d| d * d).sum() // 0.5 * np.sum((y - t)**2)
}
