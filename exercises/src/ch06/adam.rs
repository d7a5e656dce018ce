//! # Exercise: Adam
//!
//! Momentum and an AdaGrad-like scale together: m follows the gradient, v its square, both
//! as moving averages that start at 0. Because they start at 0 they are too small at first;
//! the step size corrects for it. At update t = 1, 2, 3, ...:
//!
//! η_t = η √(1 - β₂ᵗ) / (1 - β₁ᵗ)
//! m ← m + (1 - β₁)(g - m),  v ← v + (1 - β₂)(g² - v),  W ← W - η_t m / (√v + 1e-7)
//!
//! with β₁ = 0.9, β₂ = 0.999 (the book's `common/optimizer.py`). One m and one v per
//! parameter, created at the first `update`; `iter` counts the updates.
//!
//! # Shapes
//! `m[i]` and `v[i]` have the shape of `params[i].value`.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::ArrayD;

/// Adam: momentum and RMSprop with the bias of their zero start corrected.
#[derive(Debug, Clone)]
pub struct Adam<F: Float = f32> {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    /// How many updates were made (t).
    iter: i32,
    m: Vec<ArrayD<F>>,
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Adam<F> {
    /// β₁ = 0.9, β₂ = 0.999.
    pub fn new(lr: f64) -> Self {
        Adam {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            iter: 0,
            m: Vec::new(),
            v: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for Adam<F> {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        // TODO: zeros for m and v at the first call; count the update (t = self.iter);
        // lr_t from the formula above, in f64 (`powi`), then `F::lit`;
        // element by element: m += (1 - β₁)(g - m), v += (1 - β₂)(g² - v),
        // w -= lr_t * m / (sqrt(v) + 1e-7).
        let _ = params;
        todo!("Adam::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
