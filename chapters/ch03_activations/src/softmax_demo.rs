//! Softmax, naive and safe: why the book subtracts the maximum before `exp`.

use dlfs::functions::softmax;
use ndarray::{Array1, arr1};

// ANCHOR: softmax_naive
/// Softmax straight from the formula, y_k = exp(a_k) / sum_i exp(a_i).
///
/// Correct on paper, but `exp(1010)` is infinite in floating point, and `inf / inf` is NaN.
pub fn softmax_naive(a: &Array1<f64>) -> Array1<f64> {
    let exp_a = a.mapv(f64::exp);
    let sum_exp_a = exp_a.sum();
    exp_a / sum_exp_a
}
// ANCHOR_END: softmax_naive

/// The demo's results: (label, values) pairs, printed by [`print`](fn@print).
pub fn results() -> Vec<(String, Array1<f64>)> {
    let a = arr1(&[0.3, 2.9, 4.0]);
    let big = arr1(&[1010.0, 1000.0, 990.0]);
    let y = softmax(&a);
    vec![
        ("softmax([0.3, 2.9, 4.0])".into(), y),
        (
            "naive softmax([1010, 1000, 990])".into(),
            softmax_naive(&big),
        ),
        ("softmax([1010, 1000, 990])".into(), softmax(&big)),
    ]
}

/// Prints the softmax demo as `name: [values]` lines.
pub fn print() {
    for (label, y) in results() {
        println!(
            "{label}: {}",
            crate::numpy::fmt_array(y.as_slice().expect("contiguous"))
        );
        if y.iter().all(|v| v.is_finite()) {
            println!("sum: {:.8}", y.sum()); // a probability distribution sums to 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numpy::fmt_array;

    #[test]
    fn naive_overflows_safe_does_not() {
        let r = results();
        assert_eq!(
            fmt_array(r[0].1.as_slice().unwrap()),
            "[0.01821127 0.24519181 0.73659691]"
        );
        assert!(r[1].1.iter().all(|v| v.is_nan()));
        assert_eq!(
            fmt_array(r[2].1.as_slice().unwrap()),
            "[9.99954600e-01 4.53978686e-05 2.06106005e-09]"
        );
    }
}
