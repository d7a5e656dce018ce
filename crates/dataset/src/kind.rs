//! Which data set: MNIST or Fashion-MNIST, with its files, mirrors and checksums.

use super::{Cut, Known};

/// The four IDX files of a data set, in the order train images, train labels, test images,
/// test labels (without `.gz`; both data sets use the same names).
pub const FILES: [&str; 4] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
];

/// MNIST or Fashion-MNIST: same format (28x28 grey images, 10 classes), different pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DatasetKind {
    /// Handwritten digits 0-9 (LeCun, Cortes, Burges), the book's data set.
    #[default]
    Mnist,
    /// Zalando's clothes and shoes, a harder drop-in replacement.
    Fashion,
}

impl DatasetKind {
    /// The name people know it by: "MNIST" or "Fashion-MNIST".
    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Mnist => "MNIST",
            DatasetKind::Fashion => "Fashion-MNIST",
        }
    }

    /// Its folder inside a data dir or the cache: "mnist" or "fashion-mnist".
    pub fn subdir(self) -> &'static str {
        match self {
            DatasetKind::Mnist => "mnist",
            DatasetKind::Fashion => "fashion-mnist",
        }
    }

    /// What each of the 10 labels means.
    pub fn class_names(self) -> [&'static str; 10] {
        match self {
            DatasetKind::Mnist => ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
            DatasetKind::Fashion => [
                "T-shirt/top",
                "Trouser",
                "Pullover",
                "Dress",
                "Coat",
                "Sandal",
                "Shirt",
                "Sneaker",
                "Bag",
                "Ankle boot",
            ],
        }
    }

    /// Public mirrors, tried in order; each serves `<mirror><file>.gz`.
    pub fn mirrors(self) -> &'static [&'static str] {
        match self {
            DatasetKind::Mnist => &[
                "https://ossci-datasets.s3.amazonaws.com/mnist/",
                "https://storage.googleapis.com/cvdf-datasets/mnist/",
            ],
            DatasetKind::Fashion => &[
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
            ],
        }
    }

    /// Its value for `--dataset`: "mnist" or "fashion".
    pub fn flag(self) -> &'static str {
        match self {
            DatasetKind::Mnist => "mnist",
            DatasetKind::Fashion => "fashion",
        }
    }

    /// `(file, sha256)` of the full set's DECOMPRESSED files, so a recompressed copy is
    /// accepted too (from the [`Known`] table).
    pub fn sha256(self) -> [(&'static str, &'static str); 4] {
        Known::set(self, Cut::Full).map(|k| (k.name(), k.sha256))
    }
}

impl std::fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
