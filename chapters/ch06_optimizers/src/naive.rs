//! The optimizers on a two-variable function, where their paths can be drawn
//! (the book's `ch06/optimizer_compare_naive.py`).

use dlfs::Param;
use dlfs::optimizer::{Optimizer, OptimizerKind};
use ndarray::arr1;

// ANCHOR: function
/// f(x, y) = x²/20 + y²: a bowl twenty times steeper along y than along x, with its minimum
/// at (0, 0). Along y the gradient is large, along x tiny, and it does not point at the minimum.
pub fn f(x: f64, y: f64) -> f64 {
    x * x / 20.0 + y * y
}

/// ∇f(x, y) = (x/10, 2y).
pub fn df(x: f64, y: f64) -> (f64, f64) {
    (x / 10.0, 2.0 * y)
}
// ANCHOR_END: function

// ANCHOR: descend
/// The positions an optimizer visits on f from `init`: the starting point and the point before
/// each later update, `steps` points in all (what the book draws).
///
/// x and y are two parameters, as the book keeps them in `params['x']`, `params['y']`: the
/// optimizer cannot tell them from the weights of a network.
pub fn descend(
    optimizer: &mut dyn Optimizer<f64>,
    init: (f64, f64),
    steps: usize,
) -> Vec<(f64, f64)> {
    let mut x = Param::new("x", arr1(&[init.0]).into_dyn(), false);
    let mut y = Param::new("y", arr1(&[init.1]).into_dyn(), false);
    let mut path = Vec::with_capacity(steps);
    for _ in 0..steps {
        path.push((x.value[0], y.value[0]));
        let (dx, dy) = df(x.value[0], y.value[0]);
        x.grad[0] = dx;
        y.grad[0] = dy;
        optimizer.update(vec![&mut x, &mut y]);
    }
    path
}
// ANCHOR_END: descend

/// The learning rate the book gives each optimizer on f (Nesterov and RMSprop, which the book
/// leaves out here, get rates that make comparable paths).
pub fn book_lr(kind: OptimizerKind) -> f64 {
    match kind {
        OptimizerKind::Sgd => 0.95,
        OptimizerKind::Momentum => 0.1,
        OptimizerKind::Nesterov => 0.1,
        OptimizerKind::AdaGrad => 1.5,
        OptimizerKind::RmsProp => 0.3,
        OptimizerKind::Adam => 0.3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_optimizer_heads_for_the_minimum() {
        for kind in OptimizerKind::ALL {
            let path = descend(&mut *kind.build::<f64>(book_lr(kind)), (-7.0, 2.0), 30);
            assert_eq!(path.len(), 30);
            assert_eq!(path[0], (-7.0, 2.0));
            let (x, y) = *path.last().unwrap();
            assert!(f(x, y) < f(-7.0, 2.0) / 4.0, "{kind:?} ends at ({x}, {y})");
        }
    }

    #[test]
    fn sgd_zigzags_across_the_valley() {
        let path = descend(&mut dlfs::optimizer::Sgd::new(0.95), (-7.0, 2.0), 30);
        // y ← y - 0.95 · 2y = -0.9 y: the sign of y flips at every step
        for w in path.windows(2) {
            assert!(w[0].1 * w[1].1 < 0.0);
            assert_close(w[1].1, -0.9 * w[0].1);
        }
    }

    fn assert_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }
}
