//! # Exercise: the backward pass of batch normalization
//!
//! Forward is written for you (in `batch_norm.rs`, which calls your `backward` from its own):
//! each feature (column) is standardised over the batch, then scaled by γ and shifted by β
//! (N rows, sums over the batch, ε = 1e-6):
//!
//! μ = mean x, xc = x - μ, σ² = mean xc², std = √(σ² + ε), xn = xc / std, y = γ xn + β.
//!
//! Write `backward` by walking that graph in reverse, one node at a time, with what forward
//! kept in the layer (`bn.xc`, `bn.xn`, `bn.std`, `bn.x_shape`):
//!
//! dβ = Σ dy, dγ = Σ xn ⊙ dy, dxn = γ dy,
//! dxc = dxn / std, dstd = -Σ (dxn ⊙ xc) / std², dσ² = dstd / (2 std),
//! dxc += (2/N) xc dσ², dμ = Σ dxc, dx = dxc - dμ / N.
//!
//! (xc feeds both xn and σ², so its gradient has two parts; μ feeds every row of xc.)
//!
//! # Shapes
//! - `x`, `y`, `dout`, `dx`: (N, D), or (N, C, H, W) taken as (N, C·H·W) row by row
//! - `gamma`, `beta`, μ, σ², `std`: (D,); `xc`, `xn`: (N, D)

use dlfs::{Float, Tensor};

pub use super::batch_norm::BatchNormalization;

/// dL/dx from dL/dy (`dout`) for the last training forward of `bn`, filling `bn.gamma.grad`
/// (dγ) and `bn.beta.grad` (dβ) on the way.
pub fn backward<F: Float>(bn: &mut BatchNormalization<F>, dout: Tensor<F>) -> Tensor<F> {
    // TODO: dout as rows (N, D) (`into_rows`, from dlfs::layers::TensorShape); N as an F
    // (`F::from(n).unwrap()`); bn.beta.grad and bn.gamma.grad (sums over rows:
    // `sum_axis(Axis(0))`, then `.into_dyn()`); then dxn, dxc, dstd, dvar, dmu, dx as in the
    // formulas above, using bn.xc, bn.xn, bn.std and bn.gamma.value (`view_1d()`);
    // dx back in bn.x_shape (`reshape_to`, from dlfs::layers::shape::ReshapeTo).
    let _ = (bn, dout);
    todo!("batch_norm_backward::backward")
}
