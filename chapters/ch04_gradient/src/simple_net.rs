//! The smallest net with a weight matrix: 2 inputs, 3 outputs, no hidden layer.

use ndarray::{Array1, Array2, arr2};
use rand::Rng;

use dlfs::functions::{cross_entropy_error, softmax};

// ANCHOR: simple_net
/// A single 2×3 weight matrix W: scores z = x·W, probabilities softmax(z).
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleNet {
    pub w: Array2<f64>,
}

impl SimpleNet {
    /// W drawn from N(0, 1) (the book's `np.random.randn(2, 3)`).
    pub fn new(rng: &mut impl Rng) -> Self {
        SimpleNet {
            w: dlfs::float::randn((2, 3), rng),
        }
    }

    /// The scores z = x·W.
    pub fn predict(&self, x: &Array1<f64>) -> Array1<f64> {
        x.dot(&self.w)
    }

    /// Cross-entropy of softmax(x·W) against the one-hot `t`.
    pub fn loss(&self, x: &Array1<f64>, t: &Array1<f64>) -> f64 {
        let z = self.predict(x);
        let y = softmax(&z);
        cross_entropy_error(&y, t)
    }
}
// ANCHOR_END: simple_net

impl SimpleNet {
    /// The W the book prints (one draw of its random generator), so that the numbers match.
    pub fn books() -> Self {
        SimpleNet {
            w: arr2(&[
                [0.47355232, 0.9977393, 0.84668094],
                [0.85557411, 0.03563661, 0.69422093],
            ]),
        }
    }
}

// ANCHOR: dw
/// dL/dW by central differences: `numerical_gradient` nudges each entry of a copy of W and
/// the closure computes the loss with it (the book's `f = lambda w: net.loss(x, t)`).
pub fn numerical_dw(net: &SimpleNet, x: &Array1<f64>, t: &Array1<f64>) -> Array2<f64> {
    let mut w = net.w.clone();
    dlfs::gradient::numerical_gradient(|w| SimpleNet { w: w.clone() }.loss(x, t), &mut w)
}
// ANCHOR_END: dw

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::arr1;

    #[test]
    fn the_books_simplenet() {
        let net = SimpleNet::books();
        let x = arr1(&[0.6, 0.9]);
        let t = arr1(&[0.0, 0.0, 1.0]);
        let p = net.predict(&x);
        assert_abs_diff_eq!(
            p,
            arr1(&[1.05414809, 0.63071653, 1.1328074]),
            epsilon = 1e-8
        );
        assert_eq!(
            dlfs::functions::argmax_rows(p.view().insert_axis(ndarray::Axis(0)))[0],
            2
        );

        // The book's printed loss and dW are those of the cross-entropy without its 1e-7 guard:
        // -ln(y_2) matches them to rounding (its W is printed to 8 digits) ...
        let y2 = softmax(&p)[2];
        assert_abs_diff_eq!(-y2.ln(), 0.92806853663411326, epsilon = 1e-8);
        // ... and the guard, -ln(y_2 + 1e-7), lowers the loss by about 1e-7 / y_2 = 2.5e-7.
        let loss = net.loss(&x, &t);
        assert_abs_diff_eq!(loss, 0.92806853663411326 - 1e-7 / y2, epsilon = 1e-8);

        // dW: the same small shift, at most 1.4e-7 here.
        let dw = numerical_dw(&net, &x, &t);
        let book = arr2(&[
            [0.21924763, 0.14356247, -0.36281009],
            [0.32887144, 0.2153437, -0.54421514],
        ]);
        assert_abs_diff_eq!(dw, book, epsilon = 2e-7);
        // without the guard the gradient is x^T (y - t), which matches the book to 1e-8
        let y = softmax(&p);
        let exact = Array2::from_shape_fn((2, 3), |(i, j)| x[i] * (y[j] - t[j]));
        assert_abs_diff_eq!(exact, book, epsilon = 1e-8);
    }
}
