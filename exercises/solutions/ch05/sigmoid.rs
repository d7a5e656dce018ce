//! Solution: the sigmoid layer.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::{ArrayD, Zip};

/// Sigmoid: out = 1 / (1 + exp(-x)).
#[derive(Debug, Clone, Default)]
pub struct Sigmoid<F: Float = f32> {
    /// The output of the last forward.
    out: ArrayD<F>,
}

impl<F: Float> Sigmoid<F> {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<F: Float> Layer<F> for Sigmoid<F> {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        let out = x.mapv(|v| F::one() / (F::one() + (-v).exp())); // 1 / (1 + exp(-x))
        self.out = out.clone();
        out
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let mut dx = dout;
        Zip::from(&mut dx)
            .and(&self.out)
            .for_each(|d, &y| *d = *d * (F::one() - y) * y); // dout * (1 - out) * out
        dx
    }
}
