//! Solution: Dropout.

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::{ArrayD, Zip};
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

/// x with 0 where `mask` is false.
fn masked<F: Float>(mut x: Tensor<F>, mask: &ArrayD<bool>) -> Tensor<F> {
    Zip::from(&mut x).and(mask).for_each(|v, &keep| {
        if !keep {
            *v = F::zero();
        }
    });
    x
}

impl<F: Float> Layer<F> for Dropout {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        if mode == Mode::Test {
            return x * F::lit(1.0 - self.ratio); // x * (1.0 - self.dropout_ratio)
        }
        let (ratio, rng) = (self.ratio, &mut self.rng);
        // self.mask = np.random.rand(*x.shape) > self.dropout_ratio
        self.mask = ArrayD::from_shape_simple_fn(x.raw_dim(), || rng.random::<f64>() > ratio);
        masked(x, &self.mask) // x * self.mask
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        masked(dout, &self.mask) // dout * self.mask
    }
}
