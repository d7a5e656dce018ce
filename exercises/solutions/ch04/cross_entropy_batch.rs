//! Solution: the batch cross-entropy, for one-hot and for label targets.

use ndarray::Array2;

/// The average cross-entropy of a batch with one-hot targets.
pub fn cross_entropy_one_hot(y: &Array2<f64>, t: &Array2<f64>) -> f64 {
    let batch_size = y.nrows() as f64;
    let delta = 1e-7;
    -(t * &y.mapv(|v| (v + delta).ln())).sum() / batch_size
}

/// The average cross-entropy of a batch with class-index targets.
pub fn cross_entropy_labels(y: &Array2<f64>, t: &[usize]) -> f64 {
    let batch_size = y.nrows() as f64;
    let delta = 1e-7;
    // y[np.arange(batch_size), t]: one entry per row
    let sum: f64 = t
        .iter()
        .enumerate()
        .map(|(n, &k)| (y[[n, k]] + delta).ln())
        .sum();
    -sum / batch_size
}
