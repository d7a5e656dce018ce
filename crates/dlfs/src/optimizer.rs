//! Optimizers: the book's `common/optimizer.py`.
//!
//! An optimizer sees the network only as a flat list of parameters, each a value beside its
//! gradient; per-parameter state (velocities, squared-gradient sums) is created on the first
//! `update` and kept in the same order.

use dlfs_engine::update::{zip3_for_each, zip4_for_each};
use ndarray::ArrayD;

use crate::{Float, Param};

/// Updates parameters from their gradients.
pub trait Optimizer<F: Float = f32>: Send {
    /// One step: changes every `param.value` using its `param.grad`.
    fn update(&mut self, params: Vec<&mut Param<F>>);
    /// The learning rate η, for messages and legends.
    fn lr(&self) -> f64;
}

/// One zero array per parameter the first time, then a check that the network did not change.
fn state<'a, F: Float>(
    state: &'a mut Vec<ArrayD<F>>,
    params: &[&mut Param<F>],
    who: &str,
) -> &'a mut [ArrayD<F>] {
    if state.is_empty() {
        *state = params
            .iter()
            .map(|p| ArrayD::zeros(p.value.raw_dim()))
            .collect();
    }
    assert_eq!(
        state.len(),
        params.len(),
        "{who}: the parameter list changed between updates"
    );
    state
}

// ANCHOR: sgd
/// Stochastic gradient descent: W ← W - η ∂L/∂W.
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
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, params: Vec<&mut Param<F>>) {
        for p in params {
            p.value.scaled_add(-F::lit(self.lr), &p.grad); // W -= lr * dW
        }
    }
}
// ANCHOR_END: sgd

