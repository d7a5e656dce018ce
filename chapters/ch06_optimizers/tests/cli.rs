//! The chapter's binaries run as a learner runs them: real data, real output, checked against
//! what the book shows.
//!
//! They train on whatever data the loader finds (full MNIST with `DLFS_DATA_DIR` or a filled
//! cache, else the bundled sample of 5,000 training + 1,000 test images) and print it on their
//! `data:` line. Where the book's full run takes long, the flags shorten it
//! (fewer iterations, epochs, scales or trials, fewer test images per epoch): the effects the
//! book shows are already clear then, and the crate's tests stay within a few minutes.

use std::process::{Command, Output};

use dataset::testing::DataLine;

/// Runs a binary, with `--out` pointing to a temporary folder if it draws figures.
fn run(bin: &str, args: &[&str]) -> Output {
    let name = std::path::Path::new(bin)
        .file_name()
        .unwrap()
        .to_string_lossy();
    let out_dir =
        std::env::temp_dir().join(format!("dlfs-ch06-test-{}-{name}", std::process::id()));
    let mut command = Command::new(bin);
    command.args(args);
    if name != "batch_norm_gradient_check" {
        command.args(["--out", out_dir.to_str().unwrap()]);
    }
    command.output().expect("the binary runs")
}

/// Runs a binary that must succeed; returns its stdout (printed, for `--nocapture`).
fn run_ok(bin: &str, args: &[&str]) -> String {
    let out = run(bin, args);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{bin} {args:?} failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    if DataLine::parse(&stdout).is_some() {
        // which data it ran on, from what it says (a failure under DLFS_REQUIRE_DATA=1 if
        // that was not the full set)
        DataLine::of(&stdout);
    }
    stdout
}

/// The number after `name: ` on the line that starts with it.
fn value(stdout: &str, name: &str) -> f64 {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{stdout}"));
    line.split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches(',')
        .parse()
        .unwrap_or_else(|e| panic!("`{name}: {line}`: {e}"))
}

/// Lines of stderr other than the loader's note about the bundled sample.
fn error_lines(stderr: &str) -> usize {
    stderr
        .trim()
        .lines()
        .filter(|l| !l.starts_with("note: "))
        .count()
}

fn figures_written(stdout: &str) -> usize {
    stdout.lines().filter(|l| l.starts_with("wrote ")).count()
}

#[test]
fn optimizer_compare_naive_ends_where_the_books_optimizers_do() {
    // 29 updates from (-7, 2) on f(x, y) = x²/20 + y² with the book's learning rates: a
    // deterministic walk in f64, so every end point is pinned (the same digits come out of the
    // book's common/optimizer.py run the same way).
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_optimizer_compare_naive"),
        &["--optimizer", "sgd,momentum,nesterov,adagrad,rmsprop,adam"],
    );
    let ends: Vec<&str> = stdout.lines().filter(|l| l.contains(": ends at")).collect();
    assert_eq!(
        ends,
        [
            "SGD: ends at (-0.3872, -0.0942), f = 0.016369 (lr 0.95)",
            "Momentum: ends at (0.8141, 0.2729), f = 0.107601 (lr 0.1)",
            "Nesterov: ends at (0.6193, 0.0074), f = 0.019229 (lr 0.1)",
            "AdaGrad: ends at (-0.1362, 0.0000), f = 0.000927 (lr 1.5)",
            "RMSprop: ends at (-0.0000, -0.0000), f = 0.000000 (lr 0.3)",
            "Adam: ends at (0.0201, 0.3220), f = 0.103677 (lr 0.3)",
        ]
    );
    assert_eq!(figures_written(&stdout), 1);
    // The default run: the book's four.
    let stdout = run_ok(env!("CARGO_BIN_EXE_optimizer_compare_naive"), &[]);
    let labels: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once(": ends at").map(|(label, _)| label))
        .collect();
    assert_eq!(labels, ["SGD", "Momentum", "AdaGrad", "Adam"]);
}

#[test]
fn optimizer_compare_mnist_adaptive_methods_learn_fastest() {
    // The book's run has 2,000 iterations; after 1,000 the order is already settled.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
        &["--iters", "1000"],
    );
    let loss = |label: &str| value(&stdout, label);
    let (sgd, momentum, adagrad, adam) =
        (loss("SGD"), loss("Momentum"), loss("AdaGrad"), loss("Adam"));
    assert!(
        adam < sgd && adagrad < sgd,
        "Adam {adam}, AdaGrad {adagrad}, SGD {sgd}"
    );
    assert!(momentum < sgd, "Momentum {momentum}, SGD {sgd}");
    assert!(
        adam < 0.5 * sgd && adagrad < 0.5 * sgd,
        "well ahead, not by luck"
    );
    assert_eq!(
        stdout.matches("iteration ").count(),
        2,
        "every 500 iterations"
    );
    assert_eq!(figures_written(&stdout), 1);
}

