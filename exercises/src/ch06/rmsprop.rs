//! # Exercise: RMSprop
//!
//! AdaGrad whose memory fades: h is a moving average of the squared gradients instead of
//! their sum, so the steps never shrink to nothing:
//!
//! h ← ρ h + (1 - ρ) ∂L/∂W ⊙ ∂L/∂W,  W ← W - η ∂L/∂W / (√h + 1e-7)
//!
//! with ρ = 0.99 (`decay_rate`). One h per parameter, 0 at the first `update`.
//!
//! # Shapes
//! `h[i]` has the shape of `params[i].value`.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::ArrayD;

/// RMSprop: h ← ρ h + (1 - ρ) g ⊙ g; W ← W - η g / (√h + 1e-7).
#[derive(Debug, Clone)]
pub struct RmsProp<F: Float = f32> {
    pub lr: f64,
    pub decay_rate: f64,
    /// The moving averages of the squared gradients (empty before the first update).
    h: Vec<ArrayD<F>>,
}

impl<F: Float> RmsProp<F> {
    /// The book's ρ = 0.99.
    pub fn new(lr: f64) -> Self {
        RmsProp {
            lr,
            decay_rate: 0.99,
            h: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for RmsProp<F> {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        // TODO: your AdaGrad with one change: h decays before the new g² is added.
        let _ = params;
        todo!("RmsProp::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
