use ndarray::{Array4, Ix4};

use super::{Layer, Mode, Tensor};
use crate::Float;
use crate::im2col::Window;
use dlfs_engine::parallel::{IMAGES_PER_TASK, par_tasks};

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
/// - `arg_max`: (N, C, OH, OW), the position py·PW + px of each maximum in its window (a byte)
/// - `dout`: like `out`; `dx`: like `x`
#[derive(Debug, Clone)]
pub struct Pooling {
    pub pool_h: usize,
    pub pool_w: usize,
    pub stride: usize,
    pub pad: usize,
    /// The input's shape (N, C, H, W): dx is given back in it.
    x_shape: (usize, usize, usize, usize),
    /// Where each window's maximum was, kept in training: backward routes dout there.
    arg_max: Option<Array4<u8>>,
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
            arg_max: None,
        }
    }

    /// The window: (PH, PW), stride and padding.
    pub fn window(&self) -> Window {
        Window::new(self.pool_h, self.pool_w, self.stride, self.pad)
    }
}

/// Max pooling of one channel `x_p` (H × W) into `out_p` (OH × OW), with each maximum's
/// position py·PW + px in its window in `arg_p`.
fn pool_plane<F: Float>(
    x_p: &[F],
    hw: (usize, usize),
    win: Window,
    out_p: &mut [F],
    arg_p: &mut [u8],
) {
    match (win.fh, win.fw) {
        // the book's 2×2 windows, with the size known to the compiler: the loops unroll (2x faster)
        (2, 2) => pool_plane_body(
            x_p,
            hw,
            Window {
                fh: 2,
                fw: 2,
                ..win
            },
            out_p,
            arg_p,
        ),
        _ => pool_plane_body(x_p, hw, win, out_p, arg_p),
    }
}

// ANCHOR: pool_plane
/// The work of [`pool_plane`]: each output row, windows reaching into the padding first (value
/// by value), then the windows inside the image (straight slices of it).
#[inline(always)]
fn pool_plane_body<F: Float>(
    x_p: &[F],
    (h, w): (usize, usize),
    win: Window,
    out_p: &mut [F],
    arg_p: &mut [u8],
) {
    let (ph, pw, s, p) = (win.fh, win.fw, win.stride, win.pad);
    let (oh, ow) = win.out_size(h, w);
    // windows ox in lo..hi lie inside the image horizontally: ox·S ≥ P and ox·S − P + PW ≤ W
    let lo = p.div_ceil(s).min(ow);
    let hi = if w + p >= pw { (w + p - pw) / s + 1 } else { 0 }.clamp(lo, ow);
    for oy in 0..oh {
        let y0 = oy * s; // top of the windows, in padded coordinates
        let out_row = &mut out_p[oy * ow..(oy + 1) * ow];
        let arg_row = &mut arg_p[oy * ow..(oy + 1) * ow];
        // a window that reaches into the padding, whose values are 0, checked value by value
        let padded = |ox: usize| {
            let mut max = WindowMax::new();
            for py in 0..ph {
                for px in 0..pw {
                    let (iy, ix) = ((y0 + py).wrapping_sub(p), (ox * s + px).wrapping_sub(p));
                    let v = if iy < h && ix < w {
                        x_p[iy * w + ix]
                    } else {
                        F::zero()
                    };
                    max.consider(v, py * pw + px);
                }
            }
            max
        };
        let rows_inside = y0 >= p && y0 - p + ph <= h;
        let (lo, hi) = if rows_inside { (lo, hi) } else { (ow, ow) };
        for ox in (0..lo).chain(hi..ow) {
            (out_row[ox], arg_row[ox]) = padded(ox).result();
        }
        for ox in lo..hi {
            // the whole window lies inside the image: no checks
            let (top, left) = (y0 - p, ox * s - p);
            let mut max = WindowMax::new();
            for py in 0..ph {
                let row = &x_p[(top + py) * w + left..(top + py) * w + left + pw];
                for px in 0..pw {
                    max.consider(row[px], py * pw + px);
                }
            }
            (out_row[ox], arg_row[ox]) = max.result();
        }
    }
}

/// The running maximum of one window and where it was.
#[derive(Clone, Copy)]
struct WindowMax<F> {
    best: F,
    at: usize,
}

impl<F: Float> WindowMax<F> {
    #[inline(always)]
    fn new() -> Self {
        WindowMax {
            best: F::neg_infinity(),
            at: 0,
        }
    }

