//! Solution: im2col, one window per output position.

use dlfs::Float;
use ndarray::{Array2, Array4, Array6, ArrayView4, s};

/// Every window the filter visits, as one row of `col`.
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
    let mut img = Array4::zeros((n, c, h + 2 * pad, w + 2 * pad)); // zero padding on every side
    img.slice_mut(s![.., .., pad..pad + h, pad..pad + w])
        .assign(&input_data);
    let mut col = Array6::zeros((n, out_h, out_w, c, filter_h, filter_w));
    for oy in 0..out_h {
        let y = oy * stride; // the window's top row in the padded image
        for ox in 0..out_w {
            let x = ox * stride;
            let window = img.slice(s![.., .., y..y + filter_h, x..x + filter_w]); // (N, C, FH, FW)
            col.slice_mut(s![.., oy, ox, .., .., ..]).assign(&window);
        }
    }
    col.into_shape_with_order((n * out_h * out_w, c * filter_h * filter_w))
        .expect("a new array is in standard layout")
}
