//! # Exercise: the Convolution layer
//!
//! FN filters of C × FH × FW slide over the input, each giving one output channel:
//!
//! `out[n, f, oy, ox] = Σ_{c, fy, fx} W[f, c, fy, fx] · x[n, c, oy·S + fy − P, ox·S + fx − P] + b[f]`
//!
//! With your im2col that is one matrix product: col = im2col(x), col_W = W reshaped to
//! (FN, C·FH·FW), out = col · col_Wᵀ + b, whose rows are (n, oy, ox): reshape it to
//! (N, OH, OW, FN) and move the channels forward to (N, FN, OH, OW).
//!
//! Backward reverses it: dout back to (N·OH·OW, FN), then
//! db = Σ_rows dout, dW = doutᵀ · col (reshaped to W's shape), dcol = dout · col_W,
//! dx = col2im(dcol) with your col2im.
//!
//! # Shapes
//! - `x`: (N, C, H, W); `W`: (FN, C, FH, FW); `b`: (FN,)
//! - `col`: (N·OH·OW, C·FH·FW); `col_W`: (FN, C·FH·FW)
//! - `out`, `dout`: (N, FN, OH, OW), OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1

use dlfs::{Float, Layer, Mode, Param, Tensor};
use ndarray::{Array1, Array2};
use rand::Rng;

/// Convolution with filters `w` (FN, C, FH, FW), bias `b` (FN,), a stride and a padding.
#[derive(Debug, Clone)]
pub struct Convolution<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    pub stride: usize,
    pub pad: usize,
    /// The input's shape (N, C, H, W), from the last forward.
    x_shape: (usize, usize, usize, usize),
    /// im2col of the last input, (N·OH·OW, C·FH·FW).
    col: Array2<F>,
}

impl<F: Float> Convolution<F> {
    pub fn new(w: Param<F>, b: Param<F>, stride: usize, pad: usize) -> Self {
        assert_eq!(w.value.ndim(), 4, "Convolution: W must be (FN, C, FH, FW)");
        // in standard (row-major) order, so that W can be viewed as (FN, C·FH·FW)
        let w = Param {
            value: w.value.as_standard_layout().into_owned(),
            ..w
        };
        Convolution {
            w,
            b,
            stride,
            pad,
            x_shape: (0, 0, 0, 0),
            col: Array2::zeros((0, 0)),
        }
    }

    /// W = std · N(0, 1) of shape `filters` (FN, C, FH, FW), b = 0, named "W{k}" and "b{k}".
    pub fn init(
        k: usize,
        filters: (usize, usize, usize, usize),
        stride: usize,
        pad: usize,
        std: F,
        rng: &mut impl Rng,
    ) -> Self {
        let w = dlfs::float::randn::<F, _>(filters, rng).mapv(|v| v * std);
        let w = Param::new(format!("W{k}"), w.into_dyn(), true);
        let b = Param::new(
            format!("b{k}"),
            Array1::<F>::zeros(filters.0).into_dyn(),
            false,
        );
        Self::new(w, b, stride, pad)
    }
}

impl<F: Float> Layer<F> for Convolution<F> {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: x as (N, C, H, W) (`x.into_4d()`, dlfs::layers::TensorShape); FH, FW from
        // W's shape; OH, OW; col = your im2col (`crate::ch07::im2col::im2col`), kept in
        // self.col with x's shape; col_W = `self.w.value.view_rows()`; out = col·col_Wᵀ + b;
        // (N·OH·OW, FN) → (N, OH, OW, FN) → `permuted_axes([0, 3, 1, 2])` → `as_standard_layout`.
        let _ = (x, mode);
        todo!("Convolution::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dout (N, FN, OH, OW) → `permuted_axes([0, 2, 3, 1])` → standard layout →
        // (N·OH·OW, FN); db, dW (reshaped to W's shape: `ReshapeTo::reshape_to`), then
        // dcol = dout·col_W and dx = your col2im (`crate::ch07::col2im::col2im`).
        let _ = dout;
        todo!("Convolution::backward")
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
