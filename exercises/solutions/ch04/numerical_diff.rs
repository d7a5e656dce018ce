//! Solution: the central difference.

/// f'(x) ≈ (f(x + h) - f(x - h)) / 2h with h = 1e-4.
pub fn numerical_diff(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-4;
    (f(x + h) - f(x - h)) / (2.0 * h)
}
