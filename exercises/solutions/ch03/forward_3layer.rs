//! Solution: the book's 3-layer forward pass.

use ndarray::{Array1, Array2, array};

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
    let a1 = x.dot(&network.w1) + &network.b1; // (3,)
    let z1 = sigmoid(&a1);
    let a2 = z1.dot(&network.w2) + &network.b2; // (2,)
    let z2 = sigmoid(&a2);
    z2.dot(&network.w3) + &network.b3 // y = a3   (2,)
}
