//! Chapter 7: convolutional networks.

// The stubs keep the fields their `todo!()` bodies are to use.
#![cfg_attr(not(feature = "solutions"), allow(dead_code))]

#[cfg_attr(feature = "solutions", path = "../../solutions/ch07/im2col.rs")]
pub mod im2col;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch07/col2im.rs")]
pub mod col2im;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch07/convolution.rs")]
pub mod convolution;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch07/pooling.rs")]
pub mod pooling;
