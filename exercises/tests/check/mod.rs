//! What every check prints on a wrong answer: one line naming what was computed, the expected
//! value and the value that came back. `learn` shows these lines and nothing else.
#![allow(dead_code)]

use std::fmt::Debug;

/// Fails with `name: expected E, got G` unless the two are equal.
#[track_caller]
pub fn expect_eq<T: PartialEq + Debug>(name: &str, got: T, expected: T) {
    if got != expected {
        panic!("{name}: expected {expected:?}, got {got:?}");
    }
}

/// Fails unless every value of `got` is within `tol` of `expected` (relative for large values),
/// and the shapes agree.
#[track_caller]
pub fn expect_close(name: &str, got: &[f64], expected: &[f64], tol: f64) {
    if got.len() != expected.len() {
        panic!(
            "{name}: expected {} values, got {}",
            expected.len(),
            got.len()
        );
    }
    for (i, (&g, &e)) in got.iter().zip(expected).enumerate() {
        let ok = (g - e).abs() <= tol * e.abs().max(1.0);
        if !ok {
            panic!("{name}: expected {expected:?}, got {got:?} (first difference at index {i})");
        }
    }
}

/// Fails unless the number `got` is within `tol` of `expected` (relative for large values).
#[track_caller]
pub fn expect_near(name: &str, got: f64, expected: f64, tol: f64) {
    if (got - expected).abs() > tol * expected.abs().max(1.0) || got.is_nan() {
        panic!("{name}: expected {expected}, got {got}");
    }
}

/// Fails unless the array `got` has the shape `shape` and, in row-major order, values within
/// `tol` of `expected` (relative for large values).
#[track_caller]
pub fn expect_array<D: ndarray::Dimension>(
    name: &str,
    got: &ndarray::Array<f64, D>,
    shape: &[usize],
    expected: &[f64],
    tol: f64,
) {
    if got.shape() != shape {
        panic!(
            "{name}: expected shape {shape:?}, got shape {:?}",
            got.shape()
        );
    }
    let got: Vec<f64> = got.iter().copied().collect();
    expect_close(name, &got, expected, tol);
}
