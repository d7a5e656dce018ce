//! Layers: the book's `common/layers.py`, one file per layer.
//!
//! Every layer has a `forward` that computes its output and keeps what `backward` will need,
//! and a `backward` that takes dL/dout and returns dL/dx, filling the gradients of its
//! parameters on the way (the chain rule, one layer at a time).

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

// ANCHOR: layer
/// One layer of a network.
pub trait Layer<F: Float = f32>: Send + BoxClone<F> {
    /// The layer's name in messages ("Affine", "Relu", ...).
    fn name(&self) -> &'static str;
    /// Computes the output for `x`, keeping what backward needs.
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F>;
    /// Takes dL/dout, fills the parameters' gradients and returns dL/dx.
    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F>;
    /// Tells the layer whether anyone needs the dL/dx its backward returns. A network's first
    /// layer gets `false`: nothing lies before it, so an Affine or Convolution can skip the
    /// largest product of its backward and return an empty array.
    fn set_needs_dx(&mut self, _needs_dx: bool) {}
    /// Forward from a borrowed input, for prediction over a large data set without copying it
    /// chunk by chunk. Layers that can read a view directly override it; the default copies.
    fn forward_view(&mut self, x: ndarray::ArrayViewD<F>, mode: Mode) -> Tensor<F> {
        self.forward(x.to_owned(), mode)
    }
    /// The layer's parameters (none for activations).
    fn params(&self) -> Vec<&Param<F>> {
        Vec::new()
    }
    /// The layer's parameters, mutably: what an optimizer updates.
    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        Vec::new()
    }
}
// ANCHOR_END: layer

/// A copy of a boxed layer (`Box<dyn Layer>` cannot be `Clone` itself): every layer that is
/// `Clone` gets it, so a network can be copied, e.g. to evaluate one while training the other.
pub trait BoxClone<F: Float> {
    fn box_clone(&self) -> Box<dyn Layer<F>>;
}

impl<F: Float, L: Layer<F> + Clone + 'static> BoxClone<F> for L {
    fn box_clone(&self) -> Box<dyn Layer<F>> {
        Box::new(self.clone())
    }
}

/// `x` itself if its elements lie in row-major order, else a row-major copy.
pub(crate) fn standard_layout<F: Float>(x: Tensor<F>) -> Tensor<F> {
    if x.is_standard_layout() {
        x
    } else {
        x.as_standard_layout().into_owned()
    }
}

mod affine;
mod batch_norm;
mod convolution;
mod dropout;
mod pooling;
mod relu;
mod sigmoid;
mod softmax_with_loss;

pub use affine::{Affine, flatten_rows};
pub use batch_norm::BatchNormalization;
pub use convolution::Convolution;
pub use dropout::Dropout;
pub use pooling::Pooling;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
pub use softmax_with_loss::SoftmaxWithLoss;
