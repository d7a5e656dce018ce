//! Solution: Nesterov's accelerated gradient.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::{ArrayD, Zip};

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
        if self.v.is_empty() {
            self.v = params
                .iter()
                .map(|p| ArrayD::zeros(p.value.raw_dim()))
                .collect();
        }
        let (lr, alpha) = (F::lit(self.lr), F::lit(self.momentum));
        for (p, v) in params.into_iter().zip(&mut self.v) {
            Zip::from(&mut p.value)
                .and(v)
                .and(&p.grad)
                .for_each(|w, v, &g| {
                    *w += alpha * alpha * *v - (F::one() + alpha) * lr * g; // with the old v
                    *v = alpha * *v - lr * g; // v = momentum * v - lr * grad
                });
        }
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
