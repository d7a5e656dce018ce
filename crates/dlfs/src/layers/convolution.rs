use ndarray::{Array1, Array4};
use rand::Rng;

use super::shape::{ReshapeTo, TensorShape, unused_dx};
use super::{Layer, Mode, Param, Tensor};
use crate::Float;
use dlfs_engine::conv::{Window, col2im_dot, conv_forward, conv_param_grads};

// ANCHOR: convolution
/// Convolution layer: FN filters of C × FH × FW slide over the input, each giving one output
/// channel:
/// `out[n, f, oy, ox] = Σ_{c,fy,fx} W[f, c, fy, fx] · x[n, c, oy·S + fy − P, ox·S + fx − P] + b[f]`
///
/// With im2col (every window a row of `col`) it is one matrix product: out = col · col_Wᵀ + b
/// with col_W = W.reshape(FN, −1), reshaped to (N, FN, OH, OW). Backward: db = Σ dout,
/// dW = doutᵀ · col, dcol = dout · col_W, and col2im(dcol) adds each row back into its window.
///
/// # Shapes
/// - `x`: (N, C, H, W); `W`: (FN, C, FH, FW); `b`: (FN,)
/// - `col`: (N·OH·OW, C·FH·FW); `col_W`: (FN, C·FH·FW)
/// - `out`, `dout`: (N, FN, OH, OW) with OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1
#[derive(Debug, Clone)]
pub struct Convolution<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    pub stride: usize,
    pub pad: usize,
    x: Array4<F>,
    needs_dx: bool,
}

impl<F: Float> Layer<F> for Convolution<F> {
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let (x, window) = (x.into_4d(), self.window()); // (N, C, H, W)
        let col_w = self.w.value.view_rows(); // (FN, C·FH·FW) = W.reshape(FN, -1)
        let b = self.b.value.view_1d(); // (FN,)
        // col = im2col(x, FH, FW, S, P); out = np.dot(col, col_W.T) + b, reshaped to
        // (N, FN, OH, OW); x kept for backward in training, which builds col from it again
        let out = conv_forward(x.view(), window, col_w, b);
        if mode == Mode::Train {
            self.x = x;
        }
        out.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_4d(); // (N, FN, OH, OW)
        let (db, dw) = conv_param_grads(dout.view(), self.x.view(), self.window()); // doutᵀ·col
        self.b.grad = db.into_dyn(); // (FN,)
        self.w.grad = dw.reshape_to(self.w.value.shape()); // (FN, C, FH, FW)
        if !self.needs_dx {
            return unused_dx();
        }
        let col_w = self.w.value.view_rows(); // (FN, C·FH·FW)
        let dx = col2im_dot(dout.view(), col_w, self.x.dim(), self.window()); // col2im(dout·col_W)
        dx.into_dyn() // (N, C, H, W)
    }

    super::params!(w, b); // fn params, fn params_mut: W and b

    fn set_needs_dx(&mut self, needs_dx: bool) {
        self.needs_dx = needs_dx;
    }
}
// ANCHOR_END: convolution

impl<F: Float> Convolution<F> {
    /// A convolution with filters `w` (FN, C, FH, FW) and bias `b` (FN,).
    pub fn new(w: Param<F>, b: Param<F>, stride: usize, pad: usize) -> Self {
        assert_eq!(
            w.value.ndim(),
            4,
            "Convolution: W must be (FN, C, FH, FW), got {:?}",
            w.value.shape()
        );
        assert_eq!(
            b.value.shape(),
            &w.value.shape()[..1],
            "Convolution: b must be (FN,) for W (FN, C, FH, FW)"
        );
        assert!(stride >= 1, "Convolution: stride must be at least 1");
        let w = Param {
            value: w.value.as_standard_layout().into_owned(), // col_W is a view of it
            ..w
        };
        Convolution {
            w,
            b,
            stride,
            pad,
            x: Array4::zeros((0, 0, 0, 0)),
            needs_dx: true,
        }
    }

    /// W = std · randn(FN, C, FH, FW), b = 0: the book's initialisation, named "W{k}", "b{k}".
    pub fn init(
        k: usize,
        (filter_num, channels, fh, fw): (usize, usize, usize, usize),
        stride: usize,
        pad: usize,
        std: F,
        rng: &mut impl Rng,
    ) -> Self {
        let w = crate::float::randn::<F, _>((filter_num, channels, fh, fw), rng)
            .mapv(|v| v * std)
            .into_dyn();
        let w = Param::new(format!("W{k}"), w, true);
        let b = Param::new(format!("b{k}"), Array1::zeros(filter_num).into_dyn(), false);
        Self::new(w, b, stride, pad)
    }

    /// The filter window: (FH, FW), stride and padding.
    pub fn window(&self) -> Window {
        let s = self.w.value.shape();
        Window::new(s[2], s[3], self.stride, self.pad)
    }
}
