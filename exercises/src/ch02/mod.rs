//! Chapter 2: perceptrons.

#[cfg_attr(feature = "solutions", path = "../../solutions/ch02/gates.rs")]
pub mod gates;
