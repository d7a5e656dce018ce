use ndarray::{ArrayD, Zip};

use super::{Layer, Mode, Tensor};
use crate::Float;

// ANCHOR: sigmoid
/// Sigmoid layer: out = 1 / (1 + exp(-x)); dx = dout · out (1 - out).
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Clone, Default)]
pub struct Sigmoid<F: Float = f32> {
    /// The output: the derivative is written with it alone.
    out: ArrayD<F>,
}

impl<F: Float> Layer<F> for Sigmoid<F> {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.out = x.mapv_into(crate::functions::sigmoid);
        self.out.clone()
    }

    fn backward(&mut self, mut dout: Tensor<F>) -> Tensor<F> {
        // dx = dout * (1.0 - self.out) * self.out
        Zip::from(&mut dout)
            .and(&self.out)
            .for_each(|d, &y| *d = *d * (F::one() - y) * y);
        dout
    }
}
// ANCHOR_END: sigmoid

impl<F: Float> Sigmoid<F> {
    pub fn new() -> Self {
        Self::default()
    }
}
