//! Solution: the Affine layer.

use dlfs::layers::TensorShape;
use dlfs::layers::shape::ReshapeTo;
use dlfs::{Float, Layer, Mode, Param, Tensor};
use ndarray::{Array1, Array2, Axis};
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
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.original_x_shape = x.shape().to_vec();
        self.x = x.into_rows(); // (N, D) = x.reshape(N, -1)
        let w = self.w.value.view_2d(); // (D, M)
        let b = self.b.value.view_1d(); // (M,)
        let out = self.x.dot(&w) + b; // (N, M)
        out.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_2d(); // (N, M)
        let w = self.w.value.view_2d(); // (D, M)
        let dx = dout.dot(&w.t()); // (N, D)
        self.w.grad = self.x.t().dot(&dout).into_dyn(); // (D, M)
        self.b.grad = dout.sum_axis(Axis(0)).into_dyn(); // (M,)
        dx.reshape_to(&self.original_x_shape) // the shape x came in
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
