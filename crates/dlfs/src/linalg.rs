//! Matrix products, the one place where the heavy arithmetic happens.
//!
//! [`matmul`] computes c ← α a·b + β c like ndarray's `general_mat_mul`, with one of two GEMM
//! kernels chosen by the product's shape ([`Backend::choose`], measured with
//! `cargo run --release -p ch07_cnn --example gemm_shapes`):
//! - the `gemm` crate when any side is shorter than 256: every product of the book's networks
//!   (the im2col products of a convolution, (576, 25)·(25, 30) per image, and an Affine layer's
//!   (100, 4320)·(4320, 100)), where it is 1.0-1.5x faster;
//! - `matrixmultiply` (ndarray's own kernel) for large products in every direction (e.g.
//!   2048 × 2048 squares), where it is about 1.1x faster.
//!
//! Both use the cores: `matrixmultiply` threads itself; a `gemm` product is cut here into
//! blocks of rows (or columns) of the output, one task each. Every output element is computed
//! by one thread, in the same order whatever the thread count, so a run is repeatable bit for
//! bit.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis};

use crate::Float;

/// Products smaller than this many multiply-adds run on one thread (threads cost more than they save).
const PARALLEL_WORK: usize = 1 << 20;

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
    match Backend::choose(m, k, n) {
        Backend::MatrixMultiply => ndarray::linalg::general_mat_mul(alpha, a, b, beta, c),
        Backend::Gemm if m * n * k < PARALLEL_WORK => gemm_crate(alpha, a, b, beta, c),
        Backend::Gemm => {
            // Cut the longer side of c into blocks (their number depends on the shape only) and
            // compute the blocks in parallel: a row block of c needs the same rows of a, a
            // column block the same columns of b.
            let (axis, len) = if m >= n { (Axis(0), m) } else { (Axis(1), n) };
            let block = len.div_ceil(8).max(32);
            let c_blocks = c.axis_chunks_iter_mut(axis, block);
            let tasks: Vec<_> = if axis == Axis(0) {
                let a_blocks = a.axis_chunks_iter(Axis(0), block);
                c_blocks.zip(a_blocks.map(|a| (a, b.view()))).collect()
            } else {
                let b_blocks = b.axis_chunks_iter(Axis(1), block);
                c_blocks.zip(b_blocks.map(|b| (a.view(), b))).collect()
            };
            crate::parallel::par_tasks(tasks, |(mut c, (a, b))| {
                gemm_crate(alpha, &a, &b, beta, &mut c)
            });
        }
    }
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
    /// The faster kernel for an (m, k) · (k, n) product on this project's machines (2-core
    /// AMD EPYC, AVX2): `matrixmultiply` when every side is at least 256, `gemm` otherwise.
    pub fn choose(m: usize, k: usize, n: usize) -> Backend {
        if m.min(k).min(n) >= 256 {
            Backend::MatrixMultiply
        } else {
            Backend::Gemm
        }
    }
}

/// A product with a chosen kernel on the calling thread's terms (`matrixmultiply` may thread
/// itself, `gemm` runs on one thread), for measuring the kernels against each other.
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
    let (cs, as_, bs) = (
        c.strides().to_vec(),
        a.strides().to_vec(),
        b.strides().to_vec(),
    );
    // SAFETY: the three pointers come from live ndarray views whose shapes were just checked
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
            gemm::Parallelism::None, // matmul splits large products itself
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

    #[test]
    fn split_products_equal_the_one_piece_product_bit_for_bit() {
        // large enough to be cut into blocks, in rows (m ≥ n) and in columns (n > m)
        for (m, k, n) in [(1000, 300, 40), (30, 500, 900)] {
            let a = Array2::from_shape_fn((m, k), |(i, j)| ((i * 7 + j * 3) % 11) as f32 * 0.37);
            let b = Array2::from_shape_fn((k, n), |(i, j)| ((i * 5 + j * 2) % 13) as f32 * 0.21);
            let mut split = Array2::from_elem((m, n), 1.0f32);
            let mut whole = split.clone();
            matmul(0.5, &a.view(), &b.view(), 2.0, &mut split.view_mut());
            matmul_with(
                Backend::Gemm,
                0.5,
                &a.view(),
                &b.view(),
                2.0,
                &mut whole.view_mut(),
            );
            assert_eq!(split, whole);
        }
    }
}
