//! The book's 3-layer network with fixed example weights: the forward pass as three matrix
//! products, each followed by an activation.

use dlfs::functions::{identity, sigmoid};
use ndarray::{Array1, Array2, arr1, arr2};

// ANCHOR: network
/// Weights and biases of the 2-3-2-2 example network.
#[derive(Debug, Clone)]
pub struct Network {
    pub w1: Array2<f64>, // (2, 3)
    pub b1: Array1<f64>, // (3,)
    pub w2: Array2<f64>, // (3, 2)
    pub b2: Array1<f64>, // (2,)
    pub w3: Array2<f64>, // (2, 2)
    pub b3: Array1<f64>, // (2,)
}

/// The book's example numbers (no training: just something to push an input through).
pub fn init_network() -> Network {
    Network {
        w1: arr2(&[[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
        b1: arr1(&[0.1, 0.2, 0.3]),
        w2: arr2(&[[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
        b2: arr1(&[0.1, 0.2]),
        w3: arr2(&[[0.1, 0.3], [0.2, 0.4]]),
        b3: arr1(&[0.1, 0.2]),
    }
}
// ANCHOR_END: network

// ANCHOR: forward
/// Input to output: a = x·W + b then h(a), three times; sigmoid in the hidden layers,
/// identity at the output.
pub fn forward(network: &Network, x: &Array1<f64>) -> Array1<f64> {
    let a1 = x.dot(&network.w1) + &network.b1; // (2,)·(2, 3) -> (3,)
    let z1 = a1.mapv(sigmoid);
    let a2 = z1.dot(&network.w2) + &network.b2; // (3,)·(3, 2) -> (2,)
    let z2 = a2.mapv(sigmoid);
    let a3 = z2.dot(&network.w3) + &network.b3; // (2,)·(2, 2) -> (2,)
    a3.mapv(identity)
}
// ANCHOR_END: forward

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn the_books_output() {
        let y = forward(&init_network(), &arr1(&[1.0, 0.5]));
        assert_abs_diff_eq!(y, arr1(&[0.31682708, 0.69627909]), epsilon = 5e-9);
        assert_eq!(
            crate::numpy::fmt_array(y.as_slice().unwrap()),
            "[0.31682708 0.69627909]"
        );
    }
}
