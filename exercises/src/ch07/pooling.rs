//! # Exercise: the max Pooling layer
//!
//! Each output is the largest value of its PH × PW window, channel by channel:
//!
//! out[n, c, oy, ox] = max_{py, px} x[n, c, oy·S + py − P, ox·S + px − P]
//!
//! With your im2col: take the windows out (N·OH·OW, C·PH·PW), view them as one row of PH·PW
//! values per window and channel, and keep each row's max and where it was (`arg_max`); the
//! maxes, (N, OH, OW, C), moved to (N, C, OH, OW), are the output.
//!
//! Backward: only the max of a window moved the output, so each dout goes to its window's
//! arg max and nothing to the others: a zero row of PH·PW values per window and channel
//! with dout at arg_max; then your col2im adds the windows back into dx.
//!
//! # Shapes
//! - `x`, `dx`: (N, C, H, W); `out`, `dout`: (N, C, OH, OW)
//! - `arg_max`: (N·OH·OW·C,), one position in 0..PH·PW per window and channel

use dlfs::{Float, Layer, Mode, Tensor};
use ndarray::Array1;

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
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        // TODO: x as (N, C, H, W); OH, OW; col = your im2col with the pool's window, reshaped
        // to (N·OH·OW·C, PH·PW); per row: the max and its index (kept in self.arg_max);
        // the maxes as (N, OH, OW, C) → (N, C, OH, OW) (`permuted_axes`, `as_standard_layout`).
        let _ = (x, mode);
        todo!("Pooling::forward")
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        // TODO: dout (N, C, OH, OW) → (N, OH, OW, C) in standard layout, flattened;
        // dmax = zeros (N·OH·OW·C, PH·PW) with dmax[i, arg_max[i]] = dout[i];
        // reshape to (N·OH·OW, C·PH·PW) and col2im it back to x's shape.
        let _ = dout;
        todo!("Pooling::backward")
    }
}
