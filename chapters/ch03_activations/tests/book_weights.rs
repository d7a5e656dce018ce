//! The book's own trained weights on the full MNIST test set must give exactly the book's
//! accuracy, 0.9352 (9,352 of 10,000), one image at a time and in batches: the check that
//! this network computes what the book's NumPy code computes.
//!
//! Needs the shared reference folder (`DLFS_DATA_DIR`, or `../shared/data` beside the
//! workspace) with `mnist/` and `book-weights/ch03_sample_weight.npz`; skipped otherwise (a
//! failure under `DLFS_REQUIRE_DATA=1`).
//! The weights are read from there and never copied into this repository.

use ch03_activations::mnist_net::{SampleNet, count_correct, count_correct_batch};
use dataset::testing::{shared_data_dir, shared_file};
use dataset::{DatasetKind, LoadOptions, load_dir};
use ndarray::Ix2;

#[test]
fn book_weights_give_the_books_accuracy() {
    let test = "book_weights_give_the_books_accuracy";
    // DLFS_DATA_DIR, relative or not, is resolved as the loader resolves it.
    let Some(weights) = shared_file(test, "book-weights/ch03_sample_weight.npz") else {
        return;
    };
    let Some(dir) = shared_data_dir(test) else {
        return;
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

/// The book's original pickle, read directly, holds the same float32 values as the .npz
/// conversion and gives the same 9,352.
#[test]
fn the_books_pickle_gives_the_same_accuracy() {
    let test = "the_books_pickle_gives_the_same_accuracy";
    let Some(pkl) = shared_file(test, "book-weights/ch03_sample_weight.pkl") else {
        return;
    };
    let Some(npz) = shared_file(test, "book-weights/ch03_sample_weight.npz") else {
        return;
    };
    let Some(dir) = shared_data_dir(test) else {
        return;
    };
    let from_pkl = SampleNet::load(&pkl).expect("the book's pickle loads");
    let from_npz = SampleNet::load(&npz).expect("the .npz loads");
    let bits = |a: &[f32]| a.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(from_pkl.w1.as_slice().unwrap()),
        bits(from_npz.w1.as_slice().unwrap())
    );
    assert_eq!(
        bits(from_pkl.b3.as_slice().unwrap()),
        bits(from_npz.b3.as_slice().unwrap())
    );
    let mnist = load_dir(&dir, DatasetKind::Mnist, LoadOptions::default()).expect("full MNIST");
    let x = mnist.x_test.view().into_dimensionality::<Ix2>().unwrap();
    let t = mnist.t_test.view();
    assert_eq!(count_correct_batch(&from_pkl, x, t, 100), 9352);
}
