//! Activation and loss functions: the book's `common/functions.py`.
//!
//! Element-wise functions take a scalar so they can be mapped over any array
//! (`x.mapv(sigmoid)`); row-wise ones (`softmax`, the losses) take a batch.

use ndarray::{Array, Array1, ArrayView1, ArrayView2, Axis, Dimension, Zip};

use crate::Float;

// ANCHOR: step
/// Step function: h(x) = 1 if x > 0, else 0.
pub fn step<F: Float>(x: F) -> F {
    if x > F::zero() { F::one() } else { F::zero() }
}
// ANCHOR_END: step

// ANCHOR: sigmoid
/// Sigmoid: h(x) = 1 / (1 + exp(-x)).
pub fn sigmoid<F: Float>(x: F) -> F {
    F::one() / (F::one() + (-x).exp())
}
// ANCHOR_END: sigmoid

/// Derivative of the sigmoid: h'(x) = (1 - h(x)) h(x).
pub fn sigmoid_grad<F: Float>(x: F) -> F {
    let y = sigmoid(x);
    (F::one() - y) * y
}

// ANCHOR: relu
/// ReLU: h(x) = max(0, x).
pub fn relu<F: Float>(x: F) -> F {
    if x > F::zero() { x } else { F::zero() }
}
// ANCHOR_END: relu

/// Hyperbolic tangent: h(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)).
pub fn tanh<F: Float>(x: F) -> F {
    x.tanh()
}

/// Identity: h(x) = x, the output activation for regression.
pub fn identity<F: Float>(x: F) -> F {
    x
}

// ANCHOR: softmax
/// Softmax over the last axis: y_k = exp(a_k - max(a)) / sum_i exp(a_i - max(a)).
///
/// Subtracting the row's maximum changes nothing mathematically but keeps `exp` from
/// overflowing (`[1010, 1000, 990]` would otherwise give `inf / inf = NaN`).
///
/// # Shapes
/// `a`: (K,) or (N, K) (any rank; each row along the last axis is one distribution) → same shape.
pub fn softmax<F: Float, D: Dimension>(a: &Array<F, D>) -> Array<F, D> {
    let mut y = a.to_owned();
    softmax_inplace(&mut y);
    y
}

/// [`softmax`] in place, row by row along the last axis.
pub fn softmax_inplace<F: Float, D: Dimension>(a: &mut Array<F, D>) {
    let last = Axis(a.ndim() - 1);
    for mut row in a.lanes_mut(last) {
        let max = row.fold(F::neg_infinity(), |m, &v| m.max(v)); // np.max(a)
        row.mapv_inplace(|v| (v - max).exp()); // np.exp(a - c)
        let sum = row.sum();
        row.mapv_inplace(|v| v / sum);
    }
}
// ANCHOR_END: softmax

// ANCHOR: mean_squared_error
/// Mean squared error, the book's way: E = 1/2 * sum_k (y_k - t_k)^2.
pub fn mean_squared_error<F: Float, D: Dimension>(y: &Array<F, D>, t: &Array<F, D>) -> F {
    F::lit(0.5)
        * Zip::from(y)
            .and(t)
            .fold(F::zero(), |acc, &y, &t| acc + (y - t) * (y - t))
}
// ANCHOR_END: mean_squared_error

// ANCHOR: cross_entropy_error
/// Cross-entropy error with one-hot labels, averaged over the batch:
/// E = -1/N * sum_n sum_k t_nk log(y_nk + 1e-7).
///
/// The `1e-7` keeps `log(0) = -inf` out of the sum.
///
/// # Shapes
/// `y`, `t`: (N, K), or (K,) for one sample (treated as N = 1).
pub fn cross_entropy_error<F: Float, D: Dimension>(y: &Array<F, D>, t: &Array<F, D>) -> F {
    assert_eq!(
        y.shape(),
        t.shape(),
        "cross_entropy_error: y and t differ in shape"
    );
    let n = if y.ndim() == 1 { 1 } else { y.shape()[0] };
    let delta = F::lit(1e-7);
    let sum = Zip::from(y)
        .and(t)
        .fold(F::zero(), |acc, &y, &t| acc + t * (y + delta).ln());
    -sum / F::from(n).unwrap()
}
// ANCHOR_END: cross_entropy_error

