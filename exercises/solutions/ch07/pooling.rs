//! Solution: the max Pooling layer, with your im2col and col2im.

use dlfs::layers::TensorShape;
use dlfs::layers::shape::ReshapeTo;
use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::{Array1, Array2};

use crate::ch07::col2im::col2im;
use crate::ch07::im2col::im2col;

/// Max pooling over PH × PW windows, moved `stride` pixels at a time.
#[derive(Debug, Clone)]
pub struct Pooling {
    pub pool_h: usize,
    pub pool_w: usize,
    pub stride: usize,
    pub pad: usize,
    /// The input's shape (N, C, H, W), from the last forward.
    x_shape: (usize, usize, usize, usize),
    /// Where each window's max was, from the last forward.
    arg_max: Array1<usize>,
}

impl Pooling {
    pub fn new(pool_h: usize, pool_w: usize, stride: usize, pad: usize) -> Self {
        Pooling {
            pool_h,
            pool_w,
            stride,
            pad,
            x_shape: (0, 0, 0, 0),
            arg_max: Array1::zeros(0),
        }
    }
}

impl<F: Float> Layer<F> for Pooling {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        let x = x.into_4d(); // (N, C, H, W)
        let (n, c, h, w) = x.dim();
        let (ph, pw) = (self.pool_h, self.pool_w);
        let out_h = 1 + (h + 2 * self.pad - ph) / self.stride;
        let out_w = 1 + (w + 2 * self.pad - pw) / self.stride;
        let col = im2col(x.view(), ph, pw, self.stride, self.pad); // (N·OH·OW, C·PH·PW)
        let col = col
            .into_shape_with_order((n * out_h * out_w * c, ph * pw))
            .expect("standard layout"); // one row per window and channel
        let mut out = Array1::zeros(col.nrows());
        self.arg_max = Array1::zeros(col.nrows());
        for (i, row) in col.rows().into_iter().enumerate() {
            let (mut best, mut arg) = (row[0], 0);
            for (j, &v) in row.iter().enumerate() {
                if v > best {
                    (best, arg) = (v, j);
                }
            }
            out[i] = best; // np.max(col, axis=1)
            self.arg_max[i] = arg; // np.argmax(col, axis=1)
        }
        self.x_shape = (n, c, h, w);
        out.into_shape_with_order((n, out_h, out_w, c))
            .expect("standard layout")
            .permuted_axes([0, 3, 1, 2]) // (N, C, OH, OW)
            .as_standard_layout()
            .into_owned()
            .into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_4d().permuted_axes([0, 2, 3, 1]); // (N, OH, OW, C)
        let dout = dout.as_standard_layout(); // flattened in that order below
        let pool_size = self.pool_h * self.pool_w;
        let mut dmax = Array2::zeros((self.arg_max.len(), pool_size)); // (N·OH·OW·C, PH·PW)
        for ((mut row, &arg), &d) in dmax
            .rows_mut()
            .into_iter()
            .zip(&self.arg_max)
            .zip(dout.iter())
        {
            row[arg] = d; // dmax[i, arg_max[i]] = dout[i]
        }
        let rows = self.arg_max.len() / self.x_shape.1; // N·OH·OW
        let dcol = dmax
            .reshape_to(&[rows, self.x_shape.1 * pool_size])
            .into_2d(); // (N·OH·OW, C·PH·PW)
        let (ph, pw) = (self.pool_h, self.pool_w);
        let dx = col2im(dcol.view(), self.x_shape, ph, pw, self.stride, self.pad);
        dx.into_dyn() // (N, C, H, W)
    }
}
