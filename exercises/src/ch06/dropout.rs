//! # Exercise: Dropout
//!
//! While training, each unit is silenced with probability `ratio`, with a new random mask at
//! every forward pass; backward lets the gradient through where the unit was kept:
//!
//! Train: mask = (u > ratio) with u ~ U(0, 1) per element, y = x ⊙ mask, dx = dout ⊙ mask.
//!
//! At test time every unit is on, so the output is scaled by the fraction that was on while
//! training, as the book does:
//!
//! Test: y = x · (1 - ratio).
//!
//! # Shapes
//! Any shape in, the same shape out; `mask` has the shape of `x`.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::ArrayD;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Dropout with probability `ratio` of dropping a unit.
#[derive(Debug, Clone)]
pub struct Dropout {
    pub ratio: f64,
    /// The layer's own random numbers (seeded in `new`).
    rng: StdRng,
    /// Which units the last training forward kept.
    mask: ArrayD<bool>,
}

impl Dropout {
    /// A dropout layer, its generator seeded from `rng` (the same seed gives the same masks).
    pub fn new(ratio: f64, rng: &mut impl Rng) -> Self {
        Dropout {
            ratio,
            rng: StdRng::seed_from_u64(rng.random()),
            mask: ArrayD::from_elem(ndarray::IxDyn(&[0]), false),
        }
    }
}

impl<F: Float> Layer<F> for Dropout {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: in Mode::Test, x times (1 - ratio) (`F::lit`).
        // In Mode::Train: a new mask of x's shape, one `self.rng.random::<f64>() > self.ratio`
        // per element (`ArrayD::from_shape_simple_fn(x.raw_dim(), ...)`), kept in self.mask;
        // then x with 0 where the mask is false.
        let _ = (x, mode);
        todo!("Dropout::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dout with 0 where the mask is false.
        let _ = dout;
        todo!("Dropout::backward")
    }
}
