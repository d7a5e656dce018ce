use ndarray::{Array1, Array2, Axis};

use super::shape::{ReshapeTo, TensorShape};
use super::{Layer, Mode, Param, Tensor};
use crate::Float;

/// Added to the variance before the square root, so a feature that is constant over the batch
/// does not divide by zero (the book's `10e-7`).
const EPS: f64 = 1e-6;

// ANCHOR: batch_norm
/// Batch normalization: each feature is standardised over the mini-batch, then scaled and
/// shifted by learned γ and β.
///
/// Train: μ = mean_n x, σ² = mean_n (x - μ)², x̂ = (x - μ) / √(σ² + ε), y = γ x̂ + β, and the
/// running averages μ_run ← m μ_run + (1 - m) μ (likewise σ²_run) with momentum m = 0.9.
/// Test: the same with μ_run and σ²_run in place of the batch's statistics.
///
/// Backward (N = batch size, sums over the batch), with xc = x - μ and std = √(σ² + ε):
/// dβ = Σ dy, dγ = Σ x̂ ⊙ dy, dx̂ = γ dy, dstd = -Σ dx̂ ⊙ xc / std², dσ² = dstd / (2 std),
/// dxc = dx̂ / std + (2/N) xc dσ², dμ = Σ dxc, dx = dxc - dμ / N.
///
/// # Shapes
/// - `x`: (N, D), or (N, C, H, W) flattened to (N, C·H·W) row by row, as the book does (every
///   pixel of every channel is its own feature)
/// - `gamma`, `beta`, running mean and variance: (D,)
/// - `y` and `dx`: the shape of `x`
#[derive(Debug, Clone)]
pub struct BatchNormalization<F: Float = f32> {
    pub gamma: Param<F>,
    pub beta: Param<F>,
    /// Weight of the old value in the running averages.
    pub momentum: F,
    /// Running mean and variance over the training batches: what Test mode normalises with.
    pub running_mean: Array1<F>,
    pub running_var: Array1<F>,
    /// From the last training forward, for backward: x - μ, x̂ (both (N, D)), std (D,), and
    /// the input's shape.
    xc: Array2<F>,
    xn: Array2<F>,
    std: Array1<F>,
    x_shape: Vec<usize>,
}

impl<F: Float> Layer<F> for BatchNormalization<F> {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let x_shape = x.shape().to_vec();
        let x = x.into_rows(); // (N, D)
        let eps = F::lit(EPS);
        let xn = if mode == Mode::Train {
            let n = F::from(x.nrows()).unwrap();
            let mu = x.sum_axis(Axis(0)) / n; // (D,) = x.mean(axis=0)
            let xc = x - &mu; // (N, D)
            let var = xc.mapv(|v| v * v).sum_axis(Axis(0)) / n; // (D,) = np.mean(xc**2, axis=0)
            let std = var.mapv(|v| (v + eps).sqrt()); // (D,)
            let xn = &xc / &std; // (N, D)
            let m = self.momentum;
            self.running_mean = &self.running_mean * m + &(mu * (F::one() - m));
            self.running_var = &self.running_var * m + &(var * (F::one() - m));
            (self.xc, self.xn, self.std) = (xc, xn.clone(), std);
            self.x_shape = x_shape.clone();
            xn
        } else {
            let xc = x - &self.running_mean;
            xc / &self.running_var.mapv(|v| (v + eps).sqrt())
        };
        let out = xn * self.gamma.value.view_1d() + self.beta.value.view_1d(); // (N, D)
        out.reshape_to(&x_shape)
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_rows(); // (N, D)
        let (xc, std) = (&self.xc, &self.std);
        let n = F::from(dout.nrows()).unwrap();
        self.beta.grad = dout.sum_axis(Axis(0)).into_dyn(); // dbeta = dout.sum(axis=0)
        self.gamma.grad = (&self.xn * &dout).sum_axis(Axis(0)).into_dyn(); // Σ xn * dout
        let dxn = &dout * &self.gamma.value.view_1d(); // (N, D)
        let mut dxc = &dxn / std; // (N, D)
        let dstd = -(&dxn * xc / &(std * std)).sum_axis(Axis(0)); // (D,)
        let dvar = &dstd / std * F::lit(0.5); // (D,)
        dxc.scaled_add(F::lit(2.0) / n, &(xc * &dvar)); // dxc += (2.0 / batch_size) * xc * dvar
        let dmu = dxc.sum_axis(Axis(0)); // (D,)
        let dx = dxc - &(dmu / n); // dx = dxc - dmu / batch_size
        dx.reshape_to(&self.x_shape)
    }

    super::params!(gamma, beta); // fn params, fn params_mut: γ and β
}
// ANCHOR_END: batch_norm

impl<F: Float> BatchNormalization<F> {
    /// Batch normalization over `d` features, γ = 1 and β = 0, named "gamma{k}" and "beta{k}";
    /// the running statistics start at 0 as in the book.
    pub fn new(k: usize, d: usize) -> Self {
        BatchNormalization {
            gamma: Param::new(format!("gamma{k}"), Array1::ones(d).into_dyn(), false),
            beta: Param::new(format!("beta{k}"), Array1::zeros(d).into_dyn(), false),
            momentum: F::lit(0.9),
            running_mean: Array1::zeros(d),
            running_var: Array1::zeros(d),
            xc: Array2::zeros((0, 0)),
            xn: Array2::zeros((0, 0)),
            std: Array1::zeros(0),
            x_shape: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::{Array, IxDyn, array};

    #[test]
    fn standardises_each_feature_over_the_batch() {
        let mut bn = BatchNormalization::<f64>::new(1, 2);
        let x = array![[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]].into_dyn();
        let y = bn.forward(x, Mode::Train);
        let y = y.into_dimensionality::<ndarray::Ix2>().unwrap();
        for col in y.columns() {
            assert_abs_diff_eq!(col.mean().unwrap(), 0.0, epsilon = 1e-12);
            assert_abs_diff_eq!(col.mapv(|v| v * v).mean().unwrap(), 1.0, epsilon = 1e-5);
        }
        // running statistics moved 10% of the way from 0
        assert_abs_diff_eq!(bn.running_mean, array![0.3, 3.0], epsilon = 1e-12);
    }

    #[test]
    fn test_mode_uses_the_running_statistics() {
        let mut bn = BatchNormalization::<f64>::new(1, 3);
        bn.running_mean = array![1.0, 2.0, 3.0];
        bn.running_var = array![4.0, 4.0, 4.0];
        bn.gamma.value = array![2.0, 2.0, 2.0].into_dyn();
        let x = Array::from_elem(IxDyn(&[2, 3]), 3.0);
        let y = bn.forward(x, Mode::Test);
        // 2 (3 - mu) / 2 = 3 - mu
        let row = y.index_axis(Axis(0), 1).to_owned();
        assert_abs_diff_eq!(row, array![2.0, 1.0, 0.0].into_dyn(), epsilon = 1e-6);
    }
}
