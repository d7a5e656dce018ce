//! # Exercise: Xavier and He initial weights
//!
//! A layer with n inputs adds up n weighted values; to keep the spread of its outputs like
//! that of its inputs, its weights' standard deviation should shrink with n:
//!
//! - Xavier (for sigmoid and tanh): σ = √(1/n)
//! - He (for ReLU, which zeroes half its inputs, so twice the variance): σ = √(2/n)
//!
//! and the weights are W = σ · N(0, 1) draws (`dlfs::float::randn`).
//!
//! # Shapes
//! `init_weight(n_in, n_out, ...)`: W of shape (n_in, n_out).

use dlfs::Float;
use ndarray::Array2;
use rand::Rng;

/// Xavier's standard deviation for a layer with `n_in` inputs: √(1/n).
pub fn xavier_std(n_in: usize) -> f64 {
    // TODO: one line.
    let _ = n_in;
    todo!("xavier_std")
}

/// He's standard deviation for a layer with `n_in` inputs: √(2/n).
pub fn he_std(n_in: usize) -> f64 {
    let _ = n_in;
    todo!("he_std")
}

/// W = std · N(0, 1) of shape (n_in, n_out).
pub fn init_weight<F: Float>(n_in: usize, n_out: usize, std: f64, rng: &mut impl Rng) -> Array2<F> {
    // TODO: `dlfs::float::randn::<F, _>((n_in, n_out), rng)` draws N(0, 1); scale it by std.
    let _ = (n_in, n_out, std, rng);
    todo!("init_weight")
}
