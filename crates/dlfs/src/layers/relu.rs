use ndarray::ArrayD;

use super::{Layer, Mode, Tensor};
use crate::Float;
use dlfs_engine::relu::{relu_backward, relu_forward};

// ANCHOR: relu
/// ReLU layer: out = max(0, x); dx = dout where x > 0, else 0.
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Clone, Default)]
pub struct Relu {
    /// mask = (x <= 0): where backward stops the gradient.
    mask: ArrayD<bool>,
}

impl<F: Float> Layer<F> for Relu {
    fn forward(&mut self, mut x: Tensor<F>, mode: Mode) -> Tensor<F> {
        if mode == Mode::Test {
            return x.mapv_into(crate::functions::relu); // no backward follows: no mask
        }
        relu_forward(&mut x, &mut self.mask); // self.mask = (x <= 0); x[self.mask] = 0
        x
    }

    fn backward(&mut self, mut dout: Tensor<F>) -> Tensor<F> {
        relu_backward(&mut dout, &self.mask); // dout[self.mask] = 0
        dout
    }
}
// ANCHOR_END: relu

impl Relu {
    pub fn new() -> Self {
        Self::default()
    }
}
