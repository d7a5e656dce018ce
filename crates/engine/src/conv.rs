//! The convolution's heavy steps, fast: im2col and col2im over the cores, and the products a
//! `Convolution` layer makes with their results.
//!
//! The plain, book-shaped im2col and col2im live in `dlfs::im2col`; a test there checks that
//! they give the same numbers as these, bit for bit.
//!
//! Every window the filter visits is copied out of the image into one row of a matrix `col`;
//! a convolution of all windows with all filters is then `col · col_w`, a single product that
//! a GEMM kernel computes fast. col2im is the way back: it adds each row of a `col`-shaped
//! gradient into the window it came from (windows overlap, so values add up).
//!
//! # Shapes
//! - input `x`: (N, C, H, W); filter (FH, FW); stride S, padding P (zeros on every side)
//! - output size: OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1
//! - `col`: (N·OH·OW, C·FH·FW): row n·OH·OW + oh·OW + ow is the window of image n at output
//!   position (oh, ow); its columns run over (c, fy, fx), channel slowest, the order of
//!   `W.reshape(FN, -1)` for a filter bank W (FN, C, FH, FW).
//!
//! The work is split over images, several at a time on each core ([`par_images`], [`crate::parallel`]); every image
//! is handled by one thread alone, so the result does not depend on the number of threads.

use ndarray::{Array1, Array2, Array4, ArrayView1, ArrayView2, ArrayView4, ArrayViewMut2};

use crate::Float;
use crate::linalg::matmul;
use crate::parallel::{IMAGES_PER_TASK, par_map_tasks, par_tasks};

/// The geometry of a sliding window: filter size, stride and zero padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Filter (or pooling window) height FH.
    pub fh: usize,
    /// Filter (or pooling window) width FW.
    pub fw: usize,
    /// Step S between windows, in pixels, along both axes.
    pub stride: usize,
    /// Zeros P added on each side of the image.
    pub pad: usize,
}

impl Window {
    /// A window of `fh` × `fw` moved `stride` pixels at a time over an image padded by `pad`.
    pub fn new(fh: usize, fw: usize, stride: usize, pad: usize) -> Self {
        assert!(fh > 0 && fw > 0, "window: filter size must be at least 1x1");
        assert!(stride > 0, "window: stride must be at least 1");
        Window {
            fh,
            fw,
            stride,
            pad,
        }
    }

    // ANCHOR: out_size
    /// The output size (OH, OW) for an (H, W) input: OH = (H + 2P − FH)/S + 1 (and likewise OW).
    ///
    /// Panics if the filter is larger than the padded input.
    pub fn out_size(&self, h: usize, w: usize) -> (usize, usize) {
        let (hp, wp) = (h + 2 * self.pad, w + 2 * self.pad);
        assert!(
            self.fh <= hp && self.fw <= wp,
            "window {}x{} does not fit a {h}x{w} input padded by {}",
            self.fh,
            self.fw,
            self.pad
        );
        (
            (hp - self.fh) / self.stride + 1,
            (wp - self.fw) / self.stride + 1,
        )
    }
    // ANCHOR_END: out_size
}
/// im2col of one image: writes its windows into `col_n`, one window per row.
///
/// # Shapes
/// - `x_n`: the image's C·H·W values in (C, H, W) order
/// - `col_n`: (OH·OW, C·FH·FW), rows in (oh, ow) order, columns in (c, fy, fx) order
pub fn im2col_image<F: Float>(x_n: &[F], chw: (usize, usize, usize), win: Window, col_n: &mut [F]) {
    // With the filter width known to the compiler (the book's 5 and 3), each filter row is
    // copied by a few moves instead of a call to memcpy: 2x faster.
    with_known_width(win, |win| im2col_image_body(x_n, chw, win, col_n))
}

/// `body(win)`, with the book's filter widths 5 and 3 as constants the compiler sees, so that
/// the loops over a filter row inside `body` (inlined) unroll.
#[inline(always)]
fn with_known_width(win: Window, mut body: impl FnMut(Window)) {
    match win.fw {
        5 => body(Window { fw: 5, ..win }),
        3 => body(Window { fw: 3, ..win }),
        _ => body(win),
    }
}

