//! Max pooling, fast: each window scanned where it lies in the image (no im2col copy), with
//! a branch-free running maximum, the book's 2×2 windows unrolled, planes spread over the cores,
//! the loops built for the widest vectors ([`widest_op`]). Neither direction writes zeros over
//! the batch first: each task writes every value of its planes, while they are in its cache.
//!
//! It gives the same values and the same arg max as the book's im2col + `np.argmax` per row
//! (the first of equal maxima; a NaN propagates); `dlfs`'s tests check it against a plain
//! book-shaped version.

use std::mem::MaybeUninit;

use ndarray::{Array4, ArrayView4};

use crate::Float;
use crate::conv::Window;
use crate::parallel::{IMAGES_PER_TASK, par_tasks};
use crate::simd::widest_op;
use pulp::{Simd, WithSimd};

/// Max pooling of a batch: out[n, c, oy, ox] = the largest value of its window (padding counts
/// as 0), and `arg_max` = where it was in the window, py·PW + px (a byte: at most 256 positions).
///
/// # Shapes
/// - `x`: (N, C, H, W)
/// - returns `out`, and fills `arg_max` (reusing its memory): (N, C, OH, OW)
pub fn max_pool<F: Float>(x: ArrayView4<F>, win: Window, arg_max: &mut Array4<u8>) -> Array4<F> {
    assert!(
        win.fh * win.fw <= 256,
        "max_pool: a window has at most 256 positions (arg_max is stored in a byte)"
    );
    let x = x.as_standard_layout();
    let (n, c, h, w) = x.dim();
    let (oh, ow) = win.out_size(h, w);
    let mut out = Array4::<F>::uninit((n, c, oh, ow)); // (N, C, OH, OW), every value written below
    if arg_max.dim() != (n, c, oh, ow) || !arg_max.is_standard_layout() {
        *arg_max = Array4::zeros((n, c, oh, ow));
    }
    let (plane_in, plane_out) = (h * w, oh * ow);
    let task = IMAGES_PER_TASK * c; // channel planes per task
    let tasks = out
        .as_slice_mut()
        .expect("new array")
        .chunks_mut(task * plane_out)
        .zip(
            x.as_slice()
                .expect("standard layout")
                .chunks(task * plane_in),
        )
        .zip(
            arg_max
                .as_slice_mut()
                .expect("standard layout")
                .chunks_mut(task * plane_out),
        );
    par_tasks(tasks.collect(), |((outs, xs), args)| {
        let hw = (h, w);
        widest_op(PoolPlanes {
            xs,
            hw,
            win,
            outs,
            args,
        });
    });
    // SAFETY: the tasks' chunks of `out` cover it (one chunk of planes for each chunk of x's
    // planes, the last of each as short), and `pool_plane` writes every value of each plane.
    #[allow(unsafe_code)]
    unsafe {
        out.assume_init()
    }
}

/// [`max_pool`]'s work on one task's planes, as an operation [`widest_op`] compiles for each
/// SIMD level (as a closure it was too large to be inlined, and ran the baseline's build).
struct PoolPlanes<'a, F> {
    xs: &'a [F],
    hw: (usize, usize),
    win: Window,
    outs: &'a mut [MaybeUninit<F>],
    args: &'a mut [u8],
}

impl<F: Float> WithSimd for PoolPlanes<'_, F> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let PoolPlanes {
            xs,
            hw,
            win,
            outs,
            args,
        } = self;
        let (oh, ow) = win.out_size(hw.0, hw.1);
        let (plane_in, plane_out) = (hw.0 * hw.1, oh * ow);
        let planes = outs.chunks_mut(plane_out).zip(xs.chunks(plane_in));
        for ((out_p, x_p), arg_p) in planes.zip(args.chunks_mut(plane_out)) {
            pool_plane(x_p, hw, win, out_p, arg_p); // out[n, c] from x[n, c]
        }
    }
}

