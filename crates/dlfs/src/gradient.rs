//! Numerical differentiation: the book's `common/gradient.py`.
//!
//! Slow but simple, and so the reference that backpropagation is checked against.

use ndarray::{Array, Array1, Dimension};

use crate::Float;

// ANCHOR: numerical_diff
/// Central difference: f'(x) ≈ (f(x + h) - f(x - h)) / 2h with h = 1e-4.
///
/// A much smaller h drowns in rounding error: in `f32`, `x + 1e-50 == x`, so the
/// difference is exactly 0.
pub fn numerical_diff<F: Float>(f: impl Fn(F) -> F, x: F) -> F {
    let h = F::lit(1e-4);
    (f(x + h) - f(x - h)) / (F::lit(2.0) * h)
}
// ANCHOR_END: numerical_diff

// ANCHOR: numerical_gradient
/// Gradient of `f` at `x` by central differences, one element at a time:
/// ∂f/∂x_i ≈ (f(x + h e_i) - f(x - h e_i)) / 2h.
///
/// `x` is nudged in place and restored, as the book does; it may have any shape.
pub fn numerical_gradient<F: Float, D: Dimension>(
    mut f: impl FnMut(&Array<F, D>) -> F,
    x: &mut Array<F, D>,
) -> Array<F, D> {
    numerical_gradient_mut(|x| f(x), x)
}
// ANCHOR_END: numerical_gradient

/// [`numerical_gradient`] for an `f` that needs `x` mutably, e.g. to swap it into a network
/// for the evaluation and out again (Rust's stand-in for the book's aliasing of the network's
/// parameter with `x`).
pub fn numerical_gradient_mut<F: Float, D: Dimension>(
    mut f: impl FnMut(&mut Array<F, D>) -> F,
    x: &mut Array<F, D>,
) -> Array<F, D> {
    let h = F::lit(1e-4);
    let mut grad = x.mapv(|_| F::zero()); // x's memory layout: element i of both is the same x_i
    for i in 0..x.len() {
        let xi = elem(x, i);
        let tmp = *xi;
        *xi = tmp + h;
        let fxh1 = f(x); // f(x + h)
        *elem(x, i) = tmp - h;
        let fxh2 = f(x); // f(x - h)
        *elem(x, i) = tmp; // restore
        *elem(&mut grad, i) = (fxh1 - fxh2) / (F::lit(2.0) * h);
    }
    grad
}

/// Element `i` in memory order (what `np.nditer` walks for a C-ordered array).
fn elem<F: Float, D: Dimension>(x: &mut Array<F, D>, i: usize) -> &mut F {
    &mut x
        .as_slice_memory_order_mut()
        .expect("numerical_gradient: x must be contiguous")[i]
}

// ANCHOR: gradient_descent
/// Gradient descent: x ← x - lr ∇f(x), `step_num` times, from `init_x`.
///
/// Returns the final x and the path (every x before each step), for plotting.
pub fn gradient_descent<F: Float>(
    mut f: impl FnMut(&Array1<F>) -> F,
    init_x: Array1<F>,
    lr: F,
    step_num: usize,
) -> (Array1<F>, Vec<Array1<F>>) {
    let mut x = init_x;
    let mut history = Vec::with_capacity(step_num);
    for _ in 0..step_num {
        history.push(x.clone());
        let grad = numerical_gradient(&mut f, &mut x);
        x.scaled_add(-lr, &grad); // x -= lr * grad
    }
    (x, history)
}
// ANCHOR_END: gradient_descent

/// Relative error of two gradients, ‖a - b‖ / (‖a‖ + ‖b‖) (0 when both are 0): what the
/// gradient checks compare with a tolerance. Measured on the whole array, it is not thrown by
/// entries that are tiny in both. The book prints the mean absolute difference instead;
/// [`mean_abs_diff`] gives that.
pub fn relative_error<F: Float, D: Dimension>(a: &Array<F, D>, b: &Array<F, D>) -> F {
    let (diff, na, nb) = ndarray::Zip::from(a)
        .and(b)
        .fold((F::zero(), F::zero(), F::zero()), |(d, na, nb), &a, &b| {
            (d + (a - b) * (a - b), na + a * a, nb + b * b)
        });
    let denom = na.sqrt() + nb.sqrt();
    if denom == F::zero() {
        F::zero()
    } else {
        diff.sqrt() / denom
    }
}

/// Mean of |a - b|: the number the book's `gradient_check.py` prints per parameter.
pub fn mean_abs_diff<F: Float, D: Dimension>(a: &Array<F, D>, b: &Array<F, D>) -> F {
    let sum = ndarray::Zip::from(a)
        .and(b)
        .fold(F::zero(), |s, &a, &b| s + (a - b).abs());
    sum / F::from(a.len()).unwrap()
}

