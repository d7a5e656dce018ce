//! # Exercise: im2col
//!
//! A convolution slides a C × FH × FW filter over the (zero-padded) image, S pixels at a time.
//! im2col lays every window the filter visits out as one row of a matrix `col`, so that the
//! whole convolution becomes one matrix product (next exercises):
//!
//! row (n, oy, ox) of `col` = the window of image n whose top-left corner is at
//! (oy·S − P, ox·S − P), its values in the order (c, fy, fx);
//! OH = (H + 2P − FH)/S + 1, OW = (W + 2P − FW)/S + 1.
//!
//! Positions that fall on the padding are 0. Rows run over n, then oy, then ox; columns over
//! c, then fy, then fx: the order of `W.reshape(FN, -1)`, so that row · filter is one output.
//!
//! # Shapes
//! `input_data`: (N, C, H, W) → `col`: (N·OH·OW, C·FH·FW)

use dlfs::Float;
use ndarray::{Array2, ArrayView4};

/// Every window the filter visits, as one row of `col`.
pub fn im2col<F: Float>(
    input_data: ArrayView4<F>,
    filter_h: usize,
    filter_w: usize,
    stride: usize,
    pad: usize,
) -> Array2<F> {
    // TODO: OH and OW from the formula; a zero image (N, C, H + 2P, W + 2P) with the input
    // copied into its middle (`slice_mut(s![.., .., pad..pad + h, pad..pad + w]).assign(..)`);
    // then fill col (N·OH·OW, C·FH·FW): one window (`img.slice(s![.., .., y..y + FH, x..x + FW])`)
    // per output position, or one strided slice per filter position as the book does.
    // Reshaping a standard-layout array is free: `into_shape_with_order`.
    let _ = (input_data, filter_h, filter_w, stride, pad);
    todo!("im2col")
}
