//! Chapter 8: deep networks.
//!
//! DeepConvNet itself lives in the core crate (`dlfs::net::DeepConvNet`), beside SimpleConvNet.
//! This crate holds the chapter's programs and what they share: loading weights, classifying
//! the test set, and the figures of what the network gets wrong.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dlfs::Float;
use dlfs::functions::argmax_rows;
use dlfs::layers::{Mode, TensorShape};
use dlfs::net::Sequential;
use ndarray::{ArrayView1, ArrayViewD, Axis};

pub mod figures;
pub mod precision;

/// Loading images (N, 1, 28, 28), keeping a `--train-size` subset and `--augment` are chapter 7's.
pub use ch07_cnn::training::{
    AugmentArg, TrainImagesArgs, load_images, print_report, take_train, train_with_adam,
};

/// `--weights FILE.npz|FILE.pkl|book`, the trained parameters the evaluating binaries need.
#[derive(Debug, Clone, clap::Args)]
pub struct WeightsArg {
    /// The parameters to use: a .npz, the book's .pkl, or `book` for the book's
    /// deep_convnet_params.pkl (found in DIR/book-weights/, the cache, or downloaded)
    #[arg(long, value_name = "FILE.npz|FILE.pkl|book")]
    pub weights: Option<PathBuf>,
}

impl WeightsArg {
    /// The file given (`book`: the book's file, looked for in `--data-dir` too), or an error
    /// saying what to pass.
    pub fn path(&self, data: &dlfs_cli::DataArgs) -> anyhow::Result<PathBuf> {
        let arg = self.weights.as_deref().context(
            "pass --weights book (the book's trained DeepConvNet, deep_convnet_params.pkl), \
             --weights assets/weights/ch08_deep_convnet_seed42.npz (dlfs's own) or \
             --weights FILE.npz saved by `train_deepnet --save`",
        )?;
        let book = dataset::BookWeights::Ch08;
        Ok(dataset::weights_path(arg, book, data.data_dir.clone())?)
    }
}

/// What `--weights` must hold, for error messages.
pub const WEIGHTS_LAYOUT: &str = "W1 (16, 1, 3, 3), b1, ..., W6 (64, 64, 3, 3), b6, \
                                  W7 (1024, 50), b7, W8 (50, 10), b8";

// ANCHOR: load_weights
/// Loads saved DeepConvNet parameters (the book's, or `train_deepnet --save`'s) into `net`,
/// checking every name and shape and naming the file in any error.
pub fn load_weights<F: Float>(net: &mut Sequential<F>, path: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        path.is_file(),
        "no weights file {}: pass --weights book (the book's file) or one that \
         `train_deepnet --save` wrote",
        path.display()
    );
    dlfs::io::load_params(path, net.params_mut()).with_context(|| {
        format!(
            "loading DeepConvNet weights ({WEIGHTS_LAYOUT}) from {}",
            path.display()
        )
    })
}
// ANCHOR_END: load_weights

/// DeepConvNet in float64 with the parameters `--weights` names (as the book evaluates it). The
/// seed only draws the initial weights, which the file then replaces.
pub fn load_net(
    weights: &WeightsArg,
    data: &dlfs_cli::DataArgs,
) -> anyhow::Result<Sequential<f64>> {
    let path = weights.path(data)?;
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0);
    let mut net = dlfs::net::DeepConvNet::default().build::<f64>(&mut rng);
    load_weights(&mut net, &path)?;
    Ok(net)
}

// ANCHOR: classify
/// The class each image of `x` gets (the highest score, in test mode), 100 images at a time
/// as the book's misclassified_mnist.py does.
pub fn classify<F: Float>(net: &mut Sequential<F>, x: ArrayViewD<F>) -> Vec<usize> {
    let mut y = Vec::with_capacity(x.shape()[0]);
    for xb in x.axis_chunks_iter(Axis(0), 100) {
        let scores = net.predict(xb.to_owned(), Mode::Test).into_2d(); // (batch, 10)
        y.extend(argmax_rows(scores.view()));
    }
    y
}
// ANCHOR_END: classify

/// How many predictions `y` equal the labels `t`.
pub fn count_correct(y: &[usize], t: ArrayView1<usize>) -> usize {
    y.iter().zip(t).filter(|(y, t)| y == t).count()
}

// ANCHOR: confusion
/// The confusion matrix: `m[t][y]` counts the images of class `t` classified as `y`; the
/// diagonal holds the correct ones.
pub fn confusion_matrix(t: ArrayView1<usize>, y: &[usize], classes: usize) -> Vec<Vec<usize>> {
    let mut m = vec![vec![0; classes]; classes];
    for (&t, &y) in t.iter().zip(y) {
        m[t][y] += 1;
    }
    m
}
// ANCHOR_END: confusion

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_counts_pairs() {
        let t = ndarray::arr1(&[0usize, 1, 1, 2]);
        let m = confusion_matrix(t.view(), &[0, 1, 2, 2], 3);
        assert_eq!(m, [[1, 0, 0], [0, 1, 1], [0, 0, 1]]);
        assert_eq!(count_correct(&[0, 1, 2, 2], t.view()), 3);
    }
}
