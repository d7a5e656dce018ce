//! The chapter's binaries run as a learner runs them: real data, real output.

use std::process::{Command, Output};

use dataset::testing::DataLine;

fn run(bin: &str, args: &[&str]) -> Output {
    let out_dir = std::env::temp_dir().join(format!("dlfs-ch04g-test-{}", std::process::id()));
    Command::new(bin)
        .args(args)
        .args(["--out", out_dir.to_str().unwrap()])
        .output()
        .expect("the binary runs")
}

fn stdout_of(bin: &str, args: &[&str]) -> String {
    let out = run(bin, args);
    assert!(
        out.status.success(),
        "{bin} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text after `name: ` on its line.
fn field<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{stdout}"))
}

fn value(stdout: &str, name: &str) -> f64 {
    field(stdout, name).trim_end_matches(" s").parse().unwrap()
}

/// `[a, b, ...]` or `[[a, b], [c, d]]` as a flat list of numbers.
fn numbers(text: &str) -> Vec<f64> {
    text.split(['[', ']', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or_else(|_| panic!("not a number: {s}")))
        .collect()
}

fn close(a: &[f64], b: &[f64], eps: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| (a - b).abs() <= eps)
}

#[test]
fn gradient_1d_prints_the_books_slopes_and_the_rounding_lesson() {
    let stdout = stdout_of(env!("CARGO_BIN_EXE_gradient_1d"), &[]);
    assert_eq!(field(&stdout, "slope at x=5"), "0.1999999999990898");
    assert_eq!(field(&stdout, "slope at x=10"), "0.2999999999986347");
    assert_eq!(field(&stdout, "h=1e-50 as f32"), "0");
    assert_eq!(field(&stdout, "forward difference, h=1e-50, f64"), "0");
    assert_eq!(field(&stdout, "forward difference, h=1e-50, f32"), "NaN");
    let central_f32 = value(&stdout, "central difference, h=1e-4, f32");
    assert!((central_f32 - 0.2).abs() < 1e-2, "{central_f32}");
    assert!(stdout.contains("wrote "));
}

#[test]
fn gradient_2d_prints_the_books_gradients() {
    let stdout = stdout_of(env!("CARGO_BIN_EXE_gradient_2d"), &[]);
    assert_eq!(field(&stdout, "gradient at (3, 4)"), "[6, 8]");
    assert_eq!(field(&stdout, "gradient at (0, 2)"), "[0, 4]");
    assert_eq!(field(&stdout, "gradient at (3, 0)"), "[6, 0]");
}

#[test]
fn gradient_method_ends_where_the_book_does() {
    let stdout = stdout_of(env!("CARGO_BIN_EXE_gradient_method"), &[]);
    let x = numbers(field(&stdout, "x after 20 steps, lr=0.1"));
    assert!(close(&x, &[-0.03458765, 0.04611686], 1e-8), "{x:?}");
    let x = numbers(field(&stdout, "x after 100 steps, lr=0.1"));
    assert!(
        close(&x, &[-6.11110793e-10, 8.14814391e-10], 1e-17),
        "{x:?}"
    );
    // too large: blown up (the book prints [-2.58983747e+13, -1.29524862e+12])
    let x = numbers(field(&stdout, "x after 100 steps, lr=10.0"));
    assert!(close(&x, &[-2.58983747e13, -1.29524862e12], 1e5), "{x:?}");
    // too small: hardly moved (the book prints [-2.99999994, 3.99999992])
    let x = numbers(field(&stdout, "x after 100 steps, lr=1e-10"));
    assert!(close(&x, &[-2.99999994, 3.99999992], 1e-8), "{x:?}");
    assert_eq!(stdout.matches("wrote ").count(), 2);
}

#[test]
fn gradient_simplenet_prints_the_books_numbers() {
    let stdout = stdout_of(env!("CARGO_BIN_EXE_gradient_simplenet"), &[]);
    let p = numbers(field(&stdout, "predict"));
    assert!(
        close(&p, &[1.05414809, 0.63071653, 1.1328074], 1e-8),
        "{p:?}"
    );
    assert_eq!(field(&stdout, "argmax"), "2");
    // the book's 0.92806853663411326 has no 1e-7 guard; with it the loss is 2.5e-7 lower
    let unguarded = value(&stdout, "loss without the 1e-7 guard");
    assert!(
        (unguarded - 0.92806853663411326).abs() < 1e-8,
        "{unguarded}"
    );
    let loss = value(&stdout, "loss");
    assert!(
        (loss - (0.92806853663411326 - 2.53e-7)).abs() < 1e-8,
        "{loss}"
    );
    let dw = numbers(field(&stdout, "dW"));
    let book = [
        0.21924763,
        0.14356247,
        -0.36281009,
        0.32887144,
        0.2153437,
        -0.54421514,
    ];
    assert!(close(&dw, &book, 2e-7), "{dw:?}");
    // a random W (seeded) gives a different net but the same shapes
    let random = stdout_of(
        env!("CARGO_BIN_EXE_gradient_simplenet"),
        &["--random", "--seed", "1"],
    );
    assert_eq!(numbers(field(&random, "dW")).len(), 6);
    assert_ne!(field(&random, "W"), field(&stdout, "W"));
}

#[test]
fn train_neuralnet_learns() {
    let bin = env!("CARGO_BIN_EXE_ch04_train_neuralnet");
    let stdout = stdout_of(bin, &["--iters", "2000"]);
    println!("{stdout}");
    // Seed 42, 2,000 of the book's 10,000 iterations: full MNIST reaches 0.9049, the bundled
    // sample (5,000 training images, 1,000 test) 0.8830. The `data:` line says which it was.
    let data = DataLine::of(&stdout);
    let (floor, epochs) = if data.is_full() {
        (0.90, 4) // 2000 iterations / 600 per epoch
    } else {
        (0.875, 20) // 2000 iterations / 50 per epoch: 40 epochs, every other one reported
    };
    let acc = value(&stdout, "test accuracy");
    assert!(acc >= floor, "test accuracy {acc} < {floor} on {data:?}");
    assert_eq!(
        stdout.matches("epoch ").count(),
        epochs,
        "one line per reported epoch (at most about 20)"
    );
    assert_eq!(field(&stdout, "gradient"), "analytic, f32");
    assert!(stdout.contains("wrote "), "prints the figures it wrote");
}

/// The loss printed on the epoch line: the mini-batch's loss after the update.
fn epoch_loss(stdout: &str) -> f64 {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("epoch "))
        .unwrap_or_else(|| panic!("no epoch line in\n{stdout}"));
    line.rsplit("loss ").next().unwrap().parse().unwrap()
}

