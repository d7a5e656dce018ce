//! Solution: col2im, one window per output position.

use dlfs::Float;
use ndarray::{Array4, ArrayView2, s};

/// Adds each row of `col` into the window it came from.
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
    let col = col
        .to_shape((n, out_h, out_w, c, filter_h, filter_w))
        .expect("col has N·OH·OW rows of C·FH·FW values");
    let mut img = Array4::zeros((n, c, h + 2 * pad, w + 2 * pad));
    for oy in 0..out_h {
        let y = oy * stride;
        for ox in 0..out_w {
            let x = ox * stride;
            let mut window = img.slice_mut(s![.., .., y..y + filter_h, x..x + filter_w]);
            window += &col.slice(s![.., oy, ox, .., .., ..]); // (N, C, FH, FW) added back
        }
    }
    img.slice(s![.., .., pad..pad + h, pad..pad + w]).to_owned() // the padding is dropped
}
