//! # Exercise: stochastic gradient descent
//!
//! The plainest update: every weight takes a step against its gradient,
//!
//! W ← W - η ∂L/∂W
//!
//! with the learning rate η (`lr`). Your optimizer implements the library's [`Optimizer`]
//! trait: `update` receives every parameter of a network (`Param`: its `value` and its `grad`,
//! filled by backward) and changes the values in place.
//!
//! # Shapes
//! Each `param.grad` has the shape of its `param.value`; any number of parameters.

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
        // TODO: for each parameter, value -= lr * grad. The learning rate is an f64:
        // `F::lit(self.lr)` makes it an F. (`scaled_add` does "a += k * b" in one call.)
        let _ = params;
        todo!("Sgd::update")
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
