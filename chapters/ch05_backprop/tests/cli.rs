//! The chapter's binaries run as a learner runs them: real data, real output.

use std::process::{Command, Output};

fn run(bin: &str, args: &[&str]) -> Output {
    let out_dir = std::env::temp_dir().join(format!("dlfs-ch05-test-{}", std::process::id()));
    Command::new(bin)
        .args(args)
        .args(["--out", out_dir.to_str().unwrap()])
        .output()
        .expect("the binary runs")
}

fn value(stdout: &str, name: &str) -> f64 {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{stdout}"));
    let number = line.trim_end_matches(" s");
    number
        .parse()
        .unwrap_or_else(|e| panic!("`{name}: {number}` is not a number ({e}) in\n{stdout}"))
}

#[test]
fn train_neuralnet_reaches_the_books_accuracy() {
    let bin = env!("CARGO_BIN_EXE_train_neuralnet");
    let full = std::env::var_os("DLFS_DATA_DIR").is_some();
    // Full MNIST: the book's run. The bundled sample (5,000 images): a shorter one.
    let (args, floor) = if full {
        (vec![], 0.97)
    } else {
        (vec!["--iters", "2000"], 0.85)
    };
    let out = run(bin, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let acc = value(&stdout, "test accuracy");
    println!("{stdout}");
    if !full {
        println!("DLFS_DATA_DIR is not set: trained on the bundled sample instead of full MNIST");
    }
    assert!(acc >= floor, "test accuracy {acc} < {floor}");
    assert_eq!(
        stdout.matches("epoch ").count(),
        if full { 17 } else { 20 },
        "one line per epoch, at most about 20 (the sample's 40 epochs: every other one)"
    );
    assert!(stdout.contains("wrote "), "prints the figures it wrote");
}

#[test]
fn nonsense_flags_are_refused_in_one_line() {
    let bin = env!("CARGO_BIN_EXE_train_neuralnet");
    for (args, needle) in [
        (&["--lr", "0"][..], "--lr"),
        (&["--lr", "-1"], "--lr"),
        (&["--batch-size", "0"], "--batch-size"),
        (&["--batch-size", "100000000"], "--batch-size"),
        (&["--dataset", "cifar"], "--dataset"),
    ] {
        let out = run(bin, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn divergence_stops_with_a_hint() {
    let bin = env!("CARGO_BIN_EXE_train_neuralnet");
    let out = run(bin, &["--lr", "1e30", "--iters", "50"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("iteration") && stderr.contains("--lr"),
        "{stderr}"
    );
    // one line of error (after the loader's one-line note when it falls back to the sample)
    let lines = stderr.lines().filter(|l| !l.starts_with("note: ")).count();
    assert_eq!(lines, 1, "one line: {stderr}");
}

#[test]
fn apple_binaries_print_the_books_numbers() {
    let out = Command::new(env!("CARGO_BIN_EXE_buy_apple"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200\n"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_buy_apple_orange"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "price: 715\ndApple_num: 110\ndApple: 2.2\ndOrange: 3.3\ndOrange_num: 165\ndTax: 650\n"
    );
}

#[test]
fn gradient_check_agrees() {
    let out = Command::new(env!("CARGO_BIN_EXE_gradient_check"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Agreement to ~1e-7 or better; b2 carries the loss's 1e-7 guard (a bias of 1e-7 / y_t with
    // y_t ≈ 0.1 for an untrained net), a wrong backward would differ by 1e-2 or more.
    for name in ["W1", "b1", "W2", "b2"] {
        let diff = value(&stdout, name);
        assert!(diff < 1e-6, "{name}: {diff}");
    }
}
