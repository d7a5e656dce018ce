use std::any::Any;

use ndarray::{ArrayD, ArrayView1, ArrayViewD, Axis};

use crate::Float;
use crate::functions::argmax_rows;
use crate::gradient::numerical_gradient_mut;
use crate::layers::{Affine, Layer, Mode, Param, SoftmaxWithLoss, Tensor, TensorShape};

/// A network: layers applied in order, then softmax with cross-entropy loss.
///
/// With `weight_decay_lambda` = λ > 0 the loss gains ½ λ Σ‖W‖² over the weights
/// (parameters with `decay`), and their gradients gain λ W.
pub struct Sequential<F: Float = f32> {
    pub layers: Vec<Box<dyn Layer<F>>>,
    pub last: SoftmaxWithLoss<F>,
    pub weight_decay_lambda: F,
}

/// A copy of the network with its parameters as they are now: the trainer evaluates a copy on
/// another core while training goes on with the original.
impl<F: Float> Clone for Sequential<F> {
    fn clone(&self) -> Self {
        Sequential {
            layers: self.layers.iter().map(|l| l.box_clone()).collect(),
            last: self.last.clone(),
            weight_decay_lambda: self.weight_decay_lambda,
        }
    }
}

impl<F: Float> Sequential<F> {
    /// A network of `layers` ending in [`SoftmaxWithLoss`], without weight decay.
    pub fn new(mut layers: Vec<Box<dyn Layer<F>>>) -> Self {
        if let Some(first) = layers.first_mut() {
            first.set_needs_dx(false); // nobody uses dL/dx of the input images
        }
        Sequential {
            layers,
            last: SoftmaxWithLoss::new(),
            weight_decay_lambda: F::zero(),
        }
    }

    // ANCHOR: predict
    /// The scores (before softmax) for a batch `x`.
    pub fn predict(&mut self, x: Tensor<F>, mode: Mode) -> Tensor<F> {
        let mut x = x;
        for layer in &mut self.layers {
            x = layer.forward(x, mode);
        }
        x
    }
    // ANCHOR_END: predict

    // ANCHOR: loss
    /// The loss of a batch: cross-entropy of softmax(predict(x)) against `t`, plus weight decay.
    pub fn loss(&mut self, x: Tensor<F>, t: ArrayView1<usize>, mode: Mode) -> F {
        let y = self.predict(x, mode);
        self.last.forward(y, t) + self.weight_decay()
    }
    // ANCHOR_END: loss

    /// ½ λ Σ W² over the weights.
    fn weight_decay(&self) -> F {
        if self.weight_decay_lambda == F::zero() {
            return F::zero();
        }
        let sum_sq = self
            .params()
            .into_iter()
            .filter(|p| p.decay)
            .fold(F::zero(), |s, p| {
                s + p.value.iter().fold(F::zero(), |s, &w| s + w * w)
            });
        F::lit(0.5) * self.weight_decay_lambda * sum_sq
    }

    // ANCHOR: accuracy
    /// The fraction of rows of `x` whose highest score is at the label `t` (in test mode).
    pub fn accuracy(&mut self, x: ArrayViewD<F>, t: ArrayView1<usize>) -> f64 {
        self.correct(x, t) as f64 / t.len().max(1) as f64
    }

    /// How many rows of `x` are classified as `t`, predicting 250 rows at a time: few enough
    /// that a convolution's outputs for them stay small (17 MB for SimpleConvNet) while the
    /// trainer measures accuracy beside training, enough for the matrix products to run at
    /// full speed. (The scores come out with the same bits for any chunk of 100 rows or more.)
    pub fn correct(&mut self, x: ArrayViewD<F>, t: ArrayView1<usize>) -> usize {
        let chunk = 250;
        let mut correct = 0;
        for (xb, tb) in x
            .axis_chunks_iter(Axis(0), chunk)
            .zip(t.axis_chunks_iter(Axis(0), chunk))
        {
            let y = self.predict_chunk(xb).into_2d(); // (rows, K)
            correct += argmax_rows(y.view())
                .iter()
                .zip(tb)
                .filter(|(y, t)| y == t)
                .count();
        }
        correct
    }
    // ANCHOR_END: accuracy

