//! Chapter 3: neural networks.
//!
//! The exercises in the book's order, which `learn` follows (the blank lines keep rustfmt from
//! sorting them by name).

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/step_function.rs")]
pub mod step_function;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/sigmoid.rs")]
pub mod sigmoid;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/relu.rs")]
pub mod relu;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/softmax.rs")]
pub mod softmax;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/forward_3layer.rs")]
pub mod forward_3layer;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch03/accuracy.rs")]
pub mod accuracy;
