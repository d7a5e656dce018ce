//! The chapter's default binary prints the book's numbers and writes its figures.

use std::process::Command;

#[test]
fn default_binary_prints_the_books_numbers() {
    let out = std::env::temp_dir().join(format!("ch03-test-{}", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_ch03_activations"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run ch03_activations");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    for line in [
        "softmax([0.3, 2.9, 4.0]): [0.01821127 0.24519181 0.73659691]",
        "naive softmax([1010, 1000, 990]): [nan nan nan]",
        "softmax([1010, 1000, 990]): [9.99954600e-01 4.53978686e-05 2.06106005e-09]",
        "3-layer network y: [0.31682708 0.69627909]",
    ] {
        assert!(
            stdout.lines().any(|l| l == line),
            "missing {line:?} in:\n{stdout}"
        );
    }
    for name in ["activations", "step_function", "sigmoid", "tanh", "relu"] {
        let bytes = std::fs::read(out.join(format!("{name}.png"))).expect("figure written");
        assert_eq!(&bytes[1..4], b"PNG");
        assert!(
            stdout.contains(&format!("{name}.png")),
            "path of {name} not printed"
        );
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn missing_weights_file_is_a_one_line_error() {
    let run = Command::new(env!("CARGO_BIN_EXE_neuralnet_mnist"))
        .args(["--weights", "/nonexistent/w.npz"])
        .output()
        .expect("run neuralnet_mnist");
    assert!(!run.status.success());
    let stderr = String::from_utf8(run.stderr).unwrap();
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: ") && last.contains("/nonexistent/w.npz"),
        "{stderr}"
    );
}

/// A pickle that asks to run `os.system` is refused with one line naming the global, and the
/// binary exits non-zero; nothing runs.
#[test]
fn a_hostile_pickle_is_a_one_line_error() {
    let dir = std::env::temp_dir().join(format!("ch03-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let marker = dir.join("ran");
    let path = dir.join("evil.pkl");
    // os.system("touch <marker>") at protocol 2: GLOBAL, BINUNICODE, TUPLE1, REDUCE, STOP
    let command = format!("touch {}", marker.display());
    let mut pickle = b"\x80\x02cos\nsystem\nX".to_vec();
    pickle.extend((command.len() as u32).to_le_bytes());
    pickle.extend(command.as_bytes());
    pickle.extend(b"\x85R.");
    std::fs::write(&path, pickle).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_neuralnet_mnist"))
        .arg("--weights")
        .arg(&path)
        .output()
        .expect("run neuralnet_mnist");
    assert!(!run.status.success());
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("refused global os.system"),
        "{stderr}"
    );
    assert!(!marker.exists(), "the pickle's command ran");
    let _ = std::fs::remove_dir_all(dir);
}

/// `--weights book` finds the book's sample_weight.pkl in the data folder (offline) and gives
/// the book's 0.9352.
#[test]
fn weights_book_gives_the_books_accuracy() {
    let test = "weights_book_gives_the_books_accuracy";
    let Some(dir) = dataset::testing::shared_data_dir(test) else {
        return;
    };
    if !dir.join("book-weights/ch03_sample_weight.pkl").is_file() {
        return dataset::testing::skip(test, "no book-weights/ch03_sample_weight.pkl");
    }
    let run = Command::new(env!("CARGO_BIN_EXE_neuralnet_mnist_batch"))
        .args(["--weights", "book"])
        .env("DLFS_DATA_DIR", &dir)
        .env("DLFS_OFFLINE", "1")
        .output()
        .expect("run neuralnet_mnist_batch");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("book-weights/ch03_sample_weight.pkl"),
        "{stdout}"
    );
    assert!(stdout.lines().any(|l| l == "accuracy: 0.9352"), "{stdout}");
}
