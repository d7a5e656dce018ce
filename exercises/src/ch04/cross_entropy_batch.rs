//! # Exercise: cross-entropy over a mini-batch, with one-hot and with label targets
//!
//! For a batch of N samples the loss is the average of the samples' cross-entropies. The
//! answers come in two forms: one-hot rows (N, K), or one class index per sample (N,). With
//! indices there is nothing to multiply: read the one entry y[n, t_n] of each row.
//!
//! ```text
//! one-hot:  E = -1/N · Σ_n Σ_k t[n, k] · log(y[n, k] + δ)
//! labels:   E = -1/N · Σ_n log(y[n, t_n] + δ)                 δ = 1e-7
//! ```
//!
//! # Shapes
//! `y`: (N, K) probabilities; one-hot `t`: (N, K); label `t`: (N,) in 0..K.

use ndarray::Array2;

/// The average cross-entropy of a batch with one-hot targets.
pub fn cross_entropy_one_hot(y: &Array2<f64>, t: &Array2<f64>) -> f64 {
    // TODO: the same sum as for one sample, over the whole (N, K) array, divided by N.
    let _ = (y, t);
    todo!("cross_entropy_one_hot")
}

/// The average cross-entropy of a batch with class-index targets.
pub fn cross_entropy_labels(y: &Array2<f64>, t: &[usize]) -> f64 {
    // TODO: for each n, the log of y[[n, t[n]]] + δ; sum, divide by N, mind the sign.
    let _ = (y, t);
    todo!("cross_entropy_labels")
}
