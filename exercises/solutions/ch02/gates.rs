//! Solution: AND, NAND and OR from one perceptron (the book's weights and biases).

/// `y = 1 if w[0]·x1 + w[1]·x2 + b > 0, else 0`.
pub fn perceptron(x1: f64, x2: f64, w: [f64; 2], b: f64) -> u8 {
    let tmp = w[0] * x1 + w[1] * x2 + b;
    if tmp <= 0.0 { 0 } else { 1 }
}

/// AND: 0.5 + 0.5 beats the threshold 0.7, one 0.5 alone does not.
pub fn and(x1: f64, x2: f64) -> u8 {
    perceptron(x1, x2, [0.5, 0.5], -0.7)
}

/// NAND: AND with every sign flipped.
pub fn nand(x1: f64, x2: f64) -> u8 {
    perceptron(x1, x2, [-0.5, -0.5], 0.7)
}

/// OR: a lower threshold than AND's, so one input is enough.
pub fn or(x1: f64, x2: f64) -> u8 {
    perceptron(x1, x2, [0.5, 0.5], -0.2)
}
