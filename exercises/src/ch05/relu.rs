//! # Exercise: the ReLU layer
//!
//! out = max(0, x), element by element. Its derivative is 1 where x > 0 and 0 elsewhere, so
//! backward lets dout through where the input was positive and stops it everywhere else:
//!
//! dx = dout where x > 0, else 0.
//!
//! Forward keeps a mask of where x ≤ 0 (the book's `self.mask = (x <= 0)`), backward applies it.
//! Your layer implements the library's [`Layer`] trait, so it can go into a
//! `dlfs::net::Sequential` and be trained (`cargo run -p exercises --bin your_twolayer`).
//!
//! # Shapes
//! Any shape in, the same shape out; `mask` has the shape of `x`, `dx` that of `dout`.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::ArrayD;

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
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: self.mask = (x <= 0), element by element (`x.mapv(...)`);
        // then the output: x with 0 where the mask is true. (`mode` does not matter here.)
        let _ = (x, mode);
        todo!("Relu::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dout with 0 where the mask is true (`ndarray::Zip` walks two arrays together).
        let _ = dout;
        todo!("Relu::backward")
    }
}