#[test]
fn weight_init_activation_histogram_shows_the_books_spreads() {
    let stdout = run_ok(env!("CARGO_BIN_EXE_weight_init_activation_histogram"), &[]);
    let stds = |label: &str| -> Vec<f64> {
        let line = stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{label}: std by layer: ")))
            .unwrap_or_else(|| panic!("no line for {label}"));
        line.split(", ").map(|v| v.parse().unwrap()).collect()
    };
    assert!(
        stds("std=1, sigmoid").iter().all(|&s| s > 0.4),
        "saturated at 0 and 1"
    );
    assert!(stds("std=0.01, sigmoid")[4] < 0.02, "collapsed to 0.5");
    assert!(
        stds("Xavier, sigmoid").iter().all(|&s| s > 0.08),
        "spread kept"
    );
    assert!(stds("He, ReLU").iter().all(|&s| s > 0.5), "spread kept");
    assert!(stds("Xavier, tanh").iter().all(|&s| s > 0.2), "spread kept");
    assert_eq!(figures_written(&stdout), 5);
}

#[test]
fn weight_init_compare_he_learns_and_std_001_does_not() {
    // The book's run has 2,000 iterations; 1,000 already separate the three.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_weight_init_compare"),
        &["--iters", "1000"],
    );
    let (small, xavier, he) = (
        value(&stdout, "std=0.01"),
        value(&stdout, "Xavier"),
        value(&stdout, "He"),
    );
    assert!(small > 2.2, "std 0.01 stays at ln 10 ≈ 2.30, got {small}");
    assert!(
        he < xavier && xavier < small,
        "He {he}, Xavier {xavier}, std 0.01 {small}"
    );
    assert!(he < 0.6, "He learns: {he}");
}

#[test]
fn batch_norm_test_batch_norm_is_ahead_at_most_scales() {
    // The book: 16 scales, 20 epochs. Here 8 scales (every other one of 1 ... 1e-4), 10 epochs.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_batch_norm_test"),
        &["--scales", "8", "--epochs", "10"],
    );
    let ahead = value(&stdout, "batch norm ahead");
    assert_eq!(value(&stdout, "scales"), 8.0);
    assert!(ahead >= 6.0, "batch norm ahead at only {ahead} of 8 scales");
    assert_eq!(stdout.matches("W std").count(), 8);
    assert_eq!(figures_written(&stdout), 1);
}

#[test]
fn batch_norm_gradient_check_agrees() {
    // Hidden layers of 10 instead of the book's 100: the numerical gradient of W1 alone takes
    // 2 x 7,840 forward passes then, instead of 2 x 78,400.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_batch_norm_gradient_check"),
        &["--hidden", "10,10", "--batch", "5"],
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        10,
        "W, b, gamma, beta for 2 layers, then W3, b3"
    );
    for name in ["gamma1", "beta1", "gamma2", "beta2", "W1", "W3", "b3"] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap();
        let relative: f64 = line
            .split("relative error ")
            .nth(1)
            .unwrap_or_else(|| panic!("{line}"))
            .trim_end_matches(')')
            .parse()
            .unwrap();
        // ~2e-6: the 1e-7 guard inside the loss's log, relative to y_t ≈ 0.1 (see
        // gradient_check_ch06.rs); a wrong backward gives errors near 1
        assert!(relative < 1e-5, "{line}");
        assert!(value(&stdout, name) < 1e-5, "{line}");
    }
    assert!(stdout.contains("b1: ") && stdout.contains("(both zero)"));
}

#[test]
fn overfit_weight_decay_narrows_the_gap() {
    // The book: 201 epochs, accuracy on all 10,000 test images each epoch. Here 101 epochs and
    // 2,000 test images: the net has learned its 300 images by then.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_overfit_weight_decay"),
        &["--epochs", "101", "--test-size", "2000"],
    );
    let (gap0, gap1) = (
        value(&stdout, "gap (λ = 0)"),
        value(&stdout, "gap (λ = 0.1)"),
    );
    assert!(value(&stdout, "train accuracy (λ = 0)") > 0.95, "overfits");
    assert!(gap1 < gap0 - 0.03, "gap λ = 0: {gap0}, λ = 0.1: {gap1}");
    assert_eq!(figures_written(&stdout), 2); // the accuracy curves and the weights' histogram
}

#[test]
fn overfit_dropout_narrows_the_gap() {
    // Shortened like overfit_weight_decay.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_overfit_dropout"),
        &["--epochs", "101", "--test-size", "2000"],
    );
    let (gap0, gap1) = (
        value(&stdout, "gap (no dropout)"),
        value(&stdout, "gap (dropout 0.2)"),
    );
    assert!(
        value(&stdout, "train accuracy (no dropout)") > 0.95,
        "overfits"
    );
    assert!(
        gap1 < gap0 - 0.03,
        "gap without: {gap0}, with dropout: {gap1}"
    );
    assert_eq!(figures_written(&stdout), 1);
}