    /// Takes value `v` at window position `k` into account. A select, not a branch: on real data
    /// "is this value larger" is a coin toss that a branch predictor keeps losing.
    #[inline(always)]
    fn consider(&mut self, v: F, k: usize) {
        let larger = v > self.best; // strictly: the first maximum wins, like np.argmax
        self.best = if larger { v } else { self.best };
        self.at = if larger { k } else { self.at };
    }

    #[inline(always)]
    fn result(self) -> (F, u8) {
        (self.best, self.at as u8)
    }
}
// ANCHOR_END: pool_plane

/// Backward of [`pool_plane`]: adds each dout to the input position its window's maximum came
/// from, in `dx_p` (H × W).
fn unpool_plane<F: Float>(
    dout_p: &[F],
    arg_p: &[u8],
    hw: (usize, usize),
    win: Window,
    dx_p: &mut [F],
) {
    match (win.fh, win.fw) {
        (2, 2) => unpool_plane_body(
            dout_p,
            arg_p,
            hw,
            Window {
                fh: 2,
                fw: 2,
                ..win
            },
            dx_p,
        ),
        _ => unpool_plane_body(dout_p, arg_p, hw, win, dx_p),
    }
}

// ANCHOR: unpool_plane
/// The work of [`unpool_plane`]: dout goes back to where each window's maximum was.
#[inline(always)]
fn unpool_plane_body<F: Float>(
    dout_p: &[F],
    arg_p: &[u8],
    (h, w): (usize, usize),
    win: Window,
    dx_p: &mut [F],
) {
    let (pw, s, p) = (win.fw, win.stride, win.pad);
    let (oh, ow) = win.out_size(h, w);
    for oy in 0..oh {
        for ox in 0..ow {
            let a = usize::from(arg_p[oy * ow + ox]);
            let (py, px) = (a / pw, a % pw); // the arg max as (row, column) in the window
            let (iy, ix) = ((oy * s + py).wrapping_sub(p), (ox * s + px).wrapping_sub(p));
            if iy < h && ix < w {
                dx_p[iy * w + ix] += dout_p[oy * ow + ox]; // dx[arg max] += dout
            }
        }
    }
}

// ANCHOR_END: unpool_plane

// ANCHOR: pooling_layer
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
        let mut arg_max = Array4::<u8>::zeros(match mode {
            Mode::Train => (n, c, oh, ow), // (N, C, OH, OW)
            Mode::Test => (0, 0, 0, 0),    // not needed without a backward
        });
        let (plane_in, plane_out) = (h * w, oh * ow);
        let x_flat = x.as_slice().expect("standard layout");
        let keep = mode == Mode::Train;
        let task = IMAGES_PER_TASK * c; // channel planes per task
        let body = |(outs, xs): (&mut [F], &[F]), args: &mut [u8]| {
            // one channel plane at a time: out[n, c] from x[n, c]
            let planes = outs.chunks_mut(plane_out).zip(xs.chunks(plane_in));
            for ((out_p, x_p), arg_p) in planes.zip(args.chunks_mut(plane_out)) {
                pool_plane(x_p, (h, w), win, out_p, arg_p);
            }
        };
        let tasks = out
            .as_slice_mut()
            .expect("new array")
            .chunks_mut(task * plane_out)
            .zip(x_flat.chunks(task * plane_in));
        if keep {
            let arg_flat = arg_max.as_slice_mut().expect("new array");
            let tasks = tasks.zip(arg_flat.chunks_mut(task * plane_out));
            par_tasks(tasks.collect(), |(t, args)| body(t, args));
        } else {
            par_tasks(tasks.collect(), |t| body(t, &mut vec![0; task * plane_out])); // a throwaway arg max
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
        let mut dx = dlfs_engine::parallel::zeros((n, c, h, w)); // (N, C, H, W)
        let task = IMAGES_PER_TASK * c;
        let tasks = dx
            .as_slice_mut()
            .unwrap()
            .chunks_mut(task * plane_in)
            .zip(dout.as_slice().unwrap().chunks(task * plane_out))
            .zip(arg_max.as_slice().unwrap().chunks(task * plane_out));
        par_tasks(tasks.collect(), |((dxs, douts), args)| {
            let planes = dxs.chunks_mut(plane_in).zip(douts.chunks(plane_out));
            for ((dx_p, dout_p), arg_p) in planes.zip(args.chunks(plane_out)) {
                unpool_plane(dout_p, arg_p, (h, w), win, dx_p);
            }
        });
        dx.into_dyn()
    }
}
// ANCHOR_END: pooling_layer
