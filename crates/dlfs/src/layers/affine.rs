use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;

use super::shape::{ReshapeTo, TensorShape, unused_dx};
use super::{Layer, Mode, Param, Tensor};
use crate::Float;
use dlfs_engine::parallel::both;
use dlfs_engine::{dot, dot_bias};

// ANCHOR: affine
/// Affine (fully connected) layer: out = x·W + b.
///
/// Backward: dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ_n dout (b was added to every row).
///
/// # Shapes
/// `x`: (N, D) (or (N, C, H, W), taken row by row); `W`: (D, M); `b`: (M,); `out`: (N, M)
#[derive(Debug, Clone)]
pub struct Affine<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    x: Array2<F>,
    original_x_shape: Vec<usize>,
    needs_dx: bool,
}

impl<F: Float> Layer<F> for Affine<F> {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.original_x_shape = x.shape().to_vec();
        self.x = x.into_rows(); // (N, D) = x.reshape(N, -1)
        let out = dot_bias(&self.x, &self.w.value.view_2d(), &self.b.value.view_1d()); // x·W + b
        out.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_2d(); // (N, M)
        let w = self.w.value.view_2d(); // (D, M)
        let (dx, dw) = both(
            self.x.len() * dout.ncols(), // dx and dW on both cores when large
            || self.needs_dx.then(|| dot(&dout, &w.t())), // (N, D) = dout·Wᵀ
            || dot(&self.x.t(), &dout),  // (D, M) = xᵀ·dout
        );
        self.w.grad = dw.into_dyn();
        self.b.grad = dout.sum_axis(Axis(0)).into_dyn(); // (M,)
        dx.map_or_else(unused_dx, |dx| dx.reshape_to(&self.original_x_shape))
    }

    super::params!(w, b); // fn params, fn params_mut: W and b

    fn set_needs_dx(&mut self, needs_dx: bool) {
        self.needs_dx = needs_dx;
    }
}
// ANCHOR_END: affine

impl<F: Float> Affine<F> {
    /// x·W + b for rows `x` that stay where they are: `forward` in test mode, the same numbers,
    /// without first copying `x` into the layer (nothing is kept for backward). Speed only:
    /// measuring accuracy reads the whole training set in chunks this way.
    pub fn predict_rows(&self, x: ArrayView2<F>) -> Array2<F> {
        dot_bias(&x, &self.w.value.view_2d(), &self.b.value.view_1d()) // (N, M)
    }

    /// An Affine layer with the given weight (D, M) and bias (M,), named like the book ("W1", "b1").
    pub fn new(w: Param<F>, b: Param<F>) -> Self {
        assert_eq!(
            w.value.ndim(),
            2,
            "Affine: W must be 2-D, got {:?}",
            w.value.shape()
        );
        assert_eq!(
            b.value.shape(),
            &w.value.shape()[1..],
            "Affine: b must be (M,) for W (D, M)"
        );
        Affine {
            w,
            b,
            x: Array2::zeros((0, 0)),
            original_x_shape: Vec::new(),
            needs_dx: true,
        }
    }

    /// W = std · randn(D, M), b = 0: the book's initialisation, named "W{k}" and "b{k}".
    pub fn init(k: usize, d: usize, m: usize, std: F, rng: &mut impl Rng) -> Self {
        let w = crate::float::randn::<F, _>((d, m), rng)
            .mapv(|v| v * std)
            .into_dyn();
        let w = Param::new(format!("W{k}"), w, true);
        let b = Param::new(format!("b{k}"), Array1::<F>::zeros(m).into_dyn(), false);
        Self::new(w, b)
    }
}
