use ndarray::{Array1, Array2, ArrayView1};

use super::{Tensor, TensorShape};
use crate::Float;
use crate::functions::{cross_entropy_error_labels, softmax_inplace};

// ANCHOR: softmax_with_loss
/// Softmax followed by the cross-entropy error, as one layer: L = -1/N Σ_n log y[n, t_n].
///
/// Together their backward is simply dx = (y - onehot(t)) / N: the softmax's awkward Jacobian
/// cancels against the log.
///
/// # Shapes
/// - `x`, `y`: (N, K) scores and their softmax; `t`: (N,) class indices
/// - loss: a scalar; `dx`: (N, K)
#[derive(Debug, Clone, Default)]
pub struct SoftmaxWithLoss<F: Float = f32> {
    y: Array2<F>,
    t: Array1<usize>,
}

impl<F: Float> SoftmaxWithLoss<F> {
    /// The loss of scores `x` against labels `t`.
    pub fn forward(&mut self, x: Tensor<F>, t: ArrayView1<usize>) -> F {
        self.t = t.to_owned();
        self.y = x.into_2d(); // (N, K)
        softmax_inplace(&mut self.y); // y = softmax(x)
        cross_entropy_error_labels(self.y.view(), t)
    }

    /// dL/dx for the last forward (dout = 1: this is the end of the network).
    pub fn backward(&mut self) -> Tensor<F> {
        let batch_size = F::from(self.t.len()).unwrap();
        let mut dx = self.y.clone(); // (N, K)
        for (mut row, &k) in dx.rows_mut().into_iter().zip(&self.t) {
            row[k] -= F::one(); // dx = y - onehot(t)
        }
        (dx / batch_size).into_dyn()
    }
}
// ANCHOR_END: softmax_with_loss

impl<F: Float> SoftmaxWithLoss<F> {
    pub fn new() -> Self {
        Self::default()
    }
}
