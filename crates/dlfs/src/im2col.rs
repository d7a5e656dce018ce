//! im2col and col2im: the book's `common/util.py` trick that turns a convolution into one
//! matrix product, written as the book writes it (a padded copy, one strided slice per filter
//! position, a transpose and a reshape).
//!
//! The layers run the engine's versions (`dlfs_engine::conv`), which build the same `col` image
//! by image on all cores; the tests below check that both give the same numbers.
//!
//! # Shapes
//! - input `x`: (N, C, H, W); filter (FH, FW); stride S, padding P (zeros on every side)
//! - output size: OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1
//! - `col`: (N·OH·OW, C·FH·FW): row (n, oy, ox) is the window of image n at output position
//!   (oy, ox); its columns run over (c, fy, fx), the order of `W.reshape(FN, -1)`.

use ndarray::{Array2, Array4, Array6, ArrayView2, ArrayView4, s};

use crate::Float;

// ANCHOR: im2col
/// Every window the filter visits, as one row of `col`.
///
/// # Shapes
/// `input_data`: (N, C, H, W) → `col`: (N·OH·OW, C·FH·FW)
pub fn im2col<F: Float>(
    input_data: ArrayView4<F>,
    filter_h: usize,
    filter_w: usize,
    stride: usize,
    pad: usize,
) -> Array2<F> {
    let (n, c, h, w) = input_data.dim();
    let out_h = (h + 2 * pad - filter_h) / stride + 1;
    let out_w = (w + 2 * pad - filter_w) / stride + 1;
    let mut img = Array4::zeros((n, c, h + 2 * pad, w + 2 * pad)); // np.pad with zeros
    img.slice_mut(s![.., .., pad..pad + h, pad..pad + w])
        .assign(&input_data);
    let mut col = Array6::zeros((n, c, filter_h, filter_w, out_h, out_w));
    for y in 0..filter_h {
        let y_max = y + stride * (out_h - 1) + 1;
        for x in 0..filter_w {
            let x_max = x + stride * (out_w - 1) + 1;
            // col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]
            let windows = img.slice(s![.., .., y..y_max;stride, x..x_max;stride]);
            col.slice_mut(s![.., .., y, x, .., ..]).assign(&windows);
        }
    }
    let col = col.permuted_axes([0, 4, 5, 1, 2, 3]); // (N, OH, OW, C, FH, FW)
    let col = col.as_standard_layout().into_owned();
    col.into_shape_with_order((n * out_h * out_w, c * filter_h * filter_w))
        .expect("row-major")
}
// ANCHOR_END: im2col

// ANCHOR: col2im
/// The way back: adds each row of `col` into the window it came from (windows overlap, so
/// values add up; what falls on the padding is dropped).
///
/// # Shapes
/// `col`: (N·OH·OW, C·FH·FW), `input_shape` (N, C, H, W) → `img`: (N, C, H, W)
pub fn col2im<F: Float>(
    col: ArrayView2<F>,
    input_shape: (usize, usize, usize, usize),
    filter_h: usize,
    filter_w: usize,
    stride: usize,
    pad: usize,
) -> Array4<F> {
    let (n, c, h, w) = input_shape;
    let out_h = (h + 2 * pad - filter_h) / stride + 1;
    let out_w = (w + 2 * pad - filter_w) / stride + 1;
    let col = col.as_standard_layout();
    let col = col
        .to_shape((n, out_h, out_w, c, filter_h, filter_w))
        .expect("col has N·OH·OW rows of C·FH·FW")
        .permuted_axes([0, 3, 4, 5, 1, 2]); // (N, C, FH, FW, OH, OW)
    let mut img = Array4::zeros((n, c, h + 2 * pad, w + 2 * pad));
    for y in 0..filter_h {
        let y_max = y + stride * (out_h - 1) + 1;
        for x in 0..filter_w {
            let x_max = x + stride * (out_w - 1) + 1;
            // img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]
            let mut windows = img.slice_mut(s![.., .., y..y_max;stride, x..x_max;stride]);
            windows += &col.slice(s![.., .., y, x, .., ..]);
        }
    }
    img.slice(s![.., .., pad..pad + h, pad..pad + w]).to_owned()
}
// ANCHOR_END: col2im

#[cfg(test)]
mod tests {
    use super::*;
    use dlfs_engine::conv::{self, Window};
    use ndarray::Array;

    fn sample(shape: (usize, usize, usize, usize)) -> Array4<f64> {
        let mut k = 0.0;
        Array::from_shape_simple_fn(shape, || {
            k += 1.0;
            (k * 0.37f64).sin()
        })
    }

    /// (input shape, FH, FW, stride, pad)
    type Case = ((usize, usize, usize, usize), usize, usize, usize, usize);
    const CASES: [Case; 6] = [
        ((1, 3, 7, 7), 5, 5, 1, 0), // the book's example: col (9, 75)
        ((2, 3, 5, 7), 3, 2, 2, 1),
        ((3, 2, 6, 5), 3, 3, 1, 2),
        ((1, 4, 9, 8), 4, 3, 3, 1),
        ((9, 1, 28, 28), 5, 5, 1, 0),
        ((2, 2, 8, 8), 2, 2, 2, 0), // pooling's windows
    ];

    #[test]
    fn the_books_example_shapes() {
        assert_eq!(
            im2col(sample((1, 3, 7, 7)).view(), 5, 5, 1, 0).dim(),
            (9, 75)
        );
        assert_eq!(
            im2col(sample((10, 3, 7, 7)).view(), 5, 5, 1, 0).dim(),
            (90, 75)
        );
    }

    #[test]
    fn the_engine_builds_the_same_col_bit_for_bit() {
        for (shape, fh, fw, s, p) in CASES {
            let x = sample(shape);
            let engine = conv::im2col(x.view(), Window::new(fh, fw, s, p));
            assert_eq!(
                im2col(x.view(), fh, fw, s, p),
                engine,
                "{shape:?} {fh}x{fw} s{s} p{p}"
            );
        }
    }

    #[test]
    fn the_engine_adds_the_windows_back_to_the_same_values() {
        for (shape, fh, fw, s, p) in CASES {
            let col = im2col(sample(shape).view(), fh, fw, s, p).mapv(|v| (v * 3.1).cos());
            let book = col2im(col.view(), shape, fh, fw, s, p);
            let engine = conv::col2im(col.view(), shape, Window::new(fh, fw, s, p));
            // overlapping windows are added in another order: equal to rounding
            let diff = (&book - &engine)
                .mapv(f64::abs)
                .fold(0.0, |m: f64, &v| m.max(v));
            assert!(diff < 1e-12, "{shape:?}: {diff}");
        }
    }

    #[test]
    fn col2im_counts_overlaps() {
        // a col of ones: each pixel receives one 1 per window that covers it
        let dx = col2im(
            Array2::<f64>::ones((16, 9)).view(),
            (1, 1, 4, 4),
            3,
            3,
            1,
            1,
        );
        assert_eq!(dx[[0, 0, 0, 0]], 4.0); // corner: 2x2 windows
        assert_eq!(dx[[0, 0, 0, 1]], 6.0); // edge: 2x3
        assert_eq!(dx[[0, 0, 1, 1]], 9.0); // inside: 3x3
    }
}
