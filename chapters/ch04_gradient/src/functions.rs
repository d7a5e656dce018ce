//! The functions the chapter differentiates, and the tangent line that pictures a derivative.

use ndarray::Array1;

use dlfs::Float;
use dlfs::gradient::numerical_diff;

// ANCHOR: function_1
/// The first example: f(x) = 0.01 x² + 0.1 x, whose true slope is f'(x) = 0.02 x + 0.1.
pub fn function_1(x: f64) -> f64 {
    0.01 * x.powi(2) + 0.1 * x
}
// ANCHOR_END: function_1

// ANCHOR: function_2
/// The two-variable example: f(x0, x1) = x0² + x1², with gradient (2 x0, 2 x1).
pub fn function_2<F: Float>(x: &Array1<F>) -> F {
    x.fold(F::zero(), |sum, &v| sum + v * v)
}
// ANCHOR_END: function_2

// ANCHOR: tangent_line
/// The tangent of `f` at `x0`: the line through (x0, f(x0)) with slope f'(x0), where the
/// slope is the numerical derivative. Returns the slope and the line as a function.
pub fn tangent_line(f: impl Fn(f64) -> f64, x0: f64) -> (f64, impl Fn(f64) -> f64) {
    let d = numerical_diff(&f, x0); // slope
    let y0 = f(x0);
    (d, move |x| d * (x - x0) + y0)
}
// ANCHOR_END: tangent_line

// ANCHOR: forward_difference
/// The naive derivative, (f(x + h) − f(x)) / h: a forward difference with any h.
///
/// Two things go wrong with it: a tiny h vanishes in rounding (in f32 even h = 1e-50 itself
/// is 0), and even with a good h it measures the slope half a step to the right of x.
pub fn forward_difference<F: Float>(f: impl Fn(F) -> F, x: F, h: F) -> F {
    (f(x + h) - f(x)) / h
}
// ANCHOR_END: forward_difference

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::arr1;

    #[test]
    fn the_books_slopes() {
        // the book prints 0.1999999999990898 and 0.2999999999986347
        let (d5, _) = tangent_line(function_1, 5.0);
        let (d10, line) = tangent_line(function_1, 10.0);
        assert_eq!(d5, 0.1999999999990898);
        assert_eq!(d10, 0.2999999999986347);
        assert_abs_diff_eq!(line(10.0), function_1(10.0), epsilon = 1e-12);
        assert_abs_diff_eq!(line(20.0), 2.0 + 10.0 * d10, epsilon = 1e-9);
    }

    #[test]
    fn a_tiny_h_rounds_away() {
        let f32_fn = |x: f32| 0.01 * x * x + 0.1 * x;
        assert_eq!(1e-50f64 as f32, 0.0, "1e-50 is not an f32");
        assert!(forward_difference(f32_fn, 5.0, 1e-50f64 as f32).is_nan()); // 0 / 0
        assert_eq!(forward_difference(function_1, 5.0, 1e-50), 0.0); // 5 + 1e-50 == 5
        // a good h: the forward difference is off by h/100, the central one by rounding only
        assert_abs_diff_eq!(
            forward_difference(function_1, 5.0, 1e-4),
            0.2,
            epsilon = 2e-6
        );
    }

    #[test]
    fn function_2_is_the_sum_of_squares() {
        assert_eq!(function_2(&arr1(&[3.0, 4.0])), 25.0);
    }
}
