//! # Exercise: the sigmoid layer
//!
//! out = 1 / (1 + exp(-x)). Its derivative can be written with the output alone:
//!
//! ∂out/∂x = out · (1 - out), so dx = dout · out · (1 - out).
//!
//! Forward keeps `out` for backward. Your layer implements the library's [`Layer`] trait.
//!
//! # Shapes
//! Any shape in, the same shape out; `dx` has the shape of `dout`.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::ArrayD;

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
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: out = 1 / (1 + exp(-x)) element by element (`F::one()`, `v.exp()`);
        // keep a copy in self.out and return it.
        let _ = (x, mode);
        todo!("Sigmoid::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dx = dout * out * (1 - out), element by element.
        let _ = dout;
        todo!("Sigmoid::backward")
    }
}
