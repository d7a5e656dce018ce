//! The numerical gradient of [`TwoLayerNet`], made faster without changing a single number.
//!
//! Still the book's method: every one of the 79,520 losses is a full forward pass in which
//! one parameter is nudged by ±h, and each gradient entry is (f(x+h) − f(x−h)) / 2h. Two
//! things change, neither of which changes the result (the tests compare every bit with
//! [`TwoLayerNet::numerical_gradient`]):
//!
//! 1. **Threads.** The parameter elements are cut into one run per thread; rayon's threads
//!    (`dlfs_engine::parallel`) take the runs, each nudging its run in its own copy of the net.
//! 2. **Side by side.** The forward passes of nets that differ only in W1 share their input x,
//!    so P of them are done with one wide product x·[W1⁽¹⁾ | … | W1⁽ᴾ⁾]: the same
//!    multiplications and additions as P narrow ones, but the matrix kernel goes through x once
//!    for P nets instead of once for each and works on wide operands, where it runs closer to
//!    its peak speed.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};

use dlfs::Float;
use dlfs::functions::{cross_entropy_error_labels, sigmoid, softmax_inplace};
use dlfs_engine::dot;
use dlfs_engine::parallel::par_map_tasks;

use crate::two_layer_net::{Grads, TwoLayerNet};

/// How many nets with nudged copies of W1 go through one wide product, for a batch of
/// `rows` images. Small batches gain nothing (the product's time goes into reading W1, and P
/// copies are P times as much to read), so they go one at a time.
pub fn side_by_side(rows: usize) -> usize {
    if rows >= 32 { 8 } else { 1 }
}

impl<F: Float> TwoLayerNet<F> {
    // ANCHOR: numerical_gradient_threaded
    /// The numerical gradient with the parameter elements cut into `threads` runs that rayon
    /// spreads over its threads, and W1's nudges evaluated [`side_by_side`] at a time.
    /// Identical, bit for bit, to [`numerical_gradient`](Self::numerical_gradient).
    pub fn numerical_gradient_threaded(
        &self,
        x: ArrayView2<F>,
        t: ArrayView1<usize>,
        threads: usize,
    ) -> Grads<F> {
        let total = self.len(); // W1, b1, W2, b2 back to back: 39,760 elements
        let per_thread = total.div_ceil(threads.max(1)).max(1);
        let runs: Vec<_> = (0..total).step_by(per_thread).collect();
        // each run nudges its own copy of the net, on whichever of rayon's threads is free
        let parts: Vec<Vec<F>> = par_map_tasks(runs, |start| {
            let end = (start + per_thread).min(total);
            self.clone().central_differences(start..end, x, t)
        });
        let mut flat = parts.into_iter().flatten(); // the runs in order: W1, b1, W2, b2
        let mut take = |n: usize| flat.by_ref().take(n).collect::<Vec<F>>();
        Grads {
            w1: Array2::from_shape_vec(self.w1.raw_dim(), take(self.w1.len()))
                .expect("W1's gradient has W1's shape"),
            b1: Array1::from_vec(take(self.b1.len())),
            w2: Array2::from_shape_vec(self.w2.raw_dim(), take(self.w2.len()))
                .expect("W2's gradient has W2's shape"),
            b2: Array1::from_vec(take(self.b2.len())),
        }
    }

