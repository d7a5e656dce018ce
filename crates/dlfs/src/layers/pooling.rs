use ndarray::{Array4, Ix4};
use rayon::prelude::*;

use super::{Layer, Mode, Tensor};
use crate::Float;
use crate::im2col::{IMAGES_PER_TASK, Window};

// ANCHOR: pooling
/// Max pooling: each output is the largest value of its PH × PW window, channel by channel:
/// out[n, c, oy, ox] = max_{py, px} x[n, c, oy·S + py − P, ox·S + px − P] (padding counts as 0).
///
/// Only the largest value of a window reaches the output, so only it receives a gradient:
/// dx at the window's arg max gets dout[n, c, oy, ox], every other position 0 (added up where
/// windows overlap). The book finds the maxima by im2col and `np.argmax` over each row; here
/// each window is scanned in place, which gives the same values and the same arg max (the
/// first of equal maxima) without copying the windows out.
///
/// # Shapes
/// - `x`: (N, C, H, W)
/// - `out`: (N, C, OH, OW) with OH = (H + 2P − PH)/S + 1, OW = (W + 2P − PW)/S + 1
/// - `arg_max`: (N, C, OH, OW), the position py·PW + px of each maximum in its window
/// - `dout`: like `out`; `dx`: like `x`
#[derive(Debug)]
pub struct Pooling {
    pub pool_h: usize,
    pub pool_w: usize,
    pub stride: usize,
    pub pad: usize,
    /// The input's shape (N, C, H, W): dx is given back in it.
    x_shape: (usize, usize, usize, usize),
    /// Where each window's maximum was, kept in training: backward routes dout there.
    arg_max: Option<Array4<usize>>,
}

impl Pooling {
    /// A `pool_h` × `pool_w` max pooling moved `stride` pixels at a time over the input padded by
    /// `pad` (the book's default stride is the pool size, so windows do not overlap).
    pub fn new(pool_h: usize, pool_w: usize, stride: usize, pad: usize) -> Self {
        Window::new(pool_h, pool_w, stride, pad); // checks the sizes
        Pooling {
            pool_h,
            pool_w,
            stride,
            pad,
            x_shape: (0, 0, 0, 0),
            arg_max: None,
        }
    }

    /// The window: (PH, PW), stride and padding.
    pub fn window(&self) -> Window {
        Window::new(self.pool_h, self.pool_w, self.stride, self.pad)
    }
}

/// The maximum of one window of one channel `plane` (H × W) and its position py·PW + px.
fn window_max<F: Float>(
    plane: &[F],
    (h, w): (usize, usize),
    win: Window,
    (oy, ox): (usize, usize),
) -> (F, usize) {
    let mut best: Option<(F, usize)> = None;
    for py in 0..win.fh {
        let iy = (oy * win.stride + py).wrapping_sub(win.pad);
        for px in 0..win.fw {
            let ix = (ox * win.stride + px).wrapping_sub(win.pad);
            let v = if iy < h && ix < w {
                plane[iy * w + ix]
            } else {
                F::zero() // padding
            };
            if best.is_none_or(|(m, _)| v > m) {
                best = Some((v, py * win.fw + px)); // the first maximum, like np.argmax
            }
        }
    }
    best.expect("a window has at least one position")
}

impl<F: Float> Layer<F> for Pooling {
    fn name(&self) -> &'static str {
        "Pooling"
    }

    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let x = x
            .into_dimensionality::<Ix4>()
            .expect("Pooling: x must be (N, C, H, W)"); // (N, C, H, W)
        let x = x.as_standard_layout();
        let (n, c, h, w) = x.dim();
        let win = self.window();
        let (oh, ow) = win.out_size(h, w);
        let mut out = Array4::<F>::zeros((n, c, oh, ow)); // (N, C, OH, OW)
        let mut arg_max = Array4::<usize>::zeros(match mode {
            Mode::Train => (n, c, oh, ow), // (N, C, OH, OW)
            Mode::Test => (0, 0, 0, 0),    // not needed without a backward
        });
        let (plane_in, plane_out) = (h * w, oh * ow);
        let x_flat = x.as_slice().expect("standard layout");
        let keep = mode == Mode::Train;
        let task = IMAGES_PER_TASK * c; // channel planes per task
        let body = |(outs, xs): (&mut [F], &[F]), args: &mut [usize]| {
            // one channel plane at a time: out[n, c] from x[n, c]
            let planes = outs.chunks_mut(plane_out).zip(xs.chunks(plane_in));
            for ((out_p, x_p), arg_p) in planes.zip(args.chunks_mut(plane_out)) {
                for (r, (o, a)) in out_p.iter_mut().zip(arg_p.iter_mut()).enumerate() {
                    (*o, *a) = window_max(x_p, (h, w), win, (r / ow, r % ow));
                }
            }
        };
        let tasks = out
            .as_slice_mut()
            .expect("new array")
            .par_chunks_mut(task * plane_out)
            .zip(x_flat.par_chunks(task * plane_in));
        if keep {
            let arg_flat = arg_max.as_slice_mut().expect("new array");
            tasks
                .zip(arg_flat.par_chunks_mut(task * plane_out))
                .for_each(|(t, args)| body(t, args));
        } else {
            tasks.for_each(|t| body(t, &mut vec![0; task * plane_out])); // a throwaway arg max
        }
        self.x_shape = (n, c, h, w);
        self.arg_max = keep.then_some(arg_max);
        out.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let arg_max = self
            .arg_max
            .take()
            .expect("Pooling::backward called without a forward in Mode::Train"); // (N, C, OH, OW)
        let dout = dout
            .into_dimensionality::<Ix4>()
            .expect("Pooling: dout must be (N, C, OH, OW)"); // (N, C, OH, OW)
        let dout = dout.as_standard_layout();
        assert_eq!(
            dout.dim(),
            arg_max.dim(),
            "Pooling: dout does not match the output's shape"
        );
        let (n, c, h, w) = self.x_shape;
        let win = self.window();
        let (_, _, oh, ow) = arg_max.dim();
        let (plane_in, plane_out) = (h * w, oh * ow);
        let mut dx = Array4::<F>::zeros((n, c, h, w)); // (N, C, H, W)
        let task = IMAGES_PER_TASK * c;
        dx.as_slice_mut()
            .unwrap()
            .par_chunks_mut(task * plane_in)
            .zip(dout.as_slice().unwrap().par_chunks(task * plane_out))
            .zip(arg_max.as_slice().unwrap().par_chunks(task * plane_out))
            .for_each(|((dxs, douts), args)| {
                let planes = dxs.chunks_mut(plane_in).zip(douts.chunks(plane_out));
                for ((dx_p, dout_p), arg_p) in planes.zip(args.chunks(plane_out)) {
                    for (r, (&d, &a)) in dout_p.iter().zip(arg_p).enumerate() {
                        let (oy, ox) = (r / ow, r % ow);
                        let iy = (oy * win.stride + a / win.fw).wrapping_sub(win.pad);
                        let ix = (ox * win.stride + a % win.fw).wrapping_sub(win.pad);
                        if iy < h && ix < w {
                            dx_p[iy * w + ix] += d; // dx[arg max of the window] += dout
                        }
                    }
                }
            });
        dx.into_dyn()
    }
}
// ANCHOR_END: pooling
