use ndarray::{ArrayD, Zip};

use super::{Layer, Mode, Tensor};
use crate::Float;

// ANCHOR: relu
/// ReLU layer: y = max(0, x); dL/dx = dL/dy where x > 0, else 0.
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Default)]
pub struct Relu {
    /// Where x <= 0: backward zeroes dout there.
    mask: Option<ArrayD<bool>>,
}

impl Relu {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<F: Float> Layer<F> for Relu {
    fn name(&self) -> &'static str {
        "Relu"
    }

    fn forward(&mut self, mut x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.mask = Some(x.mapv(|v| v <= F::zero())); // mask = (x <= 0)
        x.mapv_inplace(crate::functions::relu); // out[mask] = 0
        x
    }

    fn backward(&mut self, mut dout: Tensor<F>) -> Tensor<F> {
        let mask = self
            .mask
            .take()
            .expect("Relu::backward called before forward");
        Zip::from(&mut dout).and(&mask).for_each(|d, &m| {
            // dout[mask] = 0, as a select: a branch would be mispredicted half the time
            *d = if m { F::zero() } else { *d };
        });
        dout
    }
}
// ANCHOR_END: relu
