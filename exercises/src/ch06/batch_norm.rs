//! Given (not an exercise): batch normalization's layer and its forward pass, for the
//! exercise `batch_norm_backward`, whose `backward` this layer's backward calls.

use dlfs::layers::TensorShape;
use dlfs::layers::shape::ReshapeTo;
use dlfs::{Float, Layer, Mode, Param, Tensor};
use ndarray::{Array1, Array2, Axis};

/// Added to σ² before the square root (the book's 10e-7).
const EPS: f64 = 1e-6;

/// Batch normalization with learned γ (`gamma`) and β (`beta`).
#[derive(Debug, Clone)]
pub struct BatchNormalization<F: Float = f32> {
    pub gamma: Param<F>,
    pub beta: Param<F>,
    /// Weight of the old value in the running averages.
    pub momentum: F,
    /// What Test mode normalises with.
    pub running_mean: Array1<F>,
    pub running_var: Array1<F>,
    /// From the last training forward: x - μ and xn (N, D), std (D,), x's shape.
    pub xc: Array2<F>,
    pub xn: Array2<F>,
    pub std: Array1<F>,
    pub x_shape: Vec<usize>,
}

impl<F: Float> BatchNormalization<F> {
    /// For `d` features: γ = 1, β = 0, running statistics 0.
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

impl<F: Float> Layer<F> for BatchNormalization<F> {
    /// Standardise, scale, shift (and keep xc, xn, std for backward).
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let x_shape = x.shape().to_vec();
        let x = x.into_rows(); // (N, D)
        let eps = F::lit(EPS);
        let xn = if mode == Mode::Train {
            let n = F::from(x.nrows()).unwrap();
            let mu = x.sum_axis(Axis(0)) / n; // (D,)
            let xc = x - &mu; // (N, D)
            let var = xc.mapv(|v| v * v).sum_axis(Axis(0)) / n; // (D,)
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
        super::batch_norm_backward::backward(self, dout) // your exercise
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.gamma, &self.beta]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.gamma, &mut self.beta]
    }
}
