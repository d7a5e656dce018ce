//! The 784-50-100-10 sigmoid network with trained weights, reading MNIST: the book's
//! `neuralnet_mnist.py` (one image at a time) and `neuralnet_mnist_batch.py` (100 at a time).
//!
//! Computed in `f32` like the book (its images are float32 and so are its weights).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use dlfs::functions::{argmax_rows, sigmoid, softmax};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, Ix1, Ix2};

/// File name of the weights dlfs trained itself, under `assets/weights/` of the workspace.
pub const DEFAULT_WEIGHTS: &str = "ch03_sigmoid_784_50_100_10.npz";

/// `assets/weights/ch03_sigmoid_784_50_100_10.npz` of this workspace.
pub fn default_weights_path() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate lives in chapters/ch03_activations");
    root.join("assets").join("weights").join(DEFAULT_WEIGHTS)
}

/// `--weights FILE.npz|FILE.pkl|book`: which trained parameters to load.
#[derive(Debug, Clone, clap::Args)]
pub struct WeightsArg {
    /// Trained parameters (.npz or the book's .pkl, with W1 784x50, b1, W2 50x100, b2, W3
    /// 100x10, b3), or `book` for the book's sample_weight.pkl (found in DIR/book-weights/, the
    /// cache, or downloaded) [default: assets/weights/ch03_sigmoid_784_50_100_10.npz, trained
    /// by dlfs]
    #[arg(long, value_name = "FILE.npz|FILE.pkl|book")]
    pub weights: Option<PathBuf>,
}

impl WeightsArg {
    /// The weights file to use: `--weights` (`book` is the book's `sample_weight.pkl`, looked
    /// for in `data_dir` too), else the workspace's own (which must exist).
    pub fn path(&self, data_dir: Option<&Path>) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.weights {
            let book = dataset::BookWeights::Ch03;
            return Ok(dataset::weights_path(
                p,
                book,
                data_dir.map(Path::to_path_buf),
            )?);
        }
        let p = default_weights_path();
        anyhow::ensure!(
            p.is_file(),
            "no trained weights at {}: that file is written by dlfs's own training run (not done \
             in this checkout yet); or pass --weights book (the book's sample_weight.pkl) or \
             --weights FILE.npz",
            p.display()
        );
        Ok(p)
    }
}

// ANCHOR: net
/// The network's parameters, named as in the book's `sample_weight.pkl`.
#[derive(Debug, Clone)]
pub struct SampleNet {
    pub w1: Array2<f32>, // (784, 50)
    pub b1: Array1<f32>, // (50,)
    pub w2: Array2<f32>, // (50, 100)
    pub b2: Array1<f32>, // (100,)
    pub w3: Array2<f32>, // (100, 10)
    pub b3: Array1<f32>, // (10,)
}
// ANCHOR_END: net

impl SampleNet {
    /// Reads the six arrays from a `.npz` file or the book's pickle (float32 or float64),
    /// checking their shapes.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let mut npz = dlfs::io::Npz::open(path)?;
        let mut matrix = |name: &str, shape: [usize; 2]| -> anyhow::Result<Array2<f32>> {
            let a = npz.get::<f32>(name, &shape)?;
            Ok(a.into_dimensionality::<Ix2>().expect("shape checked"))
        };
        let (w1, w2, w3) = (
            matrix("W1", [784, 50])?,
            matrix("W2", [50, 100])?,
            matrix("W3", [100, 10])?,
        );
        let mut vector = |name: &str, n: usize| -> anyhow::Result<Array1<f32>> {
            let a = npz.get::<f32>(name, &[n])?;
            Ok(a.into_dimensionality::<Ix1>().expect("shape checked"))
        };
        let (b1, b2, b3) = (vector("b1", 50)?, vector("b2", 100)?, vector("b3", 10)?);
        Ok(SampleNet {
            w1,
            b1,
            w2,
            b2,
            w3,
            b3,
        })
    }

    // ANCHOR: predict
    /// Class probabilities for one image `x` (784,) -> (10,).
    pub fn predict(&self, x: ArrayView1<f32>) -> Array1<f32> {
        let a1 = x.dot(&self.w1) + &self.b1; // (784,)·(784, 50) -> (50,)
        let z1 = a1.mapv(sigmoid);
        let a2 = z1.dot(&self.w2) + &self.b2; // (50,)·(50, 100) -> (100,)
        let z2 = a2.mapv(sigmoid);
        let a3 = z2.dot(&self.w3) + &self.b3; // (100,)·(100, 10) -> (10,)
        softmax(&a3)
    }
    // ANCHOR_END: predict

    // ANCHOR: predict_batch
    /// The same for a batch: `x` (N, 784) -> (N, 10). Only the shapes change: each matrix
    /// product now handles N images at once, and `+ b` is broadcast to every row.
    pub fn predict_batch(&self, x: ArrayView2<f32>) -> Array2<f32> {
        let a1 = x.dot(&self.w1) + &self.b1; // (N, 784)·(784, 50) -> (N, 50)
        let z1 = a1.mapv(sigmoid);
        let a2 = z1.dot(&self.w2) + &self.b2; // (N, 50)·(50, 100) -> (N, 100)
        let z2 = a2.mapv(sigmoid);
        let a3 = z2.dot(&self.w3) + &self.b3; // (N, 100)·(100, 10) -> (N, 10)
        softmax(&a3)
    }
    // ANCHOR_END: predict_batch
}

