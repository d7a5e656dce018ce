//! Checks shared by the layer exercises of chapters 5 to 7 (ex57's own helpers, beside the
//! runner's `check`): arrays compared in one short line, and the numerical gradient check.
#![allow(dead_code)]

use dlfs::gradient::check_layer;
use dlfs::{Layer, Mode};
use ndarray::{ArrayD, Dimension, IxDyn};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// What a backward may differ from the numerical gradient by, relative, in f64.
pub const GRAD_TOLERANCE: f64 = 1e-6;

/// Fails with one line unless `got` has the shape of `expected` and every value is within
/// `tol` of it (relative for values above 1): the first differing position and both values.
#[track_caller]
pub fn expect_array(name: &str, got: &ArrayD<f64>, expected: &ArrayD<f64>, tol: f64) {
    if got.shape() != expected.shape() {
        panic!(
            "{name}: expected shape {:?}, got shape {:?}",
            expected.shape(),
            got.shape()
        );
    }
    let bad = |(g, e): (&f64, &f64)| (g - e).abs() > tol * e.abs().max(1.0) || g.is_nan();
    let count = got.iter().zip(expected).filter(|&p| bad(p)).count();
    if let Some((index, (g, e))) = got
        .indexed_iter()
        .zip(expected)
        .map(|((i, g), e)| (i, (g, e)))
        .find(|&(_, p)| bad(p))
    {
        panic!(
            "{name}: at {:?} expected {e:.6}, got {g:.6} ({count} of {} values differ)",
            index.slice(),
            got.len()
        );
    }
}

/// N(0, 1) values of `shape`, kept at least 0.05 away from 0 (where ReLU has its kink).
pub fn input(shape: &[usize], seed: u64) -> ArrayD<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    dlfs::float::randn::<f64, _>(IxDyn(shape), &mut rng).mapv(|v| {
        if v.abs() < 0.05 {
            v.signum() * 0.1 + v
        } else {
            v
        }
    })
}

/// Backward against central differences: dx and every parameter's gradient, one line naming
/// the first one that is off.
#[track_caller]
pub fn expect_gradients(name: &str, layer: &mut dyn Layer<f64>, x: &ArrayD<f64>) {
    expect_gradient_shapes(name, layer, x);
    let mut rng = StdRng::seed_from_u64(99);
    for check in check_layer(layer, x, &mut rng) {
        let e = check.relative_error;
        if e.is_nan() || e > GRAD_TOLERANCE {
            panic!(
                "{name} on {:?}: d{} differs from the numerical gradient, relative error {e:.1e} \
                 (expected below {GRAD_TOLERANCE:.0e})",
                x.shape(),
                check.name
            );
        }
    }
}

/// dx has the shape of x and every gradient that of its parameter, or one line says which not.
#[track_caller]
fn expect_gradient_shapes(name: &str, layer: &mut dyn Layer<f64>, x: &ArrayD<f64>) {
    let out = layer.forward(x.clone(), Mode::Train);
    let dx = layer.backward(out.mapv(|_| 1.0));
    if dx.shape() != x.shape() {
        panic!(
            "{name}: dx should have the shape of x, {:?}, got {:?}",
            x.shape(),
            dx.shape()
        );
    }
    for p in layer.params() {
        if p.grad.shape() != p.value.shape() {
            panic!(
                "{name}: d{} should have the shape of {}, {:?}, got {:?}",
                p.name,
                p.name,
                p.value.shape(),
                p.grad.shape()
            );
        }
    }
}

/// Forward then backward of `dout`, in training mode: (out, dx).
pub fn forward_backward(
    layer: &mut dyn Layer<f64>,
    x: &ArrayD<f64>,
    dout: &ArrayD<f64>,
) -> (ArrayD<f64>, ArrayD<f64>) {
    let out = layer.forward(x.clone(), Mode::Train);
    let dx = layer.backward(dout.clone());
    (out, dx)
}