#[inline(always)]
fn im2col_image_body<F: Float>(
    x_n: &[F],
    (c, h, w): (usize, usize, usize),
    win: Window,
    col_n: &mut [F],
) {
    let (oh, ow) = win.out_size(h, w);
    let (fh, fw, s, p) = (win.fh, win.fw, win.stride, win.pad);
    let row_len = c * fh * fw;
    assert_eq!(x_n.len(), c * h * w, "im2col: image size");
    assert_eq!(col_n.len(), oh * ow * row_len, "im2col: col size");
    let positions = (0..oh).flat_map(|oy| (0..ow).map(move |ox| (oy, ox)));
    for ((oy, ox), row) in positions.zip(col_n.chunks_exact_mut(row_len)) {
        // row: the window at output position (oy, ox)
        let mut k = 0;
        for ch in 0..c {
            let plane = &x_n[ch * h * w..(ch + 1) * h * w]; // x[ch] as H·W values
            for fy in 0..fh {
                // input row of this filter row, in padded coordinates minus the padding
                let iy = (oy * s + fy).wrapping_sub(p);
                let dst = &mut row[k..k + fw];
                k += fw;
                if iy >= h {
                    dst.fill(F::zero()); // the whole filter row lies in the padding
                    continue;
                }
                let x0 = ox * s; // left edge in padded coordinates
                if x0 >= p && x0 - p + fw <= w {
                    let ix = x0 - p;
                    dst.copy_from_slice(&plane[iy * w + ix..iy * w + ix + fw]); // fast path
                } else {
                    for (fx, d) in dst.iter_mut().enumerate() {
                        let ix = (x0 + fx).wrapping_sub(p);
                        *d = if ix < w {
                            plane[iy * w + ix]
                        } else {
                            F::zero()
                        };
                    }
                }
            }
        }
    }
}

/// col2im of one image: adds every row of `col_n` back into the window it was taken from
/// (values falling on the padding are dropped). `dx_n` is added to, not overwritten.
///
/// # Shapes
/// - `col_n`: (OH·OW, C·FH·FW) as written by [`im2col_image`]
/// - `dx_n`: the image's C·H·W values in (C, H, W) order
pub fn col2im_image<F: Float>(
    col_n: &[F],
    chw: (usize, usize, usize),
    win: Window,
    dx_n: &mut [F],
) {
    // as in im2col: with the filter width known to the compiler, a filter row inside the
    // image is added by a few vector instructions instead of a checked loop
    with_known_width(win, |win| col2im_image_body(col_n, chw, win, dx_n))
}

#[inline(always)]
fn col2im_image_body<F: Float>(
    col_n: &[F],
    (c, h, w): (usize, usize, usize),
    win: Window,
    dx_n: &mut [F],
) {
    let (oh, ow) = win.out_size(h, w);
    let (fh, fw, s, p) = (win.fh, win.fw, win.stride, win.pad);
    let row_len = c * fh * fw;
    assert_eq!(dx_n.len(), c * h * w, "col2im: image size");
    assert_eq!(col_n.len(), oh * ow * row_len, "col2im: col size");
    let positions = (0..oh).flat_map(|oy| (0..ow).map(move |ox| (oy, ox)));
    for ((oy, ox), row) in positions.zip(col_n.chunks_exact(row_len)) {
        let mut k = 0;
        for ch in 0..c {
            let plane = &mut dx_n[ch * h * w..(ch + 1) * h * w];
            for fy in 0..fh {
                let iy = (oy * s + fy).wrapping_sub(p);
                let src = &row[k..k + fw];
                k += fw;
                if iy >= h {
                    continue;
                }
                let x0 = ox * s; // left edge in padded coordinates
                if x0 >= p && x0 - p + fw <= w {
                    let ix = x0 - p;
                    let dst = &mut plane[iy * w + ix..iy * w + ix + fw];
                    for (d, &v) in dst.iter_mut().zip(src) {
                        *d += v; // fast path: the whole filter row lies inside the image
                    }
                    continue;
                }
                for (fx, &v) in src.iter().enumerate() {
                    let ix = (x0 + fx).wrapping_sub(p);
                    if ix < w {
                        plane[iy * w + ix] += v; // dx[ch, iy, ix] += dcol[r, (ch, fy, fx)]
                    }
                }
            }
        }
    }
}

