//! The chapter's two-layer net, written the way chapter 4 writes it: four arrays held by the
//! net, a `predict` that is two matrix products, and two ways to get the gradient.
//!
//! The layered version of chapter 5 (`dlfs::net::TwoLayerNet`) replaces this one later; here
//! the point is that the numerical gradient alone is enough to learn, only slowly.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rand::Rng;

use dlfs::Float;
use dlfs::functions::{argmax_rows, cross_entropy_error_labels, sigmoid, softmax_inplace};
use dlfs::gradient::numerical_gradient;
use dlfs_engine::dot;

// ANCHOR: net
/// A 2-layer net: x → Affine(W1, b1) → sigmoid → Affine(W2, b2) → softmax.
///
/// # Shapes
/// `w1`: (input, hidden), `b1`: (hidden,), `w2`: (hidden, output), `b2`: (output,).
#[derive(Debug, Clone, PartialEq)]
pub struct TwoLayerNet<F: Float = f32> {
    pub w1: Array2<F>,
    pub b1: Array1<F>,
    pub w2: Array2<F>,
    pub b2: Array1<F>,
}

/// The gradient of the loss by each parameter: the book's `grads` dictionary, as a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Grads<F: Float = f32> {
    pub w1: Array2<F>,
    pub b1: Array1<F>,
    pub w2: Array2<F>,
    pub b2: Array1<F>,
}

impl<F: Float> TwoLayerNet<F> {
    /// Weights drawn from `weight_init_std` · N(0, 1), biases 0 (the book's constructor).
    pub fn new(
        input_size: usize,
        hidden_size: usize,
        output_size: usize,
        weight_init_std: f64,
        rng: &mut impl Rng,
    ) -> Self {
        let std = F::lit(weight_init_std);
        TwoLayerNet {
            w1: dlfs::float::randn((input_size, hidden_size), rng) * std,
            b1: Array1::zeros(hidden_size),
            w2: dlfs::float::randn((hidden_size, output_size), rng) * std,
            b2: Array1::zeros(output_size),
        }
    }
    // ANCHOR_END: net

    // ANCHOR: predict
    /// The class probabilities for a batch: y = softmax(sigmoid(x·W1 + b1)·W2 + b2).
    ///
    /// # Shapes
    /// `x`: (N, input) → (N, output).
    pub fn predict(&self, x: ArrayView2<F>) -> Array2<F> {
        predict_with(&self.w1, &self.b1, &self.w2, &self.b2, x)
    }

    /// The cross-entropy of the batch's predictions against the labels `t` (class indices).
    pub fn loss(&self, x: ArrayView2<F>, t: ArrayView1<usize>) -> F {
        loss_with(&self.w1, &self.b1, &self.w2, &self.b2, x, t)
    }

    /// The fraction of rows of `x` whose most likely class is `t`.
    pub fn accuracy(&self, x: ArrayView2<F>, t: ArrayView1<usize>) -> f64 {
        let y = argmax_rows(self.predict(x).view()); // np.argmax(y, axis=1)
        let correct = y.iter().zip(t).filter(|(y, t)| y == t).count();
        correct as f64 / t.len().max(1) as f64
    }
    // ANCHOR_END: predict

    // ANCHOR: numerical_gradient
    /// The gradient by central differences: for every parameter element, two evaluations of
    /// the loss with that element nudged by ±h (79,520 losses for the 784-50-10 net).
    ///
    /// `numerical_gradient(f, w)` nudges `w` in place and calls `f(w)`; the closure computes
    /// the loss with the nudged `w` and the net's other three arrays, which it borrows while
    /// `w` is lent out (Rust's stand-in for the book's `lambda W: self.loss(x, t)`).
    pub fn numerical_gradient(&mut self, x: ArrayView2<F>, t: ArrayView1<usize>) -> Grads<F> {
        let TwoLayerNet { w1, b1, w2, b2 } = self;
        Grads {
            w1: numerical_gradient(|w1| loss_with(w1, b1, w2, b2, x, t), w1),
            b1: numerical_gradient(|b1| loss_with(w1, b1, w2, b2, x, t), b1),
            w2: numerical_gradient(|w2| loss_with(w1, b1, w2, b2, x, t), w2),
            b2: numerical_gradient(|b2| loss_with(w1, b1, w2, b2, x, t), b2),
        }
    }
    // ANCHOR_END: numerical_gradient

