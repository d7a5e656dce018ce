//! Saving and loading named arrays as .npz: round trips in f32 and f64, the book's weights,
//! and the errors for a missing array or a wrong shape.

#[path = "../../dataset/tests/data_common/mod.rs"]
mod data_common;

use data_common::{TempDir, shared_data_dir};
use dlfs::Param;
use dlfs::io::{Npz, NpzError, load_npz, load_params, save_npz, save_params};
use ndarray::{ArrayD, IxDyn, OwnedRepr, arr1, arr2};

fn w_and_b() -> (ArrayD<f64>, ArrayD<f64>) {
    let w = arr2(&[[0.1, -0.2, 0.3], [1.5, 2.25, -1e-3]]).into_dyn();
    let b = arr1(&[0.5, -0.5, 0.0]).into_dyn();
    (w, b)
}

#[test]
fn round_trip_in_f64_and_f32() {
    let tmp = TempDir::new("npz-rt");
    let (w, b) = w_and_b();
    let path = tmp.join("sub/params64.npz");
    save_npz(&path, &[("W1", &w), ("b1", &b)]).unwrap();
    let back = load_npz::<f64>(&path).unwrap();
    assert_eq!(back.keys().collect::<Vec<_>>(), ["W1", "b1"]);
    assert_eq!((&back["W1"], &back["b1"]), (&w, &b));

    let (w32, b32) = (w.mapv(|x| x as f32), b.mapv(|x| x as f32));
    let path32 = tmp.join("params32.npz");
    save_npz(&path32, &[("W1", &w32), ("b1", &b32)]).unwrap();
    let mut npz = Npz::open(&path32).unwrap();
    assert_eq!(npz.names(), ["W1", "b1"]);
    assert_eq!(npz.get::<f32>("W1", &[2, 3]).unwrap(), w32);
    // Stored as float32, read back as f64 too.
    assert_eq!(npz.get::<f64>("b1", &[3]).unwrap(), b32.mapv(f64::from));
    let mut raw = ndarray_npy::NpzReader::new(std::fs::File::open(&path32).unwrap()).unwrap();
    assert!(
        raw.by_name::<OwnedRepr<f32>, IxDyn>("W1").is_ok(),
        "f32 is saved as float32"
    );
}

#[test]
fn a_missing_array_names_the_arrays_there_are() {
    let tmp = TempDir::new("npz-missing");
    let (w, b) = w_and_b();
    let path = tmp.join("p.npz");
    save_npz(&path, &[("W1", &w), ("b1", &b)]).unwrap();
    let e = Npz::open(&path)
        .unwrap()
        .get::<f64>("W2", &[2, 3])
        .unwrap_err();
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(matches!(e, NpzError::Missing { .. }));
    assert!(
        msg.contains("p.npz") && msg.contains("\"W2\"") && msg.contains("W1, b1"),
        "{msg}"
    );
}

#[test]
fn a_wrong_shape_names_the_file_the_array_and_both_shapes() {
    let tmp = TempDir::new("npz-shape");
    let (w, _) = w_and_b();
    let path = tmp.join("p.npz");
    save_npz(&path, &[("W1", &w)]).unwrap();
    let e = Npz::open(&path)
        .unwrap()
        .get::<f32>("W1", &[3, 2])
        .unwrap_err();
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(matches!(e, NpzError::Shape { .. }));
    assert!(
        msg.contains("p.npz") && msg.contains("(2, 3)") && msg.contains("(3, 2)"),
        "{msg}"
    );
}

#[test]
fn bad_files_are_one_line_errors() {
    let tmp = TempDir::new("npz-bad");
    let e = Npz::open(tmp.join("none.npz")).unwrap_err();
    assert!(matches!(e, NpzError::Open { .. }), "{e:?}");
    std::fs::write(tmp.join("junk.npz"), b"not a zip").unwrap();
    let e = Npz::open(tmp.join("junk.npz")).unwrap_err();
    assert!(matches!(e, NpzError::Format { .. }), "{e:?}");
    let (w, _) = w_and_b();
    let e = save_npz(tmp.join("d.npz"), &[("W", &w), ("W", &w)]).unwrap_err();
    assert!(matches!(e, NpzError::Duplicate { .. }), "{e:?}");
    for e in [
        e.to_string(),
        Npz::open(tmp.join("junk.npz")).unwrap_err().to_string(),
    ] {
        assert!(!e.contains('\n'), "{e}");
    }
}

#[test]
fn params_round_trip_by_name_all_or_nothing() {
    let tmp = TempDir::new("npz-params");
    let (w, b) = w_and_b();
    let saved = [
        Param::new("W1", w.mapv(|x| x as f32), true),
        Param::new("b1", b.mapv(|x| x as f32), false),
    ];
    let path = tmp.join("net.npz");
    save_params(&path, &[&saved[0], &saved[1]]).unwrap();

    // Loaded by name, whatever the order.
    let mut b1 = Param::new("b1", ArrayD::<f32>::zeros(IxDyn(&[3])), false);
    let mut w1 = Param::new("W1", ArrayD::<f32>::zeros(IxDyn(&[2, 3])), true);
    load_params(&path, vec![&mut b1, &mut w1]).unwrap();
    assert_eq!((&w1.value, &b1.value), (&saved[0].value, &saved[1].value));

    // A wrong shape on the second leaves the first untouched.
    let mut w1 = Param::new("W1", ArrayD::<f64>::zeros(IxDyn(&[2, 3])), true);
    let mut b1 = Param::new("b1", ArrayD::<f64>::zeros(IxDyn(&[4])), false);
    let e = load_params(&path, vec![&mut w1, &mut b1]).unwrap_err();
    assert!(
        matches!(e, NpzError::Shape { ref name, .. } if name == "b1"),
        "{e:?}"
    );
    assert!(w1.value.iter().all(|&x| x == 0.0));
}

#[test]
fn the_books_weights() {
    let Some(data) = shared_data_dir("the_books_weights") else {
        return;
    };
    let weights = data.join("book-weights");
    let mut npz = Npz::open(weights.join("ch03_sample_weight.npz")).unwrap();
    let shapes: [(&str, &[usize]); 6] = [
        ("W1", &[784, 50]),
        ("b1", &[50]),
        ("W2", &[50, 100]),
        ("b2", &[100]),
        ("W3", &[100, 10]),
        ("b3", &[10]),
    ];
    for (name, shape) in shapes {
        let x32 = npz.get::<f32>(name, shape).unwrap();
        let x64 = npz.get::<f64>(name, shape).unwrap();
        assert_eq!(
            x32.mapv(f64::from),
            x64,
            "{name}: float32 read exactly either way"
        );
    }
    // ch07's weights are float64; read as f32 they are rounded, not refused.
    let mut npz = Npz::open(weights.join("ch07_simple_convnet_params.npz")).unwrap();
    let w1 = npz.get::<f32>("W1", &[30, 1, 5, 5]).unwrap();
    let w1_64 = npz.get::<f64>("W1", &[30, 1, 5, 5]).unwrap();
    assert_eq!(w1, w1_64.mapv(|x| x as f32));
}
