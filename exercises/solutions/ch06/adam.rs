//! Solution: Adam.

use dlfs::optimizer::Optimizer;
use dlfs::{Float, Param};
use ndarray::{ArrayD, Zip};

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
        if self.m.is_empty() {
            let zeros = || params.iter().map(|p| ArrayD::zeros(p.value.raw_dim()));
            self.m = zeros().collect();
            self.v = zeros().collect();
        }
        self.iter += 1;
        let (b1, b2, t) = (self.beta1, self.beta2, self.iter);
        let lr_t = F::lit(self.lr * (1.0 - b2.powi(t)).sqrt() / (1.0 - b1.powi(t)));
        let (b1, b2, eps) = (F::lit(b1), F::lit(b2), F::lit(1e-7));
        for ((p, m), v) in params.into_iter().zip(&mut self.m).zip(&mut self.v) {
            Zip::from(&mut p.value)
                .and(m)
                .and(v)
                .and(&p.grad)
                .for_each(|w, m, v, &g| {
                    *m += (F::one() - b1) * (g - *m);
                    *v += (F::one() - b2) * (g * g - *v);
                    *w -= lr_t * *m / (v.sqrt() + eps);
                });
        }
    }

    fn lr(&self) -> f64 {
        self.lr
    }
}
