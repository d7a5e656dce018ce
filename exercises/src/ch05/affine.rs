//! # Exercise: the Affine layer
//!
//! A fully connected layer: out = x·W + b, the bias added to every row. Backward, with the
//! transposes that make the shapes fit:
//!
//! dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ_n dout (the sum over the rows: b was added to each).
//!
//! Images (N, C, H, W) are taken row by row, each image one row of C·H·W values (the book's
//! `x.reshape(x.shape[0], -1)`), and dx is given back in the shape x came in. Forward keeps x
//! (as rows) and its original shape; backward stores dW and db in `self.w.grad` and
//! `self.b.grad`, where an optimizer finds them.
//!
//! # Shapes
//! - `x`: (N, D) or (N, C, H, W) with D = C·H·W; `W`: (D, M); `b`: (M,)
//! - `out`, `dout`: (N, M); `dx`: the shape of `x`; `dW`: (D, M); `db`: (M,)

use dlfs::{Float, Layer, Mode, Param, Tensor};
use ndarray::{Array1, Array2};
use rand::Rng;

/// Affine: out = x·W + b.
#[derive(Debug, Clone)]
pub struct Affine<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    /// The input of the last forward, as rows (N, D).
    x: Array2<F>,
    /// The shape the input came in, for dx.
    original_x_shape: Vec<usize>,
}

impl<F: Float> Affine<F> {
    /// An Affine layer with weight `w` (D, M) and bias `b` (M,).
    pub fn new(w: Param<F>, b: Param<F>) -> Self {
        Affine {
            w,
            b,
            x: Array2::zeros((0, 0)),
            original_x_shape: Vec::new(),
        }
    }

    /// W = std · N(0, 1) of shape (D, M), b = 0, named "W{k}" and "b{k}" like the book's.
    pub fn init(k: usize, d: usize, m: usize, std: F, rng: &mut impl Rng) -> Self {
        let w = dlfs::float::randn::<F, _>((d, m), rng).mapv(|v| v * std);
        let w = Param::new(format!("W{k}"), w.into_dyn(), true);
        let b = Param::new(format!("b{k}"), Array1::<F>::zeros(m).into_dyn(), false);
        Self::new(w, b)
    }
}

impl<F: Float> Layer<F> for Affine<F> {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: keep x's shape; x as rows (N, D), kept in self.x
        // (`x.into_rows()`, a method of dlfs::layers::TensorShape);
        // W (D, M) as a matrix (`self.w.value.view_2d()`) and b (M,) (`view_1d()`);
        // out = x·W + b (`.dot(...)`, and `+` broadcasts b over the rows); `.into_dyn()`.
        let _ = (x, mode);
        todo!("Affine::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dout as a matrix (N, M) (`dout.into_2d()`);
        // self.w.grad = xᵀ·dout, self.b.grad = the sum of dout's rows (`sum_axis(Axis(0))`);
        // dx = dout·Wᵀ, given back in the original shape
        // (`dlfs::layers::shape::ReshapeTo`: `dx.reshape_to(&shape)`).
        let _ = dout;
        todo!("Affine::backward")
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
