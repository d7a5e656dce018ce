use ndarray::{Array1, Array2, Array4, ArrayView2, ArrayViewMut2, Ix1, Ix4};
use rand::Rng;

use super::{Layer, Mode, Param, Tensor};
use crate::Float;
use crate::im2col::{Window, col2im_image, im2col_image};
use dlfs_engine::linalg::matmul;
use dlfs_engine::parallel::{IMAGES_PER_TASK, par_map_tasks, par_tasks};

// ANCHOR: convolution
/// Convolution layer: FN filters of C × FH × FW slide over the input, each giving one output
/// channel: out[n, f, oy, ox] = Σ_{c, fy, fx} W[f, c, fy, fx] · x[n, c, oy·S + fy − P, ox·S + fx − P] + b[f].
///
/// With im2col it is one matrix product per image: `col` holds the image's windows as rows,
/// `col_w` = W.reshape(FN, −1) the filters as rows, and out[n]ᵀ = col[n] · col_wᵀ + b, the
/// book's `np.dot(col, col_W) + b` written through a transposed view, so that it lands in
/// (FN, OH, OW) order without the book's final `transpose(0, 3, 1, 2)` copy.
///
/// Backward (dout[n] as (FN, OH·OW)): db = Σ dout over n, oy, ox;
/// dW = Σ_n dout[n] · col[n] (the book's `np.dot(col.T, dout)`);
/// dcol[n] = dout[n]ᵀ · col_w, which col2im adds back into the windows to give dx.
///
/// # Shapes
/// - `x`: (N, C, H, W)
/// - `W`: (FN, C, FH, FW), `b`: (FN,)
/// - `col`: (N·OH·OW, C·FH·FW), `col_w`: (FN, C·FH·FW)
/// - `out`: (N, FN, OH, OW) with OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1
/// - `dout`: like `out`; `dx`: like `x`
#[derive(Debug, Clone)]
pub struct Convolution<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    pub stride: usize,
    pub pad: usize,
    /// The shape (N, C, H, W) of the last input in training: dx is given back in it.
    x_shape: (usize, usize, usize, usize),
    /// The windows of the last input in training: dW needs them.
    col: Option<Array2<F>>,
    /// Whether backward computes dx (not for a network's first layer).
    needs_dx: bool,
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
        Convolution {
            w,
            b,
            stride,
            pad,
            x_shape: (0, 0, 0, 0),
            col: None,
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

    /// W.reshape(FN, −1): one filter per row, (FN, C·FH·FW).
    fn col_w(&self) -> ArrayView2<'_, F> {
        let s = self.w.value.shape();
        let fn_ = s[0];
        let k = s[1] * s[2] * s[3];
        let w = self
            .w
            .value
            .as_slice()
            .expect("Convolution: W is contiguous");
        ArrayView2::from_shape((fn_, k), w).expect("(FN, C·FH·FW)")
    }
}