/// Backward of [`max_pool`]: each dout goes to the input position its window's maximum came
/// from (added up where windows overlap); every other position gets 0.
///
/// # Shapes
/// - `dout`, `arg_max`: (N, C, OH, OW); returns `dx`: `x_shape` = (N, C, H, W)
pub fn max_pool_backward<F: Float>(
    dout: ArrayView4<F>,
    arg_max: ArrayView4<u8>,
    x_shape: (usize, usize, usize, usize),
    win: Window,
) -> Array4<F> {
    assert_eq!(
        dout.dim(),
        arg_max.dim(),
        "max_pool_backward: dout does not match the output's shape"
    );
    let (n, c, h, w) = x_shape;
    let (oh, ow) = win.out_size(h, w);
    // every plane of dx is written from its plane of dout (dx starts uninitialised)
    assert_eq!(
        arg_max.dim(),
        (n, c, oh, ow),
        "max_pool_backward: dout's shape does not match the forward's output"
    );
    let (dout, arg_max) = (dout.as_standard_layout(), arg_max.as_standard_layout());
    let (plane_in, plane_out) = (h * w, oh * ow);
    let mut dx = Array4::<F>::uninit((n, c, h, w)); // (N, C, H, W), every value written below
    let task = IMAGES_PER_TASK * c;
    let tasks = dx
        .as_slice_mut()
        .expect("new array")
        .chunks_mut(task * plane_in)
        .zip(
            dout.as_slice()
                .expect("standard layout")
                .chunks(task * plane_out),
        )
        .zip(
            arg_max
                .as_slice()
                .expect("standard layout")
                .chunks(task * plane_out),
        );
    par_tasks(tasks.collect(), |((dxs, douts), args)| {
        let hw = (h, w);
        widest_op(UnpoolPlanes {
            douts,
            args,
            hw,
            win,
            dxs,
        });
    });
    // SAFETY: the tasks' chunks of `dx` cover it (one chunk of planes for each chunk of dout's
    // planes, the last of each as short), and `unpool_plane` writes every value of each plane.
    #[allow(unsafe_code)]
    unsafe {
        dx.assume_init()
    }
}

/// [`max_pool_backward`]'s work on one task's planes, as an operation [`widest_op`] compiles
/// for each SIMD level. (The scatter itself is scalar; as a plain closure in `par_tasks` the
/// whole backward measured slower in training: a chapter 7 epoch 2.78-2.95 s, median 2.85,
/// against 2.74-2.91, median 2.78, six pairs taking turns.)
struct UnpoolPlanes<'a, F> {
    douts: &'a [F],
    args: &'a [u8],
    hw: (usize, usize),
    win: Window,
    dxs: &'a mut [MaybeUninit<F>],
}

impl<F: Float> WithSimd for UnpoolPlanes<'_, F> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let UnpoolPlanes {
            douts,
            args,
            hw,
            win,
            dxs,
        } = self;
        let (oh, ow) = win.out_size(hw.0, hw.1);
        let (plane_in, plane_out) = (hw.0 * hw.1, oh * ow);
        let planes = dxs.chunks_mut(plane_in).zip(douts.chunks(plane_out));
        for ((dx_p, dout_p), arg_p) in planes.zip(args.chunks(plane_out)) {
            unpool_plane(dout_p, arg_p, hw, win, dx_p); // dx[n, c] from dout[n, c]
        }
    }
}