    // ANCHOR: gradient
    /// The same gradient computed analytically (backpropagation written out by hand, as the
    /// book's chapter 4 net does ahead of chapter 5): one forward and one backward pass.
    pub fn gradient(&self, x: ArrayView2<F>, t: ArrayView1<usize>) -> Grads<F> {
        let batch_num = F::from(x.nrows()).unwrap();
        // forward
        let a1 = x.dot(&self.w1) + &self.b1; // (N, hidden)
        let z1 = a1.mapv(sigmoid); // (N, hidden)
        let mut y = z1.dot(&self.w2) + &self.b2; // (N, output)
        softmax_inplace(&mut y);

        // backward: dL/da2 = (y - t) / N with t one-hot
        let mut dy = y; // (N, output)
        for (mut row, &k) in dy.rows_mut().into_iter().zip(t) {
            row[k] -= F::one();
        }
        dy.mapv_inplace(|v| v / batch_num);
        let w2 = z1.t().dot(&dy); // dL/dW2 = z1ᵀ · dy, (hidden, output)
        let b2 = dy.sum_axis(Axis(0)); // np.sum(dy, axis=0)

        let mut da1 = dy.dot(&self.w2.t()); // dL/dz1 = dy · W2ᵀ, (N, hidden)
        // dL/da1 = dL/dz1 · σ'(a1), with σ'(a1) = (1 - z1) z1
        ndarray::Zip::from(&mut da1)
            .and(&z1)
            .for_each(|d, &z| *d = *d * (F::one() - z) * z);
        let w1 = x.t().dot(&da1); // dL/dW1 = xᵀ · da1, (input, hidden)
        let b1 = da1.sum_axis(Axis(0));
        Grads { w1, b1, w2, b2 }
    }
    // ANCHOR_END: gradient

    // ANCHOR: update
    /// Gradient descent on every parameter: θ ← θ − lr · ∂L/∂θ.
    pub fn update(&mut self, grads: &Grads<F>, lr: F) {
        self.w1.scaled_add(-lr, &grads.w1);
        self.b1.scaled_add(-lr, &grads.b1);
        self.w2.scaled_add(-lr, &grads.w2);
        self.b2.scaled_add(-lr, &grads.b2);
    }
    // ANCHOR_END: update

    /// Number of parameter elements (39,760 for 784-50-10).
    pub fn len(&self) -> usize {
        self.w1.len() + self.b1.len() + self.w2.len() + self.b2.len()
    }

    /// Whether the net has no parameters at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Parameter `p` (0: W1, 1: b1, 2: W2, 3: b2) as a flat slice in memory order.
    pub(crate) fn param_mut(&mut self, p: usize) -> &mut [F] {
        let array = match p {
            0 => self.w1.as_slice_memory_order_mut(),
            1 => self.b1.as_slice_memory_order_mut(),
            2 => self.w2.as_slice_memory_order_mut(),
            _ => self.b2.as_slice_memory_order_mut(),
        };
        array.expect("TwoLayerNet: parameters are contiguous")
    }
}

// ANCHOR: loss_with
/// The forward pass with the four arrays passed in, so that the numerical gradient can hand
/// in a nudged copy of one of them.
pub fn predict_with<F: Float>(
    w1: &Array2<F>,
    b1: &Array1<F>,
    w2: &Array2<F>,
    b2: &Array1<F>,
    x: ArrayView2<F>,
) -> Array2<F> {
    let mut a1 = dot(&x, w1) + b1; // (N, hidden)
    a1.mapv_inplace(sigmoid); // z1
    let mut y = dot(&a1, w2) + b2; // (N, output)
    softmax_inplace(&mut y);
    y
}

