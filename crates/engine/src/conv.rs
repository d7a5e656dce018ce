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
//! The convolution's own steps ([`conv_forward`], [`conv_param_grads`], [`col2im_dot`]) take a
//! group of images per product ([`images_per_group`], fixed by the layer's shape) and work on
//! colᵀ, whose rows are filter positions: each output row of an image is then one contiguous
//! copy or addition.

use ndarray::{
    Array1, Array2, Array4, ArrayView1, ArrayView2, ArrayView4, ArrayViewMut2, Axis, CowArray, Ix2,
};

use std::mem::MaybeUninit;

use crate::Float;
use crate::linalg::{Backend, matmul_with};
use crate::parallel::{IMAGES_PER_TASK, par_map_tasks_with, par_tasks, par_tasks_with};
use crate::row_products::a_bt;

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
    check_sizes(x_n.len(), col_n.len(), chw, win, "im2col");
    // The image inside its border of zeros, so that every filter row is one copy, with no
    // test; with the filter width known to the compiler (the book's 5 and 3), a copy of a few
    // moves instead of a call to memcpy (3x faster than testing each row against the border).
    with_padded(x_n, chw, win.pad, |xp| match win.fw {
        5 => filter_rows(chw, win, |k, i| copy_row::<F, 5>(&mut col_n[k..], &xp[i..])),
        3 => filter_rows(chw, win, |k, i| copy_row::<F, 3>(&mut col_n[k..], &xp[i..])),
        fw => filter_rows(chw, win, |k, i| {
            col_n[k..k + fw].copy_from_slice(&xp[i..i + fw])
        }),
    })
}

/// col2im of one image: adds every row of `col_n` back into the window it was taken from
/// (values falling on the padding are dropped). `dx_n` is added to, not overwritten; each
/// pixel receives its windows' values in `col_n`'s row order.
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
    check_sizes(dx_n.len(), col_n.len(), chw, win, "col2im");
    // added into a padded copy of dx[n], whose border is then dropped: no test per row
    let add = |dst: &mut [F], src: &[F]| dst.iter_mut().zip(src).for_each(|(d, &v)| *d += v);
    with_padded_mut(dx_n, chw, win.pad, |dxp| match win.fw {
        5 => filter_rows(chw, win, |k, i| add_row::<F, 5>(&mut dxp[i..], &col_n[k..])),
        3 => filter_rows(chw, win, |k, i| add_row::<F, 3>(&mut dxp[i..], &col_n[k..])),
        fw => filter_rows(chw, win, |k, i| add(&mut dxp[i..i + fw], &col_n[k..k + fw])),
    })
}

/// Panics unless an image of `chw` has `image_len` values and its windows `col_len`.
fn check_sizes(
    image_len: usize,
    col_len: usize,
    chw: (usize, usize, usize),
    win: Window,
    what: &str,
) {
    let (c, h, w) = chw;
    let (oh, ow) = win.out_size(h, w);
    assert_eq!(image_len, c * h * w, "{what}: image size");
    assert_eq!(col_len, oh * ow * c * win.fh * win.fw, "{what}: col size");
}

/// Calls `step(k, i)` for every filter row of every window, in `col`'s order: `k` is where the
/// row starts in col[n] (window (oy, ox), columns (c, fy, 0..FW)), `i` where it starts in the
/// padded image (C, H+2P, W+2P).
#[inline(always)]
fn filter_rows((c, h, w): (usize, usize, usize), win: Window, mut step: impl FnMut(usize, usize)) {
    let (oh, ow) = win.out_size(h, w);
    let (hp, wp) = (h + 2 * win.pad, w + 2 * win.pad);
    let mut k = 0;
    for oy in 0..oh {
        for ox in 0..ow {
            for ch in 0..c {
                let mut i = (ch * hp + oy * win.stride) * wp + ox * win.stride;
                for _ in 0..win.fh {
                    step(k, i);
                    k += win.fw;
                    i += wp;
                }
            }
        }
    }
}

