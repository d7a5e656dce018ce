//! Solution: softmax with the cross-entropy loss.

use dlfs::layers::TensorShape;
use dlfs::{Float, Tensor};
use ndarray::{Array1, Array2, ArrayView1, Axis};

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
        let mut y = x.into_2d(); // (N, K)
        for mut row in y.axis_iter_mut(Axis(0)) {
            let c = row.fold(F::neg_infinity(), |m, &v| m.max(v)); // the row's max
            row.mapv_inplace(|v| (v - c).exp()); // exp(x - max): no overflow
            let sum = row.sum();
            row.mapv_inplace(|v| v / sum); // (K,) sums to 1
        }
        let batch_size = F::from(t.len()).unwrap();
        let delta = F::lit(1e-7);
        let log_sum = t
            .iter()
            .enumerate()
            .fold(F::zero(), |s, (n, &k)| s + (y[[n, k]] + delta).ln()); // Σ log y[n, t_n]
        self.y = y;
        self.t = t.to_owned();
        -log_sum / batch_size
    }

    /// dL/dx for the last forward: (y - onehot(t)) / N.
    pub fn backward(&mut self) -> Tensor<F> {
        let batch_size = F::from(self.t.len()).unwrap();
        let mut dx = self.y.clone(); // (N, K)
        for (n, &k) in self.t.iter().enumerate() {
            dx[[n, k]] -= F::one(); // y - onehot(t)
        }
        (dx / batch_size).into_dyn()
    }
}