/// Cross-entropy of [`predict_with`] against the labels `t`.
pub fn loss_with<F: Float>(
    w1: &Array2<F>,
    b1: &Array1<F>,
    w2: &Array2<F>,
    b2: &Array1<F>,
    x: ArrayView2<F>,
    t: ArrayView1<usize>,
) -> F {
    let y = predict_with(w1, b1, w2, b2, x);
    cross_entropy_error_labels(y.view(), t)
}
// ANCHOR_END: loss_with

/// The relative error ‖a − b‖ / (‖a‖ + ‖b‖) of each of the four gradients (W1, b1, W2, b2).
pub fn compare<F: Float>(a: &Grads<F>, b: &Grads<F>) -> [(&'static str, F); 4] {
    use dlfs::gradient::relative_error;
    [
        ("W1", relative_error(&a.w1, &b.w1)),
        ("b1", relative_error(&a.b1, &b.b1)),
        ("W2", relative_error(&a.w2, &b.w2)),
        ("b2", relative_error(&a.b2, &b.b2)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn small_problem() -> (TwoLayerNet<f64>, Array2<f64>, Array1<usize>) {
        let mut rng = StdRng::seed_from_u64(3);
        let net = TwoLayerNet::<f64>::new(7, 5, 4, 0.5, &mut rng);
        let x = dlfs::float::randn((6, 7), &mut rng);
        (net, x, arr1(&[0, 3, 1, 2, 3, 0]))
    }

    #[test]
    fn analytic_gradient_matches_the_numerical_one() {
        let (mut net, x, t) = small_problem();
        let numerical = net.numerical_gradient(x.view(), t.view());
        let analytic = net.gradient(x.view(), t.view());
        // The loss's 1e-7 guard (log(y + 1e-7)) is in the numerical gradient only: a bias of
        // about 1e-7 / y_t. A wrong backward would be off by 1e-2 or more.
        for (name, err) in compare(&numerical, &analytic) {
            assert!(err < 1e-5, "{name}: relative error {err}");
        }
    }

    #[test]
    fn threads_give_the_same_bits() {
        let (mut net, x, t) = small_problem();
        let sequential = net.numerical_gradient(x.view(), t.view());
        for threads in [1, 2, 3, 7, 500] {
            let threaded = net.numerical_gradient_threaded(x.view(), t.view(), threads);
            assert_eq!(threaded, sequential, "{threads} threads");
        }
    }

    #[test]
    fn threads_and_side_by_side_give_the_same_bits_at_mnist_width() {
        // the chapter's hidden and output sizes, fewer inputs and images to stay quick
        let mut rng = StdRng::seed_from_u64(4);
        let mut net = TwoLayerNet::<f64>::new(40, 50, 10, 0.1, &mut rng);
        let x = dlfs::float::randn((13, 40), &mut rng).mapv(|v: f64| v.max(0.0));
        let t: Array1<usize> = (0..13).map(|i| (i * 7) % 10).collect();
        let sequential = net.numerical_gradient(x.view(), t.view());
        for threads in [2, 3] {
            let threaded = net.numerical_gradient_threaded(x.view(), t.view(), threads);
            assert_eq!(threaded, sequential, "{threads} threads");
        }
    }

    #[test]
    fn the_net_is_left_as_it_was() {
        let (mut net, x, t) = small_problem();
        let before = net.clone();
        net.numerical_gradient(x.view(), t.view());
        assert_eq!(net, before);
    }

    #[test]
    fn an_untrained_net_guesses() {
        let (net, x, t) = small_problem();
        let y = net.predict(x.view());
        for row in y.rows() {
            assert!((row.sum() - 1.0).abs() < 1e-12);
        }
        let mut rng = StdRng::seed_from_u64(0);
        let net = TwoLayerNet::<f64>::new(7, 5, 4, 0.01, &mut rng);
        // tiny weights: every class about 1/4, loss about ln 4
        assert!((net.loss(x.view(), t.view()) - 4f64.ln()).abs() < 1e-2);
    }

    #[test]
    fn gradient_descent_lowers_the_loss() {
        let (mut net, x, t) = small_problem();
        let before = net.loss(x.view(), t.view());
        for _ in 0..50 {
            let grads = net.gradient(x.view(), t.view());
            net.update(&grads, 0.5);
        }
        assert!(net.loss(x.view(), t.view()) < before / 2.0);
    }
}
