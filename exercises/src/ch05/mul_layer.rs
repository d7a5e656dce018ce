//! # Exercise: a multiplication node
//!
//! The first node of a computational graph: out = x · y. Its forward keeps both inputs,
//! because each one's local derivative is the other one:
//!
//! ∂out/∂x = y, ∂out/∂y = x, so backward returns (dout · y, dout · x).
//!
//! The checks build the book's apple example with two of your nodes: 2 apples at 100 each,
//! then 10% tax. Forward gives the price 220; backward from dprice = 1 gives dapple = 2.2,
//! dapple_num = 110 and dtax = 200.
//!
//! # Shapes
//! Scalars: `x`, `y`, `dout` are `f64`; backward returns (dx, dy).

/// A multiplication node: out = x · y.
#[derive(Debug, Clone, Default)]
pub struct MulLayer {
    /// The inputs of the last forward, kept for backward.
    x: f64,
    y: f64,
}

impl MulLayer {
    pub fn new() -> Self {
        Self::default()
    }

    /// out = x · y, keeping x and y.
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        // TODO: remember both inputs in `self`, then return their product.
        let _ = (x, y);
        todo!("MulLayer::forward")
    }

    /// (dL/dx, dL/dy) from dL/dout.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        // TODO: each input's gradient is dout times the *other* input.
        let _ = dout;
        todo!("MulLayer::backward")
    }
}
