use ndarray::ArrayD;

use super::{Layer, Mode, Tensor, standard_layout};
use crate::Float;
use dlfs_engine::parallel::zip_for_each;

// ANCHOR: relu
/// ReLU layer: y = max(0, x); dL/dx = dL/dy where x > 0, else 0.
///
/// # Shapes
/// any shape in, the same shape out.
#[derive(Debug, Clone, Default)]
pub struct Relu {
    /// Where x <= 0: backward zeroes dout there. Kept from batch to batch (same shape, same
    /// buffer); `None` after a forward in test mode, which needs no mask.
    mask: Option<ArrayD<bool>>,
}

impl Relu {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<F: Float> Layer<F> for Relu {
    fn name(&self) -> &'static str {
        "Relu"
    }

    fn forward(&mut self, mut x: Tensor<F>, mode: Mode) -> Tensor<F> {
        if mode == Mode::Test {
            self.mask = None;
            x.mapv_inplace(crate::functions::relu);
            return x;
        }
        let mut x = standard_layout(x);
        let mut mask = match self.mask.take() {
            Some(mask) if mask.shape() == x.shape() => mask,
            _ => ArrayD::from_elem(x.raw_dim(), false),
        };
        let xs = x.as_slice_mut().expect("standard layout");
        let ms = mask.as_slice_mut().expect("standard layout");
        zip_for_each(xs, ms, |v, m| {
            *m = *v <= F::zero(); // mask = (x <= 0)
            *v = crate::functions::relu(*v); // out[mask] = 0
        });
        self.mask = Some(mask);
        x
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let mask = self
            .mask
            .as_mut()
            .expect("Relu::backward called before forward in Mode::Train");
        assert_eq!(mask.shape(), dout.shape(), "Relu: dout must have x's shape");
        let mut dout = standard_layout(dout);
        let ds = dout.as_slice_mut().expect("standard layout");
        let ms = mask.as_slice_mut().expect("standard layout");
        zip_for_each(ds, ms, |d, m| {
            // dout[mask] = 0, as a select: a branch would be mispredicted half the time
            *d = if *m { F::zero() } else { *d };
        });
        dout
    }
}
// ANCHOR_END: relu
