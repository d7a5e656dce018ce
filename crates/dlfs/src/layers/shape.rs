//! The book's reshapes, named once: `x.reshape(N, -1)`, "this is (N, C, H, W)", `W.reshape(FN,
//! -1)`, so that a layer says what shape it means in one word instead of a conversion and an
//! `unwrap` each time.

use ndarray::{
    Array, Array2, Array4, ArrayD, ArrayView1, ArrayView2, ArrayView4, Dimension, Ix2, Ix4, IxDyn,
};

use crate::Float;

/// Shape conversions of a [`Tensor`](crate::Tensor). Each panics with the shape it got when the
/// tensor does not have the shape asked for (a bug in the network's construction).
pub trait TensorShape<F> {
    /// (N, ...) → (N, D), row by row: the book's `x.reshape(x.shape[0], -1)` (a copy only when
    /// `x` is not row-major).
    fn into_rows(self) -> Array2<F>;
    /// The tensor as the (N, M) matrix it is.
    fn into_2d(self) -> Array2<F>;
    /// The tensor as the (N, C, H, W) batch of images it is.
    fn into_4d(self) -> Array4<F>;
    /// A view of a vector, such as a bias b (M,).
    fn view_1d(&self) -> ArrayView1<'_, F>;
    /// A view of a matrix, such as Affine's W (D, M).
    fn view_2d(&self) -> ArrayView2<'_, F>;
    /// A view of (N, ...) as (N, D): `W.reshape(FN, -1)` for a filter bank (FN, C, FH, FW).
    fn view_rows(&self) -> ArrayView2<'_, F>;
    /// A view of a 4-D tensor.
    fn view_4d(&self) -> ArrayView4<'_, F>;
}

impl<F: Float> TensorShape<F> for ArrayD<F> {
    #[track_caller]
    fn into_rows(self) -> Array2<F> {
        let (n, d) = rows_of(self.shape());
        let x = if self.is_standard_layout() {
            self
        } else {
            self.as_standard_layout().into_owned()
        };
        x.into_shape_with_order((n, d)).expect("row-major")
    }

    #[track_caller]
    fn into_2d(self) -> Array2<F> {
        let shape = self.shape().to_vec();
        self.into_dimensionality::<Ix2>()
            .unwrap_or_else(|_| panic!("expected a matrix (N, M), got shape {shape:?}"))
    }

    #[track_caller]
    fn into_4d(self) -> Array4<F> {
        let shape = self.shape().to_vec();
        self.into_dimensionality::<Ix4>()
            .unwrap_or_else(|_| panic!("expected images (N, C, H, W), got shape {shape:?}"))
    }

    #[track_caller]
    fn view_1d(&self) -> ArrayView1<'_, F> {
        view_as(self, "a vector")
    }

    #[track_caller]
    fn view_2d(&self) -> ArrayView2<'_, F> {
        view_as(self, "a matrix")
    }

    #[track_caller]
    fn view_rows(&self) -> ArrayView2<'_, F> {
        let (n, d) = rows_of(self.shape());
        self.view()
            .into_shape_with_order((n, d))
            .unwrap_or_else(|_| panic!("a row-major tensor is needed here, got {:?}", self.shape()))
    }

    #[track_caller]
    fn view_4d(&self) -> ArrayView4<'_, F> {
        view_as(self, "(N, C, H, W)")
    }
}

/// `x` as a view of `D` dimensions, or a panic naming what was expected.
#[track_caller]
fn view_as<'a, F, D: Dimension>(x: &'a ArrayD<F>, what: &str) -> ndarray::ArrayView<'a, F, D> {
    x.view()
        .into_dimensionality::<D>()
        .unwrap_or_else(|_| panic!("expected {what}, got shape {:?}", x.shape()))
}

/// (N, D) for a tensor of shape (N, ...).
fn rows_of(shape: &[usize]) -> (usize, usize) {
    let n = shape.first().copied().unwrap_or(1);
    let d = shape.iter().skip(1).product();
    (n, d)
}

/// `dx.reshape(*self.original_x_shape)`: an array given back in the shape its input had.
pub trait ReshapeTo<F> {
    /// The same values in row-major order, in `shape` (which must hold as many).
    fn reshape_to(self, shape: &[usize]) -> ArrayD<F>;
}

impl<F: Float, D: Dimension> ReshapeTo<F> for Array<F, D> {
    #[track_caller]
    fn reshape_to(self, shape: &[usize]) -> ArrayD<F> {
        let from = self.shape().to_vec();
        let x = if self.is_standard_layout() {
            self
        } else {
            self.as_standard_layout().into_owned()
        };
        x.into_shape_with_order(IxDyn(shape))
            .unwrap_or_else(|_| panic!("cannot reshape {from:?} into {shape:?}"))
    }
}

/// What a first layer's backward returns when told that nobody needs its dx: an empty tensor.
pub fn unused_dx<F: Float>() -> ArrayD<F> {
    ArrayD::zeros(IxDyn(&[0]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array, ShapeBuilder};

    #[test]
    fn rows_of_a_column_major_tensor_are_its_logical_rows() {
        let x = Array::from_shape_vec((2, 3).f(), vec![1.0f32, 4.0, 2.0, 5.0, 3.0, 6.0]).unwrap();
        let rows = x.into_dyn().into_rows();
        assert_eq!(rows, ndarray::array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        let back = rows.reshape_to(&[2, 3, 1]);
        assert_eq!(back.shape(), [2, 3, 1]);
        assert_eq!(back[[1, 2, 0]], 6.0);
    }
}
