use ndarray::{ArrayD, Zip};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{Layer, Mode, Tensor};
use crate::Float;

// ANCHOR: dropout
/// Dropout: while training, each unit is silenced with probability `ratio`, afresh for every
/// forward pass; at test time every unit stays on and the output is scaled by (1 - ratio), the
/// fraction of units that were on during training on average.
///
/// Train: y = x ⊙ mask, mask = (u > ratio) with u ~ U(0, 1); dL/dx = dL/dy ⊙ mask.
/// Test: y = (1 - ratio) x.
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Clone)]
pub struct Dropout {
    /// The probability of dropping a unit (the book's `dropout_ratio`, 0.5 by default).
    pub ratio: f64,
    /// The layer's own generator, seeded from the network's: runs are reproducible, and the
    /// masks do not depend on how many numbers other parts of the program drew.
    rng: StdRng,
    /// Which units the last training forward kept (kept for backward and for a frozen mask).
    mask: ArrayD<bool>,
    /// When set, training forwards reuse the last mask instead of drawing a new one.
    frozen: bool,
}

impl<F: Float> Layer<F> for Dropout {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        if mode == Mode::Test {
            return x * F::lit(1.0 - self.ratio); // x * (1.0 - dropout_ratio)
        }
        if !(self.frozen && self.mask.shape() == x.shape()) {
            let (ratio, rng) = (self.ratio, &mut self.rng);
            // self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            self.mask = ArrayD::from_shape_simple_fn(x.raw_dim(), || rng.random::<f64>() > ratio);
        }
        masked(x, &self.mask) // x * self.mask
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        masked(dout, &self.mask) // dout * self.mask
    }
}

/// `x * mask`: zero where the mask is false.
fn masked<F: Float>(mut x: Tensor<F>, mask: &ArrayD<bool>) -> Tensor<F> {
    Zip::from(&mut x).and(mask).for_each(|v, &keep| {
        if !keep {
            *v = F::zero();
        }
    });
    x
}
// ANCHOR_END: dropout

impl Dropout {
    /// A dropout layer dropping units with probability `ratio`, its generator seeded from `rng`.
    pub fn new(ratio: f64, rng: &mut impl Rng) -> Self {
        assert!(
            (0.0..1.0).contains(&ratio),
            "Dropout: the ratio must be in [0, 1), got {ratio}"
        );
        Dropout {
            ratio,
            rng: StdRng::seed_from_u64(rng.random()),
            mask: ArrayD::from_elem(ndarray::IxDyn(&[0]), false),
            frozen: false,
        }
    }

    /// Keeps the mask of the last training forward for all later ones (or draws anew again with
    /// `false`): with a fixed mask, dropout is a fixed linear map, which a gradient check needs.
    pub fn freeze_mask(&mut self, frozen: bool) {
        self.frozen = frozen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::ArrayD;

    #[test]
    fn drops_about_ratio_and_scales_at_test_time() {
        let mut rng = StdRng::seed_from_u64(0);
        let mut layer = Dropout::new(0.3, &mut rng);
        let x = ArrayD::<f32>::ones(ndarray::IxDyn(&[100, 100]));
        let y = layer.forward(x.clone(), Mode::Train);
        let kept = y.iter().filter(|&&v| v == 1.0).count() as f64 / 1e4;
        assert!((kept - 0.7).abs() < 0.02, "kept {kept}");
        let dx = Layer::<f32>::backward(&mut layer, x.clone());
        assert_eq!(dx, y, "backward lets dout through where forward kept x");
        let y = layer.forward(x, Mode::Test);
        assert!(y.iter().all(|&v| (v - 0.7).abs() < 1e-6));
    }

    #[test]
    fn same_seed_same_masks_and_frozen_masks_repeat() {
        let x = ArrayD::<f64>::ones(ndarray::IxDyn(&[4, 50]));
        let mut a = Dropout::new(0.5, &mut StdRng::seed_from_u64(7));
        let mut b = Dropout::new(0.5, &mut StdRng::seed_from_u64(7));
        let ya = a.forward(x.clone(), Mode::Train);
        assert_eq!(ya, b.forward(x.clone(), Mode::Train));
        assert_ne!(
            ya,
            a.forward(x.clone(), Mode::Train),
            "a new mask each time"
        );
        a.freeze_mask(true);
        let y1 = a.forward(x.clone(), Mode::Train);
        assert_eq!(y1, a.forward(x, Mode::Train));
    }
}
