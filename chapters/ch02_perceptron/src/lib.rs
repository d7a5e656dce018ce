//! # Chapter 2: perceptrons
//!
//! A perceptron adds up its weighted inputs and a bias and fires (outputs 1) when the sum is
//! above 0. With the right two weights and bias one perceptron is an AND, a NAND or an OR gate;
//! XOR needs two layers: NAND and OR side by side, then an AND of their outputs.

pub mod diagrams;
pub mod figure;

use ndarray::{Array1, arr1};

// ANCHOR: perceptron
/// A perceptron with two inputs: y = 1 if w1 x1 + w2 x2 + b > 0, else 0.
///
/// The bias `b` sets how easily it fires: the weighted sum must beat `-b`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Perceptron {
    pub w: [f64; 2],
    pub b: f64,
}

impl Perceptron {
    /// The output for inputs `(x1, x2)`: 0 or 1.
    pub fn fire(&self, x1: f64, x2: f64) -> u8 {
        let x: Array1<f64> = arr1(&[x1, x2]);
        let w: Array1<f64> = arr1(&self.w);
        let tmp = (&w * &x).sum() + self.b; // np.sum(w * x) + b
        if tmp <= 0.0 { 0 } else { 1 }
    }
}
// ANCHOR_END: perceptron

// ANCHOR: gates
/// AND: fires only when both inputs are 1 (0.5 + 0.5 > 0.7, but 0.5 alone is not).
pub const AND: Perceptron = Perceptron {
    w: [0.5, 0.5],
    b: -0.7,
};
/// NAND: AND with every sign flipped, so it fires except when both inputs are 1.
pub const NAND: Perceptron = Perceptron {
    w: [-0.5, -0.5],
    b: 0.7,
};
/// OR: fires when at least one input is 1 (a smaller threshold than AND's).
pub const OR: Perceptron = Perceptron {
    w: [0.5, 0.5],
    b: -0.2,
};

pub fn and(x1: f64, x2: f64) -> u8 {
    AND.fire(x1, x2)
}

pub fn nand(x1: f64, x2: f64) -> u8 {
    NAND.fire(x1, x2)
}

pub fn or(x1: f64, x2: f64) -> u8 {
    OR.fire(x1, x2)
}
// ANCHOR_END: gates

// ANCHOR: xor
/// XOR as a two-layer perceptron: layer 1 computes s1 = NAND(x1, x2) and s2 = OR(x1, x2),
/// layer 2 computes AND(s1, s2).
pub fn xor(x1: f64, x2: f64) -> u8 {
    let s1 = nand(x1, x2);
    let s2 = or(x1, x2);
    and(f64::from(s1), f64::from(s2))
}
// ANCHOR_END: xor

/// The four inputs in the order the book lists them.
pub const INPUTS: [(u8, u8); 4] = [(0, 0), (1, 0), (0, 1), (1, 1)];

/// The truth table of a gate as lines `NAME(x1, x2) = y`.
pub fn truth_table(name: &str, gate: impl Fn(f64, f64) -> u8) -> Vec<String> {
    INPUTS
        .iter()
        .map(|&(x1, x2)| {
            format!(
                "{name}({x1}, {x2}) = {}",
                gate(f64::from(x1), f64::from(x2))
            )
        })
        .collect()
}

/// Prints a gate's truth table (what the `*_gate` binaries do).
pub fn print_truth_table(name: &str, gate: impl Fn(f64, f64) -> u8) {
    for line in truth_table(name, gate) {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(gate: impl Fn(f64, f64) -> u8) -> [u8; 4] {
        INPUTS.map(|(x1, x2)| gate(f64::from(x1), f64::from(x2)))
    }

    #[test]
    fn truth_tables_are_the_gates() {
        // inputs (0,0), (1,0), (0,1), (1,1)
        assert_eq!(table(and), [0, 0, 0, 1]);
        assert_eq!(table(nand), [1, 1, 1, 0]);
        assert_eq!(table(or), [0, 1, 1, 1]);
        assert_eq!(table(xor), [0, 1, 1, 0]);
    }

    #[test]
    fn printed_lines() {
        assert_eq!(
            truth_table("XOR", xor),
            [
                "XOR(0, 0) = 0",
                "XOR(1, 0) = 1",
                "XOR(0, 1) = 1",
                "XOR(1, 1) = 0"
            ]
        );
        assert_eq!(truth_table("AND", and)[2], "AND(0, 1) = 0");
    }

    #[test]
    fn no_single_perceptron_on_a_grid_of_weights_is_xor() {
        // a coarse search over w1, w2, b in [-1, 1]: many make AND or OR, none makes XOR
        let steps: Vec<f64> = (-10..=10).map(|i| f64::from(i) / 10.0).collect();
        let (mut ands, mut xors) = (0, 0);
        for &w1 in &steps {
            for &w2 in &steps {
                for &b in &steps {
                    let p = Perceptron { w: [w1, w2], b };
                    let t = table(|x1, x2| p.fire(x1, x2));
                    ands += usize::from(t == [0, 0, 0, 1]);
                    xors += usize::from(t == [0, 1, 1, 0]);
                }
            }
        }
        assert!(ands > 0);
        assert_eq!(xors, 0);
    }
}
