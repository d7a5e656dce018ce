//! Which data set: MNIST or Fashion-MNIST, with its files, mirrors and checksums.

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

    /// `(file, sha256)` of the DECOMPRESSED files, so a recompressed copy is accepted too.
    pub fn sha256(self) -> [(&'static str, &'static str); 4] {
        let sums = match self {
            DatasetKind::Mnist => [
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            ],
            DatasetKind::Fashion => [
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            ],
        };
        [
            (FILES[0], sums[0]),
            (FILES[1], sums[1]),
            (FILES[2], sums[2]),
            (FILES[3], sums[3]),
        ]
    }

    /// The other data set (to recognise one given in place of the other).
    pub(crate) fn other(self) -> DatasetKind {
        match self {
            DatasetKind::Mnist => DatasetKind::Fashion,
            DatasetKind::Fashion => DatasetKind::Mnist,
        }
    }
}

impl std::fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
