//! # Exercise: softmax with the cross-entropy loss
//!
//! The last layer of a classifier: the softmax turns scores into probabilities, the
//! cross-entropy error scores them against the labels t (class indices):
//!
//! y = softmax(x) row by row, L = -1/N Σ_n log(y[n, t_n] + 1e-7).
//!
//! Together their backward is remarkably simple (start from dL/dL = 1):
//!
//! dx = (y - onehot(t)) / N.
//!
//! It is used the way `dlfs::net::Sequential` uses the library's `SoftmaxWithLoss` after its
//! last layer: `forward(scores, t)` gives the loss, then `backward()` gives dL/dscores.
//!
//! # Shapes
//! - `x`, `y`: (N, K) scores and their softmax; `t`: (N,) class indices in 0..K
//! - loss: a scalar; `dx`: (N, K)

use dlfs::{Float, Tensor};
use ndarray::{Array1, Array2, ArrayView1};

/// Softmax followed by the cross-entropy error.
#[derive(Debug, Clone, Default)]
pub struct SoftmaxWithLoss<F: Float = f32> {
    /// softmax(x) of the last forward, (N, K).
    y: Array2<F>,
    /// The labels of the last forward, (N,).
    t: Array1<usize>,
}

impl<F: Float> SoftmaxWithLoss<F> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The mean cross-entropy loss of scores `x` (N, K) against labels `t` (N,).
    pub fn forward(&mut self, x: Tensor<F>, t: ArrayView1<usize>) -> F {
        // TODO: x as a matrix (`x.into_2d()` from dlfs::layers::TensorShape); each row's
        // softmax (subtract the row's max before exp, so large scores do not overflow);
        // keep y and t; return -mean of log(y[n, t[n]] + 1e-7).
        let _ = (x, t);
        todo!("SoftmaxWithLoss::forward")
    }

    /// dL/dx for the last forward: (y - onehot(t)) / N.
    pub fn backward(&mut self) -> Tensor<F> {
        // TODO: a copy of y; subtract 1 at [n, t[n]] in every row; divide by N.
        todo!("SoftmaxWithLoss::backward")
    }
}
