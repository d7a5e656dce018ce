//! Solution: the backward pass of batch normalization.

use dlfs::layers::TensorShape;
use dlfs::layers::shape::ReshapeTo;
use dlfs::{Float, Tensor};
use ndarray::Axis;

pub use super::batch_norm::BatchNormalization;

/// dL/dx from dL/dy (`dout`) for the last training forward of `bn`, filling `bn.gamma.grad`
/// (dγ) and `bn.beta.grad` (dβ) on the way.
pub fn backward<F: Float>(bn: &mut BatchNormalization<F>, dout: Tensor<F>) -> Tensor<F> {
    let dout = dout.into_rows(); // (N, D)
    let (xc, std) = (&bn.xc, &bn.std);
    let n = F::from(dout.nrows()).unwrap();
    bn.beta.grad = dout.sum_axis(Axis(0)).into_dyn(); // dbeta = dout.sum(axis=0)
    bn.gamma.grad = (&bn.xn * &dout).sum_axis(Axis(0)).into_dyn(); // Σ xn * dout
    let dxn = &dout * &bn.gamma.value.view_1d(); // (N, D) = gamma * dout
    let mut dxc = &dxn / std; // (N, D) = dxn / std
    let dstd = -(&dxn * xc / &(std * std)).sum_axis(Axis(0)); // (D,)
    let dvar = &dstd / std * F::lit(0.5); // (D,) = 0.5 * dstd / std
    dxc.scaled_add(F::lit(2.0) / n, &(xc * &dvar)); // dxc += (2.0 / N) * xc * dvar
    let dmu = dxc.sum_axis(Axis(0)); // (D,)
    let dx = dxc - &(dmu / n); // (N, D) = dxc - dmu / N
    dx.reshape_to(&bn.x_shape)
}