/// im2col of a batch: every window of every image as one row of `col`.
///
/// # Shapes
/// - `x`: (N, C, H, W)
/// - returns `col`: (N·OH·OW, C·FH·FW), OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1
pub fn im2col<F: Float>(x: ArrayView4<F>, win: Window) -> Array2<F> {
    let mut col = Array2::zeros((0, 0));
    im2col_into(x, win, &mut col);
    col
}

/// [`im2col`] into `col`, reusing its memory when it already has the right shape (a layer
/// keeps its `col` from one mini-batch to the next: every value is overwritten).
pub fn im2col_into<F: Float>(x: ArrayView4<F>, win: Window, col: &mut Array2<F>) {
    let (n, c, h, w) = x.dim();
    let (oh, ow) = win.out_size(h, w);
    let shape = (n * oh * ow, c * win.fh * win.fw); // (N·OH·OW, C·FH·FW)
    if col.dim() != shape || !col.is_standard_layout() {
        *col = Array2::zeros(shape);
    }
    let x = x.as_standard_layout(); // (N, C, H, W), contiguous
    let x_flat = x.as_slice().expect("standard layout");
    let col_flat = col.as_slice_mut().expect("standard layout");
    let col_len = oh * ow * c * win.fh * win.fw;
    par_images(x_flat, c * h * w, col_flat, col_len, |x_n, col_n| {
        im2col_image(x_n, (c, h, w), win, col_n)
    });
}

/// The convolution's forward, image by image: im2col of one image, then its product
/// out[n] = (col[n] · col_wᵀ + b)ᵀ written straight into (FN, OH, OW) order, while the image's
/// windows are still in the cache. With `col`, every image's windows are also kept there (for
/// backward, reusing its memory); without, each task uses a small buffer of its own (testing).
/// The same numbers as the book's im2col of the whole batch followed by one product.
///
/// # Shapes
/// - `x`: (N, C, H, W); `col_w`: (FN, C·FH·FW); `b`: (FN,)
/// - `col` (if given): (N·OH·OW, C·FH·FW); returns `out`: (N, FN, OH, OW)
pub fn conv_forward<F: Float>(
    x: ArrayView4<F>,
    win: Window,
    col_w: ArrayView2<F>,
    b: ArrayView1<F>,
    col: Option<&mut Array2<F>>,
) -> Array4<F> {
    let (n, c, h, w) = x.dim();
    let (oh, ow) = win.out_size(h, w);
    let (fn_count, k) = col_w.dim();
    assert_eq!(
        k,
        c * win.fh * win.fw,
        "conv_forward: x's channels and col_w"
    );
    let x = x.as_standard_layout();
    let mut out = crate::parallel::zeros((n, fn_count, oh, ow)); // (N, FN, OH, OW)
    let (x_len, col_len, out_len) = (c * h * w, oh * ow * k, fn_count * oh * ow);
    let forward_image = |x_n: &[F], col_n: &mut [F], out_n: &mut [F]| {
        im2col_image(x_n, (c, h, w), win, col_n); // col[n]: (OH·OW, K)
        let col_n = ArrayView2::from_shape((oh * ow, k), &*col_n).expect("(OH·OW, K)");
        let mut out_n = ArrayViewMut2::from_shape((fn_count, oh * ow), out_n).expect("(FN, OH·OW)");
        for (mut row, &bf) in out_n.rows_mut().into_iter().zip(b.iter()) {
            row.fill(bf); // out[n] = b
        }
        let mut out_t = out_n.reversed_axes(); // (OH·OW, FN)
        matmul(F::one(), &col_n, &col_w.t(), F::one(), &mut out_t); // += col[n] · col_wᵀ
    };
    let x_flat = x.as_slice().expect("standard layout");
    let out_flat = out.as_slice_mut().expect("new array");
    let tasks = out_flat
        .chunks_mut(IMAGES_PER_TASK * out_len)
        .zip(x_flat.chunks(IMAGES_PER_TASK * x_len));
    match col {
        Some(col) => {
            if col.dim() != (n * oh * ow, k) || !col.is_standard_layout() {
                *col = Array2::zeros((n * oh * ow, k));
            }
            let cols = col.as_slice_mut().expect("standard layout");
            let tasks = tasks.zip(cols.chunks_mut(IMAGES_PER_TASK * col_len));
            par_tasks(tasks.collect(), |((outs, xs), cols)| {
                let images = outs.chunks_mut(out_len).zip(xs.chunks(x_len));
                for ((out_n, x_n), col_n) in images.zip(cols.chunks_mut(col_len)) {
                    forward_image(x_n, col_n, out_n);
                }
            });
        }
        None => par_tasks(tasks.collect(), |(outs, xs)| {
            let mut col_n = vec![F::zero(); col_len]; // one image's windows, reused
            for (out_n, x_n) in outs.chunks_mut(out_len).zip(xs.chunks(x_len)) {
                forward_image(x_n, &mut col_n, out_n);
            }
        }),
    }
    out
}

