//! ReLU, fast: output and mask in one pass, the mask's memory kept from batch to batch, long
//! arrays split over the cores ([`crate::parallel::zip_for_each`]).

use ndarray::ArrayD;

use crate::Float;
use crate::parallel::{zip_for_each, zip_for_each_ref};

/// `mask = (x <= 0)` and `x[mask] = 0`, in place. A NaN is kept (it is not `<= 0`), as in NumPy.
///
/// # Shapes
/// `x` any shape; `mask` is given x's shape (its memory reused when it has it already).
pub fn relu_forward<F: Float>(x: &mut ArrayD<F>, mask: &mut ArrayD<bool>) {
    standard_layout(x);
    if mask.shape() != x.shape() || !mask.is_standard_layout() {
        *mask = ArrayD::from_elem(x.raw_dim(), false);
    }
    let xs = x.as_slice_mut().expect("standard layout");
    let ms = mask.as_slice_mut().expect("standard layout");
    zip_for_each(xs, ms, |v, m| {
        *m = *v <= F::zero(); // mask = (x <= 0)
        *v = if *m { F::zero() } else { *v }; // x[mask] = 0
    });
}

/// `dout[mask] = 0`, in place: the gradient passes where the input was positive.
///
/// # Shapes
/// `dout` and `mask`: the shape of the forward's x.
pub fn relu_backward<F: Float>(dout: &mut ArrayD<F>, mask: &ArrayD<bool>) {
    assert_eq!(
        mask.shape(),
        dout.shape(),
        "Relu: dout must have the shape of the last forward's x"
    );
    standard_layout(dout);
    let ds = dout.as_slice_mut().expect("standard layout");
    let ms = mask.as_slice().expect("standard layout");
    zip_for_each_ref(ds, ms, |d, &m| {
        *d = if m { F::zero() } else { *d }; // a select: a branch would be mispredicted half the time
    });
}

/// Makes `x` row-major in place (a copy only when it is not).
fn standard_layout<F: Float>(x: &mut ArrayD<F>) {
    if !x.is_standard_layout() {
        *x = x.as_standard_layout().into_owned();
    }
}