/// `dst[..N] = src[..N]` for rows of a width `N` the compiler knows.
#[inline(always)]
fn copy_row<F: Float, const N: usize>(dst: &mut [F], src: &[F]) {
    let dst: &mut [F; N] = (&mut dst[..N]).try_into().expect("N values");
    *dst = src[..N].try_into().expect("N values");
}

/// `dst[..N] += src[..N]` for rows of a width `N` the compiler knows.
#[inline(always)]
fn add_row<F: Float, const N: usize>(dst: &mut [F], src: &[F]) {
    let (dst, src): (&mut [F; N], &[F; N]) = (
        (&mut dst[..N]).try_into().expect("N values"),
        src[..N].try_into().expect("N values"),
    );
    for (d, &v) in dst.iter_mut().zip(src) {
        *d += v;
    }
}

/// The image (C, H, W) inside a border of `pad` zeros, (C, H+2P, W+2P); `None` when P = 0.
fn pad_image<F: Float>(x_n: &[F], (c, h, w): (usize, usize, usize), pad: usize) -> Option<Vec<F>> {
    if pad == 0 {
        return None;
    }
    let (hp, wp) = (h + 2 * pad, w + 2 * pad);
    let mut xp = vec![F::zero(); c * hp * wp];
    for (plane, padded) in x_n.chunks_exact(h * w).zip(xp.chunks_exact_mut(hp * wp)) {
        let padded_rows = padded[pad * wp..].chunks_exact_mut(wp);
        for (row, padded_row) in plane.chunks_exact(w).zip(padded_rows) {
            padded_row[pad..pad + w].copy_from_slice(row);
        }
    }
    Some(xp)
}

/// `f(xp)` with `xp` the image inside its border of `pad` zeros, (C, H+2P, W+2P); the image
/// itself when P = 0.
fn with_padded<F: Float, R>(
    x_n: &[F],
    chw: (usize, usize, usize),
    pad: usize,
    f: impl FnOnce(&[F]) -> R,
) -> R {
    match pad_image(x_n, chw, pad) {
        Some(xp) => f(&xp),
        None => f(x_n),
    }
}

/// `f(dxp)` on `dx_n` inside a border of `pad` zeros, (C, H+2P, W+2P), then the inside copied
/// back into `dx_n` (what `f` added to the border is dropped); on `dx_n` itself when P = 0.
fn with_padded_mut<F: Float>(
    dx_n: &mut [F],
    chw: (usize, usize, usize),
    pad: usize,
    f: impl FnOnce(&mut [F]),
) {
    match pad_image(dx_n, chw, pad) {
        Some(mut dxp) => {
            f(&mut dxp);
            unpad_image(&dxp, chw, pad, dx_n);
        }
        None => f(dx_n),
    }
}

