//! Solution: stochastic gradient descent.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};

/// SGD: W ← W - η ∂L/∂W.
#[derive(Debug, Clone)]
pub struct Sgd {
    pub lr: f64,
}

impl Sgd {
    pub fn new(lr: f64) -> Self {
        Sgd { lr }
    }
}

impl<F: Float> Optimizer<F> for Sgd {
    fn update(&mut self, params: Vec<&mut Param<F>>) {
        let lr = F::lit(self.lr);
        for p in params {
            p.value.scaled_add(-lr, &p.grad); // params[key] -= lr * grads[key]
        }
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
