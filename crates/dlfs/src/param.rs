//! What the layers, networks and optimizers pass around: tensors, parameters, the mode.

use ndarray::ArrayD;

use crate::Float;

/// A tensor crossing a layer boundary: any rank, `f32` unless said otherwise.
pub type Tensor<F = f32> = ArrayD<F>;

// ANCHOR: mode
/// Training or inference: Dropout and BatchNorm behave differently in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Learning: Dropout drops, BatchNorm uses the batch's statistics.
    Train,
    /// Predicting: Dropout scales, BatchNorm uses its running statistics.
    Test,
}
// ANCHOR_END: mode

// ANCHOR: param
/// A learnable parameter, owned by its layer: its value and the gradient of the loss by it.
#[derive(Debug, Clone)]
pub struct Param<F: Float = f32> {
    /// The book's key: "W1", "b1", "gamma1", ...
    pub name: String,
    /// The value the network computes with.
    pub value: ArrayD<F>,
    /// dL/dvalue, overwritten by each `backward` (the book's `self.dW = ...`).
    pub grad: ArrayD<F>,
    /// Whether weight decay applies to it (weights yes; biases, gamma, beta no).
    pub decay: bool,
}

impl<F: Float> Param<F> {
    /// A parameter with a zero gradient of the same shape.
    pub fn new(name: impl Into<String>, value: ArrayD<F>, decay: bool) -> Self {
        let grad = ArrayD::zeros(value.raw_dim());
        Param {
            name: name.into(),
            value,
            grad,
            decay,
        }
    }
}
// ANCHOR_END: param
