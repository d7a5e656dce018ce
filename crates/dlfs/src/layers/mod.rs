//! Layers: the book's `common/layers.py`, one file per layer.
//!
//! Every layer has a `forward` that computes its output and keeps what `backward` will need,
//! and a `backward` that takes dL/dout and returns dL/dx, filling the gradients of its
//! parameters on the way (the chain rule, one layer at a time). Where the book does a heavy
//! step (a product over the batch, im2col, a max over windows), a layer calls one function of
//! the engine room (`dlfs_engine`) that does it fast.

pub use crate::param::{Mode, Param, Tensor};

use crate::Float;

// ANCHOR: layer
/// One layer of a network.
///
/// `forward` keeps what `backward` needs (the book's `self.x = x`); `backward` reads it, so it
/// may be called more than once after one forward and gives the same result each time. A
/// `backward` before any `forward` panics.
pub trait Layer<F: Float = f32>: Send + BoxClone<F> {
    /// Computes the output for `x`, keeping what backward needs.
    fn forward(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F>;
    /// Takes dL/dout, fills the parameters' gradients and returns dL/dx.
    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F>;
    /// The layer's parameters (none for activations).
    fn params(&self) -> Vec<&Param<F>> {
        Vec::new()
    }
    /// The layer's parameters, mutably: what an optimizer updates.
    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        Vec::new()
    }
    /// The layer's name in messages: its type's name ("Affine", "Relu", ...).
    fn name(&self) -> &'static str {
        let name = std::any::type_name::<Self>();
        let name = name.split('<').next().unwrap_or(name);
        name.rsplit("::").next().unwrap_or(name)
    }
    /// Speed only: `false` tells a network's first layer that nobody needs the dL/dx of the
    /// input images, so an Affine or Convolution skips its largest backward product.
    fn set_needs_dx(&mut self, _needs_dx: bool) {}
}
// ANCHOR_END: layer

/// A layer's `params` and `params_mut` when its parameters are the fields named:
/// `params!(w, b);` inside `impl Layer` stands for `vec![&self.w, &self.b]` and
/// `vec![&mut self.w, &mut self.b]`.
macro_rules! params {
    ($($field:ident),+) => {
        fn params(&self) -> Vec<&Param<F>> {
            vec![$(&self.$field),+]
        }
        fn params_mut(&mut self) -> Vec<&mut Param<F>> {
            vec![$(&mut self.$field),+]
        }
    };
}
pub(crate) use params;

/// A copy of a boxed layer (`Box<dyn Layer>` cannot be `Clone` itself): every layer that is
/// `Clone` gets it, so a network can be copied, e.g. to evaluate one while training the other.
///
/// It is also [`Any`](std::any::Any), so that a `dyn Layer` can be asked which layer it is
/// (`downcast_mut`), where a network takes a faster path for one kind of layer.
pub trait BoxClone<F: Float>: std::any::Any {
    fn box_clone(&self) -> Box<dyn Layer<F>>;
}

impl<F: Float, L: Layer<F> + Clone + 'static> BoxClone<F> for L {
    fn box_clone(&self) -> Box<dyn Layer<F>> {
        Box::new(self.clone())
    }
}

mod affine;
mod batch_norm;
mod convolution;
mod dropout;
mod pooling;
mod relu;
pub mod shape;
mod sigmoid;
mod softmax_with_loss;

pub use affine::Affine;
pub use batch_norm::BatchNormalization;
pub use convolution::Convolution;
pub use dropout::Dropout;
pub use pooling::Pooling;
pub use relu::Relu;
pub use shape::TensorShape;
pub use sigmoid::Sigmoid;
pub use softmax_with_loss::SoftmaxWithLoss;
