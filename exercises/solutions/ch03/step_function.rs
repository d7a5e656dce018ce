//! Solution: the step function, element by element.

use ndarray::Array1;

/// h(x) = 1 if x > 0, else 0, for every element of `x` (as 1.0 and 0.0).
pub fn step_function(x: &Array1<f64>) -> Array1<f64> {
    x.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 }) // (x > 0).astype(int)
}
