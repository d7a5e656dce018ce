//! The book's own trained weights on the full MNIST test set must give exactly the book's
//! accuracy, 0.9352 (9,352 of 10,000), one image at a time and in batches: the check that
//! this network computes what the book's NumPy code computes.
//!
//! Needs the shared reference folder (`DLFS_DATA_DIR`, or `../shared/data` beside the
//! workspace) with `mnist/` and `book-weights/ch03_sample_weight.npz`; skipped otherwise.
//! The weights are read from there and never copied into this repository.

use std::path::{Path, PathBuf};

use ch03_activations::mnist_net::{SampleNet, count_correct, count_correct_batch};
use dataset::{DatasetKind, LoadOptions, load_dir};
use ndarray::Ix2;

/// The shared folder and the weights file in it, or why the test cannot run.
fn shared() -> Result<(PathBuf, PathBuf), String> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let dir = match std::env::var_os("DLFS_DATA_DIR") {
        Some(d) => PathBuf::from(d),
        None if beside.is_dir() => beside,
        None => return Err("DLFS_DATA_DIR is not set and ../shared/data does not exist".into()),
    };
    let weights = dir.join("book-weights").join("ch03_sample_weight.npz");
    if !weights.is_file() {
        return Err(format!("{} does not exist", weights.display()));
    }
    Ok((dir, weights))
}

#[test]
fn book_weights_give_the_books_accuracy() {
    let (dir, weights) = match shared() {
        Ok(found) => found,
        Err(why) => {
            eprintln!("book_weights_give_the_books_accuracy: skipped: {why}");
            return;
        }
    };
    let net = SampleNet::load(&weights).expect("the book's weights load");
    let mnist = load_dir(&dir, DatasetKind::Mnist, LoadOptions::default()).expect("full MNIST");
    assert_eq!(mnist.t_test.len(), 10_000, "the full test set");
    let x = mnist.x_test.view().into_dimensionality::<Ix2>().unwrap();
    let t = mnist.t_test.view();
    assert_eq!(count_correct(&net, x, t), 9352, "one image at a time");
    assert_eq!(count_correct_batch(&net, x, t, 100), 9352, "batches of 100");
    assert_eq!(count_correct_batch(&net, x, t, 10_000), 9352, "one batch");
}