/// Max pooling of one channel `x_p` (H × W) into `out_p` (OH × OW), with each maximum's
/// position py·PW + px in its window in `arg_p`.
#[inline(always)]
fn pool_plane<F: Float>(
    x_p: &[F],
    hw: (usize, usize),
    win: Window,
    out_p: &mut [MaybeUninit<F>],
    arg_p: &mut [u8],
) {
    // A NaN must win its window (as in NumPy), but checking for it at every comparison makes
    // the scan twice as slow: one quick pass tells whether this plane has any NaN at all.
    let has_nan = x_p.iter().fold(false, |any, v| any | v.is_nan());
    let two_by_two = Window {
        fh: 2,
        fw: 2,
        ..win
    };
    match ((win.fh, win.fw), has_nan) {
        // the book's 2×2 windows tiling the plane exactly (stride 2, no padding, even sides)
        ((2, 2), false) if tiles_2x2(win, hw) => pool_plane_2x2(x_p, hw.1, out_p, arg_p),
        // other 2×2 windows, with the size known to the compiler: the loops unroll (2x faster)
        ((2, 2), false) => pool_plane_body::<F, false>(x_p, hw, two_by_two, out_p, arg_p),
        (_, false) => pool_plane_body::<F, false>(x_p, hw, win, out_p, arg_p),
        (_, true) => pool_plane_body::<F, true>(x_p, hw, win, out_p, arg_p),
    }
}

/// Whether `win` is 2×2 with stride 2 and no padding on an (H, W) plane of even sides: each
/// input value then lies in exactly one window.
fn tiles_2x2(win: Window, (h, w): (usize, usize)) -> bool {
    (win.fh, win.fw, win.stride, win.pad) == (2, 2, 2, 0) && h % 2 == 0 && w % 2 == 0
}

/// [`pool_plane`] for 2×2 windows that tile the plane ([`tiles_2x2`]), two input rows at a time,
/// with no index arithmetic, so that the compiler can fill vector registers with the windows.
/// The maximum of a, b (top row) and c, d (bottom row) is taken as a tree: the larger of a, b,
/// the larger of c, d, then the larger of those two, each time keeping the first when they are
/// equal: the same value and position as scanning a, b, c, d (no NaN here).
#[inline(always)]
fn pool_plane_2x2<F: Float>(x_p: &[F], w: usize, out_p: &mut [MaybeUninit<F>], arg_p: &mut [u8]) {
    let ow = w / 2;
    let rows = x_p.chunks_exact(2 * w); // the two input rows of each output row
    for ((pair, out_row), arg_row) in rows
        .zip(out_p.chunks_exact_mut(ow))
        .zip(arg_p.chunks_exact_mut(ow))
    {
        let (top, bottom) = pair.split_at(w);
        let windows = top.chunks_exact(2).zip(bottom.chunks_exact(2));
        for ((out, arg), (ab, cd)) in out_row.iter_mut().zip(arg_row.iter_mut()).zip(windows) {
            let (upper, upper_at) = if ab[1] > ab[0] {
                (ab[1], 1)
            } else {
                (ab[0], 0)
            };
            let (lower, lower_at) = if cd[1] > cd[0] {
                (cd[1], 3)
            } else {
                (cd[0], 2)
            };
            let (max, at) = if lower > upper {
                (lower, lower_at)
            } else {
                (upper, upper_at)
            };
            (*out, *arg) = (MaybeUninit::new(max), at);
        }
    }
}

/// The work of [`pool_plane`]: each output row, windows reaching into the padding first (value
/// by value), then the windows inside the image (straight slices of it).
#[inline(always)]
fn pool_plane_body<F: Float, const NAN: bool>(
    x_p: &[F],
    (h, w): (usize, usize),
    win: Window,
    out_p: &mut [MaybeUninit<F>],
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
            let mut max = WindowMax::<F, NAN>::new();
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
            let mut max = WindowMax::<F, NAN>::new();
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
struct WindowMax<F, const NAN: bool> {
    best: F,
    at: usize,
}

impl<F: Float, const NAN: bool> WindowMax<F, NAN> {
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
        // strictly larger: the first maximum wins, like np.argmax. With NaN in the plane,
        // `!(v <= best)` also holds for a NaN v, and `best == best` fails once best is a NaN,
        // so the first NaN wins and stays, as in NumPy and PyTorch (`&`, not `&&`: no branch)
        #[allow(
            clippy::eq_op,
            clippy::neg_cmp_op_on_partial_ord,
            clippy::nonminimal_bool
        )]
        let larger = match NAN {
            false => v > self.best,
            true => !(v <= self.best) & (self.best == self.best),
        };
        self.best = if larger { v } else { self.best };
        self.at = if larger { k } else { self.at };
    }

    #[inline(always)]
    fn result(self) -> (MaybeUninit<F>, u8) {
        (MaybeUninit::new(self.best), self.at as u8)
    }
}