/// One entry of a gradient check: numerical vs backprop gradient of one array.
#[derive(Debug, Clone)]
pub struct GradCheck<F: Float = f64> {
    /// "x" for the layer's input, else the parameter's name.
    pub name: String,
    /// ‖numerical - backprop‖ / (‖numerical‖ + ‖backprop‖)
    pub relative_error: F,
    /// mean |numerical - backprop|: the number the book prints
    pub mean_abs_diff: F,
}

// ANCHOR: check_layer
/// Checks a layer's backward against numerical differentiation.
///
/// The scalar under test is L = Σ forward(x) ⊙ r for a fixed random r, so dL/dout = r and
/// backward(r) must give dL/dx and every dL/dparam; each is compared with central differences
/// of L. Run it in `f64`: in `f32` rounding swamps the differences.
pub fn check_layer<F: Float>(
    layer: &mut dyn crate::Layer<F>,
    x: &ndarray::ArrayD<F>,
    rng: &mut impl rand::Rng,
) -> Vec<GradCheck<F>> {
    use crate::Mode;
    let out_shape = layer.forward(x.clone(), Mode::Train).raw_dim();
    let r = crate::float::randn::<F, _>(out_shape, rng);
    let backprop_dx = layer.backward(r.clone());
    let backprop: Vec<_> = layer
        .params()
        .iter()
        .map(|p| (p.name.clone(), p.grad.clone()))
        .collect();

    let loss = |layer: &mut dyn crate::Layer<F>, x: &ndarray::ArrayD<F>| {
        let y = layer.forward(x.clone(), Mode::Train);
        ndarray::Zip::from(&y)
            .and(&r)
            .fold(F::zero(), |s, &y, &r| s + y * r)
    };
    let mut x = x.clone();
    let numerical_dx = numerical_gradient_mut(|x| loss(layer, x), &mut x);
    let mut checks = vec![entry("x", &numerical_dx, &backprop_dx)];
    for (i, (name, grad)) in backprop.iter().enumerate() {
        let mut value = std::mem::take(&mut layer.params_mut()[i].value);
        let numerical = numerical_gradient_mut(
            |w| {
                std::mem::swap(&mut layer.params_mut()[i].value, w);
                let l = loss(layer, &x);
                std::mem::swap(&mut layer.params_mut()[i].value, w);
                l
            },
            &mut value,
        );
        layer.params_mut()[i].value = value;
        checks.push(entry(name, &numerical, grad));
    }
    checks
}
// ANCHOR_END: check_layer

fn entry<F: Float>(
    name: &str,
    numerical: &ndarray::ArrayD<F>,
    backprop: &ndarray::ArrayD<F>,
) -> GradCheck<F> {
    assert_eq!(
        numerical.shape(),
        backprop.shape(),
        "gradient check of {name}: shapes differ"
    );
    GradCheck {
        name: name.to_string(),
        relative_error: relative_error(numerical, backprop),
        mean_abs_diff: mean_abs_diff(numerical, backprop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::{Array2, arr1};

    #[test]
    fn slope_of_the_books_function() {
        let f = |x: f64| 0.01 * x * x + 0.1 * x;
        assert_abs_diff_eq!(numerical_diff(f, 5.0), 0.2, epsilon = 1e-9);
        assert_abs_diff_eq!(numerical_diff(f, 10.0), 0.3, epsilon = 1e-9);
    }

    #[test]
    fn tiny_h_rounds_to_zero_in_f32() {
        let x = 5.0f32;
        assert_eq!((x + 1e-50) - x, 0.0);
    }

    #[test]
    fn gradient_of_sum_of_squares() {
        let f = |x: &Array1<f64>| x.mapv(|v| v * v).sum();
        for (x0, g) in [
            ([3.0, 4.0], [6.0, 8.0]),
            ([0.0, 2.0], [0.0, 4.0]),
            ([3.0, 0.0], [6.0, 0.0]),
        ] {
            let mut x = arr1(&x0);
            assert_abs_diff_eq!(numerical_gradient(f, &mut x), arr1(&g), epsilon = 1e-6);
            assert_eq!(x, arr1(&x0), "x is restored");
        }
    }

    #[test]
    fn gradient_of_a_column_major_array_is_in_its_logical_order() {
        use ndarray::ShapeBuilder;
        let mut x = Array::from_shape_vec((2, 3).f(), vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]).unwrap();
        let weights = ndarray::array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        // f(x) = Σ w ⊙ x: the gradient is w, element by element
        let grad = numerical_gradient(|x: &Array2<f64>| (x * &weights).sum(), &mut x);
        assert_abs_diff_eq!(grad, weights, epsilon = 1e-8);
    }

    #[test]
    fn descent_reaches_the_minimum() {
        let f = |x: &Array1<f64>| x.mapv(|v| v * v).sum();
        let (x, path) = gradient_descent(f, arr1(&[-3.0, 4.0]), 0.1, 100);
        assert_eq!(path.len(), 100);
        assert_abs_diff_eq!(x, arr1(&[0.0, 0.0]), epsilon = 1e-8);
    }
}