#[test]
fn hyperparameter_optimization_finds_a_learning_rate_that_learns() {
    // The book: 100 trials of 50 epochs. Here 10 trials of 20 epochs.
    let stdout = run_ok(
        env!("CARGO_BIN_EXE_hyperparameter_optimization"),
        &["--trials", "10", "--epochs", "20"],
    );
    assert_eq!(
        stdout.matches("val acc: ").count(),
        10 + 10,
        "each trial, then the best"
    );
    let best = value(&stdout, "best validation accuracy");
    let lr = value(&stdout, "best lr");
    assert!(best > 0.3, "the best trial learned something: {best}");
    assert!(
        lr > 1e-3,
        "the best learning rate is among the large ones: {lr}"
    );
    assert_eq!(figures_written(&stdout), 1);
}

#[test]
fn every_binary_has_help() {
    for bin in [
        env!("CARGO_BIN_EXE_optimizer_compare_naive"),
        env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
        env!("CARGO_BIN_EXE_weight_init_activation_histogram"),
        env!("CARGO_BIN_EXE_weight_init_compare"),
        env!("CARGO_BIN_EXE_batch_norm_test"),
        env!("CARGO_BIN_EXE_batch_norm_gradient_check"),
        env!("CARGO_BIN_EXE_overfit_weight_decay"),
        env!("CARGO_BIN_EXE_overfit_dropout"),
        env!("CARGO_BIN_EXE_hyperparameter_optimization"),
    ] {
        let out = Command::new(bin).arg("--help").output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{bin} --help");
        assert!(stdout.contains("Usage:"), "{bin}: {stdout}");
        let draws = !bin.ends_with("batch_norm_gradient_check");
        assert_eq!(stdout.contains("--out"), draws, "{bin}: {stdout}");
    }
}

#[test]
fn nonsense_flags_are_refused_in_one_line() {
    let cases: [(&str, &[&str], &str); 14] = [
        (
            env!("CARGO_BIN_EXE_optimizer_compare_naive"),
            &["--lr", "0"],
            "--lr",
        ),
        (
            env!("CARGO_BIN_EXE_optimizer_compare_naive"),
            &["--optimizer", "lbfgs"],
            "--optimizer",
        ),
        (
            env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
            &["--lr", "-1"],
            "--lr",
        ),
        (
            env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
            &["--batch-size", "0"],
            "--batch-size",
        ),
        (
            env!("CARGO_BIN_EXE_weight_init_compare"),
            &["--init", "kaiming"],
            "--init",
        ),
        (
            env!("CARGO_BIN_EXE_weight_init_activation_histogram"),
            &["--layers", "0"],
            "--layers",
        ),
        (
            env!("CARGO_BIN_EXE_batch_norm_test"),
            &["--scales", "0"],
            "--scales",
        ),
        (
            env!("CARGO_BIN_EXE_batch_norm_gradient_check"),
            &["--batch", "1"],
            "--batch",
        ),
        (
            env!("CARGO_BIN_EXE_overfit_weight_decay"),
            &["--weight-decay", "-1"],
            "--weight-decay",
        ),
        (
            env!("CARGO_BIN_EXE_overfit_weight_decay"),
            &["--batch-size", "500"],
            "--batch-size",
        ),
        (
            env!("CARGO_BIN_EXE_overfit_dropout"),
            &["--dropout-ratio", "1"],
            "--dropout-ratio",
        ),
        (
            env!("CARGO_BIN_EXE_hyperparameter_optimization"),
            &["--log-lr", "-2", "-6"],
            "--log-lr",
        ),
        (
            env!("CARGO_BIN_EXE_hyperparameter_optimization"),
            &["--validation-rate", "1.5"],
            "--validation-rate",
        ),
        (
            env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
            &["--dataset", "cifar"],
            "--dataset",
        ),
    ];
    for (bin, args, needle) in cases {
        let out = run(bin, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if !stderr.contains("For more information") {
            // our own checks (clap's messages add a hint and the possible values)
            assert_eq!(error_lines(&stderr), 1, "{args:?}: {stderr}");
        }
    }
}

#[test]
fn divergence_stops_with_a_hint() {
    let out = run(
        env!("CARGO_BIN_EXE_optimizer_compare_mnist"),
        &["--optimizer", "sgd", "--lr", "1e30", "--iters", "50"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("iteration") && stderr.contains("--lr"),
        "{stderr}"
    );
    assert_eq!(error_lines(&stderr), 1, "one line: {stderr}");
}
