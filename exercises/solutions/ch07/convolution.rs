//! Solution: the Convolution layer, with your im2col and col2im.

use dlfs::layers::TensorShape;
use dlfs::layers::shape::ReshapeTo;
use dlfs::{Float, Layer, Mode, Param, Tensor};
use ndarray::{Array1, Array2, Axis};
use rand::Rng;

use crate::ch07::col2im::col2im;
use crate::ch07::im2col::im2col;

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

    /// (FH, FW) of the filters.
    fn filter_size(&self) -> (usize, usize) {
        let shape = self.w.value.shape(); // (FN, C, FH, FW)
        (shape[2], shape[3])
    }
}

impl<F: Float> Layer<F> for Convolution<F> {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        let x = x.into_4d(); // (N, C, H, W)
        let (n, _, h, w) = x.dim();
        let (fh, fw) = self.filter_size();
        let out_h = 1 + (h + 2 * self.pad - fh) / self.stride;
        let out_w = 1 + (w + 2 * self.pad - fw) / self.stride;
        let col = im2col(x.view(), fh, fw, self.stride, self.pad); // (N·OH·OW, C·FH·FW)
        let col_w = self.w.value.view_rows(); // (FN, C·FH·FW)
        let out = col.dot(&col_w.t()) + self.b.value.view_1d(); // (N·OH·OW, FN)
        let filter_num = out.ncols();
        let out = out
            .into_shape_with_order((n, out_h, out_w, filter_num))
            .expect("a new array is in standard layout")
            .permuted_axes([0, 3, 1, 2]); // (N, FN, OH, OW)
        self.x_shape = x.dim();
        self.col = col;
        out.as_standard_layout().into_owned().into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_4d(); // (N, FN, OH, OW)
        let filter_num = dout.shape()[1];
        let dout = dout
            .permuted_axes([0, 2, 3, 1]) // (N, OH, OW, FN)
            .reshape_to(&[self.col.nrows(), filter_num])
            .into_2d(); // (N·OH·OW, FN)
        let w_shape = self.w.value.shape().to_vec();
        self.b.grad = dout.sum_axis(Axis(0)).into_dyn(); // (FN,)
        self.w.grad = dout.t().dot(&self.col).reshape_to(&w_shape); // (FN, C·FH·FW) → W's shape
        let dcol = dout.dot(&self.w.value.view_rows()); // (N·OH·OW, C·FH·FW)
        let (fh, fw) = self.filter_size();
        let dx = col2im(dcol.view(), self.x_shape, fh, fw, self.stride, self.pad);
        dx.into_dyn() // (N, C, H, W)
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