/// The convolution's parameter gradients: db = Σ dout over (n, oy, ox) and
/// dW = Σ_n dout[n] · col[n] (the book's `np.dot(col.T, dout)`, as (FN, K)).
///
/// Each task sums its own images, then the tasks' sums are added in task order, so the result
/// does not depend on the number of threads.
///
/// # Shapes
/// - `dout`: (N, FN, OH, OW); `col`: (N·OH·OW, K)
/// - returns `db`: (FN,), `dW`: (FN, K)
pub fn conv_param_grads<F: Float>(
    dout: ArrayView4<F>,
    col: ArrayView2<F>,
) -> (Array1<F>, Array2<F>) {
    let (n, fn_count, oh, ow) = dout.dim();
    let k = col.ncols();
    assert_eq!(col.nrows(), n * oh * ow, "conv_param_grads: dout and col");
    let (dout, col) = (dout.as_standard_layout(), col.as_standard_layout());
    let (col_len, dout_len) = (oh * ow * k, fn_count * oh * ow);
    let tasks = dout
        .as_slice()
        .expect("standard layout")
        .chunks(IMAGES_PER_TASK * dout_len)
        .zip(
            col.as_slice()
                .expect("standard layout")
                .chunks(IMAGES_PER_TASK * col_len),
        );
    let partial = par_map_tasks(tasks.collect(), |(douts, cols)| {
        let mut db = Array1::<F>::zeros(fn_count); // (FN,)
        let mut dw = Array2::<F>::zeros((fn_count, k)); // (FN, K)
        for (dout_n, col_n) in douts.chunks(dout_len).zip(cols.chunks(col_len)) {
            let dout_n = ArrayView2::from_shape((fn_count, oh * ow), dout_n).expect("(FN, OH·OW)");
            let col_n = ArrayView2::from_shape((oh * ow, k), col_n).expect("(OH·OW, K)");
            for (d, row) in db.iter_mut().zip(dout_n.rows()) {
                *d += row.sum(); // db += Σ dout[n]
            }
            matmul(F::one(), &dout_n, &col_n, F::one(), &mut dw.view_mut()); // dW += dout[n] · col[n]
        }
        (db, dw)
    });
    let mut db = Array1::<F>::zeros(fn_count);
    let mut dw = Array2::<F>::zeros((fn_count, k));
    for (db_t, dw_t) in &partial {
        db += db_t;
        dw += dw_t;
    }
    (db, dw)
}

