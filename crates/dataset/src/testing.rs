//! For tests that run the binaries on real data: what a binary says it used, where the shared
//! reference data is, and a skip that becomes a failure when the data is required.
//!
//! A test never guesses from the environment which data a binary will find: the binary prints
//! a `data:` line, and [`DataLine`] reads it. Set `DLFS_REQUIRE_DATA=1` (as `.ci/run` does) to
//! turn every "skipped: no data" into a failure, so that a CI run without its data cannot pass
//! by skipping.

use std::path::{Path, PathBuf};

use super::{DatasetKind, env_data_dir};

/// The line `data: MNIST: 60000 training + 10000 test images from DIR` that every binary
/// reading a data set prints, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLine {
    /// MNIST or Fashion-MNIST.
    pub kind: DatasetKind,
    /// Number of training images.
    pub n_train: usize,
    /// Number of test images.
    pub n_test: usize,
    /// Where from, as printed (a folder, `... (cache)`, `the bundled sample`).
    pub origin: String,
}

impl DataLine {
    /// The `data:` line of a binary's stdout, if there is one that parses.
    pub fn parse(stdout: &str) -> Option<DataLine> {
        let line = stdout.lines().find_map(|l| l.strip_prefix("data: "))?;
        let (name, rest) = line.split_once(": ")?;
        let kind = [DatasetKind::Mnist, DatasetKind::Fashion]
            .into_iter()
            .find(|k| k.name() == name)?;
        let (n_train, rest) = rest.split_once(" training + ")?;
        let (n_test, origin) = rest.split_once(" test images from ")?;
        Some(DataLine {
            kind,
            n_train: n_train.parse().ok()?,
            n_test: n_test.parse().ok()?,
            origin: origin.to_string(),
        })
    }

    /// The `data:` line of `stdout`; panics (showing the output) if there is none. When the
    /// run used less than the full set and `DLFS_REQUIRE_DATA=1`, panics too.
    pub fn of(stdout: &str) -> DataLine {
        let line = DataLine::parse(stdout)
            .unwrap_or_else(|| panic!("no `data: ...` line in the output:\n{stdout}"));
        if !line.is_full() {
            println!(
                "ran on {} training + {} test images ({}), not the full set: the test expects less",
                line.n_train, line.n_test, line.origin
            );
            if required() {
                panic!(
                    "DLFS_REQUIRE_DATA=1 but the binary ran on {} (not the full set)",
                    line.origin
                );
            }
        }
        line
    }

    /// The full set, told by its test set: more than the sample's 1,000 test images (binaries
    /// may cut the training set, as ch07's `--train-size` does, and print what they kept).
    pub fn is_full(&self) -> bool {
        !self.is_sample()
    }

    /// The sample: at most 1,000 test images (bundled, or the same files in a folder).
    pub fn is_sample(&self) -> bool {
        self.n_test <= 1_000
    }
}

/// Whether `DLFS_REQUIRE_DATA` is set (to anything but empty or `0`).
pub fn required() -> bool {
    std::env::var("DLFS_REQUIRE_DATA").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Says why `test` skips its part that needs data; panics instead when the data is required.
pub fn skip(test: &str, why: &str) {
    assert!(
        !required(),
        "{test}: DLFS_REQUIRE_DATA=1, but {why} (set DLFS_DATA_DIR to the shared data folder)"
    );
    eprintln!("{test}: skipped: {why}");
}

/// The shared reference folder (full MNIST and Fashion-MNIST, the book's weights):
/// `DLFS_DATA_DIR` resolved as the loader resolves it ([`env_data_dir`], so a relative path
/// works from any crate's folder), else `../shared/data` beside the workspace. `None` after
/// [`skip`] when there is neither.
pub fn shared_data_dir(test: &str) -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let dir = env_data_dir().or_else(|| beside.is_dir().then_some(beside));
    match dir {
        Some(dir) if dir.is_dir() => Some(dir),
        Some(dir) => {
            skip(
                test,
                &format!("the data folder {} does not exist", dir.display()),
            );
            None
        }
        None => {
            skip(
                test,
                "DLFS_DATA_DIR is not set and ../shared/data does not exist beside the workspace",
            );
            None
        }
    }
}

/// A file of the shared reference folder, e.g. `book-weights/ch03_sample_weight.npz`; `None`
/// after [`skip`] when it is not there.
pub fn shared_file(test: &str, relative: &str) -> Option<PathBuf> {
    let path = shared_data_dir(test)?.join(relative);
    if path.is_file() {
        Some(path)
    } else {
        skip(test, &format!("{} does not exist", path.display()));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_data_line() {
        let out = "seed: 1\ndata: Fashion-MNIST: 5000 training + 1000 test images from the bundled sample\nepoch 1\n";
        let line = DataLine::parse(out).unwrap();
        assert_eq!(line.kind, DatasetKind::Fashion);
        assert_eq!((line.n_train, line.n_test), (5000, 1000));
        assert_eq!(line.origin, "the bundled sample");
        assert!(line.is_sample() && !line.is_full());
        let line = DataLine::parse(
            "data: MNIST: 60000 training + 10000 test images from /home/u/.cache/dlfs/mnist (cache)",
        )
        .unwrap();
        assert!(line.is_full());
        assert_eq!(line.origin, "/home/u/.cache/dlfs/mnist (cache)");
        // ch07's --train-size 5000 on the full set
        let line =
            DataLine::parse("data: MNIST: 5000 training + 10000 test images from /data/mnist")
                .unwrap();
        assert!(line.is_full());
        assert_eq!(DataLine::parse("no data line\n"), None);
    }
}