// ANCHOR: cross_entropy_error_labels
/// Cross-entropy error with class-index labels: E = -1/N * sum_n log(y[n, t_n] + 1e-7).
///
/// The same number as the one-hot form, reading one entry per row instead of multiplying
/// by zeros (`y[np.arange(batch_size), t]` in the book).
///
/// # Shapes
/// `y`: (N, K); `t`: (N,) class indices in `0..K`.
pub fn cross_entropy_error_labels<F: Float>(y: ArrayView2<F>, t: ArrayView1<usize>) -> F {
    assert_eq!(
        y.nrows(),
        t.len(),
        "cross_entropy_error_labels: {} rows but {} labels",
        y.nrows(),
        t.len()
    );
    let delta = F::lit(1e-7);
    let sum = t
        .iter()
        .enumerate()
        .fold(F::zero(), |acc, (n, &k)| acc + (y[[n, k]] + delta).ln());
    -sum / F::from(t.len()).unwrap()
}
// ANCHOR_END: cross_entropy_error_labels

/// Index of the largest entry of each row (`np.argmax(y, axis=1)`); the first one on ties.
pub fn argmax_rows<F: Float>(y: ArrayView2<F>) -> Array1<usize> {
    y.rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = k;
                }
            }
            best
        })
        .collect()
}

/// One-hot encoding: row n has a 1 at column `t[n]` (the book's `one_hot_label=True`).
pub fn one_hot<F: Float>(t: ArrayView1<usize>, classes: usize) -> ndarray::Array2<F> {
    let mut out = ndarray::Array2::zeros((t.len(), classes));
    for (n, &k) in t.iter().enumerate() {
        out[[n, k]] = F::one();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::{arr1, arr2};

    #[test]
    fn softmax_survives_overflow() {
        let y = softmax(&arr1(&[1010.0f64, 1000.0, 990.0]));
        assert_abs_diff_eq!(
            y,
            arr1(&[9.99954600e-01, 4.53978686e-05, 2.06106005e-09]),
            epsilon = 1e-9
        );
    }

    #[test]
    fn softmax_rows_sum_to_one() {
        let y = softmax(&arr2(&[[0.3f32, 2.9, 4.0], [1.0, 1.0, 1.0]]));
        assert_abs_diff_eq!(y.row(0).sum(), 1.0, epsilon = 1e-6);
        assert_abs_diff_eq!(y[[1, 2]], 1.0 / 3.0, epsilon = 1e-6);
        // the book's example: softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691]
        assert_abs_diff_eq!(
            y.row(0),
            arr1(&[0.01821127, 0.24519181, 0.73659691]),
            epsilon = 1e-6
        );
    }

    #[test]
    fn losses_match_the_book() {
        let t = arr1(&[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        let y2 = arr1(&[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
        let y7 = arr1(&[0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]);
        assert_abs_diff_eq!(mean_squared_error(&y2, &t), 0.0975, epsilon = 1e-12);
        assert_abs_diff_eq!(mean_squared_error(&y7, &t), 0.5975, epsilon = 1e-12);
        assert_abs_diff_eq!(
            cross_entropy_error(&y2, &t),
            0.510825457099338,
            epsilon = 1e-9
        );
        assert_abs_diff_eq!(
            cross_entropy_error(&y7, &t),
            2.302584092994546,
            epsilon = 1e-9
        );
        let labels = arr1(&[2usize]);
        let y = y2.view().insert_axis(Axis(0));
        assert_abs_diff_eq!(
            cross_entropy_error_labels(y, labels.view()),
            0.510825457099338,
            epsilon = 1e-9
        );
    }

    #[test]
    fn elementwise_functions() {
        assert_eq!(step(-1.0f32), 0.0);
        assert_eq!(step(0.0f32), 0.0);
        assert_eq!(step(2.0f32), 1.0);
        assert_abs_diff_eq!(sigmoid(0.0f64), 0.5);
        assert_abs_diff_eq!(sigmoid(1.0f64), 0.7310585786300049, epsilon = 1e-15);
        assert_eq!(relu(-3.0f64), 0.0);
        assert_eq!(relu(3.0f64), 3.0);
        assert_abs_diff_eq!(sigmoid_grad(0.0f64), 0.25);
        assert_eq!(
            argmax_rows(arr2(&[[0.1f32, 0.8, 0.1], [0.5, 0.2, 0.5]]).view()),
            arr1(&[1, 0])
        );
    }
}
