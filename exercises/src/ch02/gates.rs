//! # Exercise: AND, NAND and OR from one perceptron
//!
//! A perceptron with two inputs fires (returns 1) when w1·x1 + w2·x2 + b > 0, else returns 0.
//! Choose the weights and the bias of each gate so that its truth table comes out:
//!
//! | x1 | x2 | AND | NAND | OR |
//! |----|----|-----|------|----|
//! | 0  | 0  | 0   | 1    | 0  |
//! | 1  | 0  | 0   | 1    | 1  |
//! | 0  | 1  | 0   | 1    | 1  |
//! | 1  | 1  | 1   | 0    | 1  |

/// `y = 1 if w[0]·x1 + w[1]·x2 + b > 0, else 0`.
pub fn perceptron(x1: f64, x2: f64, w: [f64; 2], b: f64) -> u8 {
    // TODO: the weighted sum plus the bias, then the threshold at 0.
    let _ = (x1, x2, w, b);
    todo!("perceptron")
}

/// AND: 1 only when both inputs are 1.
pub fn and(x1: f64, x2: f64) -> u8 {
    // TODO: call `perceptron` with weights and a bias you choose.
    let _ = (x1, x2);
    todo!("and")
}

/// NAND: 0 only when both inputs are 1.
pub fn nand(x1: f64, x2: f64) -> u8 {
    let _ = (x1, x2);
    todo!("nand")
}

/// OR: 1 when at least one input is 1.
pub fn or(x1: f64, x2: f64) -> u8 {
    let _ = (x1, x2);
    todo!("or")
}
