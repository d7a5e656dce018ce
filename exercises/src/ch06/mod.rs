//! Chapter 6: training techniques.

// The stubs keep the fields their `todo!()` bodies are to use.
#![cfg_attr(not(feature = "solutions"), allow(dead_code))]

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/sgd.rs")]
pub mod sgd;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/momentum.rs")]
pub mod momentum;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/nesterov.rs")]
pub mod nesterov;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/adagrad.rs")]
pub mod adagrad;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/rmsprop.rs")]
pub mod rmsprop;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/adam.rs")]
pub mod adam;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/weight_init.rs")]
pub mod weight_init;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch06/dropout.rs")]
pub mod dropout;

// Given (private: not an exercise): the batch normalization layer and its forward, for
// `batch_norm_backward`, which re-exports the layer.
mod batch_norm;

#[cfg_attr(
    feature = "solutions",
    path = "../../solutions/ch06/batch_norm_backward.rs"
)]
pub mod batch_norm_backward;
