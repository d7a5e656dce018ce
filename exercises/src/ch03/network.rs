//! Given, not an exercise: the book's small 3-layer network, for `forward_3layer`.

use ndarray::{Array1, Array2, array};

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
