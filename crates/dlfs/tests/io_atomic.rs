//! Saving weights never destroys the previous ones: `save_npz` writes a temporary file beside
//! the target and renames it only once it is complete. And arrays NumPy stored column-major
//! load in standard layout.

#[path = "../../dataset/tests/data_common/mod.rs"]
mod data_common;

use std::process::Command;

use data_common::TempDir;
use dlfs::io::{Npz, NpzError, load_npz, save_npz};
use ndarray::{Array2, ArrayD, IxDyn, ShapeBuilder};
use ndarray_npy::NpzWriter;

/// The environment variable that turns this test binary into the child that saves.
const CHILD: &str = "DLFS_TEST_SAVE_INTO";

/// The folder's file names, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_replaces_the_file_and_leaves_nothing_else() {
    let tmp = TempDir::new("npz-replace");
    let path = tmp.join("params.npz");
    let one = ArrayD::from_elem(IxDyn(&[2, 3]), 1.0f32);
    let two = ArrayD::from_elem(IxDyn(&[4]), 2.0f32);
    save_npz(&path, &[("W1", &one)]).unwrap();
    save_npz(&path, &[("W1", &two)]).unwrap();
    assert_eq!(load_npz::<f32>(&path).unwrap()["W1"], two);
    assert_eq!(
        listing(tmp.path()),
        ["params.npz"],
        "no temporary file left"
    );
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    if let Some(path) = std::env::var_os(CHILD) {
        // The child: saves 8 MB of barely compressible numbers under a 32 KB file-size limit,
        // which fails half-way as a full disk would.
        let big = ArrayD::from_shape_fn(IxDyn(&[1000, 1000]), |ix| {
            ((ix[0] * 7919 + ix[1] * 104_729) % 1_000_003) as f64 / 7.0
        });
        match save_npz(&path, &[("W1", &big)]) {
            Ok(()) => println!("saved"),
            Err(e) => println!("error: {e}"),
        }
        return;
    }
    let tmp = TempDir::new("npz-fail");
    let path = tmp.join("params.npz");
    let good = ArrayD::from_elem(IxDyn(&[3, 3]), 0.5f64);
    save_npz(&path, &[("W1", &good)]).unwrap();
    let before = std::fs::read(&path).unwrap();

    // Run this very test again as a child, with writes past 32 KB refused (EFBIG, the signal
    // that would kill the process ignored).
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 64 && trap '' XFSZ && exec \"$0\" \"$@\"")
        .arg(exe)
        .args([
            "--exact",
            "a_failed_save_leaves_the_previous_file_intact",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD, &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // (the test harness prints `test name ... ` first, on the same line)
    let errors: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once("error: ").map(|(_, e)| e))
        .collect();
    assert_eq!(errors.len(), 1, "one error line:\n{stdout}");
    assert!(
        errors[0].contains("cannot write") && errors[0].contains("params.npz"),
        "{}",
        errors[0]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Zip"), "a second message: {stderr}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old weights are intact"
    );
    assert_eq!(load_npz::<f64>(&path).unwrap()["W1"], good);
    assert_eq!(
        listing(tmp.path()),
        ["params.npz"],
        "no temporary file left"
    );
}

#[test]
fn a_save_into_a_folder_that_cannot_be_made_is_one_line() {
    let tmp = TempDir::new("npz-nodir");
    std::fs::write(tmp.join("file"), b"x").unwrap();
    let w = ArrayD::from_elem(IxDyn(&[2]), 1.0f32);
    let e = save_npz(tmp.join("file/params.npz"), &[("W1", &w)]).unwrap_err();
    let msg = e.to_string();
    eprintln!("{msg}");
    assert!(matches!(e, NpzError::Write { .. }), "{e:?}");
    assert!(
        !msg.contains('\n') && msg.contains("file/params.npz"),
        "{msg}"
    );
}

#[test]
fn a_fortran_order_array_loads_in_standard_layout() {
    let tmp = TempDir::new("npz-fortran");
    // [[1, 2, 3], [4, 5, 6]] stored column by column, as NumPy does for np.asfortranarray.
    let a = Array2::from_shape_vec((2, 3).f(), vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]).unwrap();
    assert!(!a.is_standard_layout());
    let path = tmp.join("fortran.npz");
    // Stored uncompressed, so the .npy header can be read in the bytes.
    let mut npz = NpzWriter::new(std::fs::File::create(&path).unwrap());
    npz.add_array("W1", &a).unwrap();
    npz.add_array("W2", &a.mapv(|x| x as f32)).unwrap();
    npz.finish().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let header = b"'fortran_order': True";
    assert!(
        bytes.windows(header.len()).any(|w| w == header),
        "the file holds a Fortran-order array"
    );
    let mut npz = Npz::open(&path).unwrap();
    for name in ["W1", "W2"] {
        let w = npz.get::<f64>(name, &[2, 3]).unwrap();
        assert!(w.is_standard_layout(), "{name}");
        assert_eq!(
            w.as_slice(),
            Some(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0][..]),
            "{name}"
        );
        let w = npz.get::<f32>(name, &[2, 3]).unwrap();
        assert_eq!(
            w.as_slice(),
            Some(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0][..]),
            "{name}"
        );
    }
    let all = load_npz::<f64>(&path).unwrap();
    assert!(all.values().all(|w| w.is_standard_layout()));
}
