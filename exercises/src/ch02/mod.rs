//! Chapter 2: perceptrons.
//!
//! The exercises in the book's order, which `learn` follows (the blank lines keep rustfmt from
//! sorting them by name).

#[cfg_attr(feature = "solutions", path = "../../solutions/ch02/gates.rs")]
pub mod gates;

#[cfg_attr(feature = "solutions", path = "../../solutions/ch02/xor.rs")]
pub mod xor;
