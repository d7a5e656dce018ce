//! The chapter's binaries run as a learner runs them: real data, real output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn out_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("dlfs-ch07-test-{}-{name}", std::process::id()))
}

fn run(bin: &str, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_of(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of the line `name: value` (value up to the first space).
fn value(stdout: &str, name: &str) -> f64 {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{stdout}"));
    line.split_whitespace().next().unwrap().parse().unwrap()
}

/// The shared reference data beside the checkout (`../shared/data` from the workspace root).
fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    dir.join("book-weights").is_dir().then_some(dir)
}

#[test]
fn the_books_weights_give_exactly_0_9890() {
    let Some(data) = shared_data() else {
        println!(
            "skipped: ../shared/data (the book's ch07 weights and full MNIST) is not beside the \
             workspace"
        );
        return;
    };
    let weights = data.join("book-weights/ch07_simple_convnet_params.npz");
    let out = run(
        env!("CARGO_BIN_EXE_simple_convnet"),
        &[
            "--weights",
            weights.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ],
    );
    let stdout = stdout_of(&out);
    println!("{stdout}");
    assert!(stdout.contains("accuracy: 0.9890\n"), "{stdout}");
    assert!(stdout.contains("correct: 9890 / 10000\n"), "{stdout}");
}

#[test]
fn short_training_learns_and_its_weights_load_back() {
    let dir = out_dir("train");
    let params = dir.join("params.npz");
    let full = std::env::var_os("DLFS_DATA_DIR").is_some();
    // 5,000 images for 2 epochs (100 updates): full MNIST and the bundled sample alike
    let out = run(
        env!("CARGO_BIN_EXE_train_convnet"),
        &[
            "--train-size",
            "5000",
            "--epochs",
            "2",
            "--save",
            params.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    let stdout = stdout_of(&out);
    println!("{stdout}");
    if !full {
        println!("DLFS_DATA_DIR is not set: trained on what the loader found (maybe the sample)");
    }
    let acc = value(&stdout, "test accuracy");
    assert!(acc >= 0.80, "test accuracy {acc} < 0.80 after 100 updates");
    assert_eq!(stdout.matches("epoch ").count(), 2, "one line per epoch");
    assert!(dir.join("ch07_train_convnet.png").metadata().unwrap().len() > 10_000);

    // the saved float32 parameters, evaluated in float64, classify the same images
    let out = run(
        env!("CARGO_BIN_EXE_simple_convnet"),
        &["--weights", params.to_str().unwrap()],
    );
    let reloaded = value(&stdout_of(&out), "accuracy");
    assert!(
        (reloaded - acc).abs() <= 3e-4,
        "reloaded {reloaded} vs trained {acc}"
    );

    // and the filter pictures draw from them
    for (bin, png) in [
        (env!("CARGO_BIN_EXE_visualize_filter"), "ch07_filters.png"),
        (env!("CARGO_BIN_EXE_apply_filter"), "ch07_apply_filter.png"),
    ] {
        let args = [
            "--weights",
            params.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ];
        let stdout = stdout_of(&run(bin, &args));
        assert!(stdout.contains("wrote "), "{stdout}");
        assert!(dir.join(png).metadata().unwrap().len() > 10_000, "{png}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gradient_check_agrees() {
    // With weights of std 0.1 no ReLU or max-pool input sits within the 1e-4 nudge of its kink,
    // and every parameter agrees to the loss's 1e-7 log guard (a relative 5e-7).
    let out = run(
        env!("CARGO_BIN_EXE_gradient_check_convnet"),
        &["--weight-init-std", "0.1"],
    );
    let stdout = stdout_of(&out);
    println!("{stdout}");
    for name in ["W1", "b1", "W2", "b2", "W3", "b3"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap();
        let rel: f64 = line
            .split("relative error ")
            .nth(1)
            .unwrap()
            .trim_end_matches(')')
            .parse()
            .unwrap();
        assert!(rel <= 1e-6, "{name}: relative error {rel}");
    }
    // The book's settings (std 0.01) run too; there a kink can spoil a few numerical entries,
    // which the program points out, but never by more than a small fraction of the gradient.
    let stdout = stdout_of(&run(env!("CARGO_BIN_EXE_gradient_check_convnet"), &[]));
    println!("{stdout}");
    for name in ["W1", "b1", "W2", "b2", "W3", "b3"] {
        let diff = value(&stdout, name);
        assert!(diff < 1e-4, "{name}: {diff}");
    }
}

#[test]
fn nonsense_flags_are_refused_in_one_line() {
    let train = env!("CARGO_BIN_EXE_train_convnet");
    let eval = env!("CARGO_BIN_EXE_simple_convnet");
    let dir = out_dir("flags");
    let out = dir.to_str().unwrap();
    for (bin, args, needle) in [
        (train, &["--lr", "0"][..], "--lr"),
        (train, &["--lr", "-1"], "--lr"),
        (train, &["--batch-size", "0"], "--batch-size"),
        (train, &["--epochs", "0"], "--epochs"),
        (train, &["--train-size", "0"], "--train-size"),
        (train, &["--train-size", "50", "--out", out], "--batch-size"),
        (
            eval,
            &["--weights", "/no/such/params.npz"],
            "/no/such/params.npz",
        ),
        (eval, &[], "--weights"),
    ] {
        let output = run(bin, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parameters_of_another_network_are_refused_by_name() {
    let Some(data) = shared_data() else {
        println!("skipped: ../shared/data is not beside the workspace");
        return;
    };
    // the ch03 weights have a W1, but (784, 50), not (30, 1, 5, 5)
    let weights = data.join("book-weights/ch03_sample_weight.npz");
    let out = run(
        env!("CARGO_BIN_EXE_simple_convnet"),
        &["--weights", weights.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("W1") && stderr.contains("(30, 1, 5, 5)"),
        "{stderr}"
    );
    // one line of error (after the loader's one-line note when it falls back to the sample)
    let lines = stderr.lines().filter(|l| !l.starts_with("note: ")).count();
    assert_eq!(lines, 1, "one line: {stderr}");
}

#[test]
fn a_seed_gives_the_same_network_on_one_core_or_two() {
    let dir = out_dir("repeat");
    let train = |threads: &str, name: &str| {
        let params = dir.join(name);
        let out = Command::new(env!("CARGO_BIN_EXE_train_convnet"))
            .env("RAYON_NUM_THREADS", threads)
            .args(["--train-size", "1000", "--epochs", "1", "--seed", "7"])
            .args([
                "--save",
                params.to_str().unwrap(),
                "--out",
                dir.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        stdout_of(&out);
        dlfs::io::load_npz::<f32>(&params).unwrap()
    };
    let one = train("1", "one.npz");
    let two = train("2", "two.npz");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        ["W1", "W2", "W3", "b1", "b2", "b3"]
    );
    assert_eq!(one, two, "the parameters differ between 1 and 2 threads");
    std::fs::remove_dir_all(&dir).ok();
}
