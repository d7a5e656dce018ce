//! BatchNormalization's running statistics, the state that test mode depends on:
//! μ_run ← 0.9 μ_run + 0.1 μ and σ²_run ← 0.9 σ²_run + 0.1 σ², with σ² the batch's biased
//! variance (np.var, dividing by N) as in the book's common/layers.py.

use approx::assert_abs_diff_eq;
use dlfs::layers::BatchNormalization;
use dlfs::{Layer, Mode};
use ndarray::{Ix2, array};

#[test]
fn running_mean_and_variance_follow_the_books_update() {
    let mut bn = BatchNormalization::<f64>::new(1, 2);
    // Batch 1: μ = (3, 30), σ² = (8/3, 1400/3) (unbiased it would be (4, 700)).
    bn.forward(
        array![[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]].into_dyn(),
        Mode::Train,
    );
    assert_abs_diff_eq!(bn.running_mean, array![0.3, 3.0], epsilon = 1e-12);
    assert_abs_diff_eq!(
        bn.running_var,
        array![0.1 * 8.0 / 3.0, 0.1 * 1400.0 / 3.0],
        epsilon = 1e-12
    );
    // Batch 2: μ = (3, 0), σ² = (1, 0).
    bn.forward(array![[2.0, 0.0], [4.0, 0.0]].into_dyn(), Mode::Train);
    let mean = array![0.9 * 0.3 + 0.1 * 3.0, 0.9 * 3.0];
    let var = array![0.9 * 0.8 / 3.0 + 0.1, 0.9 * 140.0 / 3.0];
    assert_abs_diff_eq!(bn.running_mean, mean, epsilon = 1e-12);
    assert_abs_diff_eq!(bn.running_var, var, epsilon = 1e-12);

    // Test mode normalises with them, and leaves them as they are.
    let y = bn.forward(array![[1.0, 2.7]].into_dyn(), Mode::Test);
    let y = y.into_dimensionality::<Ix2>().unwrap();
    let expected = (1.0 - mean[0]) / (var[0] + 1e-6f64).sqrt();
    assert_abs_diff_eq!(y[[0, 0]], expected, epsilon = 1e-9);
    assert_abs_diff_eq!(y[[0, 1]], 0.0, epsilon = 1e-9);
    assert_abs_diff_eq!(bn.running_mean, mean, epsilon = 1e-12);
    assert_abs_diff_eq!(bn.running_var, var, epsilon = 1e-12);
}