/// The convolution's dx: dcol = dout · col_w (the book's `np.dot(dout, col_W.T)`), then
/// col2im(dcol), image by image over the cores, so the whole dcol never exists at once.
///
/// # Shapes
/// - `dout`: (N, FN, OH, OW); `col_w`: (FN, K) with K = C·FH·FW
/// - returns `dx`: `x_shape` = (N, C, H, W)
pub fn col2im_dot<F: Float>(
    dout: ArrayView4<F>,
    col_w: ArrayView2<F>,
    x_shape: (usize, usize, usize, usize),
    win: Window,
) -> Array4<F> {
    let (n, c, h, w) = x_shape;
    let (_, fn_count, oh, ow) = dout.dim();
    assert_eq!(dout.dim(), (n, fn_count, oh, ow), "col2im_dot: dout");
    assert_eq!((oh, ow), win.out_size(h, w), "col2im_dot: dout's size");
    let k = col_w.ncols();
    let dout = dout.as_standard_layout();
    let mut dx: Array4<F> = crate::parallel::zeros(x_shape); // (N, C, H, W)
    let (x_len, dout_len) = (c * h * w, fn_count * oh * ow);
    let tasks = dx
        .as_slice_mut()
        .expect("new array")
        .chunks_mut(IMAGES_PER_TASK * x_len)
        .zip(
            dout.as_slice()
                .expect("standard layout")
                .chunks(IMAGES_PER_TASK * dout_len),
        );
    par_tasks(tasks.collect(), |(dxs, douts)| {
        let mut dcol_n = Array2::<F>::zeros((oh * ow, k)); // (OH·OW, K), reused
        for (dx_n, dout_n) in dxs.chunks_mut(x_len).zip(douts.chunks(dout_len)) {
            let dout_n = ArrayView2::from_shape((fn_count, oh * ow), dout_n).expect("(FN, OH·OW)");
            matmul(
                F::one(),
                &dout_n.t(),
                &col_w,
                F::zero(),
                &mut dcol_n.view_mut(),
            ); // dcol[n] = dout[n]ᵀ · col_w
            let dcol_flat = dcol_n.as_slice().expect("standard layout");
            col2im_image(dcol_flat, (c, h, w), win, dx_n); // dx[n] += windows of dcol[n]
        }
    });
    dx
}

/// col2im of a batch: the inverse path of [`im2col`], summing overlapping windows.
///
/// # Shapes
/// - `col`: (N·OH·OW, C·FH·FW)
/// - `x_shape`: (N, C, H, W) of the image batch the windows came from
/// - returns `dx`: (N, C, H, W)
pub fn col2im<F: Float>(
    col: ArrayView2<F>,
    x_shape: (usize, usize, usize, usize),
    win: Window,
) -> Array4<F> {
    let (n, c, h, w) = x_shape;
    let (oh, ow) = win.out_size(h, w);
    assert_eq!(
        col.dim(),
        (n * oh * ow, c * win.fh * win.fw),
        "col2im: col does not match the input shape {x_shape:?}"
    );
    let col = col.as_standard_layout();
    let mut dx = Array4::zeros(x_shape); // (N, C, H, W)
    let col_flat = col.as_slice().expect("standard layout");
    let dx_flat = dx.as_slice_mut().expect("new array");
    let col_len = oh * ow * c * win.fh * win.fw;
    par_images(col_flat, col_len, dx_flat, c * h * w, |col_n, dx_n| {
        col2im_image(col_n, (c, h, w), win, dx_n)
    });
    dx
}

