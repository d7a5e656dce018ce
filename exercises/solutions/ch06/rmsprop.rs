//! Solution: RMSprop.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::{ArrayD, Zip};

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
        if self.h.is_empty() {
            self.h = params
                .iter()
                .map(|p| ArrayD::zeros(p.value.raw_dim()))
                .collect();
        }
        let (lr, rho, eps) = (F::lit(self.lr), F::lit(self.decay_rate), F::lit(1e-7));
        for (p, h) in params.into_iter().zip(&mut self.h) {
            Zip::from(&mut p.value)
                .and(h)
                .and(&p.grad)
                .for_each(|w, h, &g| {
                    *h = rho * *h + (F::one() - rho) * g * g; // h *= ρ; h += (1 - ρ) g²
                    *w -= lr * g / (h.sqrt() + eps);
                });
        }
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
