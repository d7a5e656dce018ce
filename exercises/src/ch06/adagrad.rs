//! # Exercise: AdaGrad
//!
//! A learning rate per weight that shrinks as the weight's gradients add up: h collects the
//! squared gradients (0 at first),
//!
//! h ← h + ∂L/∂W ⊙ ∂L/∂W,  W ← W - η ∂L/∂W / (√h + 1e-7)
//!
//! (the 1e-7 keeps a weight whose gradients were all 0 from dividing by 0). One h per
//! parameter, created at the first `update`.
//!
//! # Shapes
//! `h[i]` has the shape of `params[i].value`.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::ArrayD;

/// AdaGrad: h ← h + g ⊙ g; W ← W - η g / (√h + 1e-7).
#[derive(Debug, Clone)]
pub struct AdaGrad<F: Float = f32> {
    pub lr: f64,
    /// The sums of squared gradients, one per parameter (empty before the first update).
    h: Vec<ArrayD<F>>,
}

impl<F: Float> AdaGrad<F> {
    pub fn new(lr: f64) -> Self {
        AdaGrad { lr, h: Vec::new() }
    }
}

impl<F: Float> Optimizer<F> for AdaGrad<F> {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        // TODO: zeros for h at the first call, as in Momentum; then element by element
        // (`ndarray::Zip::from(..).and(..).and(..).for_each(...)`):
        // h += g * g, w -= lr * g / (sqrt(h) + 1e-7).
        let _ = params;
        todo!("AdaGrad::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
