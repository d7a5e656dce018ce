//! Solution: a multiplication node.

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
        self.x = x;
        self.y = y;
        x * y
    }

    /// (dL/dx, dL/dy) from dL/dout: the inputs swapped.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        let dx = dout * self.y;
        let dy = dout * self.x;
        (dx, dy)
    }
}
