use ndarray::Array4;

use super::{Layer, Mode, Tensor, TensorShape};
use crate::Float;
use dlfs_engine::conv::Window;
use dlfs_engine::pool::{max_pool, max_pool_backward};

// ANCHOR: pooling
/// Max pooling: each output is the largest value of its PH × PW window, channel by channel:
/// out[n, c, oy, ox] = max_{py, px} x[n, c, oy·S + py − P, ox·S + px − P].
///
/// The book takes the windows out with im2col, one row of PH·PW values per window and channel,
/// and keeps each row's max and arg max. Backward puts each dout at its window's arg max (0
/// elsewhere) and col2im adds the windows back. The engine's `max_pool` gives the same numbers
/// (a test checks it against that book-shaped version) by scanning each window in place.
///
/// # Shapes
/// - `x`: (N, C, H, W); `out`, `dout`, `arg_max`: (N, C, OH, OW); `dx`: like `x`
#[derive(Debug, Clone)]
pub struct Pooling {
    pub pool_h: usize,
    pub pool_w: usize,
    pub stride: usize,
    pub pad: usize,
    x_shape: (usize, usize, usize, usize),
    arg_max: Array4<u8>,
}

impl<F: Float> Layer<F> for Pooling {
    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        let x = x.into_4d(); // (N, C, H, W)
        self.x_shape = x.dim();
        // out = max of each window, arg_max = where it was
        let out = max_pool(x.view(), self.window(), &mut self.arg_max);
        out.into_dyn() // (N, C, OH, OW)
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let dout = dout.into_4d(); // (N, C, OH, OW)
        // dmax[arg_max] = dout; dx = col2im(dmax)
        let dx = max_pool_backward(
            dout.view(),
            self.arg_max.view(),
            self.x_shape,
            self.window(),
        );
        dx.into_dyn() // (N, C, H, W)
    }
}
// ANCHOR_END: pooling

impl Pooling {
    /// A `pool_h` × `pool_w` max pooling moved `stride` pixels at a time over the input padded by
    /// `pad` (the book's default stride is the pool size, so windows do not overlap).
    pub fn new(pool_h: usize, pool_w: usize, stride: usize, pad: usize) -> Self {
        Window::new(pool_h, pool_w, stride, pad); // checks the sizes
        assert!(
            pool_h * pool_w <= 256,
            "Pooling: a window has at most 256 positions (arg_max is stored in a byte)"
        );
        Pooling {
            pool_h,
            pool_w,
            stride,
            pad,
            x_shape: (0, 0, 0, 0),
            arg_max: Array4::zeros((0, 0, 0, 0)),
        }
    }

    /// The window: (PH, PW), stride and padding.
    pub fn window(&self) -> Window {
        Window::new(self.pool_h, self.pool_w, self.stride, self.pad)
    }
}
