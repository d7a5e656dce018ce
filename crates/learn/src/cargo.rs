//! Running the checks: `cargo test -p exercises --features check` and reading what it says.
//!
//! Compiler messages come as JSON (`--message-format json-diagnostic-short`), so a compile
//! error is one short line with its file and line; the test binaries print their usual text,
//! from which we keep each test's verdict and the lines of its panic message.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// What one run of the checks said.
#[derive(Default)]
pub struct Checks {
    /// Every test that ran, by its full name `<exercise>::<test>`.
    pub tests: BTreeMap<String, Outcome>,
    /// Set when the exercises (or their checks) do not compile.
    pub build_error: Option<BuildError>,
}

/// The verdict of one test.
pub enum Outcome {
    Passed,
    Failed(Failure),
}

/// Why a test failed.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct Failure {
    /// The lines of its panic message (what was computed, expected, got).
    pub message: Vec<String>,
    /// Where it panicked, `exercises/src/ch02/xor.rs:12`, when that is in the learner's file.
    pub at: Option<String>,
}

/// The first compile error, short, and how many there were.
pub struct BuildError {
    /// `exercises/src/ch02/xor.rs:14:5: error[E0308]: mismatched types: ...`
    pub first: String,
    /// The file of the first error, relative to the workspace root.
    pub file: Option<String>,
    pub count: usize,
}

/// Which checks to run.
pub struct Select<'a> {
    /// Compile the reference solutions instead of the stubs.
    pub solutions: bool,
    /// One chapter's checks (`ch02`) or, when `None`, all of them.
    pub chapter: Option<&'a str>,
    /// Only the tests whose names contain this (`xor::`).
    pub filter: Option<&'a str>,
}

/// Runs the selected checks from the workspace root and collects their verdicts.
pub fn run_checks(root: &Path, select: &Select) -> Result<Checks> {
    let features = if select.solutions {
        "check,solutions"
    } else {
        "check"
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .env("RUST_BACKTRACE", "0") // the panic message is what counts, not the stack
        .args([
            "test",
            "-p",
            "exercises",
            "--features",
            features,
            "--no-fail-fast",
        ])
        .args(["--message-format", "json-diagnostic-short"])
        .args(["--test", select.chapter.unwrap_or("ch*")]);
    if let Some(filter) = select.filter {
        cmd.args(["--", filter]);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo")?;
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    let mut checks = Checks::default();
    let mut parser = TestOutput::default();
    let progress = std::io::stderr().is_terminal();
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.context("cannot read cargo's output")?;
        match serde_json::from_str::<Value>(&line) {
            Ok(msg) if msg.is_object() => {
                compiler_message(&msg, &mut checks.build_error);
                if progress && msg["reason"] == "compiler-artifact" {
                    eprint!(
                        "\r\x1b[Kbuilt {}",
                        msg["target"]["name"].as_str().unwrap_or("")
                    );
                }
            }
            _ => parser.line(&line, &mut checks.tests),
        }
    }
    if progress {
        eprint!("\r\x1b[K");
        let _ = std::io::stderr().flush();
    }
    let status = child.wait().context("cargo did not finish")?;
    let stderr = stderr.join().unwrap_or_default();
    crashed_tests(&stderr, &mut checks.tests);
    if !status.success() && checks.tests.is_empty() && checks.build_error.is_none() {
        let first = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or(stderr.trim());
        bail!("cargo test failed: {first}");
    }
    Ok(checks)
}

/// Keeps the first compile error (and counts them) from one JSON message of cargo.
fn compiler_message(msg: &Value, error: &mut Option<BuildError>) {
    let diag = &msg["message"];
    let spans = diag["spans"].as_array();
    if msg["reason"] != "compiler-message"
        || diag["level"] != "error"
        || spans.is_none_or(|s| s.is_empty())
    {
        return; // warnings, and the closing "aborting due to N previous errors"
    }
    match error {
        Some(e) => e.count += 1,
        None => {
            let rendered = diag["rendered"].as_str().unwrap_or("").trim();
            let file = spans
                .into_iter()
                .flatten()
                .find(|s| s["is_primary"] == true)
                .and_then(|s| s["file_name"].as_str())
                .map(str::to_owned);
            *error = Some(BuildError {
                first: rendered.lines().next().unwrap_or(rendered).to_owned(),
                file,
                count: 1,
            });
        }
    }
}

/// libtest's text output, line by line: `test NAME ... ok|FAILED`, and after the run one block
/// `---- NAME stdout ----` per failed test holding its panic message (and, should a backtrace
/// be on, a `stack backtrace:` that ends what we keep).
#[derive(Default)]
struct TestOutput {
    /// The failed test whose block is being read.
    block: Option<String>,
}

impl TestOutput {
    fn line(&mut self, line: &str, tests: &mut BTreeMap<String, Outcome>) {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some(name) = rest.strip_suffix(" ... ok") {
                tests.insert(name.to_owned(), Outcome::Passed);
            } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
                tests.insert(name.to_owned(), Outcome::Failed(Failure::default()));
            }
        } else if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            self.block = Some(name.to_owned());
        } else if line == "failures:"
            || line == "stack backtrace:"
            || line.starts_with("test result:")
        {
            self.block = None;
        } else if let Some(name) = &self.block
            && let Some(Outcome::Failed(failure)) = tests.get_mut(name)
        {
            panic_line(line, failure);
        }
    }
}

