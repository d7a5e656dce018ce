//! The float type the core is generic over.
//!
//! Training runs in `f32` (twice the GEMM throughput of `f64`); gradient checks and the book's
//! float64 weights use `f64`. Every generic item defaults to `f32`, so chapter code rarely names it.

use ndarray::NdFloat;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

// ANCHOR: float
/// `f32` or `f64`: what a network computes in.
pub trait Float: NdFloat + Default + Send + Sync {
    /// A literal: `F::lit(0.5)`.
    fn lit(x: f64) -> Self;
    /// One draw from the standard normal distribution N(0, 1) (`np.random.randn`).
    fn randn(rng: &mut impl Rng) -> Self;
}
// ANCHOR_END: float

impl Float for f32 {
    fn lit(x: f64) -> Self {
        x as f32
    }
    fn randn(rng: &mut impl Rng) -> Self {
        StandardNormal.sample(rng)
    }
}

impl Float for f64 {
    fn lit(x: f64) -> Self {
        x
    }
    fn randn(rng: &mut impl Rng) -> Self {
        StandardNormal.sample(rng)
    }
}

/// An array of the given shape filled with N(0, 1) draws (`np.random.randn(*shape)`).
pub fn randn<F: Float, Sh: ndarray::ShapeBuilder>(
    shape: Sh,
    rng: &mut impl Rng,
) -> ndarray::Array<F, Sh::Dim> {
    ndarray::Array::from_shape_simple_fn(shape, || F::randn(rng))
}