    /// `predict(x.to_owned(), Mode::Test)`, the same numbers, without the copy of `x` when the
    /// first layer is an Affine: its product then reads the rows where they lie (a quarter of
    /// the time of measuring the two-layer net's accuracy on 70,000 images went into copying).
    fn predict_chunk(&mut self, x: ArrayViewD<F>) -> Tensor<F> {
        let Some((first, rest)) = self.layers.split_first_mut() else {
            return x.to_owned();
        };
        let d: usize = x.shape()[1..].iter().product(); // x as (N, D) rows, if contiguous
        let rows = x.view().into_shape_with_order((x.len_of(Axis(0)), d));
        let any: &mut dyn Any = first.as_mut();
        let mut y = match (any.downcast_mut::<Affine<F>>(), rows) {
            (Some(affine), Ok(rows)) => affine.predict_rows(rows).into_dyn(),
            _ => first.forward(x.to_owned(), Mode::Test),
        };
        for layer in rest {
            y = layer.forward(y, Mode::Test);
        }
        y
    }

    // ANCHOR: gradient
    /// Backpropagation: fills every parameter's `grad` with dL/dparam for the batch and
    /// returns the loss.
    pub fn gradient(&mut self, x: Tensor<F>, t: ArrayView1<usize>) -> F {
        let loss = self.loss(x, t, Mode::Train); // forward
        let mut dout = self.last.backward(); // backward, from dL/dL = 1
        for layer in self.layers.iter_mut().rev() {
            dout = layer.backward(dout);
        }
        let lambda = self.weight_decay_lambda;
        if lambda != F::zero() {
            for p in self.params_mut().into_iter().filter(|p| p.decay) {
                p.grad.scaled_add(lambda, &p.value); // dW += λ W
            }
        }
        loss
    }
    // ANCHOR_END: gradient

    // ANCHOR: numerical_gradient
    /// The gradient by central differences of the loss, parameter by parameter: slow, for checks.
    ///
    /// Each parameter is taken out of its layer, nudged one element at a time, and swapped back
    /// in for every evaluation of the loss.
    pub fn numerical_gradient(
        &mut self,
        x: &Tensor<F>,
        t: ArrayView1<usize>,
        mode: Mode,
    ) -> Vec<ArrayD<F>> {
        let count = self.params().len();
        (0..count)
            .map(|i| {
                let mut value = std::mem::take(&mut self.params_mut()[i].value);
                let grad = numerical_gradient_mut(
                    |w| {
                        std::mem::swap(&mut self.params_mut()[i].value, w); // put w in the network
                        let loss = self.loss(x.clone(), t, mode);
                        std::mem::swap(&mut self.params_mut()[i].value, w); // and take it out again
                        loss
                    },
                    &mut value,
                );
                self.params_mut()[i].value = value;
                grad
            })
            .collect()
    }
    // ANCHOR_END: numerical_gradient

    /// Every parameter, layer by layer, in the book's order (W1, b1, W2, ...).
    pub fn params(&self) -> Vec<&Param<F>> {
        self.layers.iter().flat_map(|l| l.params()).collect()
    }

    /// Every parameter, mutably: what an optimizer updates.
    pub fn params_mut(&mut self) -> Vec<&mut Param<F>> {
        self.layers
            .iter_mut()
            .flat_map(|l| l.params_mut())
            .collect()
    }

    /// The parameter with the book's key `name` ("W1", "gamma2", ...).
    pub fn param(&self, name: &str) -> Option<&Param<F>> {
        self.params().into_iter().find(|p| p.name == name)
    }

    /// The names of the layers, in order, e.g. `["Affine", "Relu", "Affine"]`.
    pub fn layer_names(&self) -> Vec<&'static str> {
        self.layers.iter().map(|l| l.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::Relu;
    use crate::net::TwoLayerNet;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn a_chunk_read_in_place_gives_the_scores_of_a_copy() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut net = TwoLayerNet {
            weight_init_std: 0.1,
            ..Default::default()
        }
        .build::<f32>(&mut rng);
        let x = crate::float::randn::<f32, _>((600, 784), &mut rng).into_dyn();
        for rows in [0, 1, 100, 250, 600] {
            let xb = x.slice_axis(Axis(0), (0..rows).into());
            let copied = net.predict(xb.to_owned(), Mode::Test);
            assert_eq!(net.predict_chunk(xb), copied, "{rows} rows");
        }
        // a network that does not start with an Affine takes the copy
        let mut relu_first = Sequential::<f32>::new(vec![Box::new(Relu::new())]);
        let xb = x.slice_axis(Axis(0), (0..7).into());
        let expected = xb.mapv(|v| v.max(0.0));
        assert_eq!(relu_first.predict_chunk(xb), expected);
    }
}