// ANCHOR: momentum
/// Momentum: v ← α v - η ∂L/∂W; W ← W + v. The velocity v keeps rolling in a consistent direction.
#[derive(Debug, Clone)]
pub struct Momentum<F: Float = f32> {
    pub lr: f64,
    pub momentum: f64,
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Momentum<F> {
    /// The book's default momentum α = 0.9.
    pub fn new(lr: f64) -> Self {
        Momentum {
            lr,
            momentum: 0.9,
            v: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for Momentum<F> {
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, mut params: Vec<&mut Param<F>>) {
        let (lr, alpha) = (F::lit(self.lr), F::lit(self.momentum));
        let v = state(&mut self.v, &params, "Momentum");
        for (p, v) in params.iter_mut().zip(v) {
            zip3_for_each(&mut p.value, v, &p.grad, |w, v, &g| {
                *v = alpha * *v - lr * g; // v = momentum * v - lr * grad
                *w += *v; // W += v
            });
        }
    }
}
// ANCHOR_END: momentum

// ANCHOR: nesterov
/// Nesterov's accelerated gradient, in the form of the book's corrected `common/optimizer.py`
/// (Bengio et al. 2012): W moves with the *old* velocity, then the velocity is updated:
/// W ← W + α² v - (1 + α) η g; v ← α v - η g.
#[derive(Debug, Clone)]
pub struct Nesterov<F: Float = f32> {
    pub lr: f64,
    pub momentum: f64,
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Nesterov<F> {
    /// The book's default momentum α = 0.9.
    pub fn new(lr: f64) -> Self {
        Nesterov {
            lr,
            momentum: 0.9,
            v: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for Nesterov<F> {
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, mut params: Vec<&mut Param<F>>) {
        let (lr, alpha) = (F::lit(self.lr), F::lit(self.momentum));
        let v = state(&mut self.v, &params, "Nesterov");
        for (p, v) in params.iter_mut().zip(v) {
            zip3_for_each(&mut p.value, v, &p.grad, |w, v, &g| {
                *w += alpha * alpha * *v - (F::one() + alpha) * lr * g; // with the old v
                *v = alpha * *v - lr * g; // v = momentum * v - lr * grad
            });
        }
    }
}
// ANCHOR_END: nesterov

// ANCHOR: adagrad
/// AdaGrad: h ← h + g ⊙ g; W ← W - η g / (√h + 1e-7). Each weight's step shrinks as its
/// gradients add up.
#[derive(Debug, Clone)]
pub struct AdaGrad<F: Float = f32> {
    pub lr: f64,
    h: Vec<ArrayD<F>>,
}

impl<F: Float> AdaGrad<F> {
    pub fn new(lr: f64) -> Self {
        AdaGrad { lr, h: Vec::new() }
    }
}

impl<F: Float> Optimizer<F> for AdaGrad<F> {
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, mut params: Vec<&mut Param<F>>) {
        let (lr, eps) = (F::lit(self.lr), F::lit(1e-7));
        let h = state(&mut self.h, &params, "AdaGrad");
        for (p, h) in params.iter_mut().zip(h) {
            zip3_for_each(&mut p.value, h, &p.grad, |w, h, &g| {
                *h += g * g;
                *w -= lr * g / (h.sqrt() + eps);
            });
        }
    }
}
// ANCHOR_END: adagrad

// ANCHOR: rmsprop
/// RMSprop: h ← ρ h + (1 - ρ) g ⊙ g; W ← W - η g / (√h + 1e-7). Like AdaGrad, but old
/// gradients fade, so learning never stops entirely.
#[derive(Debug, Clone)]
pub struct RmsProp<F: Float = f32> {
    pub lr: f64,
    pub decay_rate: f64,
    h: Vec<ArrayD<F>>,
}

impl<F: Float> RmsProp<F> {
    /// The book's default decay rate ρ = 0.99.
    pub fn new(lr: f64) -> Self {
        RmsProp {
            lr,
            decay_rate: 0.99,
            h: Vec::new(),
        }
    }
}

impl<F: Float> Optimizer<F> for RmsProp<F> {
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, mut params: Vec<&mut Param<F>>) {
        let (lr, rho, eps) = (F::lit(self.lr), F::lit(self.decay_rate), F::lit(1e-7));
        let h = state(&mut self.h, &params, "RmsProp");
        for (p, h) in params.iter_mut().zip(h) {
            zip3_for_each(&mut p.value, h, &p.grad, |w, h, &g| {
                *h = rho * *h + (F::one() - rho) * g * g;
                *w -= lr * g / (h.sqrt() + eps);
            });
        }
    }
}
// ANCHOR_END: rmsprop

// ANCHOR: adam
/// Adam: momentum (m) and RMSprop (v) together, with the bias of their zero start corrected
/// in the step size: η_t = η √(1 - β₂ᵗ) / (1 - β₁ᵗ);
/// m ← m + (1 - β₁)(g - m); v ← v + (1 - β₂)(g² - v); W ← W - η_t m / (√v + 1e-7).
#[derive(Debug, Clone)]
pub struct Adam<F: Float = f32> {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    iter: i32,
    m: Vec<ArrayD<F>>,
    v: Vec<ArrayD<F>>,
}

impl<F: Float> Adam<F> {
    /// The book's defaults β₁ = 0.9, β₂ = 0.999 (and η = 0.001 is its usual choice).
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
    fn lr(&self) -> f64 {
        self.lr
    }

    fn update(&mut self, mut params: Vec<&mut Param<F>>) {
        self.iter += 1;
        let (b1, b2) = (self.beta1, self.beta2);
        let lr_t = F::lit(self.lr * (1.0 - b2.powi(self.iter)).sqrt() / (1.0 - b1.powi(self.iter)));
        let (b1, b2, eps) = (F::lit(b1), F::lit(b2), F::lit(1e-7));
        state(&mut self.m, &params, "Adam");
        let v = state(&mut self.v, &params, "Adam");
        for ((p, m), v) in params.iter_mut().zip(&mut self.m).zip(v) {
            zip4_for_each(&mut p.value, m, v, &p.grad, |w, m, v, &g| {
                *m += (F::one() - b1) * (g - *m);
                *v += (F::one() - b2) * (g * g - *v);
                *w -= lr_t * *m / (v.sqrt() + eps);
            });
        }
    }
}
// ANCHOR_END: adam

/// The optimizers by name, for a `--optimizer` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Nesterov,
    AdaGrad,
    RmsProp,
    Adam,
}

impl OptimizerKind {
    /// Every optimizer, in the book's order.
    pub const ALL: [OptimizerKind; 6] = [
        Self::Sgd,
        Self::Momentum,
        Self::Nesterov,
        Self::AdaGrad,
        Self::RmsProp,
        Self::Adam,
    ];

    /// The optimizer with learning rate `lr` and the book's other defaults.
    pub fn build<F: Float>(self, lr: f64) -> Box<dyn Optimizer<F>> {
        match self {
            Self::Sgd => Box::new(Sgd::new(lr)),
            Self::Momentum => Box::new(Momentum::new(lr)),
            Self::Nesterov => Box::new(Nesterov::new(lr)),
            Self::AdaGrad => Box::new(AdaGrad::new(lr)),
            Self::RmsProp => Box::new(RmsProp::new(lr)),
            Self::Adam => Box::new(Adam::new(lr)),
        }
    }

    /// The name the book gives it ("SGD", "AdaGrad", ...), for legends.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sgd => "SGD",
            Self::Momentum => "Momentum",
            Self::Nesterov => "Nesterov",
            Self::AdaGrad => "AdaGrad",
            Self::RmsProp => "RMSprop",
            Self::Adam => "Adam",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::arr1;

    /// f(w) = w²/2 has gradient w: two steps by hand for each optimizer.
    fn two_steps(opt: &mut dyn Optimizer<f64>, w0: f64) -> [f64; 2] {
        let mut p = Param::new("W1", arr1(&[w0]).into_dyn(), true);
        let mut out = [0.0; 2];
        for o in &mut out {
            p.grad = p.value.clone(); // ∂(w²/2)/∂w = w
            opt.update(vec![&mut p]);
            *o = p.value[0];
        }
        out
    }

    #[test]
    fn sgd_steps() {
        // w1 = 1 - 0.1·1 = 0.9; w2 = 0.9 - 0.1·0.9 = 0.81
        assert_eq!(two_steps(&mut Sgd::new(0.1), 1.0), [0.9, 0.81]);
    }

    #[test]
    fn momentum_steps() {
        // v1 = -0.1, w1 = 0.9; v2 = 0.9·(-0.1) - 0.1·0.9 = -0.18, w2 = 0.72
        let w = two_steps(&mut Momentum::new(0.1), 1.0);
        assert_abs_diff_eq!(w[0], 0.9, epsilon = 1e-12);
        assert_abs_diff_eq!(w[1], 0.72, epsilon = 1e-12);
    }

    #[test]
    fn nesterov_steps() {
        // the book's common/optimizer.py: W moves with the old v, then v is updated
        // w1 = 1 + 0.81·0 - 1.9·0.1·1 = 0.81; v1 = 0.9·0 - 0.1·1 = -0.1
        // w2 = 0.81 + 0.81·(-0.1) - 1.9·0.1·0.81 = 0.5751; v2 = 0.9·(-0.1) - 0.1·0.81 = -0.171
        let w = two_steps(&mut Nesterov::new(0.1), 1.0);
        assert_abs_diff_eq!(w[0], 0.81, epsilon = 1e-12);
        assert_abs_diff_eq!(w[1], 0.5751, epsilon = 1e-12);
    }

    #[test]
    fn adagrad_steps() {
        // h1 = 1, w1 = 1 - 0.1·1/1 = 0.9; h2 = 1.81, w2 = 0.9 - 0.1·0.9/√1.81
        let w = two_steps(&mut AdaGrad::new(0.1), 1.0);
        assert_abs_diff_eq!(w[0], 0.9, epsilon = 1e-6);
        assert_abs_diff_eq!(w[1], 0.9 - 0.09 / 1.81f64.sqrt(), epsilon = 1e-6);
    }

    #[test]
    fn rmsprop_steps() {
        // lr 0.01, so that step 2 still has a gradient and the decay of h shows:
        // h1 = 0.99·0 + 0.01·1² = 0.01, w1 = 1 - 0.01·1/(√0.01 + 1e-7) ≈ 0.9
        // h2 = 0.99·0.01 + 0.01·w1² ≈ 0.018, w2 = w1 - 0.01·w1/√h2
        // (without the decay, h2 = 0.01 + 0.81 = 0.82 and w2 ≈ 0.890 instead of 0.833)
        let w = two_steps(&mut RmsProp::new(0.01), 1.0);
        let w1 = 1.0 - 0.01 / (0.01f64.sqrt() + 1e-7);
        assert_abs_diff_eq!(w[0], w1, epsilon = 1e-12);
        let h2 = 0.99 * 0.01 + 0.01 * w1 * w1;
        assert_abs_diff_eq!(w[1], w1 - 0.01 * w1 / (h2.sqrt() + 1e-7), epsilon = 1e-12);
        assert_abs_diff_eq!(w[1], 0.8329, epsilon = 1e-4);
    }

    #[test]
    fn adam_steps() {
        // t = 1: lr_t = 0.1·√0.001/0.1 = √0.001; m = 0.1, v = 0.001; step = √0.001·0.1/√0.001 = 0.1
        let w = two_steps(&mut Adam::new(0.1), 1.0);
        assert_abs_diff_eq!(w[0], 0.9, epsilon = 1e-5);
        // t = 2: m = 0.1 + 0.1·(0.9 - 0.1) = 0.18; v = 0.001 + 0.001·(0.81 - 0.001) = 0.001809
        let lr_t = 0.1 * (1.0 - 0.999f64.powi(2)).sqrt() / (1.0 - 0.9f64.powi(2));
        assert_abs_diff_eq!(
            w[1],
            0.9 - lr_t * 0.18 / (0.001809f64.sqrt() + 1e-7),
            epsilon = 1e-6
        );
    }
}