    /// Central differences for the elements `range` of W1, b1, W2, b2 counted back to back.
    fn central_differences(
        mut self,
        range: std::ops::Range<usize>,
        x: ArrayView2<F>,
        t: ArrayView1<usize>,
    ) -> Vec<F> {
        let h = F::lit(1e-4);
        let mut grad = Vec::with_capacity(range.len());
        let mut offset = 0; // where the current parameter starts in the run of all four
        for p in 0..4 {
            let len = self.param_mut(p).len();
            let lo = range.start.clamp(offset, offset + len) - offset;
            let hi = range.end.clamp(offset, offset + len) - offset;
            if p == 0 {
                grad.extend(self.w1_side_by_side(lo..hi, x, t, side_by_side(x.nrows())));
            } else {
                // the loop of dlfs::gradient::numerical_gradient, on elements lo..hi
                for i in lo..hi {
                    let tmp = self.param_mut(p)[i];
                    self.param_mut(p)[i] = tmp + h;
                    let fxh1 = self.loss(x, t); // f(x + h)
                    self.param_mut(p)[i] = tmp - h;
                    let fxh2 = self.loss(x, t); // f(x - h)
                    self.param_mut(p)[i] = tmp; // restore
                    grad.push((fxh1 - fxh2) / (F::lit(2.0) * h));
                }
            }
            offset += len;
        }
        grad
    }
    // ANCHOR_END: numerical_gradient_threaded

    // ANCHOR: side_by_side
    /// Central differences for W1's elements `range` (in memory order), `copies` at a time:
    /// copy k of W1 gets the k-th element of the group nudged.
    pub fn w1_side_by_side(
        &self,
        range: std::ops::Range<usize>,
        x: ArrayView2<F>,
        t: ArrayView1<usize>,
        copies: usize,
    ) -> Vec<F> {
        let h = F::lit(1e-4);
        let hidden = self.w1.ncols();
        let copies = copies.min(range.len()).max(1);
        // (input, copies·hidden), row-major like W1 (ndarray's `concatenate` along axis 1 would
        // give a column-major array, which the matrix kernel reads several times slower)
        let mut w1s = Array2::zeros((self.w1.nrows(), copies * hidden));
        for k in 0..copies {
            w1s.slice_mut(s![.., k * hidden..(k + 1) * hidden])
                .assign(&self.w1);
        }
        let mut grad = Vec::with_capacity(range.len());
        let elements: Vec<usize> = range.collect();
        for group in elements.chunks(copies) {
            // element e = (i, j) of W1 is entry (i, k·hidden + j) of w1s in copy k
            let at = |k: usize, e: usize| (e / hidden, k * hidden + e % hidden);
            // sets copy k's element to f(its value in W1), for every element of the group
            let set = |w1s: &mut Array2<F>, f: &dyn Fn(F) -> F| {
                for (k, &e) in group.iter().enumerate() {
                    w1s[at(k, e)] = f(self.w1[(e / hidden, e % hidden)]);
                }
            };
            let used = s![.., ..group.len() * hidden]; // a short last group uses fewer copies
            set(&mut w1s, &|w| w + h);
            let fxh1 = self.losses_side_by_side(w1s.slice(used), x, t); // f(x + h), each copy
            set(&mut w1s, &|w| w - h);
            let fxh2 = self.losses_side_by_side(w1s.slice(used), x, t); // f(x - h), each copy
            set(&mut w1s, &|w| w); // restore
            for (f1, f2) in fxh1.into_iter().zip(fxh2) {
                grad.push((f1 - f2) / (F::lit(2.0) * h));
            }
        }
        grad
    }

    /// The losses of the nets whose W1s stand side by side in `w1s` (input, P·hidden), all
    /// other parameters being this net's: the forward pass of [`crate::two_layer_net::loss_with`]
    /// with one wide first product.
    fn losses_side_by_side(
        &self,
        w1s: ArrayView2<F>,
        x: ArrayView2<F>,
        t: ArrayView1<usize>,
    ) -> Vec<F> {
        let a1s = dot(&x, &w1s); // (N, P·hidden): the P first layers at once
        a1s.axis_chunks_iter(Axis(1), self.w1.ncols())
            .map(|a1| {
                let mut a1 = &a1 + &self.b1; // (N, hidden)
                a1.mapv_inplace(sigmoid); // z1
                let mut y = dot(&a1, &self.w2) + &self.b2; // (N, output)
                softmax_inplace(&mut y);
                cross_entropy_error_labels(y.view(), t)
            })
            .collect()
    }
    // ANCHOR_END: side_by_side
}
