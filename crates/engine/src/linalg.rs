//! Matrix products, the one place where the heavy arithmetic happens.
//!
//! [`matmul`] computes c ← α a·b + β c like ndarray's `general_mat_mul`, with the `gemm`
//! crate's kernel on one thread per piece.
//!
//! # Both cores, the same numbers
//! A product large enough to pay for it ([`SPLIT_WORK`] multiply-adds or more) is cut into two
//! halves of c's columns, and each half again while it stays that large, into as many pieces
//! as rayon has threads (at most [`MAX_PIECES`]) of at least [`MIN_SIDE`] columns. A block of
//! columns of c is a·(the same columns of b), and `gemm` computes every element of it exactly
//! as in the whole product, so the pieces give the same bits as one call (a test checks it on
//! the book's shapes, plain and transposed, f32 and f64; cutting rows instead would not: `gemm`
//! blocks the sum over k differently for short products).
//! A run therefore gives the same numbers on one core or many.
//!
//! Products are cut only when the caller is one of rayon's threads, such as
//! `dlfs::trainer::train`'s loop, and the pieces run in parallel (`rayon::join`). From one
//! of rayon's threads a join costs about a microsecond, and when the other core is busy with
//! something else the calling thread simply does both halves itself. Other callers get one
//! piece (the same bits): handing work to rayon from outside costs a wake-up per product, which
//! the small products of a mini-batch do not repay, and pieces done one after the other are
//! 10-20% slower than one (each reads all of a again, and packs it again when a is a
//! transposed view). (The kernels' own threads were tried too: they hand each thread a fixed
//! share and wait for it, and on a busy machine chapter 5's training became 4x slower than on
//! one thread.)

use ndarray::{Array2, ArrayBase, ArrayView2, ArrayViewMut2, Axis, Data, Ix1, Ix2};

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
    // as many pieces as threads: each piece reads all of `a` again. (Four pieces on two
    // cores made SimpleConvNet's Affine forward 0.62-0.64 ms per iteration, two 0.57.)
    let pieces = MAX_PIECES.min(rayon::current_num_threads().next_power_of_two());
    matmul_pieces(Backend::choose(m, k, n), pieces, alpha, a, b, beta, c);
}

/// Multiply-adds (M·K·N) from which a product is cut in two for the cores: about 120 µs of
/// work on one core. Smaller products stay whole: with a quarter of this, chapter 5's training
/// (four 4M products per mini-batch) ran slower on two threads than on one (median 6.6 s
/// against 6.2 s), the second thread spinning between products; with this, only its
/// evaluations are cut and the run takes 5.5 s against 6.4 s.
pub const SPLIT_WORK: usize = 1 << 23;

/// The fewest columns of c a piece of a product is given: the kernel works on 6 columns at a
/// time, and thinner pieces would mostly be edges.
pub const MIN_SIDE: usize = 16;

/// The most pieces a product is cut into: enough for 8 cores. Each piece reads all of a again
/// (and packs it again when a is a transposed view), so cutting a large product into more
/// pieces than there are cores only costs.
pub const MAX_PIECES: usize = 8;

