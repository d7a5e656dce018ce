//! `a · bᵀ` for two matrices of long rows and a small result: every output value is the dot
//! product of a row of `a` with a row of `b`.
//!
//! A convolution's dW is such a product: dWᵀ[k, f] = Σ_i colᵀ[k, i] · dout[f, i], with a few
//! dozen filter positions k and filters f and hundreds of windows i per image (25 × 30 values
//! from rows of 576 in chapter 7). A general GEMM kernel may copy (pack) its operands into its
//! own order first and works in tiles suited to large results; here the rows are already in
//! the order a dot product reads them, so a tile of 5 rows of `a` by 5 rows of `b` keeps its
//! 25 sums in AVX-512 registers (25 of the 32) and reads each row once per tile.
//!
//! Each sum is split over [`LANES`] partial sums (position i goes to partial i mod 16), added
//! together at the end in a fixed order, so the result does not depend on the SIMD level that
//! runs it, only on the shapes. The loops are plain Rust that the compiler vectorises; written
//! another way (a closure updating the sums, a partial sum picked by a variable index) it kept
//! them in memory and ran 3x slower, and a 3 × 8 tile fell back to a function call per
//! multiply-add: measure after any change.

use ndarray::{ArrayView2, ArrayViewMut2};

use crate::Float;
use crate::simd::widest_op;
use pulp::{Simd, WithSimd};

/// Partial sums per dot product: one AVX-512 vector of f32, two of AVX2.
pub const LANES: usize = 16;
/// Rows of `a` a tile takes.
const TA: usize = 5;
/// Rows of `b` a tile takes.
const TB: usize = 5;

/// `out = a · bᵀ` (products multiply-added with one rounding, `mul_add`).
///
/// # Shapes
/// - `a`: (M, L); `b`: (N, L), both with contiguous rows
/// - `out`: (M, N)
pub fn a_bt<F: Float>(a: ArrayView2<F>, b: ArrayView2<F>, out: &mut ArrayViewMut2<F>) {
    let ((m, len), (n, len_b)) = (a.dim(), b.dim());
    assert_eq!(len, len_b, "a_bt: a and b must have rows of one length");
    assert_eq!(
        out.dim(),
        (m, n),
        "a_bt: out must be (rows of a, rows of b)"
    );
    if m == 0 || n == 0 {
        return;
    }
    widest_op(Tiles { a, b, out });
}

/// [`a_bt`]'s loops over tiles, as an operation [`widest_op`] compiles for each SIMD level.
struct Tiles<'a, 'b, 'o, 'v, F> {
    a: ArrayView2<'a, F>,
    b: ArrayView2<'b, F>,
    out: &'o mut ArrayViewMut2<'v, F>,
}

impl<F: Float> WithSimd for Tiles<'_, '_, '_, '_, F> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let Tiles { a, b, out } = self;
        let ((m, _), (n, _)) = (a.dim(), b.dim());
        for i0 in (0..m).step_by(TA) {
            // a tile's rows past the last are the last row again, computed and not stored
            let rows_a: [&[F]; TA] = std::array::from_fn(|r| row(&a, (i0 + r).min(m - 1)));
            for j0 in (0..n).step_by(TB) {
                let rows_b: [&[F]; TB] = std::array::from_fn(|s| row(&b, (j0 + s).min(n - 1)));
                let sums = tile(rows_a, rows_b);
                for (r, sums_r) in sums.iter().enumerate().take(m - i0) {
                    for (s, &v) in sums_r.iter().enumerate().take(n - j0) {
                        out[[i0 + r, j0 + s]] = v;
                    }
                }
            }
        }
    }
}

/// Row `i` of `x` as a slice.
fn row<'a, F: Float>(x: &'a ArrayView2<'_, F>, i: usize) -> &'a [F] {
    x.row(i).to_slice().expect("a_bt: rows must be contiguous")
}

/// The TA × TB dot products of `a`'s rows with `b`'s rows.
#[inline(always)]
fn tile<F: Float>(a: [&[F]; TA], b: [&[F]; TB]) -> [[F; TB]; TA] {
    let len = a[0].len();
    let chunks = len / LANES;
    let full = chunks * LANES;
    // each row as `chunks` arrays of LANES values: no bounds to check inside the loop (a check
    // that may panic there keeps the sums in memory, stored at every step)
    let a_chunks: [&[[F; LANES]]; TA] = std::array::from_fn(|r| &a[r].as_chunks().0[..chunks]);
    let b_chunks: [&[[F; LANES]]; TB] = std::array::from_fn(|s| &b[s].as_chunks().0[..chunks]);
    let mut acc = [[[F::zero(); LANES]; TB]; TA];
    for c in 0..chunks {
        multiply_add(
            &mut acc,
            std::array::from_fn(|r| &a_chunks[r][c]),
            std::array::from_fn(|s| &b_chunks[s][c]),
        );
    }
    // the positions after the last full chunk, one sum per pair of rows, added at the end
    let mut tail = [[F::zero(); TB]; TA];
    for i in full..len {
        for r in 0..TA {
            for s in 0..TB {
                tail[r][s] = a[r][i].mul_add(b[s][i], tail[r][s]);
            }
        }
    }
    std::array::from_fn(|r| std::array::from_fn(|s| sum_lanes(acc[r][s]) + tail[r][s]))
}

/// acc[r][s] += a[r] · b[s], lane by lane.
#[inline(always)]
fn multiply_add<F: Float>(
    acc: &mut [[[F; LANES]; TB]; TA],
    a: [&[F; LANES]; TA],
    b: [&[F; LANES]; TB],
) {
    for r in 0..TA {
        for s in 0..TB {
            for l in 0..LANES {
                acc[r][s][l] = a[r][l].mul_add(b[s][l], acc[r][s][l]);
            }
        }
    }
}

/// The partial sums added pairwise, halves first: the same order on every SIMD level.
#[inline(always)]
fn sum_lanes<F: Float>(mut v: [F; LANES]) -> F {
    let mut half = LANES / 2;
    while half > 0 {
        for l in 0..half {
            v[l] += v[l + half];
        }
        half /= 2;
    }
    v[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Small integers: every order of summation gives the exact products, in f32 and f64.
    fn check<F: Float>() {
        for (m, n, len) in [
            (25, 30, 576),
            (1, 1, 1),
            (5, 7, 17),
            (4, 4, 16),
            (9, 3, 100),
        ] {
            let wave = |rows: usize, k: usize| {
                Array2::from_shape_fn((rows, len), |(i, j)| {
                    F::lit(((i * k + j * 7) % 23) as f64 - 11.0)
                })
            };
            let (a, b) = (wave(m, 5), wave(n, 3));
            let mut out = Array2::from_elem((m, n), F::one()); // every value overwritten
            a_bt(a.view(), b.view(), &mut out.view_mut());
            assert_eq!(out, a.dot(&b.t()), "{m}x{n}, rows of {len}");
        }
    }

    #[test]
    fn every_value_is_a_dot_product_of_two_rows() {
        check::<f32>();
        check::<f64>();
    }
}
