//! The chapter's binary run as a learner runs it: real data, real output.

use std::process::{Command, Output};

use dataset::testing::DataLine;

fn run(args: &[&str]) -> Output {
    let out_dir = std::env::temp_dir().join(format!("dlfs-ch04l-test-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_ch04_loss"))
        .args(args)
        .args(["--out", out_dir.to_str().unwrap()])
        .output()
        .expect("the binary runs")
}

fn field<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{stdout}"))
}

fn value(stdout: &str, name: &str) -> f64 {
    field(stdout, name).parse().unwrap()
}

#[test]
fn prints_the_books_losses_a_mini_batch_and_the_estimates() {
    let out = run(&["--draws", "100"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    for (name, book) in [
        ("mean_squared_error, guess 2", 0.0975),
        ("cross_entropy_error, guess 2", 0.510825457099338),
        ("mean_squared_error, guess 7", 0.5975),
        ("cross_entropy_error, guess 7", 2.302584092994546),
        (
            "cross_entropy_error, batch of both, one-hot",
            1.406704775046942,
        ),
        (
            "cross_entropy_error, batch of both, labels",
            1.406704775046942,
        ),
        ("cross_entropy_error, y_t = 0", 16.11809565095832),
    ] {
        let v = value(&stdout, name);
        assert!((v - book).abs() < 1e-12, "{name}: {v}, expected {book}");
    }

    // ten indices into the training set, and their labels
    let train_size = DataLine::of(&stdout).n_train;
    let mask: Vec<usize> = field(&stdout, "batch_mask")
        .trim_matches(['[', ']'])
        .split(", ")
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(mask.len(), 10);
    assert!(mask.iter().all(|&i| i < train_size), "{mask:?}");
    assert_eq!(field(&stdout, "x_batch shape"), "[10, 784]");

    // the batches' mean loss is near the full set's, and the spread shrinks with the size
    let full = value(&stdout, "full training-set loss");
    let stds: Vec<f64> = [1, 10, 100, 1000]
        .iter()
        .map(|size| {
            let line = field(&stdout, &format!("batch {size:>4}"));
            let std = line.rsplit("std ").next().unwrap().parse::<f64>().unwrap();
            let mean: f64 = line["mean ".len()..line.find(',').unwrap()]
                .parse()
                .unwrap();
            assert!(
                (mean - full).abs() < 3.0 * std.max(0.01),
                "batch {size}: {line}"
            );
            std
        })
        .collect();
    assert!(stds.windows(2).all(|w| w[1] < w[0]), "{stds:?}");
    assert!(stds[3] < 0.1 * stds[0], "{stds:?}");
    assert_eq!(stdout.matches("wrote ").count(), 2);
}

#[test]
fn the_same_seed_draws_the_same_batch() {
    let args = ["--draws", "2", "--train-iters", "0", "--seed", "7"];
    let a = String::from_utf8_lossy(&run(&args).stdout).into_owned();
    let b = String::from_utf8_lossy(&run(&args).stdout).into_owned();
    assert_eq!(field(&a, "batch_mask"), field(&b, "batch_mask"));
    let c = String::from_utf8_lossy(
        &run(&["--draws", "2", "--train-iters", "0", "--seed", "8"]).stdout,
    )
    .into_owned();
    assert_ne!(field(&a, "batch_mask"), field(&c, "batch_mask"));
}

#[test]
fn bad_flags_are_refused_in_one_line() {
    for (args, needle) in [
        (&["--draws", "1"][..], "--draws"),
        (&["--dataset", "cifar"], "--dataset"),
        (&["--data-dir", "/nonexistent/dlfs"], "/nonexistent/dlfs"),
    ] {
        let out = run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
