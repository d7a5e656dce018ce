//! Loading from a folder: where the files may be, the shapes asked for, and one error per
//! thing that can be wrong with a file. Everything here uses tiny IDX files in temp folders.

mod data_common;

use data_common::{TempDir, sums_of, tiny_set, write_set};
use dataset::{DataError, DatasetKind, FILES, LoadOptions, Loader, Origin, idx, load_dir};

const MNIST: DatasetKind = DatasetKind::Mnist;

/// Loads `dir` as MNIST and returns the error, checking it is one line.
fn error_of(dir: &std::path::Path) -> DataError {
    let e = load_dir(dir, MNIST, LoadOptions::default()).expect_err("loading should fail");
    let msg = e.to_string();
    assert!(!msg.contains('\n'), "not one line: {msg}");
    eprintln!("{msg}");
    e
}

#[test]
fn loads_gzipped_and_raw_files_with_the_shapes_asked_for() {
    for gz in [true, false] {
        let tmp = TempDir::new("shapes");
        write_set(tmp.path(), &tiny_set(3, 2), gz);
        let m = load_dir(tmp.path(), MNIST, LoadOptions::default()).unwrap();
        assert_eq!(m.x_train.shape(), &[3, 784]);
        assert_eq!(m.x_test.shape(), &[2, 784]);
        assert_eq!(m.t_train.to_vec(), vec![0, 1, 2]);
        assert_eq!(m.t_test.to_vec(), vec![0, 1]);
        // Image 1 is all 40s: normalised to 40/255.
        assert_eq!(m.x_train[[1, 5]], 40.0 / 255.0);
        assert_eq!(m.origin, Origin::Dir(tmp.path().to_path_buf()));

        let raw = LoadOptions {
            normalize: false,
            flatten: false,
        };
        let m = load_dir(tmp.path(), MNIST, raw).unwrap();
        assert_eq!(m.x_train.shape(), &[3, 1, 28, 28]);
        assert_eq!(m.x_train[[2, 0, 27, 27]], 80.0);
    }
}

#[test]
fn finds_the_files_in_a_subfolder_per_dataset() {
    let tmp = TempDir::new("subdir");
    write_set(&tmp.join("mnist"), &tiny_set(2, 1), true);
    write_set(&tmp.join("fashion-mnist"), &tiny_set(4, 1), false);
    let m = load_dir(tmp.path(), MNIST, LoadOptions::default()).unwrap();
    assert_eq!(
        (m.t_train.len(), m.origin),
        (2, Origin::Dir(tmp.join("mnist")))
    );
    let f = load_dir(tmp.path(), DatasetKind::Fashion, LoadOptions::default()).unwrap();
    assert_eq!(f.t_train.len(), 4);
    assert_eq!(f.kind, DatasetKind::Fashion);
    assert!(
        f.to_string()
            .starts_with("Fashion-MNIST: 4 training + 1 test images from")
    );
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let tmp = TempDir::new("nodir");
    let missing = tmp.join("no-such-folder");
    let e = error_of(&missing);
    assert!(matches!(e, DataError::MissingDir { .. }), "{e:?}");
    assert!(e.to_string().contains("no-such-folder"));
}