// ANCHOR: convolution_layer
impl<F: Float> Layer<F> for Convolution<F> {
    fn name(&self) -> &'static str {
        "Convolution"
    }

    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let x = x
            .into_dimensionality::<Ix4>()
            .expect("Convolution: x must be (N, C, H, W)"); // (N, C, H, W)
        let x = x.as_standard_layout();
        let (n, c, h, w) = x.dim();
        let fn_ = self.w.value.shape()[0];
        assert_eq!(
            c,
            self.w.value.shape()[1],
            "Convolution: x has {c} channels but W is {:?}",
            self.w.value.shape()
        );
        let win = self.window();
        let (oh, ow) = win.out_size(h, w);
        let k = c * win.fh * win.fw; // C·FH·FW: one window as a row
        // In training the windows are kept for backward (in the buffer of the last training
        // step when the shape is the same: im2col overwrites every value); in testing each task
        // uses a small buffer of its own.
        let mut col = match mode {
            Mode::Train => match self.col.take() {
                Some(col) if col.dim() == (n * oh * ow, k) => col,
                _ => Array2::<F>::zeros((n * oh * ow, k)), // (N·OH·OW, C·FH·FW)
            },
            Mode::Test => Array2::<F>::zeros((0, k)),
        };
        let col_w = self.col_w(); // (FN, C·FH·FW)
        let b = self.b.value.view().into_dimensionality::<Ix1>().unwrap(); // (FN,)

        let mut out = dlfs_engine::parallel::zeros((n, fn_, oh, ow)); // (N, FN, OH, OW)
        let (x_len, col_len, out_len) = (c * h * w, oh * ow * k, fn_ * oh * ow);
        let x_flat = x.as_slice().expect("standard layout");
        let out_flat = out.as_slice_mut().expect("new array");
        let col_flat = col.as_slice_mut().expect("new array");
        let forward_image = |x_n: &[F], col_n: &mut [F], out_n: &mut [F]| {
            im2col_image(x_n, (c, h, w), win, col_n); // col[n]: (OH·OW, C·FH·FW)
            let col_n = ArrayView2::from_shape((oh * ow, k), &*col_n).unwrap();
            let mut out_n = ArrayViewMut2::from_shape((fn_, oh * ow), out_n).unwrap(); // (FN, OH·OW)
            for (mut row, &bf) in out_n.rows_mut().into_iter().zip(b.iter()) {
                row.fill(bf); // out[n] = b
            }
            // out[n]ᵀ += col[n] · col_wᵀ: the book's np.dot(col, col_W), (OH·OW, FN), written
            // straight into (FN, OH·OW) order through a transposed view
            let mut out_t = out_n.reversed_axes(); // (OH·OW, FN)
            matmul(F::one(), &col_n, &col_w.t(), F::one(), &mut out_t);
        };
        let per_task = IMAGES_PER_TASK;
        let tasks = out_flat
            .chunks_mut(per_task * out_len)
            .zip(x_flat.chunks(per_task * x_len));
        if col_flat.is_empty() {
            par_tasks(tasks.collect(), |(outs, xs)| {
                let mut col_n = vec![F::zero(); col_len]; // one image's windows, reused
                for (out_n, x_n) in outs.chunks_mut(out_len).zip(xs.chunks(x_len)) {
                    forward_image(x_n, &mut col_n, out_n);
                }
            });
        } else {
            let tasks = tasks.zip(col_flat.chunks_mut(per_task * col_len));
            par_tasks(tasks.collect(), |((outs, xs), cols)| {
                let images = outs.chunks_mut(out_len).zip(xs.chunks(x_len));
                for ((out_n, x_n), col_n) in images.zip(cols.chunks_mut(col_len)) {
                    forward_image(x_n, col_n, out_n);
                }
            });
        }
        if mode == Mode::Train {
            self.x_shape = (n, c, h, w);
            self.col = Some(col);
        }
        out.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let col = self
            .col
            .as_ref()
            .expect("Convolution::backward called without a forward in Mode::Train"); // (N·OH·OW, C·FH·FW)
        let dout = dout
            .into_dimensionality::<Ix4>()
            .expect("Convolution: dout must be (N, FN, OH, OW)"); // (N, FN, OH, OW)
        let dout = dout.as_standard_layout();
        let (n, c, h, w) = self.x_shape;
        let (fn_, k) = (self.w.value.shape()[0], col.ncols());
        let win = self.window();
        let (oh, ow) = win.out_size(h, w);
        assert_eq!(
            dout.dim(),
            (n, fn_, oh, ow),
            "Convolution: dout does not match the output's shape"
        );
        let (col_len, dout_len) = (oh * ow * k, fn_ * oh * ow);
        let col_flat = col.as_slice().expect("standard layout");
        let dout_flat = dout.as_slice().expect("standard layout");

        // db and dW are sums over the images: each task sums its own images, then the tasks'
        // sums are added in task order, so the result does not depend on the thread count.
        let tasks = dout_flat
            .chunks(IMAGES_PER_TASK * dout_len)
            .zip(col_flat.chunks(IMAGES_PER_TASK * col_len));
        let partial: Vec<(Array1<F>, Array2<F>)> =
            par_map_tasks(tasks.collect(), |(douts, cols)| {
                let mut db = Array1::<F>::zeros(fn_); // (FN,)
                let mut dw = Array2::<F>::zeros((fn_, k)); // (FN, C·FH·FW)
                for (dout_n, col_n) in douts.chunks(dout_len).zip(cols.chunks(col_len)) {
                    let dout_n = ArrayView2::from_shape((fn_, oh * ow), dout_n).unwrap(); // (FN, OH·OW)
                    let col_n = ArrayView2::from_shape((oh * ow, k), col_n).unwrap(); // (OH·OW, C·FH·FW)
                    for (d, row) in db.iter_mut().zip(dout_n.rows()) {
                        *d += row.sum(); // db += np.sum(dout[n], axis=(1, 2))
                    }
                    matmul(F::one(), &dout_n, &col_n, F::one(), &mut dw.view_mut()); // dW += dout[n] · col[n]
                }
                (db, dw)
            });
        let mut db = Array1::<F>::zeros(fn_);
        let mut dw = Array2::<F>::zeros((fn_, k));
        for (db_t, dw_t) in &partial {
            db += db_t;
            dw += dw_t;
        }
        self.b.grad.assign(&db); // (FN,)
        self.w
            .grad
            .assign(&dw.into_shape_with_order(self.w.value.raw_dim()).unwrap()); // (FN, C, FH, FW)

        if !self.needs_dx {
            return Tensor::zeros(ndarray::IxDyn(&[0]));
        }
        let col_w = self.col_w(); // (FN, C·FH·FW)
        let mut dx = Array4::<F>::zeros((n, c, h, w)); // (N, C, H, W)
        let x_len = c * h * w;
        let tasks = dx
            .as_slice_mut()
            .unwrap()
            .chunks_mut(IMAGES_PER_TASK * x_len)
            .zip(dout_flat.chunks(IMAGES_PER_TASK * dout_len));
        par_tasks(tasks.collect(), |(dxs, douts)| {
            let mut dcol_n = Array2::<F>::zeros((oh * ow, k)); // (OH·OW, C·FH·FW), reused
            for (dx_n, dout_n) in dxs.chunks_mut(x_len).zip(douts.chunks(dout_len)) {
                let dout_n = ArrayView2::from_shape((fn_, oh * ow), dout_n).unwrap(); // (FN, OH·OW)
                matmul(
                    F::one(),
                    &dout_n.t(),
                    &col_w,
                    F::zero(),
                    &mut dcol_n.view_mut(),
                ); // dcol[n] = dout[n]ᵀ · col_w
                col2im_image(dcol_n.as_slice().unwrap(), (c, h, w), win, dx_n); // dx[n] += windows of dcol[n]
            }
        });
        dx.into_dyn()
    }

    fn set_needs_dx(&mut self, needs_dx: bool) {
        self.needs_dx = needs_dx;
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
// ANCHOR_END: convolution_layer
