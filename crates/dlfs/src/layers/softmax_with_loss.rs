use ndarray::{Array1, Array2, ArrayView1, Ix2};

use super::Tensor;
use crate::Float;
use crate::functions::{cross_entropy_error_labels, softmax_inplace};

// ANCHOR: softmax_with_loss
/// Softmax followed by the cross-entropy error, as one layer: L = -1/N Σ_n log y[n, t_n].
///
/// Together their backward is simply dL/dx = (y - onehot(t)) / N: the softmax's awkward
/// Jacobian cancels against the log.
///
/// # Shapes
/// - `x`: (N, K) scores; `t`: (N,) class indices
/// - loss: a scalar; `dx`: (N, K)
#[derive(Debug, Clone)]
pub struct SoftmaxWithLoss<F: Float = f32> {
    /// The softmax output: backward is written with it.
    y: Option<Array2<F>>,
    /// The labels of the batch.
    t: Array1<usize>,
}

impl<F: Float> Default for SoftmaxWithLoss<F> {
    fn default() -> Self {
        SoftmaxWithLoss {
            y: None,
            t: Array1::zeros(0),
        }
    }
}

impl<F: Float> SoftmaxWithLoss<F> {
    pub fn new() -> Self {
        Self::default()
    }

    /// The loss of scores `x` against labels `t`.
    pub fn forward(&mut self, x: Tensor<F>, t: ArrayView1<usize>) -> F {
        let mut y = x
            .into_dimensionality::<Ix2>()
            .expect("SoftmaxWithLoss: x must be (N, K)"); // (N, K)
        softmax_inplace(&mut y);
        let loss = cross_entropy_error_labels(y.view(), t);
        self.y = Some(y);
        self.t = t.to_owned();
        loss
    }

    /// dL/dx for the last forward (dout = 1: this is the end of the network).
    pub fn backward(&mut self) -> Tensor<F> {
        let mut dx = self
            .y
            .take()
            .expect("SoftmaxWithLoss::backward called before forward"); // (N, K) = y
        let n = F::from(self.t.len()).unwrap();
        for (mut row, &k) in dx.rows_mut().into_iter().zip(&self.t) {
            row[k] -= F::one(); // y - onehot(t)
        }
        dx.mapv_inplace(|v| v / n); // / batch_size
        dx.into_dyn()
    }
}
// ANCHOR_END: softmax_with_loss
