//! Every IDX file dlfs knows, by the SHA-256 of its decompressed bytes: the full MNIST and
//! Fashion-MNIST sets and the two bundled samples, 16 files in all. A file is recognised by its
//! content, whatever its name or compression, so a folder holding the other data set (or the
//! other set's sample) is refused instead of being trained on under the wrong name.
//!
//! The full sets' sums are the published ones (see `../shared/data/README.md`); the samples'
//! are those of `assets/mnist-sample/` and `assets/fashion-sample/` (checked by a test).

use super::{DatasetKind, FILES};

/// Which cut of a data set a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cut {
    /// The published set: 60,000 training + 10,000 test images.
    Full,
    /// The bundled sample: the first 5,000 training + 1,000 test images.
    Sample,
}

/// One known file: data set, cut, which of the four [`FILES`] it is, and its checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// MNIST or Fashion-MNIST.
    pub kind: DatasetKind,
    /// Full set or bundled sample.
    pub cut: Cut,
    /// Index into [`FILES`]: 0 train images, 1 train labels, 2 test images, 3 test labels.
    pub file: usize,
    /// SHA-256 of the decompressed bytes, 64 lowercase hex digits.
    pub sha256: &'static str,
}

/// Builds the four entries of one cut of one data set, in [`FILES`] order.
const fn four(kind: DatasetKind, cut: Cut, sums: [&'static str; 4]) -> [Known; 4] {
    [
        Known {
            kind,
            cut,
            file: 0,
            sha256: sums[0],
        },
        Known {
            kind,
            cut,
            file: 1,
            sha256: sums[1],
        },
        Known {
            kind,
            cut,
            file: 2,
            sha256: sums[2],
        },
        Known {
            kind,
            cut,
            file: 3,
            sha256: sums[3],
        },
    ]
}

const MNIST_FULL: [Known; 4] = four(
    DatasetKind::Mnist,
    Cut::Full,
    [
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ],
);
const FASHION_FULL: [Known; 4] = four(
    DatasetKind::Fashion,
    Cut::Full,
    [
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    ],
);
const MNIST_SAMPLE: [Known; 4] = four(
    DatasetKind::Mnist,
    Cut::Sample,
    [
        "1e3ffdb2f57e22d9e5363dde25c2d057542c2e72baa312f0f3b03948bb3802b7",
        "685aeb7baef68233efa643639a5e9c15bb48be09a628f96fb7f606ca2a1ea7bc",
        "de7c252b04f05e1f8309634180ccdf286dc6dbac8c579b74e76e02ae0331ca52",
        "832c0d20f0dc42e575488c75a83a970787d4c8d4d05831b2ef03701b4a478a90",
    ],
);
const FASHION_SAMPLE: [Known; 4] = four(
    DatasetKind::Fashion,
    Cut::Sample,
    [
        "626b8bf8433327de7912bae1d0e4c70fdcca53de33970297bf9a2205500c574a",
        "86cccad95ab36653e416733235fc8fbb50b9429417f4eb2feb35e0b9a294e83c",
        "7a6d8e07ea021ec5bc73135ebd0a5770799557ec6f8242d8749c4f32a3cf4643",
        "b40abac7ec8228f434940f579deb7cf7b6e3103b5274cb91d1545771f5ef1c8b",
    ],
);

impl Known {
    /// All 16 known files.
    pub fn all() -> impl Iterator<Item = Known> {
        [MNIST_FULL, FASHION_FULL, MNIST_SAMPLE, FASHION_SAMPLE]
            .into_iter()
            .flatten()
    }

    /// The known file with this checksum, if any.
    pub fn identify(sha256: &str) -> Option<Known> {
        Known::all().find(|k| k.sha256 == sha256)
    }

    /// The four files of one cut of one data set, in [`FILES`] order.
    pub fn set(kind: DatasetKind, cut: Cut) -> [Known; 4] {
        match (kind, cut) {
            (DatasetKind::Mnist, Cut::Full) => MNIST_FULL,
            (DatasetKind::Fashion, Cut::Full) => FASHION_FULL,
            (DatasetKind::Mnist, Cut::Sample) => MNIST_SAMPLE,
            (DatasetKind::Fashion, Cut::Sample) => FASHION_SAMPLE,
        }
    }

    /// The file's standard name, e.g. `train-labels-idx1-ubyte`.
    pub fn name(&self) -> &'static str {
        FILES[self.file]
    }
}

impl std::fmt::Display for Known {
    /// "the MNIST sample's train-labels-idx1-ubyte", "Fashion-MNIST's t10k-images-idx3-ubyte".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cut {
            Cut::Full => write!(f, "{}'s {}", self.kind, self.name()),
            Cut::Sample => write!(f, "the {} sample's {}", self.kind, self.name()),
        }
    }
}
