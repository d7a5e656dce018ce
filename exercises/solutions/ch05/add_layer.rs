//! Solution: an addition node.

/// An addition node: out = x + y.
#[derive(Debug, Clone, Default)]
pub struct AddLayer;

impl AddLayer {
    pub fn new() -> Self {
        AddLayer
    }

    /// out = x + y.
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        x + y
    }

    /// (dL/dx, dL/dy) from dL/dout: both local derivatives are 1.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        (dout, dout) // dout * 1 to each input
    }
}