#[test]
fn a_missing_file_is_an_error_naming_the_folder_and_the_file() {
    let tmp = TempDir::new("nofile");
    write_set(tmp.path(), &tiny_set(2, 1), true);
    std::fs::remove_file(tmp.join("t10k-labels-idx1-ubyte.gz")).unwrap();
    let e = error_of(tmp.path());
    assert!(matches!(e, DataError::MissingFile { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("t10k-labels-idx1-ubyte") && msg.contains(&tmp.path().display().to_string())
    );
}

#[test]
fn an_incomplete_subfolder_is_an_error_not_a_fallback_to_the_parent() {
    let tmp = TempDir::new("halfsub");
    write_set(tmp.path(), &tiny_set(2, 1), true);
    write_set(&tmp.join("mnist"), &tiny_set(2, 1), true);
    std::fs::remove_file(tmp.join("mnist/train-images-idx3-ubyte.gz")).unwrap();
    let e = error_of(tmp.path());
    assert!(e.to_string().contains("mnist"), "{e}");
    assert!(matches!(e, DataError::MissingFile { ref file, .. } if file == FILES[0]));
}

/// Writes a valid tiny set, then replaces file `i` by `bytes` (raw).
fn set_with(i: usize, bytes: &[u8]) -> TempDir {
    let tmp = TempDir::new("bad");
    write_set(tmp.path(), &tiny_set(3, 2), false);
    std::fs::write(tmp.join(FILES[i]), bytes).unwrap();
    tmp
}

#[test]
fn an_empty_file_is_an_error() {
    let tmp = set_with(0, b"");
    assert!(matches!(error_of(tmp.path()), DataError::Empty { .. }));
}

#[test]
fn a_truncated_gzip_is_an_error() {
    let tmp = set_with(0, b"");
    std::fs::remove_file(tmp.join(FILES[0])).unwrap();
    let gz = idx::gzip(&tiny_set(3, 2)[0]);
    std::fs::write(tmp.join(&format!("{}.gz", FILES[0])), &gz[..gz.len() / 2]).unwrap();
    let e = error_of(tmp.path());
    assert!(matches!(e, DataError::Gzip { .. }), "{e:?}");
    assert!(e.to_string().contains("train-images-idx3-ubyte.gz"));
}

#[test]
fn a_wrong_magic_number_is_an_error() {
    // A label file where the image file should be.
    let tmp = set_with(0, &tiny_set(3, 2)[1]);
    let e = error_of(tmp.path());
    assert!(
        matches!(
            e,
            DataError::Magic {
                found: 2049,
                expected: 2051,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn images_that_are_not_28x28_are_an_error() {
    let mut bytes = tiny_set(3, 2)[0].clone();
    bytes[11] = 27; // rows = 27
    let tmp = set_with(0, &bytes);
    let e = error_of(tmp.path());
    assert!(
        matches!(
            e,
            DataError::Dims {
                rows: 27,
                cols: 28,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_file_shorter_than_its_header_says_is_an_error() {
    let bytes = tiny_set(3, 2)[0].clone();
    let tmp = set_with(0, &bytes[..bytes.len() - 100]);
    let e = error_of(tmp.path());
    assert!(
        matches!(
            e,
            DataError::Size {
                expected: 2368,
                found: 2268,
                ..
            }
        ),
        "{e:?}"
    );
    // Even the header cut short.
    let tmp = set_with(1, &[0, 0, 8]);
    assert!(matches!(error_of(tmp.path()), DataError::Size { .. }));
}

#[test]
fn images_and_labels_that_disagree_in_count_are_an_error() {
    let tmp = set_with(1, &idx::write_labels(&[1, 2]));
    let e = error_of(tmp.path());
    assert!(
        matches!(
            e,
            DataError::CountMismatch {
                images: 3,
                labels: 2,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_label_outside_0_to_9_is_an_error() {
    let tmp = set_with(3, &idx::write_labels(&[1, 10]));
    let e = error_of(tmp.path());
    assert!(
        matches!(
            e,
            DataError::Label {
                index: 1,
                label: 10,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn an_explicit_data_dir_never_falls_back() {
    let tmp = TempDir::new("explicit");
    write_set(&tmp.join("cache/mnist"), &tiny_set(2, 1), true);
    let loader = Loader {
        data_dir: Some(tmp.join("missing")),
        cache_dir: Some(tmp.join("cache")),
        ..Loader::new(MNIST)
    };
    let e = loader.load(LoadOptions::default()).unwrap_err();
    assert!(matches!(e, DataError::MissingDir { .. }), "{e:?}");
}

#[test]
fn the_chain_uses_the_cache_then_the_sample() {
    let tmp = TempDir::new("chain");
    let loader = Loader {
        cache_dir: Some(tmp.join("cache")),
        download: false,
        sha256: sums_of(&tiny_set(2, 1)),
        ..Loader::new(MNIST)
    };
    // An empty cache with downloads off: the bundled sample.
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!((m.t_train.len(), m.origin), (5000, Origin::Sample));
    // A filled cache is used.
    write_set(&tmp.join("cache/mnist"), &tiny_set(2, 1), true);
    let m = loader.load(LoadOptions::default()).unwrap();
    assert_eq!(m.origin, Origin::Cache(tmp.join("cache/mnist")));
    assert_eq!(
        m.origin.to_string(),
        format!("{} (cache)", tmp.join("cache/mnist").display())
    );
}
