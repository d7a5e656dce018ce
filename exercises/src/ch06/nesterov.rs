//! # Exercise: Nesterov's accelerated gradient
//!
//! Momentum that looks ahead: the weight moves with the velocity it already had and with
//! the gradient, then the velocity is updated as in Momentum. In the form of the book's
//! `common/optimizer.py` (corrected version):
//!
//! W ← W + α² v - (1 + α) η ∂L/∂W  (with the *old* v),  then  v ← α v - η ∂L/∂W
//!
//! with α = 0.9 (`momentum`). One velocity per parameter, 0 at the first `update`.
//!
//! # Shapes
//! `v[i]` has the shape of `params[i].value`.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::ArrayD;

/// Nesterov: W ← W + α² v - (1 + α) η g; v ← α v - η g.
#[derive(Debug, Clone)]
pub struct Nesterov<F: Float = f32> {
    pub lr: f64,
    pub momentum: f64,
    /// One velocity per parameter (empty before the first update).
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Nesterov<F> {
    /// The book's α = 0.9.
    pub fn new(lr: f64) -> Self {
        Nesterov {
            lr,
            momentum: 0.9,
            v: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for Nesterov<F> {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        // TODO: zeros for v at the first call, as in Momentum; then, element by element,
        // first the weight (with the old v), then the velocity.
        let _ = params;
        todo!("Nesterov::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
