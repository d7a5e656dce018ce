//! Chapter 7: convolutional networks.
//!
//! The layers (Convolution, Pooling), im2col/col2im and SimpleConvNet live in the core crate,
//! `dlfs::layers`, `dlfs::im2col` and `dlfs::net`, because chapter 8 builds on them. This crate
//! holds the chapter's programs and what they share: loading weights and the figures. How fast
//! the network trains is measured by `bench_convnet` in the `dlfs_bench` crate.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dataset::Mnist;
use dlfs::Float;
use dlfs::net::Sequential;
use dlfs_cli::DataArgs;
use dlfs_cli::ranges::at_least;
use dlfs_plot::{Image, ImageGrid};

pub mod diagrams;
pub mod figures;
pub mod training;

pub use training::{
    AugmentArg, TrainImagesArgs, Trained, load_images, take_train, train_with_adam,
};

/// The file `--weights` names; `book` is the book's `params.pkl` of 2016 (looked for in
/// `--data-dir`/`DLFS_DATA_DIR` under `book-weights/`, then in the cache, else downloaded).
pub fn weights_file(arg: &Path, data: &DataArgs) -> anyhow::Result<PathBuf> {
    let book = dataset::BookWeights::Ch07;
    Ok(dataset::weights_path(arg, book, data.data_dir.clone())?)
}

// ANCHOR: load_weights
/// Loads saved parameters (W1..W3, b1..b3, as `train_convnet --save` writes them, or the
/// book's .npz or .pkl) into `net`, naming the file in any error.
pub fn load_weights<F: Float>(net: &mut Sequential<F>, path: &Path) -> anyhow::Result<()> {
    dlfs::io::load_params(path, net.params_mut()).with_context(|| {
        format!(
            "loading SimpleConvNet weights (W1 (30, 1, 5, 5), b1, W2 (4320, 100), b2, W3, b3) \
             from {}",
            path.display()
        )
    })
}
// ANCHOR_END: load_weights

// ANCHOR: filter_grid
/// The first-layer filters W1 (FN, 1, FH, FW) as a grid of small grey images, one per filter,
/// each scaled from its own smallest (black) to largest (white) weight.
pub fn filter_grid<F: Float>(title: &str, w1: &ndarray::ArrayD<F>) -> ImageGrid {
    let shape = w1.shape(); // (FN, C, FH, FW)
    let (fh, fw) = (shape[2], shape[3]);
    let mut grid = ImageGrid::new(title).cols(10).cell(90);
    for (i, filter) in w1.outer_iter().enumerate() {
        let channel0 = filter.index_axis(ndarray::Axis(0), 0); // the first input channel
        let pixels = channel0.iter().map(|v| v.to_f64().unwrap_or(f64::NAN));
        grid = grid.image(Image::new(fw, fh, pixels).caption(format!("{}", i + 1)));
    }
    grid
}
// ANCHOR_END: filter_grid

/// `--weights FILE.npz`, or `--epochs` and `--train-size` of a short training run: where a
/// program that shows trained filters gets them.
#[derive(Debug, Clone, clap::Args)]
pub struct TrainedWeights {
    /// Trained parameters (e.g. saved by `train_convnet --save`, or `book` for the book's);
    /// without it, trains for --epochs on --train-size images
    #[arg(long, value_name = "FILE.npz|FILE.pkl|book")]
    pub weights: Option<PathBuf>,
    /// Epochs of the short training run (without --weights)
    #[arg(long, default_value_t = 1, value_parser = at_least(1))]
    pub epochs: usize,
    /// Training images of the short run (without --weights)
    #[arg(long, default_value_t = 60000, value_parser = at_least(1))]
    pub train_size: usize,
}

impl TrainedWeights {
    /// Loads `--weights` into `net`, or trains it briefly; returns the images the training
    /// loaded (none when the weights come from a file).
    pub fn load_into(
        &self,
        net: &mut Sequential<f32>,
        data: &DataArgs,
        rng: &mut (impl rand::Rng + Send),
    ) -> anyhow::Result<Option<Mnist>> {
        match &self.weights {
            Some(path) => load_weights(net, &weights_file(path, data)?).map(|()| None),
            None => short_training(net, data, self.train_size, self.epochs, rng).map(Some),
        }
    }

    /// Where the weights came from: the file, or the run on `trained_on`'s images.
    pub fn source(&self, trained_on: Option<&Mnist>) -> String {
        match (&self.weights, trained_on) {
            (Some(path), _) => format!("from {}", path.display()),
            (None, mnist) => format!(
                "after {} epoch(s) on {} images",
                self.epochs,
                mnist.map_or(0, |m| m.t_train.len())
            ),
        }
    }
}

/// Trains `net` briefly with the book's settings (Adam 0.001, batch 100) on the first
/// `train_size` training images, for programs that need trained filters but were given no
/// `--weights`. Returns the data it loaded.
pub fn short_training(
    net: &mut Sequential<f32>,
    data: &DataArgs,
    train_size: usize,
    epochs: usize,
    rng: &mut (impl rand::Rng + Send),
) -> anyhow::Result<Mnist> {
    let mut mnist = load_images(data)?;
    take_train(&mut mnist, Some(train_size));
    let n = mnist.t_train.len();
    let iters = dlfs::trainer::TrainerConfig::iters_for_epochs(epochs, n, 100.min(n));
    let config = dlfs::trainer::TrainerConfig {
        iters,
        batch_size: 100.min(n),
        evaluate: false,
        verbose: false,
        monitor: dlfs_cli::progress("training", iters),
        ..Default::default()
    };
    dlfs::trainer::train(
        net,
        &mut dlfs::optimizer::Adam::new(0.001),
        (mnist.x_train.view(), mnist.t_train.view()),
        (mnist.x_test.view(), mnist.t_test.view()),
        &config,
        rng,
    )?;
    Ok(mnist)
}
