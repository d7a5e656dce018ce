//! Chapter 5: backpropagation.

// The stubs keep the fields their `todo!()` bodies are to use.
#![cfg_attr(not(feature = "solutions"), allow(dead_code))]

#[cfg_attr(feature = "solutions", path = "../../solutions/ch05/mul_layer.rs")]
pub mod mul_layer;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch05/add_layer.rs")]
pub mod add_layer;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch05/relu.rs")]
pub mod relu;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch05/sigmoid.rs")]
pub mod sigmoid;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch05/affine.rs")]
pub mod affine;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch05/softmax_with_loss.rs"
)]
pub mod softmax_with_loss;
