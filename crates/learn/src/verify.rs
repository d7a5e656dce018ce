//! `learn verify`, what CI runs: on the untouched stubs every check fails (a check a stub passes
//! could never fail), with the solutions compiled in every check passes; and every exercise has
//! checks, a solution and a hint.

use std::path::Path;

use anyhow::Result;

use crate::cargo::{Checks, Outcome, Select, run_checks};
use crate::exercises::{Chapter, all};
use crate::hints;

/// Prints one line per chapter and one per problem; true when there is none.
pub fn verify(root: &Path, chapters: &[Chapter]) -> Result<bool> {
    let run = |solutions| {
        let select = Select {
            solutions,
            chapter: None,
            filter: None,
        };
        run_checks(root, &select)
    };
    let stubs = run(false)?;
    let solved = run(true)?;
    let mut problems = Vec::new();
    for (checks, what) in [(&stubs, "the stubs"), (&solved, "the solutions")] {
        if let Some(error) = &checks.build_error {
            problems.push(format!("{what} do not compile: {}", error.first));
        }
    }
    for chapter in chapters {
        let (mut total, mut stub_fails, mut solution_passes) = (0, 0, 0);
        for e in &chapter.exercises {
            let prefix = format!("{}::", e.name);
            let tests = names(&stubs, &prefix).chain(names(&solved, &prefix));
            let mut tests: Vec<&str> = tests.collect();
            tests.sort();
            tests.dedup();
            if tests.is_empty() {
                problems.push(format!("{}: no checks ran", e.name));
            }
            for test in tests {
                total += 1;
                match stubs.tests.get(test) {
                    Some(Outcome::Failed(_)) => stub_fails += 1,
                    _ => problems.push(format!("{test} does not fail on the untouched stub")),
                }
                match solved.tests.get(test) {
                    Some(Outcome::Passed) => solution_passes += 1,
                    Some(Outcome::Failed(f)) => problems.push(format!(
                        "{test} fails on the solution: {}",
                        f.message.join(" ")
                    )),
                    None => problems.push(format!("{test} did not run on the solution")),
                }
            }
            if !root.join(e.solution()).is_file() {
                problems.push(format!("{}: no {}", e.name, e.solution().display()));
            }
            if let Err(err) = hints::hint(root, e) {
                problems.push(format!("{}: {err:#}", e.name));
            }
        }
        match chapter.exercises.len() {
            0 => println!("{}: no exercises yet", chapter.title),
            n => println!(
                "{}: {n} exercises, {total} checks: the stubs fail {stub_fails}/{total}, the \
                 solutions pass {solution_passes}/{total}",
                chapter.title
            ),
        }
    }
    for test in stubs.tests.keys().chain(solved.tests.keys()) {
        let exercise = test.split("::").next().unwrap_or("");
        if !all(chapters).any(|e| e.name == exercise) {
            problems.push(format!(
                "{test} belongs to no exercise of a chapter's mod.rs"
            ));
        }
    }
    problems.dedup();
    for problem in &problems {
        println!("problem: {problem}");
    }
    Ok(problems.is_empty())
}

/// The names of the tests of one exercise (those starting with `prefix`).
fn names<'a>(checks: &'a Checks, prefix: &'a str) -> impl Iterator<Item = &'a str> {
    checks
        .tests
        .keys()
        .map(String::as_str)
        .filter(move |t| t.starts_with(prefix))
}
