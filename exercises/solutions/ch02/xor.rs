//! Solution: XOR as a two-layer perceptron (NAND and OR, then AND).

use super::gates::{and, nand, or};

/// XOR: the band between the NAND line and the OR line.
pub fn xor(x1: f64, x2: f64) -> u8 {
    let s1 = nand(x1, x2); // layer 1
    let s2 = or(x1, x2);
    and(f64::from(s1), f64::from(s2)) // layer 2
}
