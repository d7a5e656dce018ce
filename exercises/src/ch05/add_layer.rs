//! # Exercise: an addition node
//!
//! out = x + y. Both local derivatives are 1, so backward hands dout on unchanged to both
//! inputs: (dout, dout). It needs to keep nothing from forward.
//!
//! The checks build the book's second shopping example from your `AddLayer` and your
//! `MulLayer`: 2 apples at 100 and 3 oranges at 150, summed, then 10% tax. Forward gives 715;
//! backward from dprice = 1 gives dapple_num = 110, dapple = 2.2, dorange = 3.3,
//! dorange_num = 165 and dtax = 650.
//!
//! # Shapes
//! Scalars: `x`, `y`, `dout` are `f64`; backward returns (dx, dy).

/// An addition node: out = x + y.
#[derive(Debug, Clone, Default)]
pub struct AddLayer;

impl AddLayer {
    pub fn new() -> Self {
        AddLayer
    }

    /// out = x + y.
    pub fn forward(&mut self, x: f64, y: f64) -> f64 {
        // TODO: the sum.
        let _ = (x, y);
        todo!("AddLayer::forward")
    }

    /// (dL/dx, dL/dy) from dL/dout.
    pub fn backward(&mut self, dout: f64) -> (f64, f64) {
        // TODO: what is ∂(x + y)/∂x? And ∂(x + y)/∂y?
        let _ = dout;
        todo!("AddLayer::backward")
    }
}