/// Backward of [`pool_plane`]: writes `dx_p` (H × W), each dout added to the input position its
/// window's maximum came from, 0 elsewhere. The plane's zeros are written right before the
/// additions, while it is in the core's cache (a separate pass of zeros over the batch's 6.9 MB
/// first, then the additions, went through memory twice).
#[inline(always)]
fn unpool_plane<F: Float>(
    dout_p: &[F],
    arg_p: &[u8],
    hw: (usize, usize),
    win: Window,
    dx_p: &mut [MaybeUninit<F>],
) {
    dx_p.fill(MaybeUninit::new(F::zero()));
    // SAFETY: every value of `dx_p` was just written, and MaybeUninit<F> has F's size and
    // alignment; the borrow stays the same.
    #[allow(unsafe_code)]
    let dx_p = unsafe { &mut *(dx_p as *mut [MaybeUninit<F>] as *mut [F]) };
    match (win.fh, win.fw) {
        (2, 2) if tiles_2x2(win, hw) => unpool_plane_2x2(dout_p, arg_p, hw.1, dx_p),
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

/// [`unpool_plane`] for windows that tile the plane ([`tiles_2x2`]): a window's arg max a is
/// the input at row a / 2, column a % 2 of its two rows, with no padding or edge to check (an
/// address computed from a, not a branch on it: a is a coin toss for the branch predictor).
#[inline(always)]
fn unpool_plane_2x2<F: Float>(dout_p: &[F], arg_p: &[u8], w: usize, dx_p: &mut [F]) {
    let ow = w / 2;
    let rows = dx_p.chunks_exact_mut(2 * w).zip(dout_p.chunks_exact(ow));
    for ((pair, dout_row), arg_row) in rows.zip(arg_p.chunks_exact(ow)) {
        for (ox, (&dout, &a)) in dout_row.iter().zip(arg_row).enumerate() {
            let a = usize::from(a);
            pair[(a >> 1) * w + 2 * ox + (a & 1)] += dout; // dx[arg max] += dout
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "dout's shape does not match")]
    fn backward_refuses_a_dout_of_fewer_planes() {
        let win = Window::new(2, 2, 2, 0);
        let dout = Array4::<f32>::zeros((1, 2, 2, 2));
        let arg_max = Array4::<u8>::zeros((1, 2, 2, 2));
        max_pool_backward(dout.view(), arg_max.view(), (2, 2, 4, 4), win);
    }

    #[test]
    fn backward_writes_every_value_as_adding_into_zeros_would() {
        // 2×2 windows tiling a 4×4 plane and 3×3 windows with stride 1 on a 5×5 one (overlapping),
        // with a dout of −0 at each arg max
        for (side, win) in [(4, Window::new(2, 2, 2, 0)), (5, Window::new(3, 3, 1, 0))] {
            let x = Array4::<f32>::from_shape_fn((2, 3, side, side), |(n, c, y, x)| {
                ((n * 7 + c * 5 + y * 3 + x * 11) % 13) as f32
            });
            let mut arg_max = Array4::zeros((0, 0, 0, 0));
            let out = max_pool(x.view(), win, &mut arg_max);
            let dx = max_pool_backward(out.mapv(|_| -0.0).view(), arg_max.view(), x.dim(), win);
            assert!(
                dx.iter().all(|v: &f32| v.to_bits() == 0),
                "{win:?}: +0 everywhere"
            );
            let dout = out.mapv(|v| v + 1.0);
            let dx = max_pool_backward(dout.view(), arg_max.view(), x.dim(), win);
            assert_eq!(dx.sum(), dout.sum(), "{win:?}: every dout lands once");
        }
    }
}