#[test]
fn numerical_gradient_runs_one_iteration() {
    let bin = env!("CARGO_BIN_EXE_ch04_train_neuralnet");
    // a batch of one keeps the 79,520 loss evaluations quick
    let stdout = stdout_of(bin, &["--numerical", "--batch-size", "1", "--threads", "2"]);
    assert_eq!(field(&stdout, "gradient"), "numerical, f64, 2 thread(s)");
    assert!(value(&stdout, "time per gradient") > 0.0);
    // two loss evaluations per parameter: 2 x (784·50 + 50 + 50·10 + 10)
    assert_eq!(value(&stdout, "forward passes per gradient"), 79_520.0);
    assert_eq!(stdout.matches("epoch ").count(), 1, "{stdout}");
    // The step it took is the analytic gradient's step: same seed, same image, the same loss
    // after the update (1.2007 on the bundled sample, down from ln 10 ≈ 2.30).
    let analytic = stdout_of(bin, &["--iters", "1", "--batch-size", "1"]);
    let (numerical_loss, analytic_loss) = (epoch_loss(&stdout), epoch_loss(&analytic));
    assert_eq!(numerical_loss, analytic_loss, "{stdout}\n{analytic}");
    assert!(
        numerical_loss < 2.0,
        "the step lowered the loss: {numerical_loss}"
    );
    // one step from a random start: still guessing
    assert!(value(&stdout, "test accuracy") < 0.5);
    assert_eq!(
        value(&stdout, "test accuracy"),
        value(&analytic, "test accuracy")
    );
}

#[test]
fn nonsense_flags_are_refused_in_one_line() {
    let bin = env!("CARGO_BIN_EXE_ch04_train_neuralnet");
    for (args, needle) in [
        (&["--lr", "0"][..], "--lr"),
        (&["--lr", "-1"], "--lr"),
        (&["--lr", "NaN"], "--lr"),
        (&["--batch-size", "0"], "--batch-size"),
        (&["--batch-size", "100000000"], "--batch-size"),
        (&["--iters", "0"], "--iters"),
        (&["--numerical", "--threads", "0"], "--threads"),
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
    let bin = env!("CARGO_BIN_EXE_ch04_train_neuralnet");
    // the sigmoid saturates and the guard caps the loss at 16.1, so only an lr that overflows
    // f32 (its largest value is 3.4e38) makes the loss NaN
    let out = run(bin, &["--lr", "1e38", "--iters", "50"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("iteration") && stderr.contains("--lr"),
        "{stderr}"
    );
    // (a note on where the data came from may come first)
    let errors: Vec<_> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
