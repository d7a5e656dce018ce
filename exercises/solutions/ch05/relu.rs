//! Solution: the ReLU layer.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::{ArrayD, Zip};

/// ReLU: out = max(0, x).
#[derive(Debug, Clone, Default)]
pub struct Relu {
    /// mask = (x <= 0) from the last forward: where backward stops the gradient.
    mask: ArrayD<bool>,
}

impl Relu {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<F: Float> Layer<F> for Relu {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.mask = x.mapv(|v| v <= F::zero()); // self.mask = (x <= 0)
        let mut out = x;
        Zip::from(&mut out).and(&self.mask).for_each(|o, &m| {
            if m {
                *o = F::zero(); // out[self.mask] = 0
            }
        });
        out
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let mut dx = dout;
        Zip::from(&mut dx).and(&self.mask).for_each(|d, &m| {
            if m {
                *d = F::zero(); // dout[self.mask] = 0
            }
        });
        dx
    }
}