/// [`matmul_with`], cut into at most `pieces` pieces that run in parallel on rayon's threads, as the module's
/// documentation describes.
fn matmul_pieces<F: Float>(
    backend: Backend,
    pieces: usize,
    alpha: F,
    a: &ArrayView2<F>,
    b: &ArrayView2<F>,
    beta: F,
    c: &mut ArrayViewMut2<F>,
) {
    let ((m, k), n) = (a.dim(), b.ncols());
    if pieces < 2 || !crate::parallel::in_pool() || m * k * n < SPLIT_WORK || n / 2 < MIN_SIDE {
        return matmul_with(backend, alpha, a, b, beta, c);
    }
    // a block of columns of c needs the same columns of b, and all of a
    let (b0, b1) = b.view().split_at(Axis(1), n / 2);
    let (mut c0, mut c1) = c.view_mut().split_at(Axis(1), n / 2);
    rayon::join(
        || matmul_pieces(backend, pieces / 2, alpha, a, &b0, beta, &mut c0),
        || matmul_pieces(backend, pieces / 2, alpha, a, &b1, beta, &mut c1),
    );
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

/// One product with a chosen kernel, in one piece on the calling thread, for measuring the
/// kernels against each other.
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

/// `gemm` works column-major: for our row-major c it computes cᵀ = bᵀ·aᵀ, so its left operand
/// is our b. By default it copies that operand into the kernel's order ("packs" it) whenever
/// the product has more than 8 × 6 rows of a, even when b's rows are contiguous and the kernel
/// could read them where they are. With the threshold at its maximum it packs only operands
/// that need it (a transposed view, or a width that is not a multiple of the vector's lanes).
/// Same arithmetic, same bits. On the AMD Zen 5 machine, runs taking turns: chapter 4's
/// numerical gradient (whose wide products read a 2.5 MB b that changes in 8 places between
/// products) 4.64-4.75 s instead of 5.10-6.06 s (6 pairs), DeepConvNet's epoch 21.3-22.2 s
/// instead of 23.7-24.9 s (3 pairs); chapter 5's training (1.71 against 1.72 s, 6 pairs) and
/// SimpleConvNet's stages (4 pairs) did not move.
static READ_LHS_IN_PLACE: std::sync::Once = std::sync::Once::new();

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
    let parallelism = gemm::Parallelism::None; // matmul cuts large products itself
    READ_LHS_IN_PLACE.call_once(|| gemm::set_lhs_packing_threshold_single_thread(256));
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
///
/// The array is not zeroed first: with β = 0 `gemm` writes every value without reading it,
/// and zeroing the 1.7 MB results of SimpleConvNet's Affine backward first took a quarter of
/// the memory traffic of those products.
pub fn dot<F: Float, A: Data<Elem = F>, B: Data<Elem = F>>(
    a: &ArrayBase<A, Ix2>,
    b: &ArrayBase<B, Ix2>,
) -> Array2<F> {
    let (m, n) = (a.nrows(), b.ncols());
    if a.ncols() == 0 || m == 0 || n == 0 {
        return Array2::zeros((m, n)); // an empty sum is 0 (and matmul would read c)
    }
    let mut c = Array2::<F>::uninit((m, n)); // (M, N), written by the product below
    // SAFETY: `c` owns m·n values in row-major order, and MaybeUninit<F> has F's size and
    // alignment, so this view covers exactly its memory; the view holds raw pointers, and
    // matmul hands them to gemm with β = 0, so `read_dst` is false and no old value is read.
    #[allow(unsafe_code)]
    let mut view = unsafe { ArrayViewMut2::from_shape_ptr((m, n), c.as_mut_ptr().cast::<F>()) };
    matmul(F::one(), &a.view(), &b.view(), F::zero(), &mut view);
    // SAFETY: k > 0, so the product, cut in pieces of c's columns or whole, wrote every value.
    #[allow(unsafe_code)]
    unsafe {
        c.assume_init()
    }
}

/// x·W + b for a batch of rows x (`np.dot(x, W) + b`), with b as the product's starting value:
/// `gemm` adds the products to it block by block, which rounds the same on every run (adding b
/// after the product rounds differently in the last bits).
///
/// # Shapes
/// `x`: (N, D), `w`: (D, M), `b`: (M,) → (N, M)
pub fn dot_bias<F: Float, A: Data<Elem = F>, B: Data<Elem = F>, C: Data<Elem = F>>(
    x: &ArrayBase<A, Ix2>,
    w: &ArrayBase<B, Ix2>,
    b: &ArrayBase<C, Ix1>,
) -> Array2<F> {
    let mut out = b
        .broadcast((x.nrows(), w.ncols()))
        .expect("b is (M,) for W (D, M)")
        .to_owned();
    matmul(
        F::one(),
        &x.view(),
        &w.view(),
        F::one(),
        &mut out.view_mut(),
    );
    out
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
        // empty sums and empty results
        assert_eq!(
            dot(&Array2::<f32>::zeros((3, 0)), &Array2::zeros((0, 2))),
            Array2::zeros((3, 2))
        );
        assert_eq!(
            dot(&Array2::<f32>::zeros((0, 4)), &Array2::zeros((4, 2))).dim(),
            (0, 2)
        );
    }

    /// `matmul` (in one piece outside the pool, in pieces inside it) against one `gemm` call,
    /// bit for bit.
    fn pieces_equal_one_piece<F: Float>(m: usize, k: usize, n: usize, (ta, tb): (bool, bool)) {
        let a_owned = Array2::from_shape_fn((m, k), |(i, j)| {
            F::lit(((i * 7 + j * 3) % 11) as f64 * 0.37).sin()
        });
        let a_t = a_owned.t().to_owned();
        let b_t = Array2::from_shape_fn((n, k), |(i, j)| {
            F::lit(((i * 5 + j * 2) % 13) as f64 * 0.21).cos()
        });
        let b_owned = b_t.t().to_owned();
        // the backward passes multiply by transposed views; the forward ones by plain arrays
        let a = if ta { a_t.t() } else { a_owned.view() };
        let b = if tb { b_t.t() } else { b_owned.view() };
        let c0 = Array2::from_shape_fn((m, n), |(i, j)| F::lit((i + j) as f64 * 0.01));
        let (alpha, beta) = (F::lit(0.5), F::lit(2.0));
        let mut whole = c0.clone();
        matmul_with(Backend::Gemm, alpha, &a, &b, beta, &mut whole.view_mut());
        let mut here = c0.clone();
        matmul(alpha, &a, &b, beta, &mut here.view_mut());
        let mut pool = c0.clone();
        crate::parallel::run_in_pool(|| matmul(alpha, &a, &b, beta, &mut pool.view_mut()));
        let layout = format!(
            "{m}x{k}x{n}, transposed (a, b) = {ta_tb:?}",
            ta_tb = (ta, tb)
        );
        assert_eq!(here, whole, "{layout} on the calling thread");
        let differ = pool.iter().zip(&whole).filter(|(p, w)| p != w).count();
        assert_eq!(
            differ,
            0,
            "{layout} in the pool: {differ} of {} differ",
            m * n
        );
    }

    #[test]
    fn a_product_cut_in_pieces_gives_the_same_bits_as_one_piece() {
        // the large products of chapters 5-7: evaluation chunks, the CNN's Affine
        let shapes = [
            (1000, 784, 50),
            (128, 784, 100),
            (100, 4320, 100),
            (4320, 100, 100),
            (100, 100, 4320),
            (57, 333, 1001),
            (512, 512, 512),
        ];
        for (m, k, n) in shapes {
            assert!(m * k * n >= SPLIT_WORK, "{m}x{k}x{n} would not be cut");
            for transposed in [(false, false), (true, false), (false, true), (true, true)] {
                pieces_equal_one_piece::<f32>(m, k, n, transposed);
                pieces_equal_one_piece::<f64>(m, k, n, transposed);
            }
        }
    }
}
