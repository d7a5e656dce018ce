//! Solution: the book's 3-layer forward pass.

use ndarray::Array1;

pub use super::network::{Network, init_network};

use super::sigmoid::sigmoid;

/// y = identity(sigmoid(sigmoid(x·W1 + b1)·W2 + b2)·W3 + b3).
pub fn forward(network: &Network, x: &Array1<f64>) -> Array1<f64> {
    let a1 = x.dot(&network.w1) + &network.b1; // (3,)
    let z1 = sigmoid(&a1);
    let a2 = z1.dot(&network.w2) + &network.b2; // (2,)
    let z2 = sigmoid(&a2);
    z2.dot(&network.w3) + &network.b3 // y = a3   (2,)
}
