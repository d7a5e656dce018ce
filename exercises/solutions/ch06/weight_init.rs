//! Solution: Xavier and He initial weights.

use dlfs::Float;
use ndarray::Array2;
use rand::Rng;

/// Xavier's standard deviation for a layer with `n_in` inputs: √(1/n).
pub fn xavier_std(n_in: usize) -> f64 {
    (1.0 / n_in as f64).sqrt()
}

/// He's standard deviation for a layer with `n_in` inputs: √(2/n).
pub fn he_std(n_in: usize) -> f64 {
    (2.0 / n_in as f64).sqrt()
}

/// W = std · N(0, 1) of shape (n_in, n_out).
pub fn init_weight<F: Float>(n_in: usize, n_out: usize, std: f64, rng: &mut impl Rng) -> Array2<F> {
    let std = F::lit(std);
    dlfs::float::randn::<F, _>((n_in, n_out), rng).mapv(|w| w * std) // std * randn(n_in, n_out)
}
