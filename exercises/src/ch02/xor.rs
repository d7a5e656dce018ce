//! # Exercise: XOR from two layers of gates
//!
//! XOR outputs 1 when exactly one input is 1. No single perceptron can do it (no straight line
//! puts (1,0) and (0,1) on one side and (0,0) and (1,1) on the other), but two layers of the
//! gates you wrote in `gates.rs` can: a first layer of two gates, each looking at x1 and x2,
//! and a second layer of one gate looking at the first layer's two outputs.
//!
//! | x1 | x2 | XOR |
//! |----|----|-----|
//! | 0  | 0  | 0   |
//! | 1  | 0  | 1   |
//! | 0  | 1  | 1   |
//! | 1  | 1  | 0   |
//!
//! # Shapes
//! Two numbers in (0 or 1), one out (0 or 1).

#[allow(unused_imports)] // you will need some of them
use super::gates::{and, nand, or};

/// XOR: 1 when exactly one of x1, x2 is 1, built from AND, NAND and OR only.
pub fn xor(x1: f64, x2: f64) -> u8 {
    // TODO: layer 1: two gates of (x1, x2) give s1 and s2; layer 2: one gate of (s1, s2).
    //       The gates return u8; `f64::from(s1)` turns one into an input again.
    let _ = (x1, x2);
    todo!("xor")
}
