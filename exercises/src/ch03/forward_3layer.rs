//! # Exercise: the forward pass of a 3-layer network
//!
//! Two inputs, a hidden layer of 3 units, one of 2, and 2 outputs. Each layer computes a
//! weighted sum plus a bias, a = x·W + b, then an activation: your `sigmoid` on the two hidden
//! layers, the identity (nothing) on the output layer.
//!
//! ```text
//! a1 = x·W1 + b1     z1 = sigmoid(a1)
//! a2 = z1·W2 + b2    z2 = sigmoid(a2)
//! a3 = z2·W3 + b3    y  = a3
//! ```
//!
//! `init_network` is given: the book's small hand-picked weights.
//!
//! # Shapes
//! `x`: (2,); W1: (2, 3), b1: (3,); W2: (3, 2), b2: (2,); W3: (2, 2), b3: (2,); y: (2,).

use ndarray::{Array1, Array2, array};

#[allow(unused_imports)] // you will need it
use super::sigmoid::sigmoid;

/// The weights and biases of the three layers.
pub struct Network {
    pub w1: Array2<f64>, // (2, 3)
    pub b1: Array1<f64>, // (3,)
    pub w2: Array2<f64>, // (3, 2)
    pub b2: Array1<f64>, // (2,)
    pub w3: Array2<f64>, // (2, 2)
    pub b3: Array1<f64>, // (2,)
}

/// The book's network: small weights chosen by hand, nothing learned.
pub fn init_network() -> Network {
    Network {
        w1: array![[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
        b1: array![0.1, 0.2, 0.3],
        w2: array![[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]],
        b2: array![0.1, 0.2],
        w3: array![[0.1, 0.3], [0.2, 0.4]],
        b3: array![0.1, 0.2],
    }
}

/// y = identity(sigmoid(sigmoid(x·W1 + b1)·W2 + b2)·W3 + b3).
pub fn forward(network: &Network, x: &Array1<f64>) -> Array1<f64> {
    // TODO: three lines of `a = x.dot(&w) + &b` (one per layer), `sigmoid` between them.
    let _ = (network, x);
    todo!("forward")
}
