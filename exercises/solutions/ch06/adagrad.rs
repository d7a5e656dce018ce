//! Solution: AdaGrad.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::{ArrayD, Zip};

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
        if self.h.is_empty() {
            self.h = params
                .iter()
                .map(|p| ArrayD::zeros(p.value.raw_dim()))
                .collect();
        }
        let (lr, eps) = (F::lit(self.lr), F::lit(1e-7));
        for (p, h) in params.into_iter().zip(&mut self.h) {
            Zip::from(&mut p.value)
                .and(h)
                .and(&p.grad)
                .for_each(|w, h, &g| {
                    *h += g * g; // h += grad * grad
                    *w -= lr * g / (h.sqrt() + eps); // W -= lr * grad / (sqrt(h) + 1e-7)
                });
        }
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
