use ndarray::{Array1, Array2, Axis, Ix2, IxDyn};
use rand::Rng;

use super::{Layer, Mode, Param, Tensor};
use crate::Float;
use dlfs_engine::linalg::{dot, matmul};
use dlfs_engine::parallel::join_if;

// ANCHOR: affine
/// Affine (fully connected) layer: y = x·W + b.
///
/// Backward, with the shapes lined up: dL/dx = dL/dy·Wᵀ, dL/dW = xᵀ·dL/dy,
/// dL/db = Σ_n dL/dy (summed over the batch, since b was broadcast to every row).
///
/// # Shapes
/// - `x`: (N, D) or (N, C, H, W): flattened to (N, D) row by row (D = C·H·W)
/// - `W`: (D, M), `b`: (M,)
/// - `y`: (N, M); `dx` has the shape of `x`
#[derive(Debug, Clone)]
pub struct Affine<F: Float = f32> {
    pub w: Param<F>,
    pub b: Param<F>,
    /// The input as (N, D): dW needs it.
    x: Option<Array2<F>>,
    /// The input's original shape: dx is given back in it.
    x_shape: Vec<usize>,
    /// Whether backward computes dx (not for a network's first layer).
    needs_dx: bool,
}

impl<F: Float> Affine<F> {
    /// An Affine layer with the given weight (D, M) and bias (M,), named like the book ("W1", "b1").
    pub fn new(w: Param<F>, b: Param<F>) -> Self {
        assert_eq!(
            w.value.ndim(),
            2,
            "Affine: W must be 2-D, got {:?}",
            w.value.shape()
        );
        assert_eq!(
            b.value.shape(),
            &w.value.shape()[1..],
            "Affine: b must be (M,) for W (D, M)"
        );
        Affine {
            w,
            b,
            x: None,
            x_shape: Vec::new(),
            needs_dx: true,
        }
    }

    /// W = std · randn(D, M), b = 0: the book's initialisation, named "W{k}" and "b{k}".
    pub fn init(k: usize, d: usize, m: usize, std: F, rng: &mut impl Rng) -> Self {
        let w = crate::float::randn::<F, _>((d, m), rng)
            .mapv(|v| v * std)
            .into_dyn();
        let w = Param::new(format!("W{k}"), w, true);
        let b = Param::new(format!("b{k}"), Array1::<F>::zeros(m).into_dyn(), false);
        Self::new(w, b)
    }

    fn w2(&self) -> ndarray::ArrayView2<'_, F> {
        self.w
            .value
            .view()
            .into_dimensionality::<Ix2>()
            .expect("Affine: W is 2-D")
    }

    /// y = x·W + b for rows x.
    fn affine(&self, x: &ndarray::ArrayView2<F>) -> Array2<F> {
        let w = self.w2(); // (D, M)
        assert_eq!(
            x.ncols(),
            w.nrows(),
            "Affine: input has {} features per row but W is {:?}",
            x.ncols(),
            w.shape()
        );
        let b = self
            .b
            .value
            .view()
            .into_dimensionality::<ndarray::Ix1>()
            .unwrap(); // (M,)
        let mut y = b.broadcast((x.nrows(), w.ncols())).unwrap().to_owned(); // (N, M) = b
        matmul(F::one(), x, &w, F::one(), &mut y.view_mut()); // y = x·W + b
        y
    }
}

impl<F: Float> Layer<F> for Affine<F> {
    fn name(&self) -> &'static str {
        "Affine"
    }

    fn forward(&mut self, x: Tensor<F>, _mode: Mode) -> Tensor<F> {
        self.x_shape = x.shape().to_vec();
        let x = flatten_rows(x); // (N, D)
        let y = self.affine(&x.view()); // (N, M)
        self.x = Some(x);
        y.into_dyn()
    }

    fn backward(&mut self, dout: Tensor<F>) -> Tensor<F> {
        let x = self
            .x
            .take()
            .expect("Affine::backward called before forward"); // (N, D)
        let dout = dout
            .into_dimensionality::<Ix2>()
            .expect("Affine: dout must be (N, M)"); // (N, M)
        let w = self.w.value.view().into_dimensionality::<Ix2>().unwrap(); // (D, M)
        let mut dw = self.w.grad.view_mut().into_dimensionality::<Ix2>().unwrap(); // (D, M)
        // the two products do not depend on each other: when they are large, one per core
        let large = x.len() * dout.ncols() >= dlfs_engine::linalg::SPLIT_WORK;
        let ((), dx) = join_if(
            large,
            || matmul(F::one(), &x.t(), &dout.view(), F::zero(), &mut dw), // dW = xᵀ·dout
            || self.needs_dx.then(|| dot(&dout.view(), &w.t())),           // (N, D) = dout·Wᵀ
        );
        self.b.grad.assign(&dout.sum_axis(Axis(0))); // db = np.sum(dout, axis=0)
        let Some(dx) = dx else {
            return Tensor::zeros(ndarray::IxDyn(&[0])); // the first layer: nobody needs dx
        };
        dx.into_shape_with_order(IxDyn(&self.x_shape))
            .expect("Affine: dx back to x's shape")
    }

    /// In test mode nothing is kept for backward, so the product reads the input where it lies.
    fn forward_view(&mut self, x: ndarray::ArrayViewD<F>, mode: Mode) -> Tensor<F> {
        let n = x.shape().first().copied().unwrap_or(1);
        let d = x.len().checked_div(n).unwrap_or(0);
        if mode == Mode::Test
            && let Ok(x) = x.view().into_shape_with_order((n, d))
        {
            return self.affine(&x).into_dyn(); // (N, D) view → (N, M)
        }
        self.forward(x.to_owned(), mode)
    }

    fn set_needs_dx(&mut self, needs_dx: bool) {
        self.needs_dx = needs_dx;
    }

    fn params(&self) -> Vec<&Param<F>> {
        vec![&self.w, &self.b]
    }

    fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        vec![&mut self.w, &mut self.b]
    }
}
// ANCHOR_END: affine

/// (N, ...) → (N, D) in row-major order (`x.reshape(x.shape[0], -1)`), without a copy when the
/// data is already contiguous.
pub fn flatten_rows<F: Float>(x: Tensor<F>) -> Array2<F> {
    let n = x.shape().first().copied().unwrap_or(1);
    let d = x.len().checked_div(n).unwrap_or(0);
    super::standard_layout(x)
        .into_shape_with_order((n, d))
        .expect("flatten_rows: contiguous")
}
