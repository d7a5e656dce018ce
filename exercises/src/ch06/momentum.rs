//! # Exercise: Momentum
//!
//! A ball rolling downhill: each weight has a velocity v (0 at first) that the gradient
//! accelerates and the friction α slows down,
//!
//! v ← α v - η ∂L/∂W,  W ← W + v
//!
//! with α = 0.9 (`momentum`). One velocity per parameter, created at the first `update` with
//! the parameter's shape, kept in the same order afterwards.
//!
//! # Shapes
//! `v[i]` has the shape of `params[i].value`.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::ArrayD;

/// Momentum: v ← α v - η ∂L/∂W; W ← W + v.
#[derive(Debug, Clone)]
pub struct Momentum<F: Float = f32> {
    pub lr: f64,
    pub momentum: f64,
    /// One velocity per parameter (empty before the first update).
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Momentum<F> {
    /// The book's α = 0.9.
    pub fn new(lr: f64) -> Self {
        Momentum {
            lr,
            momentum: 0.9,
            v: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for Momentum<F> {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        // TODO: if self.v is empty, fill it with one zero array per parameter
        // (`ArrayD::zeros(p.value.raw_dim())`); then for each parameter and its v:
        // v = α v - η grad, value += v.
        let _ = params;
        todo!("Momentum::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
