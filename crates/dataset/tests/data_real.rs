//! The real data: full MNIST and Fashion-MNIST when their folder is there (CI sets
//! `DLFS_DATA_DIR`), and always the sample built into the library.

mod data_common;

use data_common::shared_data_dir;
use dataset::{
    Cut, DataError, DatasetKind, FILES, Known, LoadOptions, Origin, find_files, idx, load_dir,
    load_sample, sha256_hex,
};
use ndarray::s;

/// The first ten training and test labels of each data set.
fn first_labels(kind: DatasetKind) -> ([usize; 10], [usize; 10]) {
    match kind {
        DatasetKind::Mnist => (
            [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
            [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
        ),
        DatasetKind::Fashion => (
            [9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
            [9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
        ),
    }
}

/// Shapes, value range and first labels of a loaded set.
fn check(m: &dataset::Mnist, n_train: usize, n_test: usize) {
    assert_eq!(m.x_train.shape(), &[n_train, 784]);
    assert_eq!(m.x_test.shape(), &[n_test, 784]);
    assert_eq!((m.t_train.len(), m.t_test.len()), (n_train, n_test));
    let (min, max) = m
        .x_train
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    assert_eq!((min, max), (0.0, 1.0), "pixels are scaled to [0, 1]");
    let (train, test) = first_labels(m.kind);
    assert_eq!(m.t_train.slice(s![..10]).to_vec(), train);
    assert_eq!(m.t_test.slice(s![..10]).to_vec(), test);
    assert!(m.t_train.iter().chain(&m.t_test).all(|&t| t < 10));
}

#[test]
fn full_mnist_and_fashion_mnist() {
    let Some(data) = shared_data_dir("full_mnist_and_fashion_mnist") else {
        return;
    };
    for kind in [DatasetKind::Mnist, DatasetKind::Fashion] {
        let m = load_dir(&data, kind, LoadOptions::default()).unwrap();
        eprintln!("{m}");
        check(&m, 60000, 10000);
        assert_eq!(m.origin, Origin::Dir(data.join(kind.subdir())));
        // Every file is the published one, as the Known table says.
        for (i, path) in find_files(&data, kind).unwrap().iter().enumerate() {
            let sum = sha256_hex(&idx::read_file(path).unwrap());
            assert_eq!(sum, Known::set(kind, Cut::Full)[i].sha256, "{}", FILES[i]);
        }
        // Every class is there: MNIST's 6742 ones, Fashion's 6000 of each.
        let ones = m.t_train.iter().filter(|&&t| t == 1).count();
        assert_eq!(
            ones,
            if kind == DatasetKind::Mnist {
                6742
            } else {
                6000
            }
        );

        // The sample is the first 5,000 + 1,000 images of the full set, pixel for pixel.
        let sample = load_sample(kind, LoadOptions::default()).unwrap();
        assert_eq!(sample.x_train, m.x_train.slice(s![..5000, ..]).into_dyn());
        assert_eq!(sample.t_train, m.t_train.slice(s![..5000]));
        assert_eq!(sample.x_test, m.x_test.slice(s![..1000, ..]).into_dyn());
        assert_eq!(sample.t_test, m.t_test.slice(s![..1000]));
    }
    // Unscaled and unflattened: MNIST's first image sums to 27525.
    let opts = LoadOptions {
        normalize: false,
        flatten: false,
    };
    let m = load_dir(&data, DatasetKind::Mnist, opts).unwrap();
    assert_eq!(m.x_test.shape(), &[10000, 1, 28, 28]);
    assert_eq!(m.x_train.slice(s![0, .., .., ..]).sum(), 27525.0);
}

#[test]
fn one_data_set_given_for_the_other_is_an_error() {
    let Some(data) = shared_data_dir("one_data_set_given_for_the_other_is_an_error") else {
        return;
    };
    let e = load_dir(
        &data.join("fashion-mnist"),
        DatasetKind::Mnist,
        LoadOptions::default(),
    )
    .unwrap_err();
    eprintln!("{e}");
    assert!(
        matches!(
            e,
            DataError::WrongDataset {
                wanted: DatasetKind::Mnist,
                found: Known {
                    kind: DatasetKind::Fashion,
                    cut: Cut::Full,
                    ..
                },
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn the_bundled_samples() {
    for kind in [DatasetKind::Mnist, DatasetKind::Fashion] {
        let m = load_sample(kind, LoadOptions::default()).unwrap();
        check(&m, 5000, 1000);
        assert_eq!(m.origin, Origin::Sample);
        let m = load_sample(
            kind,
            LoadOptions {
                normalize: false,
                flatten: false,
            },
        )
        .unwrap();
        assert_eq!(m.x_train.shape(), &[5000, 1, 28, 28]);
        assert_eq!(m.x_train.iter().cloned().fold(0.0, f32::max), 255.0);
    }
}
