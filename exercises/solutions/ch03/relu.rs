//! Solution: ReLU, element by element.

use ndarray::Array1;

/// h(x) = max(0, x) for every element of `x`.
pub fn relu(x: &Array1<f64>) -> Array1<f64> {
    x.mapv(|v| v.max(0.0)) // np.maximum(0, x)
}
