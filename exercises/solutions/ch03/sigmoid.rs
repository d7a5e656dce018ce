//! Solution: the sigmoid, element by element.

use ndarray::Array1;

/// h(x) = 1 / (1 + exp(-x)) for every element of `x`.
pub fn sigmoid(x: &Array1<f64>) -> Array1<f64> {
    x.mapv(|v| 1.0 / (1.0 + (-v).exp())) // 1 / (1 + np.exp(-x))
}
