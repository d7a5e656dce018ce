use ndarray::{ArrayD, Zip};

use super::{Layer, Mode, Tensor};
use crate::Float;

// ANCHOR: sigmoid
/// Sigmoid layer: y = 1 / (1 + exp(-x)); dL/dx = dL/dy · y (1 - y).
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Clone)]
pub struct Sigmoid<F: Float = f32> {
    /// The output y: the derivative is written with it alone.
    out: Option<ArrayD<F>>,
}

impl<F: Float> Default for Sigmoid<F> {
    fn default() -> Self {
        Sigmoid { out: None }
    }
}

impl<F: Float> Sigmoid<F> {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<F: Float> Layer<F> for Sigmoid<F> {
    fn name(&self) -> &'static str {
        "Sigmoid"
    }

    fn forward(&mut self, mut x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        x.mapv_inplace(crate::functions::sigmoid);
        self.out = Some(x.clone());
        x
    }

    fn backward(&mut self, mut dout: Tensor<F>) -> Tensor<F> {
        let out = self
            .out
            .take()
            .expect("Sigmoid::backward called before forward");
        // dx = dout * (1.0 - out) * out
        Zip::from(&mut dout)
            .and(&out)
            .for_each(|d, &y| *d = *d * (F::one() - y) * y);
        dout
    }
}
// ANCHOR_END: sigmoid