/// Runs `f` on every pair of an input image and an output image, [`IMAGES_PER_TASK`] images per
/// task, the tasks spread over the cores. `inputs` and `outputs` hold one image per `in_len`
/// and `out_len` values; each output is written by exactly one call.
pub fn par_images<A: Sync, B: Send>(
    inputs: &[A],
    in_len: usize,
    outputs: &mut [B],
    out_len: usize,
    f: impl Fn(&[A], &mut [B]) + Sync,
) {
    if in_len == 0 || out_len == 0 {
        return;
    }
    let tasks = outputs
        .chunks_mut(IMAGES_PER_TASK * out_len)
        .zip(inputs.chunks(IMAGES_PER_TASK * in_len));
    par_tasks(tasks.collect(), |(outs, ins)| {
        for (o, i) in outs.chunks_mut(out_len).zip(ins.chunks(in_len)) {
            f(i, o);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array, Array4};

    /// im2col by its definition, with no shortcuts: col[(n, oy, ox), (c, fy, fx)] is the padded
    /// input at (n, c, oy·S + fy − P, ox·S + fx − P), or 0 outside the image.
    fn im2col_direct(x: &Array4<f64>, win: Window) -> Array2<f64> {
        let (n, c, h, w) = x.dim();
        let (oh, ow) = win.out_size(h, w);
        let mut col = Array2::zeros((n * oh * ow, c * win.fh * win.fw));
        for i in 0..n {
            for oy in 0..oh {
                for ox in 0..ow {
                    for ch in 0..c {
                        for fy in 0..win.fh {
                            for fx in 0..win.fw {
                                let iy = (oy * win.stride + fy) as isize - win.pad as isize;
                                let ix = (ox * win.stride + fx) as isize - win.pad as isize;
                                let inside =
                                    (0..h as isize).contains(&iy) && (0..w as isize).contains(&ix);
                                let v = if inside {
                                    x[[i, ch, iy as usize, ix as usize]]
                                } else {
                                    0.0
                                };
                                let row = (i * oh + oy) * ow + ox;
                                let k = (ch * win.fh + fy) * win.fw + fx;
                                col[[row, k]] = v;
                            }
                        }
                    }
                }
            }
        }
        col
    }

    fn sample(shape: (usize, usize, usize, usize)) -> Array4<f64> {
        let mut k = 0.0;
        Array::from_shape_simple_fn(shape, || {
            k += 1.0;
            (k * 0.37f64).sin()
        })
    }

    const CASES: [((usize, usize, usize, usize), Window); 7] = [
        (
            (1, 1, 4, 4),
            Window {
                fh: 2,
                fw: 2,
                stride: 1,
                pad: 0,
            },
        ),
        (
            (2, 3, 7, 7),
            Window {
                fh: 5,
                fw: 5,
                stride: 1,
                pad: 0,
            },
        ), // the book's (9, 75) example, times 2
        (
            (2, 3, 5, 7),
            Window {
                fh: 3,
                fw: 2,
                stride: 2,
                pad: 1,
            },
        ),
        (
            (3, 2, 6, 5),
            Window {
                fh: 3,
                fw: 3,
                stride: 1,
                pad: 2,
            },
        ),
        (
            (1, 4, 9, 8),
            Window {
                fh: 4,
                fw: 3,
                stride: 3,
                pad: 1,
            },
        ),
        (
            (9, 1, 28, 28),
            Window {
                fh: 5,
                fw: 5,
                stride: 1,
                pad: 0,
            },
        ), // several tasks
        (
            (2, 2, 3, 3),
            Window {
                fh: 1,
                fw: 1,
                stride: 1,
                pad: 0,
            },
        ),
    ];

    #[test]
    fn im2col_agrees_with_the_definition() {
        for (shape, win) in CASES {
            let x = sample(shape);
            assert_eq!(
                im2col(x.view(), win),
                im2col_direct(&x, win),
                "{shape:?} {win:?}"
            );
        }
    }

    #[test]
    fn the_books_example_shapes() {
        // the book: x (1, 3, 7, 7) with a 5x5 filter gives col (9, 75); 10 images give (90, 75)
        let win = Window::new(5, 5, 1, 0);
        assert_eq!(im2col(sample((1, 3, 7, 7)).view(), win).dim(), (9, 75));
        assert_eq!(im2col(sample((10, 3, 7, 7)).view(), win).dim(), (90, 75));
    }

    #[test]
    fn col2im_is_the_adjoint_of_im2col() {
        // <im2col(x), y> = <x, col2im(y)> for all x, y: col2im is the transpose of im2col as a
        // linear map, which is exactly what backward needs
        for (shape, win) in CASES {
            let x = sample(shape);
            let col = im2col_direct(&x, win);
            let y = col.mapv(|v| (v * 3.1).cos());
            let lhs = (&col * &y).sum();
            let rhs = (&x * &col2im(y.view(), shape, win)).sum();
            assert!(
                (lhs - rhs).abs() < 1e-9,
                "{shape:?} {win:?}: {lhs} vs {rhs}"
            );
        }
    }

    #[test]
    fn col2im_counts_overlaps() {
        // a col of ones: each pixel receives one 1 per window that covers it
        let win = Window::new(3, 3, 1, 1);
        let ones = Array2::<f64>::ones((16, 9));
        let dx = col2im(ones.view(), (1, 1, 4, 4), win);
        assert_eq!(dx[[0, 0, 0, 0]], 4.0); // corner: 2x2 windows
        assert_eq!(dx[[0, 0, 0, 1]], 6.0); // edge: 2x3
        assert_eq!(dx[[0, 0, 1, 1]], 9.0); // inside: 3x3
    }

    #[test]
    fn output_size_formula() {
        assert_eq!(Window::new(5, 5, 1, 0).out_size(28, 28), (24, 24));
        assert_eq!(Window::new(2, 2, 2, 0).out_size(24, 24), (12, 12));
        assert_eq!(Window::new(3, 3, 1, 1).out_size(28, 28), (28, 28));
        assert_eq!(Window::new(3, 3, 2, 1).out_size(7, 6), (4, 3));
    }
}
