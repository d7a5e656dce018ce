//! Matrix products, the one place where the heavy arithmetic happens.
//!
//! [`matmul`] computes c ← α a·b + β c like ndarray's `general_mat_mul`, on one thread.
//!
//! Why one thread: the kernels' own threads hand each thread a fixed share and wait for it, so on
//! a busy machine (CI running tests side by side, a learner's browser) a product waits for a
//! thread that is not running; chapter 5's training became 4x slower than on one thread.
//! Splitting products in halves with `rayon::join` was no better under load (a 2048³ product
//! took 3x as long as on one thread). Chapters parallelise at a coarser grain where it pays
//! (the convolution layers work on the images of a batch in parallel). One thread also makes
//! every result independent of the machine: a run with a given seed is repeatable.

use ndarray::{Array2, ArrayView2, ArrayViewMut2};

use crate::Float;

/// c ← α a·b + β c.
///
/// # Shapes
/// `a`: (M, K), `b`: (K, N), `c`: (M, N); any strides (views, transposes).
pub fn matmul<F: Float>(
    alpha: F,
    a: &ArrayView2<F>,
    b: &ArrayView2<F>,
    beta: F,
    c: &mut ArrayViewMut2<F>,
) {
    let (m, k) = a.dim();
    let (k2, n) = b.dim();
    assert!(
        k == k2 && c.dim() == (m, n),
        "matmul: shapes do not line up: a {:?} · b {:?} into c {:?}",
        a.shape(),
        b.shape(),
        c.shape()
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c.mapv_inplace(|v| v * beta);
        return;
    }
    matmul_with(Backend::choose(m, k, n), alpha, a, b, beta, c);
}

/// Which GEMM kernel computes a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// ndarray's `general_mat_mul` (the `matrixmultiply` crate).
    MatrixMultiply,
    /// The `gemm` crate.
    Gemm,
}

impl Backend {
    /// The faster kernel for an (m, k) · (k, n) product, as measured on this project's machines.
    pub fn choose(_m: usize, _k: usize, _n: usize) -> Backend {
        Backend::Gemm
    }
}

/// [`matmul`] with a chosen kernel, for measuring them against each other.
pub fn matmul_with<F: Float>(
    backend: Backend,
    alpha: F,
    a: &ArrayView2<F>,
    b: &ArrayView2<F>,
    beta: F,
    c: &mut ArrayViewMut2<F>,
) {
    match backend {
        Backend::Gemm => gemm_crate(alpha, a, b, beta, c),
        Backend::MatrixMultiply => ndarray::linalg::general_mat_mul(alpha, a, b, beta, c),
    }
}

fn gemm_crate<F: Float>(
    alpha: F,
    a: &ArrayView2<F>,
    b: &ArrayView2<F>,
    beta: F,
    c: &mut ArrayViewMut2<F>,
) {
    let (m, k) = a.dim();
    let n = b.ncols();
    assert!(
        b.nrows() == k && c.dim() == (m, n),
        "matmul: shapes do not line up: a {:?} · b {:?} into c {:?}",
        a.shape(),
        b.shape(),
        c.shape()
    );
    let parallelism = gemm::Parallelism::None; // one thread: see the module's documentation
    let (cs, as_, bs) = (
        c.strides().to_vec(),
        a.strides().to_vec(),
        b.strides().to_vec(),
    );
    // SAFETY: the three pointers come from live ndarray views whose shapes were checked above
    // to be (m, n), (m, k) and (k, n), and the strides passed are those views' own strides
    // (in elements), so gemm reads and writes only elements inside the views. `c` is borrowed
    // mutably, so it cannot overlap `a` or `b`. `read_dst` is false when β = 0, so gemm does not
    // read c's (possibly uninitialised-looking) old values then.
    #[allow(unsafe_code)]
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            cs[1],
            cs[0],
            beta != F::zero(),
            a.as_ptr(),
            as_[1],
            as_[0],
            b.as_ptr(),
            bs[1],
            bs[0],
            beta,
            alpha,
            false,
            false,
            false,
            parallelism,
        );
    }
}

/// a·b as a new array (`np.dot(a, b)`).
pub fn dot<F: Float>(a: &ArrayView2<F>, b: &ArrayView2<F>) -> Array2<F> {
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    matmul(F::one(), a, b, F::zero(), &mut c.view_mut());
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::Array2;

    #[test]
    fn agrees_with_ndarray_on_views_and_transposes() {
        for (m, k, n) in [(3, 4, 5), (1, 1, 1), (70, 130, 90), (257, 33, 19)] {
            let a = Array2::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
            let b = Array2::from_shape_fn((n, k), |(i, j)| ((i * 5 + j * 2) % 13) as f64 - 6.0);
            let mut c = Array2::from_elem((m, n), 1.0);
            matmul(2.0, &a.view(), &b.t(), 0.5, &mut c.view_mut());
            let expected = a.dot(&b.t()) * 2.0 + 0.5;
            assert_abs_diff_eq!(c, expected, epsilon = 1e-9);
            assert_abs_diff_eq!(dot(&a.t(), &a.view()), a.t().dot(&a), epsilon = 1e-9);
        }
    }
}
