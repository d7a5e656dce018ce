//! Chapter 4, first half: loss functions and mini-batches.
//!
//! The losses themselves (`mean_squared_error`, `cross_entropy_error` for one-hot labels,
//! `cross_entropy_error_labels` for class indices) live in the core crate, `dlfs::functions`,
//! because every later chapter trains with them; so does `dlfs::batch::random_choice`, which
//! picks a mini-batch. This crate holds the book's worked examples and the experiment that
//! shows why a mini-batch's loss is a fair stand-in for the loss over all the data.

use ndarray::{Array1, ArrayView1, ArrayViewD, Axis, arr1, stack};
use rand::Rng;

use dlfs::Mode;
use dlfs::batch::random_choice;
use dlfs::functions::{
    cross_entropy_error, cross_entropy_error_labels, mean_squared_error, softmax_inplace,
};
use dlfs::net::Sequential;

pub mod figures;

// ANCHOR: examples
/// The label of the book's example: the image shows a 2 (one-hot: a 1 at index 2).
pub fn t_two() -> Array1<f64> {
    arr1(&[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
}

/// The book's example output of a network (softmax probabilities, summing to 1), with its
/// largest probability, 0.6, on the digit `guess` (2: right, 7: wrong).
pub fn y_guessing(guess: usize) -> Array1<f64> {
    let mut y = arr1(&[0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
    y.swap(2, guess); // y[2] = 0.1 and y[7] = 0.1 before the swap: move 0.6 onto `guess`
    y[guess] = 0.6;
    y
}
// ANCHOR_END: examples

/// The chapter's worked examples as `(name, value)` pairs, in the order the binary prints them.
pub fn book_examples() -> Vec<(&'static str, f64)> {
    let t = t_two();
    let (y2, y7) = (y_guessing(2), y_guessing(7));
    // ANCHOR: batch
    // A mini-batch of the two outputs, both labelled 2: rows of y, one-hot rows of t ...
    let y = stack(Axis(0), &[y2.view(), y7.view()]).expect("rows of 10"); // (2, 10)
    let t_one_hot = stack(Axis(0), &[t.view(), t.view()]).expect("rows of 10"); // (2, 10)
    // ... or the labels as class indices: the same loss, the mean of the two rows' losses
    let t_labels = arr1(&[2, 2]);
    let batch_one_hot = cross_entropy_error(&y, &t_one_hot);
    let batch_labels = cross_entropy_error_labels(y.view(), t_labels.view());
    // ANCHOR_END: batch
    // ANCHOR: guard
    // the right class given probability 0: log(0) = -inf, but log(0 + 1e-7) = -16.1
    let mut y_zero = y_guessing(7);
    y_zero.swap(2, 3); // y[2] = 0.0
    let guarded = cross_entropy_error(&y_zero, &t);
    // ANCHOR_END: guard
    vec![
        ("mean_squared_error, guess 2", mean_squared_error(&y2, &t)),
        ("cross_entropy_error, guess 2", cross_entropy_error(&y2, &t)),
        ("mean_squared_error, guess 7", mean_squared_error(&y7, &t)),
        ("cross_entropy_error, guess 7", cross_entropy_error(&y7, &t)),
        ("cross_entropy_error, batch of both, one-hot", batch_one_hot),
        ("cross_entropy_error, batch of both, labels", batch_labels),
        ("cross_entropy_error, y_t = 0", guarded),
    ]
}

/// Trains `net` for `iters` updates (backprop, SGD with lr 0.1, batches of 100) so that it is
/// past guessing before its losses are measured; 0 leaves it as initialised.
pub fn train_briefly(
    net: &mut Sequential<f32>,
    mnist: &dataset::Mnist,
    iters: usize,
    rng: &mut (impl Rng + Send),
) -> anyhow::Result<()> {
    let train_set = (mnist.x_train.view(), mnist.t_train.view());
    let test_set = (mnist.x_test.view(), mnist.t_test.view());
    if iters > 0 {
        let config = dlfs::trainer::TrainerConfig {
            iters,
            evaluate: false,
            verbose: false,
            ..Default::default()
        };
        let mut sgd = dlfs::optimizer::Sgd::new(0.1);
        dlfs::trainer::train(net, &mut sgd, train_set, test_set, &config, rng)?;
    }
    Ok(())
}

/// What [`estimate`] finds: the loss over the whole set, the spread of one image's loss, and
/// the losses of the drawn mini-batches of each size.
pub struct Estimates {
    pub full: f64,
    pub sigma: f64,
    pub losses: [(usize, Vec<f64>); 4],
}

// ANCHOR: estimate
/// Compares the loss over the whole set with `draws` mini-batches of 1, 10, 100 and 1,000
/// images each, printing the mean and spread of each size's losses.
pub fn estimate(
    net: &mut Sequential<f32>,
    train_set: (ArrayViewD<f32>, ArrayView1<usize>),
    draws: usize,
    rng: &mut impl Rng,
) -> Estimates {
    let full = full_loss(net, train_set.clone());
    let (_, sigma) = mean_std(&sample_losses(net, train_set.clone()));
    println!("full training-set loss: {full:.4}");
    println!("std of one image's loss: {sigma:.4}");
    let losses = [1, 10, 100, 1000].map(|batch_size| {
        let l = batch_losses(net, train_set.clone(), batch_size, draws, rng);
        let (mean, std) = mean_std(&l);
        println!("batch {batch_size:>4}: mean {mean:.4}, std {std:.4}");
        (batch_size, l)
    });
    Estimates {
        full,
        sigma,
        losses,
    }
}
// ANCHOR_END: estimate

// ANCHOR: batch_losses
/// The loss of `draws` mini-batches of `batch_size` images, each drawn at random (with
/// replacement) from the set (`x`, `t`).
pub fn batch_losses(
    net: &mut Sequential<f32>,
    (x, t): (ArrayViewD<f32>, ArrayView1<usize>),
    batch_size: usize,
    draws: usize,
    rng: &mut impl Rng,
) -> Vec<f64> {
    let train_size = t.len();
    (0..draws)
        .map(|_| {
            let batch_mask = random_choice(train_size, batch_size, rng);
            let x_batch = x.select(Axis(0), &batch_mask);
            let t_batch = t.select(Axis(0), &batch_mask);
            f64::from(net.loss(x_batch, t_batch.view(), Mode::Test))
        })
        .collect()
}

/// The loss over the whole set: the mean over all its images, computed 10,000 at a time.
pub fn full_loss(net: &mut Sequential<f32>, (x, t): (ArrayViewD<f32>, ArrayView1<usize>)) -> f64 {
    let chunk = 10_000;
    let mut sum = 0.0;
    for (xc, tc) in x
        .axis_chunks_iter(Axis(0), chunk)
        .zip(t.axis_chunks_iter(Axis(0), chunk))
    {
        // each chunk's loss is its mean: weight it by its size
        sum += f64::from(net.loss(xc.to_owned(), tc, Mode::Test)) * tc.len() as f64;
    }
    sum / t.len().max(1) as f64
}
// ANCHOR_END: batch_losses

/// Each image's own loss, −log(y_t + 1e-7): what a mini-batch of one would report. Their mean
/// is [`full_loss`]; their spread is what averaging over a batch shrinks.
pub fn sample_losses(
    net: &mut Sequential<f32>,
    (x, t): (ArrayViewD<f32>, ArrayView1<usize>),
) -> Vec<f64> {
    let mut losses = Vec::with_capacity(t.len());
    for (xc, tc) in x
        .axis_chunks_iter(Axis(0), 10_000)
        .zip(t.axis_chunks_iter(Axis(0), 10_000))
    {
        let mut y = net.predict(xc.to_owned(), Mode::Test);
        softmax_inplace(&mut y);
        for (row, &k) in y.outer_iter().zip(tc) {
            losses.push(-(f64::from(row[k]) + 1e-7).ln());
        }
    }
    losses
}

/// Mean and standard deviation of `v`.
pub fn mean_std(v: &[f64]) -> (f64, f64) {
    let n = v.len().max(1) as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn value(name: &str) -> f64 {
        book_examples()
            .into_iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
    }

    #[test]
    fn the_books_examples() {
        assert_eq!(t_two().sum(), 1.0);
        for guess in [2, 7] {
            let y = y_guessing(guess);
            assert_abs_diff_eq!(y.sum(), 1.0, epsilon = 1e-12);
            assert_eq!(y[guess], 0.6);
        }
        // the book prints 0.09750000000000003, 0.510825457099338, 0.5975, 2.302584092994546
        assert_abs_diff_eq!(
            value("mean_squared_error, guess 2"),
            0.0975,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(
            value("cross_entropy_error, guess 2"),
            0.510825457099338,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(
            value("mean_squared_error, guess 7"),
            0.5975,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(
            value("cross_entropy_error, guess 7"),
            2.302584092994546,
            epsilon = 1e-15
        );
    }

    #[test]
    fn one_hot_and_labels_agree_on_a_batch() {
        let one_hot = value("cross_entropy_error, batch of both, one-hot");
        let labels = value("cross_entropy_error, batch of both, labels");
        assert_abs_diff_eq!(one_hot, labels, epsilon = 1e-15);
        // a batch's loss is the mean of its rows' losses
        assert_abs_diff_eq!(
            one_hot,
            (0.510825457099338 + 2.302584092994546) / 2.0,
            epsilon = 1e-15
        );
    }

    #[test]
    fn the_guard_keeps_log_zero_finite() {
        // -ln(1e-7) = 16.118..., where the unguarded loss would be +inf
        assert_abs_diff_eq!(
            value("cross_entropy_error, y_t = 0"),
            -(1e-7f64).ln(),
            epsilon = 1e-9
        );
        // and it barely moves a healthy loss: -ln(0.6 + 1e-7) vs -ln(0.6)
        assert_abs_diff_eq!(
            value("cross_entropy_error, guess 2"),
            -(0.6f64).ln(),
            epsilon = 2e-7
        );
    }

    #[test]
    fn single_sample_is_a_batch_of_one() {
        let y = y_guessing(7);
        let single = cross_entropy_error(&y, &t_two());
        let batch = cross_entropy_error_labels(y.view().insert_axis(Axis(0)), arr1(&[2]).view());
        assert_eq!(single, batch);
    }

    #[test]
    fn batch_losses_average_to_the_full_loss() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        let mut net = dlfs::net::TwoLayerNet {
            input_size: 4,
            hidden_size: 5,
            output_size: 3,
            weight_init_std: 1.0,
        }
        .build::<f32>(&mut rng);
        let x = dlfs::float::randn::<f32, _>((50, 4), &mut rng).into_dyn();
        let t: Array1<usize> = (0..50).map(|i| i % 3).collect();
        let full = full_loss(&mut net, (x.view(), t.view()));
        // the whole set as one batch, and many small batches on average
        let whole = f64::from(net.loss(x.clone(), t.view(), Mode::Test));
        assert_abs_diff_eq!(full, whole, epsilon = 1e-6);
        let (mean, _) = mean_std(&sample_losses(&mut net, (x.view(), t.view())));
        assert_abs_diff_eq!(mean, full, epsilon = 1e-6);
        let (mean, _) = mean_std(&batch_losses(
            &mut net,
            (x.view(), t.view()),
            5,
            4000,
            &mut rng,
        ));
        assert_abs_diff_eq!(mean, full, epsilon = 0.05 * full);
    }
}
