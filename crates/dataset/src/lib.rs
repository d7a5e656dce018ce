//! MNIST and Fashion-MNIST: the book's `dataset/mnist.py`.
//!
//! `load_mnist(normalize, flatten, one_hot_label)` becomes [`load_mnist`] with [`LoadOptions`];
//! labels are always class indices (`one_hot` is `dlfs::functions::one_hot`).
//!
//! ```no_run
//! use dataset::{load_mnist, LoadOptions};
//! let mnist = load_mnist(LoadOptions::default())?;
//! println!("{mnist}"); // MNIST: 60000 training + 10000 test images from ...
//! assert_eq!(mnist.x_train.shape(), &[60000, 784]);
//! # Ok::<(), dataset::DataError>(())
//! ```
//!
//! Where the data comes from, first match wins (see [`Loader`]):
//! 1. `--data-dir DIR`, else the environment variable `DLFS_DATA_DIR` (an error if incomplete);
//! 2. the cache: `DLFS_CACHE_DIR`, else `$XDG_CACHE_HOME/dlfs`, else `~/.cache/dlfs`, every
//!    file checked against its published SHA-256 (hashed once, then remembered by size and
//!    time in a `.verified` memo);
//! 3. a download from the public mirrors into the cache, of the files missing or damaged there
//!    (skipped when `DLFS_OFFLINE=1`);
//! 4. the sample built into the library (5,000 training + 1,000 test images), with a note
//!    saying why.
//!
//! The book's trained weights (`--weights book`) are found, cached and downloaded the same
//! way, by [`WeightsLoader`].
//!
//! A folder may hold the four files directly or under `mnist/` and `fashion-mnist/`. Files are
//! recognised by content ([`Known`]): the other data set's files are refused.

mod book_weights;
mod cache;
mod download;
mod error;
pub mod idx;
mod kind;
mod known;
mod sample;
mod source;
pub mod testing;

use std::fmt;
use std::path::PathBuf;

use ndarray::{Array1, ArrayD, IxDyn};

pub use book_weights::{
    BOOK_COMMIT, BOOK_RAW_BASE, BOOK_WEIGHTS_DIR, BookWeights, WeightsLoader, weights_path,
};
pub use download::{download_file, download_files, sha256_hex};
pub use error::DataError;
pub use kind::{DatasetKind, FILES};
pub use known::{Cut, Known};
pub use sample::load_sample;
pub use source::{Loader, env_data_dir, find_files, load_dir, load_fashion_mnist, load_mnist};

/// How to shape the images (the book's `normalize` and `flatten` flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Scale pixels from 0..=255 to 0.0..=1.0 (default `true`); `false` keeps 0.0..=255.0.
    pub normalize: bool,
    /// Each image a row of 784 values, `(N, 784)` (default `true`); `false` gives
    /// `(N, 1, 28, 28)` (channel, height, width) for convolutions.
    pub flatten: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            normalize: true,
            flatten: true,
        }
    }
}

/// A loaded data set: images `x` and labels `t`, split into training and test.
#[derive(Debug, Clone)]
pub struct Mnist {
    /// Which data set this is.
    pub kind: DatasetKind,
    /// Training images, `(60000, 784)` or `(60000, 1, 28, 28)`.
    pub x_train: ArrayD<f32>,
    /// Training labels, class indices 0..10.
    pub t_train: Array1<usize>,
    /// Test images, `(10000, 784)` or `(10000, 1, 28, 28)`.
    pub x_test: ArrayD<f32>,
    /// Test labels, class indices 0..10.
    pub t_test: Array1<usize>,
    /// Where the files came from.
    pub origin: Origin,
}

impl fmt::Display for Mnist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} training + {} test images from {}",
            self.kind,
            self.t_train.len(),
            self.t_test.len(),
            self.origin
        )
    }
}

/// Where a data set was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A folder given by `--data-dir` or `DLFS_DATA_DIR`.
    Dir(PathBuf),
    /// The cache, filled by an earlier download.
    Cache(PathBuf),
    /// The cache, just downloaded.
    Downloaded(PathBuf),
    /// The sample built into the library (`assets/mnist-sample/`, `assets/fashion-sample/`).
    Sample,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Dir(dir) => write!(f, "{}", dir.display()),
            Origin::Cache(dir) => write!(f, "{} (cache)", dir.display()),
            Origin::Downloaded(dir) => write!(f, "{} (just downloaded)", dir.display()),
            Origin::Sample => write!(f, "the bundled sample"),
        }
    }
}

/// The four files' decompressed bytes (in [`FILES`] order), each with a path for messages.
pub(crate) type FileBytes = [(PathBuf, Vec<u8>); 4];

/// Checks the four files and turns them into arrays.
pub(crate) fn assemble(
    kind: DatasetKind,
    files: &FileBytes,
    opts: LoadOptions,
    origin: Origin,
) -> Result<Mnist, DataError> {
    let (x_train, t_train) = split(&files[0], &files[1], opts)?;
    let (x_test, t_test) = split(&files[2], &files[3], opts)?;
    Ok(Mnist {
        kind,
        x_train,
        t_train,
        x_test,
        t_test,
        origin,
    })
}

/// One split (train or test): images and labels that must agree in count.
fn split(
    (images_path, images): &(PathBuf, Vec<u8>),
    (labels_path, labels): &(PathBuf, Vec<u8>),
    opts: LoadOptions,
) -> Result<(ArrayD<f32>, Array1<usize>), DataError> {
    let (n, pixels) = idx::parse_images(images_path, images)?;
    let t = idx::parse_labels(labels_path, labels)?;
    if t.len() != n {
        return Err(DataError::CountMismatch {
            images_path: images_path.clone(),
            images: n,
            labels_path: labels_path.clone(),
            labels: t.len(),
        });
    }
    // X.astype(np.float32) / 255.0: a division, not a product with 1/255, so that every pixel
    // is the same f32 as in the book's NumPy code.
    let x: Vec<f32> = if opts.normalize {
        pixels.iter().map(|&p| f32::from(p) / 255.0).collect()
    } else {
        pixels.iter().map(|&p| f32::from(p)).collect()
    };
    let shape = if opts.flatten {
        vec![n, idx::SIDE * idx::SIDE]
    } else {
        vec![n, 1, idx::SIDE, idx::SIDE]
    };
    let x = ArrayD::from_shape_vec(IxDyn(&shape), x).expect("parse_images checked the size");
    let t = t.iter().map(|&k| usize::from(k)).collect();
    Ok((x, t))
}