/// Adds one line of a failed test's output to its message, reworded where that helps: a
/// `todo!()` still in place says so and where it is.
fn panic_line(line: &str, failure: &mut Failure) {
    let line = line.trim_end();
    if line.is_empty() || line.starts_with("note: run with `RUST_BACKTRACE") {
        return;
    }
    if line.starts_with("thread '")
        && let Some((_, at)) = line.split_once(" panicked at ")
    {
        // `thread 'xor::table' (81) panicked at exercises/src/ch02/xor.rs:12:5:`: the place is
        // kept only in the learner's file (the checks' own lines would say nothing new).
        let at = at.trim_end_matches(':');
        if at.starts_with("exercises/src/") {
            failure.at = Some(at.rsplit_once(':').map_or(at, |(f, _)| f).to_owned());
        }
        return;
    }
    let line = match line.strip_prefix("not yet implemented") {
        Some("") => "not written yet: todo!()".to_owned(),
        Some(what) => format!(
            "not written yet: todo!(\"{}\")",
            what.trim_start_matches(": ")
        ),
        None => line.to_owned(),
    };
    failure.message.push(line);
}

/// A test that overflowed its stack kills its test binary before it can print a verdict; its
/// name is on stderr.
fn crashed_tests(stderr: &str, tests: &mut BTreeMap<String, Outcome>) {
    for line in stderr.lines() {
        if line.ends_with(" has overflowed its stack")
            && let Some((name, _)) = line
                .strip_prefix("thread '")
                .and_then(|l| l.split_once('\''))
        {
            let message = "stack overflow: a function that calls itself without end?".to_owned();
            let failure = Failure {
                message: vec![message],
                at: None,
            };
            tests.insert(name.to_owned(), Outcome::Failed(failure));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\
running 2 tests
test gates::and_truth_table ... FAILED
test gates::or_truth_table ... ok
test gates::nand_truth_table ... FAILED

failures:

---- gates::and_truth_table stdout ----

thread 'gates::and_truth_table' (52) panicked at exercises/src/ch02/gates.rs:22:5:
not yet implemented: and
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

---- gates::nand_truth_table stdout ----

thread 'gates::nand_truth_table' panicked at exercises/tests/ch02.rs:41:9:
NAND: expected [1, 1, 1, 0], got [1, 1, 1, 1]


failures:
    gates::and_truth_table

test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out
";

    fn failure(tests: &BTreeMap<String, Outcome>, name: &str) -> Failure {
        match &tests[name] {
            Outcome::Failed(failure) => failure.clone(),
            Outcome::Passed => panic!("{name} passed"),
        }
    }

    #[test]
    fn the_verdicts_and_panic_messages_are_read_from_libtest_output() {
        let mut parser = TestOutput::default();
        let mut tests = BTreeMap::new();
        for line in OUTPUT.lines() {
            parser.line(line, &mut tests);
        }
        assert_eq!(tests.len(), 3);
        assert!(matches!(tests["gates::or_truth_table"], Outcome::Passed));
        let todo = failure(&tests, "gates::and_truth_table");
        assert_eq!(todo.message, ["not written yet: todo!(\"and\")"]);
        assert_eq!(todo.at.as_deref(), Some("exercises/src/ch02/gates.rs:22"));
        let wrong = failure(&tests, "gates::nand_truth_table");
        assert_eq!(
            wrong.message,
            ["NAND: expected [1, 1, 1, 0], got [1, 1, 1, 1]"]
        );
        assert_eq!(wrong.at, None);
    }

    #[test]
    fn only_the_first_compile_error_is_kept_and_the_rest_counted() {
        let error = |file: &str| {
            serde_json::json!({"reason": "compiler-message", "message": {"level": "error",
                "rendered": format!("{file}:3:5: error[E0308]: mismatched types\n"),
                "spans": [{"is_primary": true, "file_name": file}]}})
        };
        let summary = serde_json::json!({"reason": "compiler-message", "message":
            {"level": "error", "rendered": "error: aborting", "spans": []}});
        let mut build_error = None;
        for msg in [error("exercises/src/ch02/xor.rs"), error("b.rs"), summary] {
            compiler_message(&msg, &mut build_error);
        }
        let e = build_error.unwrap();
        assert_eq!(
            e.first,
            "exercises/src/ch02/xor.rs:3:5: error[E0308]: mismatched types"
        );
        assert_eq!(e.file.as_deref(), Some("exercises/src/ch02/xor.rs"));
        assert_eq!(e.count, 2);
    }
}
