//! # Exercise: accuracy of a batch of predictions
//!
//! A classifier's output for a batch is one row of scores per sample; its prediction is the
//! class with the highest score in the row (argmax). The accuracy is the share of rows whose
//! prediction equals the label.
//!
//! ```text
//! p_n = argmax_k y[n, k]
//! accuracy = (number of n with p_n == t_n) / N
//! ```
//!
//! # Shapes
//! `y`: (N, K) scores; `t`: (N,) labels in 0..K; the result is a number in [0, 1].

use ndarray::Array2;

/// The share of rows of `y` whose largest entry is at the column named by `t`.
pub fn accuracy(y: &Array2<f64>, t: &[usize]) -> f64 {
    // TODO: for each row (`y.rows()`), the index of its largest value; count the rows where it
    //       equals the label; divide by the number of rows.
    let _ = (y, t);
    todo!("accuracy")
}
