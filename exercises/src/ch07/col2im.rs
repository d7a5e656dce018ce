//! # Exercise: col2im
//!
//! The way back from `col` to images, for the backward pass: each row of `col` belongs to
//! one window (see im2col); col2im adds the row's values back into the window's pixels.
//!
//! img[n, c, oy·S + fy − P, ox·S + fx − P] += col[(n, oy, ox), (c, fy, fx)]
//!
//! Windows that overlap add up in the pixels they share (a pixel in k windows collects k
//! values); what falls on the padding is dropped. So col2im is not im2col's inverse but its
//! adjoint: Σ im2col(x) ⊙ col = Σ x ⊙ col2im(col) for any x and col — what backward needs.
//!
//! # Shapes
//! `col`: (N·OH·OW, C·FH·FW), `input_shape`: (N, C, H, W) → image: (N, C, H, W)

use dlfs::Float;
use ndarray::{Array4, ArrayView2};

/// Adds each row of `col` into the window it came from.
pub fn col2im<F: Float>(
    col: ArrayView2<F>,
    input_shape: (usize, usize, usize, usize),
    filter_h: usize,
    filter_w: usize,
    stride: usize,
    pad: usize,
) -> Array4<F> {
    // TODO: OH and OW as in im2col; a zero image with the padding (N, C, H + 2P, W + 2P);
    // view col as (N, OH, OW, C, FH, FW) (`col.to_shape(...)` or `into_shape_with_order`);
    // for each output position, `+=` its (N, C, FH, FW) block into the window's pixels;
    // return the middle of the padded image (`slice(...).to_owned()`).
    let _ = (col, input_shape, filter_h, filter_w, stride, pad);
    todo!("col2im")
}