// ANCHOR: count_one_by_one
/// How many images the network labels correctly, predicting one image at a time.
pub fn count_correct(net: &SampleNet, x: ArrayView2<f32>, t: ArrayView1<usize>) -> usize {
    let mut accuracy_cnt = 0;
    for (x_i, &t_i) in x.rows().into_iter().zip(t) {
        let y = net.predict(x_i);
        let p = argmax_rows(y.view().insert_axis(Axis(0)))[0]; // the most probable class
        if p == t_i {
            accuracy_cnt += 1;
        }
    }
    accuracy_cnt
}
// ANCHOR_END: count_one_by_one

// ANCHOR: count_batch
/// The same count, `batch_size` images per call of [`SampleNet::predict_batch`].
pub fn count_correct_batch(
    net: &SampleNet,
    x: ArrayView2<f32>,
    t: ArrayView1<usize>,
    batch_size: usize,
) -> usize {
    let mut accuracy_cnt = 0;
    for (x_batch, t_batch) in x
        .axis_chunks_iter(Axis(0), batch_size)
        .zip(t.axis_chunks_iter(Axis(0), batch_size))
    {
        let y_batch = net.predict_batch(x_batch);
        let p = argmax_rows(y_batch.view()); // np.argmax(y_batch, axis=1)
        accuracy_cnt += p.iter().zip(t_batch).filter(|(p, t)| p == t).count();
    }
    accuracy_cnt
}
// ANCHOR_END: count_batch

/// Loads the weights and the test set, counts the correct answers (one by one, or in
/// batches of `batch` if given) and prints the `name: value` lines both binaries share.
pub fn run(
    data: &dlfs_cli::DataArgs,
    weights: &WeightsArg,
    batch: Option<usize>,
) -> anyhow::Result<()> {
    if batch == Some(0) {
        anyhow::bail!("--batch-size must be at least 1");
    }
    let path = weights.path(data.data_dir.as_deref())?;
    let net = SampleNet::load(&path)?;
    let mnist = data
        .load(dataset::LoadOptions::default())
        .context("loading the data set")?;
    let x = mnist
        .x_test
        .view()
        .into_dimensionality::<Ix2>()
        .expect("flattened images");
    let t = mnist.t_test.view();
    println!("weights: {}", path.display());
    println!("data: {mnist}");
    let start = Instant::now();
    let correct = match batch {
        Some(b) => count_correct_batch(&net, x, t, b),
        None => count_correct(&net, x, t),
    };
    let elapsed = start.elapsed();
    println!("correct: {correct} / {}", t.len());
    println!("accuracy: {:.4}", correct as f64 / t.len() as f64);
    println!("time: {:.0} ms", elapsed.as_secs_f64() * 1e3);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A net whose output is the class of the brightest of the first ten pixels.
    fn toy() -> SampleNet {
        let mut w1 = Array2::zeros((784, 50));
        for k in 0..10 {
            w1[[k, k]] = 20.0;
        }
        let mut w2 = Array2::zeros((50, 100));
        let mut w3 = Array2::zeros((100, 10));
        for k in 0..10 {
            w2[[k, k]] = 20.0;
            w3[[k, k]] = 20.0;
        }
        SampleNet {
            w1,
            b1: Array1::from_elem(50, -10.0),
            w2,
            b2: Array1::from_elem(100, -10.0),
            w3,
            b3: Array1::zeros(10),
        }
    }

    #[test]
    fn one_by_one_and_batched_agree() {
        let net = toy();
        let n = 250;
        let mut x = Array2::zeros((n, 784));
        let t: Array1<usize> = (0..n).map(|i| (i * 7) % 10).collect();
        for (i, &k) in t.iter().enumerate() {
            x[[i, k]] = 1.0;
        }
        // every third label is wrong on purpose
        let t_noisy: Array1<usize> = t
            .iter()
            .enumerate()
            .map(|(i, &k)| if i % 3 == 0 { (k + 1) % 10 } else { k })
            .collect();
        let one = count_correct(&net, x.view(), t_noisy.view());
        assert_eq!(one, n - n.div_ceil(3));
        assert_eq!(
            count_correct_batch(&net, x.view(), t_noisy.view(), 100),
            one
        );
        assert_eq!(count_correct_batch(&net, x.view(), t_noisy.view(), 7), one);
        let y = net.predict(x.row(0));
        assert!((y.sum() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn missing_default_weights_say_what_to_do() {
        let arg = WeightsArg {
            weights: Some(PathBuf::from("/nonexistent/w.npz")),
        };
        let e = SampleNet::load(&arg.path(None).unwrap()).unwrap_err();
        assert!(format!("{e:#}").contains("/nonexistent/w.npz"), "{e:#}");
        assert!(default_weights_path().ends_with("assets/weights/ch03_sigmoid_784_50_100_10.npz"));
        assert!(!default_weights_path().to_string_lossy().contains(".."));
    }
}