/// The inside of a padded image (C, H+2P, W+2P), copied back into `x_n` (C, H, W).
fn unpad_image<F: Float>(xp: &[F], (_, h, w): (usize, usize, usize), pad: usize, x_n: &mut [F]) {
    let (hp, wp) = (h + 2 * pad, w + 2 * pad);
    for (plane, padded) in x_n.chunks_exact_mut(h * w).zip(xp.chunks_exact(hp * wp)) {
        let padded_rows = padded[pad * wp..].chunks_exact(wp);
        for (row, padded_row) in plane.chunks_exact_mut(w).zip(padded_rows) {
            row.copy_from_slice(&padded_row[pad..pad + w]);
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

/// Rows (windows) a group of images should give a product: products of a few hundred
/// windows and more run the kernel near its best, where one small image's (7×7 = 49 windows)
/// runs it at a fraction.
const GROUP_WINDOWS: usize = 512;

/// Images per group for a layer with `p` = OH·OW windows per image: the images whose windows
/// one product takes at once, and one parallel task. It depends on the shape alone, never on
/// the number of threads, so sums over groups (dW) are added in the same order everywhere.
pub fn images_per_group(p: usize) -> usize {
    GROUP_WINDOWS.div_ceil(p.max(1)).clamp(1, 16)
}

/// colᵀ of one image: row k = (c, fy, fx) holds, for every window (oy, ox) in order, the pixel
/// the window's (fy, fx) sees in channel c. With stride 1 each output row's part is one
/// contiguous copy of an image row.
///
/// # Shapes
/// - `xp`: the image padded, (C, H+2P, W+2P) (see [`pad_image`]); `chw`: (C, H, W) unpadded
/// - `col_t`: (C·FH·FW, OH·OW)
fn im2col_t_image<F: Float>(
    xp: &[F],
    chw: (usize, usize, usize),
    win: Window,
    mut col_t: ArrayViewMut2<F>,
) {
    transposed_rows(chw, win, col_t.rows_mut(), |mut row, at| {
        let row = row.as_slice_mut().expect("rows of colᵀ are contiguous");
        for (seg, i) in row.chunks_exact_mut(at.ow).zip(at.starts()) {
            if win.stride == 1 {
                seg.copy_from_slice(&xp[i..i + at.ow]);
            } else {
                seg.iter_mut()
                    .zip(xp[i..].iter().step_by(win.stride))
                    .for_each(|(v, &x)| *v = x);
            }
        }
    });
}

/// colᵀ of a group of images, image n's windows in columns n·OH·OW.. of `col_g`.
///
/// # Shapes
/// - `xs`: G images of (C, H, W) = `chw`, back to back; `col_g`: (C·FH·FW, G·OH·OW)
fn group_col_t<F: Float>(
    xs: &[F],
    chw: (usize, usize, usize),
    win: Window,
    col_g: &mut ArrayViewMut2<F>,
) {
    let (c, h, w) = chw;
    let (oh, ow) = win.out_size(h, w);
    let images = col_g.axis_chunks_iter_mut(Axis(1), oh * ow);
    for (x_n, col_t_n) in xs.chunks(c * h * w).zip(images) {
        with_padded(x_n, chw, win.pad, |xp| {
            im2col_t_image(xp, chw, win, col_t_n)
        });
    }
}

/// col2im from colᵀ: adds row k = (c, fy, fx) of `dcol_t` back into the pixels its windows
/// saw, into the padded `dxp`. With stride 1 each output row's part is one vector addition
/// into an image row (no two additions of a step touch the same pixel).
///
/// # Shapes
/// - `dcol_t`: (C·FH·FW, OH·OW); `dxp`: (C, H+2P, W+2P), `chw`: (C, H, W) unpadded
fn col2im_t_image<F: Float>(
    dcol_t: ArrayView2<F>,
    chw: (usize, usize, usize),
    win: Window,
    dxp: &mut [F],
) {
    transposed_rows(chw, win, dcol_t.rows(), |row, at| {
        let row = row.to_slice().expect("rows of dcolᵀ are contiguous");
        for (seg, i) in row.chunks_exact(at.ow).zip(at.starts()) {
            if win.stride == 1 {
                let dst = dxp[i..i + at.ow].iter_mut(); // one vector addition
                dst.zip(seg).for_each(|(d, &v)| *d += v);
            } else {
                let dst = dxp[i..].iter_mut().step_by(win.stride);
                dst.zip(seg).for_each(|(d, &v)| *d += v);
            }
        }
    });
}

/// Where the output rows of one row k = (c, fy, fx) of colᵀ start in the padded image.
#[derive(Clone, Copy)]
struct RowStarts {
    first: usize,
    step: usize,
    oh: usize,
    ow: usize,
}

impl RowStarts {
    /// The padded-image index of window (oy, 0)'s pixel, for oy in 0..OH.
    fn starts(self) -> impl Iterator<Item = usize> {
        (0..self.oh).map(move |oy| self.first + oy * self.step)
    }
}

/// Calls `step(row k of colᵀ, where its output rows start)` for k = (c, fy, fx) in order.
fn transposed_rows<R>(
    (c, h, w): (usize, usize, usize),
    win: Window,
    rows: impl IntoIterator<Item = R>,
    mut step: impl FnMut(R, RowStarts),
) {
    let (oh, ow) = win.out_size(h, w);
    let (hp, wp) = (h + 2 * win.pad, w + 2 * win.pad);
    let ks = (0..c)
        .flat_map(|ch| (0..win.fh).flat_map(move |fy| (0..win.fw).map(move |fx| (ch, fy, fx))));
    for ((ch, fy, fx), row) in ks.zip(rows) {
        let first = (ch * hp + fy) * wp + fx; // window (0, 0)'s pixel for (fy, fx)
        step(
            row,
            RowStarts {
                first,
                step: win.stride * wp,
                oh,
                ow,
            },
        );
    }
}

/// c ← a·b + β c in one piece on the calling thread (the groups are already spread over the
/// cores; [`crate::matmul`] would cut the larger ones again).
fn product<F: Float>(a: &ArrayView2<F>, b: &ArrayView2<F>, beta: F, c: &mut ArrayViewMut2<F>) {
    let ((m, k), n) = (a.dim(), b.ncols());
    matmul_with(Backend::choose(m, k, n), F::one(), a, b, beta, c);
}

/// A task's buffers, reused from task to task on a thread.
type Scratch<F> = (Vec<F>, Vec<F>);

/// `buf` as an array of `shape`, grown if needed. Its values are whatever the last task left:
/// every caller overwrites them all.
fn buffer_view<F: Float>(buf: &mut Vec<F>, shape: (usize, usize)) -> ArrayViewMut2<'_, F> {
    let len = shape.0 * shape.1;
    if buf.len() < len {
        buf.resize(len, F::zero());
    }
    ArrayViewMut2::from_shape(shape, &mut buf[..len]).expect("buffer of the shape's size")
}

/// dout of a group of images side by side: d[f, j·OH·OW + i] = dout[j, f, i] (for one image,
/// its dout itself, not copied).
///
/// # Shapes
/// - `douts`: G images of (FN, OH·OW); returns (FN, G·OH·OW)
fn side_by_side<F: Float>(douts: &[F], fn_count: usize, p: usize) -> CowArray<'_, F, Ix2> {
    let images = douts.len() / (fn_count * p);
    if images == 1 {
        return ArrayView2::from_shape((fn_count, p), douts)
            .expect("(FN, OH·OW)")
            .into();
    }
    let mut d = Array2::<F>::zeros((fn_count, images * p));
    for (f, mut d_f) in d.rows_mut().into_iter().enumerate() {
        let d_f = d_f.as_slice_mut().expect("new array");
        for (d_fj, dout_j) in d_f
            .chunks_exact_mut(p)
            .zip(douts.chunks_exact(fn_count * p))
        {
            d_fj.copy_from_slice(&dout_j[f * p..(f + 1) * p]);
        }
    }
    d.into()
}

/// The convolution's forward, a group of images at a time ([`images_per_group`]) over the
/// cores: colᵀ of the group's images (every window a column), then one product for all their
/// windows, col_w · colᵀ + b, (FN, G·OH·OW), copied into each image's (FN, OH, OW).
/// Each task builds its group's windows in a buffer of its own, reused from group to group;
/// the windows are not kept for backward ([`conv_param_grads`] builds them again from x).
/// The book's im2col of the whole batch followed by one product, cut into groups of windows.
/// `out` is not zeroed first: each task writes every value of its images (b, then the product
/// added to it, or the group's product copied in), while they are in its core's cache. A
/// separate pass of zeros over the batch's 6.9 MB of outputs (chapter 7) cost a tenth of the
/// forward on the Intel machine: 0.57-0.61 ms instead of 0.65-0.70 (fastest of 600, five
/// pairs of runs taking turns).
///
/// # Shapes
/// - `x`: (N, C, H, W); `col_w`: (FN, C·FH·FW); `b`: (FN,); returns `out`: (N, FN, OH, OW)
pub fn conv_forward<F: Float>(
    x: ArrayView4<F>,
    win: Window,
    col_w: ArrayView2<F>,
    b: ArrayView1<F>,
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
    let mut out = Array4::<F>::uninit((n, fn_count, oh, ow)); // (N, FN, OH, OW), written below
    let p = oh * ow; // windows per image
    let (x_len, out_len) = (c * h * w, fn_count * p);
    let g = images_per_group(p);
    // one group: its colᵀ (K, G·OH·OW) in a buffer of its own (a product reads it 2x faster
    // there than from the rows of the whole batch's colᵀ), out = col_w · colᵀ + b, image by
    // image
    let forward_group = |scratch: &mut Scratch<F>, xs: &[F], outs: &mut [MaybeUninit<F>]| {
        let rows = xs.len() / x_len * p;
        let (col_g, prod) = (&mut scratch.0, &mut scratch.1);
        let mut col_g = buffer_view(col_g, (k, rows)); // (K, G·OH·OW), every value written
        group_col_t(xs, (c, h, w), win, &mut col_g);
        if rows == p {
            // one image: the product goes to its out[n] itself, (FN, OH·OW), which starts as b
            for (out_f, &bf) in outs.chunks_mut(p).zip(b.iter()) {
                out_f.fill(MaybeUninit::new(bf));
            }
            // SAFETY: every value of `outs` was just written (FN rows of OH·OW values each),
            // and MaybeUninit<F> has F's size and alignment; the borrow stays the same.
            #[allow(unsafe_code)]
            let outs = unsafe { &mut *(outs as *mut [MaybeUninit<F>] as *mut [F]) };
            let mut prod = ArrayViewMut2::from_shape((fn_count, p), outs).expect("(FN, OH·OW)");
            product(&col_w, &col_g.view(), F::one(), &mut prod); // += col_w · colᵀ
            return;
        }
        let mut prod = buffer_view(prod, (fn_count, rows)); // (FN, G·OH·OW)
        for (mut row, &bf) in prod.rows_mut().into_iter().zip(b.iter()) {
            row.fill(bf); // starts as b
        }
        product(&col_w, &col_g.view(), F::one(), &mut prod); // += col_w · colᵀ
        for (j, out_n) in outs.chunks_mut(out_len).enumerate() {
            for (out_nf, prod_f) in out_n.chunks_mut(p).zip(prod.rows()) {
                let prod_nf = &prod_f.as_slice().expect("rows")[j * p..(j + 1) * p];
                for (o, &v) in out_nf.iter_mut().zip(prod_nf) {
                    o.write(v);
                }
            }
        }
    };
    let x_flat = x.as_slice().expect("standard layout");
    let out_flat = out.as_slice_mut().expect("new array");
    let tasks = out_flat
        .chunks_mut(g * out_len)
        .zip(x_flat.chunks(g * x_len));
    par_tasks_with(tasks.collect(), Scratch::default, |scratch, (outs, xs)| {
        forward_group(scratch, xs, outs)
    });
    // SAFETY: the tasks' chunks of `out` cover it (one chunk of G images' outputs for each
    // chunk of G images of x, the last of each as short), and every task wrote every value of
    // its chunk: b into each (FN, OH·OW) row, or the group's product copied into each image.
    #[allow(unsafe_code)]
    unsafe {
        out.assume_init()
    }
}

/// The convolution's parameter gradients: db = Σ dout over (n, oy, ox) and
/// `dW = Σ_n dout[n] · col[n]` (the book's `np.dot(col.T, dout)`, as (FN, K)), with col built
/// again from x, a group of images at a time, instead of kept from the forward: a group's
/// windows fit in a core's cache, the whole batch's (111 MB a DeepConvNet batch) do not, and
/// writing them to memory in the forward and reading them back here cost more than copying
/// them out of x twice.
///
/// A group of images ([`images_per_group`]) is one product: their dout side by side, (FN,
/// G·OH·OW), times their colᵀ, (K, G·OH·OW). The groups' sums are then added in group
/// order, so the result does not depend on the number of threads.
///
/// # Shapes
/// - `dout`: (N, FN, OH, OW); `x`: the forward's input, (N, C, H, W)
/// - returns `db`: (FN,), `dW`: (FN, K) with K = C·FH·FW
pub fn conv_param_grads<F: Float>(
    dout: ArrayView4<F>,
    x: ArrayView4<F>,
    win: Window,
) -> (Array1<F>, Array2<F>) {
    let (n, fn_count, oh, ow) = dout.dim();
    let (n_x, c, h, w) = x.dim();
    assert_eq!(n, n_x, "conv_param_grads: dout and x");
    assert_eq!(
        (oh, ow),
        win.out_size(h, w),
        "conv_param_grads: output size"
    );
    let (k, p) = (c * win.fh * win.fw, oh * ow);
    let (dout, x) = (dout.as_standard_layout(), x.as_standard_layout());
    let g = images_per_group(p);
    let douts = dout
        .as_slice()
        .expect("standard layout")
        .chunks(g * fn_count * p);
    let xs = x.as_slice().expect("standard layout").chunks(g * c * h * w);
    let tasks = douts.zip(xs).collect();
    let partial = par_map_tasks_with(tasks, Vec::new, |buf: &mut Vec<F>, (douts, xs)| {
        let d = side_by_side(douts, fn_count, p); // (FN, G·OH·OW)
        let db = d.sum_axis(Axis(1)); // Σ dout over the group's images and windows
        let mut col_g = buffer_view(buf, (k, d.ncols())); // the group's colᵀ, every value written
        group_col_t(xs, (c, h, w), win, &mut col_g);
        // dWᵀ = colᵀ · dᵀ, (K, FN): the kernel reads colᵀ's rows best this way round
        let mut dw_t = Array2::<F>::zeros((k, fn_count));
        if small_dw::<F>(k, fn_count) {
            a_bt(col_g.view(), d.view(), &mut dw_t.view_mut());
        } else {
            product(&col_g.view(), &d.t(), F::zero(), &mut dw_t.view_mut());
        }
        (db, dw_t)
    });
    let mut db = Array1::<F>::zeros(fn_count);
    let mut dw_t = Array2::<F>::zeros((k, fn_count));
    for (db_g, dw_t_g) in &partial {
        db += db_g;
        dw_t += dw_t_g;
    }
    (db, dw_t.t().as_standard_layout().into_owned()) // dW: (FN, K)
}

/// Whether dW is computed by [`a_bt`]'s dot products of rows rather than the GEMM kernel: for
/// f32 on AVX-512, for dW of at least [`SMALL_DW`].0 filter positions and at most
/// [`SMALL_DW`].1 values. Measured, the layer's backward for 100 images, GEMM kernel against
/// a_bt (fastest of 300 iterations, of 20 for chapter 8, in alternating runs on a Zen 4):
/// chapter 7's 25 × 30 dW from rows of 576, 1.00-1.16 against 0.82-1.00 ms; chapter 8's first
/// two layers, 9 × 16 and 144 × 16 from rows of 784, 0.31-0.39 against 0.36-0.43 ms and
/// 6.6-7.8 against 7.5-8.6 ms, so they keep the GEMM kernel. With AVX2's 16 vector registers,
/// or f64's wider values, a_bt's tiles do not fit in the registers.
fn small_dw<F: Float>(k: usize, fn_count: usize) -> bool {
    let (min_k, max_values) = SMALL_DW;
    (min_k..=max_values / fn_count.max(1)).contains(&k)
        && size_of::<F>() == 4
        && crate::simd::avx512()
}

/// (fewest filter positions, most values) of a dW that [`small_dw`] gives [`a_bt`].
const SMALL_DW: (usize, usize) = (16, 1024);

/// The convolution's dx: dcol = dout · col_w (the book's `np.dot(dout, col_W.T)`), then
/// col2im(dcol), a group of images at a time ([`images_per_group`]) over the cores, so the
/// whole dcol never exists at once. The group's dcolᵀ = col_wᵀ · dout (dout side by side,
/// (FN, G·OH·OW)) is one product; its rows go back into each image with one vector addition
/// per output row and filter position, while they are in the cache.
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
    let p = oh * ow;
    let dout = dout.as_standard_layout();
    let mut dx: Array4<F> = crate::parallel::zeros(x_shape); // (N, C, H, W)
    let (x_len, dout_len) = (c * h * w, fn_count * p);
    let g = images_per_group(p);
    let dxs = dx.as_slice_mut().expect("new array").chunks_mut(g * x_len);
    let tasks = dxs.zip(
        dout.as_slice()
            .expect("standard layout")
            .chunks(g * dout_len),
    );
    par_tasks_with(
        tasks.collect(),
        Scratch::default,
        |scratch, (dxs, douts)| {
            let d = side_by_side(douts, fn_count, p); // (FN, G·OH·OW)
            let mut dcol_t = buffer_view(&mut scratch.0, (k, d.ncols())); // (K, G·OH·OW), written
            product(&col_w.t(), &d.view(), F::zero(), &mut dcol_t); // dcolᵀ = col_wᵀ · d
            let images = dcol_t.axis_chunks_iter(Axis(1), p);
            for (dx_n, dcol_t_n) in dxs.chunks_mut(x_len).zip(images) {
                with_padded_mut(dx_n, (c, h, w), win.pad, |dxp| {
                    col2im_t_image(dcol_t_n, (c, h, w), win, dxp) // dx[n] = inside of dxp
                });
            }
        },
    );
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
    use approx::assert_abs_diff_eq;
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

    /// `conv_forward`, `conv_param_grads` and `col2im_dot` against the book's steps (im2col by
    /// its definition, ndarray's products, col2im), and the same bits on one thread or three.
    #[test]
    fn the_convolution_agrees_with_the_books_steps_on_any_number_of_threads() {
        let mut cases = CASES.to_vec();
        cases.push(((40, 3, 7, 7), Window::new(3, 3, 1, 1))); // groups of 11 images, and 7
        for (shape, win) in cases {
            let (n, c, h, w) = shape;
            let (oh, ow) = win.out_size(h, w);
            let (fn_count, k) = (5, c * win.fh * win.fw);
            let x = sample(shape);
            let col_w = Array2::from_shape_fn((fn_count, k), |(f, j)| ((f * 3 + j) as f64).cos());
            let b = Array1::from_shape_fn(fn_count, |f| f as f64 * 0.1 - 0.2);
            let dout = Array4::from_shape_fn((n, fn_count, oh, ow), |(i, f, y, z)| {
                ((i * 7 + f * 5 + y * 3 + z) as f64 * 0.3).sin()
            });
            // the book: out = col · col_Wᵀ + b, dW = doutᵀ · col, dx = col2im(dout · col_W)
            let col = im2col_direct(&x, win);
            let out_book = (col.dot(&col_w.t()) + &b)
                .into_shape_with_order((n, oh, ow, fn_count))
                .unwrap()
                .permuted_axes([0, 3, 1, 2]);
            let dout_2d = dout
                .view()
                .permuted_axes([0, 2, 3, 1])
                .as_standard_layout()
                .into_shape_with_order((n * oh * ow, fn_count))
                .unwrap()
                .to_owned();
            let dw_book = dout_2d.t().dot(&col);
            let dx_book = col2im(dout_2d.dot(&col_w).view(), shape, win);
            let run = || {
                let out = conv_forward(x.view(), win, col_w.view(), b.view());
                let (db, dw) = conv_param_grads(dout.view(), x.view(), win);
                let dx = col2im_dot(dout.view(), col_w.view(), shape, win);
                (out, db, dw, dx)
            };
            let threads = |t| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .unwrap()
            };
            let one = threads(1).install(run);
            assert_eq!(
                one,
                threads(3).install(run),
                "{shape:?} {win:?}: 1 and 3 threads"
            );
            let (out, db, dw, dx) = one;
            assert_abs_diff_eq!(out, out_book, epsilon = 1e-9);
            assert_abs_diff_eq!(db, dout_2d.sum_axis(ndarray::Axis(0)), epsilon = 1e-9);
            assert_abs_diff_eq!(dw, dw_book, epsilon = 1e-9);
            assert_abs_diff_eq!(dx, dx_book, epsilon = 1e-9);
        }
    }

    #[test]
    fn output_size_formula() {
        assert_eq!(Window::new(5, 5, 1, 0).out_size(28, 28), (24, 24));
        assert_eq!(Window::new(2, 2, 2, 0).out_size(24, 24), (12, 12));
        assert_eq!(Window::new(3, 3, 1, 1).out_size(28, 28), (28, 28));
        assert_eq!(Window::new(3, 3, 2, 1).out_size(7, 6), (4, 3));
    }
}
