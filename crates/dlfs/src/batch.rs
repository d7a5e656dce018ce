//! Mini-batches: the book's `np.random.choice(train_size, batch_size)`.

use ndarray::{Array1, ArrayD, ArrayView1, ArrayViewD, Axis};
use rand::Rng;

// ANCHOR: random_choice
/// `batch_size` row indices drawn uniformly from `0..train_size`, with replacement (an index
/// may come up twice): the rows of one mini-batch, as `np.random.choice(train_size,
/// batch_size)` picks them.
///
/// The draws are the ones [`crate::trainer::train`] makes for each batch, in the same order,
/// so one seed picks the same batches here and there.
///
/// # Panics
/// If `train_size` is 0 and `batch_size` is not: there is nothing to choose from.
pub fn random_choice(train_size: usize, batch_size: usize, rng: &mut impl Rng) -> Vec<usize> {
    assert!(
        train_size > 0 || batch_size == 0,
        "random_choice: cannot draw {batch_size} indices from 0 rows"
    );
    (0..batch_size)
        .map(|_| rng.random_range(0..train_size))
        .collect()
}
// ANCHOR_END: random_choice

/// The rows `rows` of `x`, in that order (`x[rows]` in NumPy): a mini-batch's images.
///
/// # Shapes
/// `x`: (N, ...) → (rows.len(), ...)
pub fn select_rows<F: Copy + Default>(x: ArrayViewD<F>, rows: &[usize]) -> ArrayD<F> {
    let mut shape = x.shape().to_vec();
    shape[0] = rows.len();
    let Some(x_flat) = x.as_slice() else {
        return x.select(Axis(0), rows); // a strided view: ndarray's general path
    };
    let row_len = x.len() / x.shape()[0].max(1);
    let mut out = ArrayD::<F>::default(shape); // (rows.len(), ...)
    let out_flat = out.as_slice_mut().expect("new array");
    for (out_row, &r) in out_flat.chunks_exact_mut(row_len.max(1)).zip(rows) {
        out_row.copy_from_slice(&x_flat[r * row_len..(r + 1) * row_len]);
    }
    out
}

/// One mini-batch drawn from `(x, t)`: [`random_choice`] of the rows, then their images and
/// labels, `x[batch_mask]` and `t[batch_mask]` (the book's `x_train[batch_mask]`).
///
/// # Shapes
/// `x`: (N, ...), `t`: (N,) → (batch_size, ...), (batch_size,)
pub fn random_batch<F: Copy + Default>(
    (x, t): (ArrayViewD<F>, ArrayView1<usize>),
    batch_size: usize,
    rng: &mut impl Rng,
) -> (ArrayD<F>, Array1<usize>) {
    let batch_mask = random_choice(x.shape()[0], batch_size, rng);
    let x_batch = select_rows(x, &batch_mask); // (batch, ...)
    let t_batch = t.select(Axis(0), &batch_mask); // (batch,)
    (x_batch, t_batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn indices_are_in_range_and_repeatable() {
        let a = random_choice(60000, 10, &mut StdRng::seed_from_u64(7));
        let b = random_choice(60000, 10, &mut StdRng::seed_from_u64(7));
        assert_eq!(a, b);
        assert_eq!(a.len(), 10);
        assert!(a.iter().all(|&i| i < 60000));
        assert!(random_choice(0, 0, &mut StdRng::seed_from_u64(7)).is_empty());
    }

    #[test]
    fn select_rows_is_numpys_fancy_indexing() {
        let x = ndarray::Array::from_shape_fn((4, 2, 3), |(i, j, k)| (i * 100 + j * 10 + k) as f32);
        let rows = [3, 0, 3];
        let expected = x.select(Axis(0), &rows).into_dyn();
        assert_eq!(select_rows(x.view().into_dyn(), &rows), expected);
        // a strided view (every other row) takes the general path, with the same answer
        let strided = x.slice(ndarray::s![..;2, .., ..]).into_dyn();
        assert_eq!(
            select_rows(strided.view(), &[1, 1]),
            strided.select(Axis(0), &[1, 1])
        );
    }

    #[test]
    fn every_row_can_come_up() {
        let mut rng = StdRng::seed_from_u64(1);
        let mut seen = [false; 5];
        for i in random_choice(5, 200, &mut rng) {
            seen[i] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
