//! What the checks mean for each exercise, printed in a few lines.

use crate::cargo::{Checks, Failure, Outcome};
use crate::exercises::{Chapter, Exercise, all};

/// How many failures a verdict shows before it says "and N more".
const SHOWN: usize = 3;

/// Where one exercise stands, by its checks.
pub enum Status {
    /// Every one of its `n` checks passes.
    Done(usize),
    /// Some fail: their names (without the exercise's) and why; `total` checks in all.
    Failing {
        failures: Vec<(String, Failure)>,
        total: usize,
    },
    /// No check ran: none exists, or the code does not compile.
    Unknown,
}

/// The exercise's status in a run of the checks.
pub fn status(checks: &Checks, exercise: &Exercise) -> Status {
    let prefix = format!("{}::", exercise.name);
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, outcome) in &checks.tests {
        let Some(test) = name.strip_prefix(&prefix) else {
            continue;
        };
        total += 1;
        if let Outcome::Failed(failure) = outcome {
            failures.push((test.to_owned(), failure.clone()));
        }
    }
    match (total, failures.is_empty()) {
        (0, _) => Status::Unknown,
        (n, true) => Status::Done(n),
        (_, false) => Status::Failing { failures, total },
    }
}

/// The first exercise, in the book's order, that is not done. After a compile error that is
/// the exercise whose file holds the error (when it is one).
pub fn next_unfinished(chapters: &[Chapter], checks: &Checks) -> Option<Exercise> {
    if let Some(error) = &checks.build_error {
        let file = error.file.as_deref()?;
        return all(chapters)
            .find(|e| e.stub().to_str() == Some(file))
            .cloned();
    }
    all(chapters)
        .find(|e| !matches!(status(checks, e), Status::Done(_)))
        .cloned()
}

/// Every chapter with a mark per exercise, and how many are done.
pub fn print_list(chapters: &[Chapter], checks: &Checks) {
    let width = all(chapters).map(|e| e.name.len()).max().unwrap_or(0);
    let mut done = 0;
    for chapter in chapters.iter().filter(|c| !c.exercises.is_empty()) {
        println!("{}", chapter.title);
        for e in &chapter.exercises {
            let (mark, what) = match status(checks, e) {
                Status::Done(_) => ("✓", "done".to_owned()),
                Status::Failing { failures, total } if failures.len() < total => (
                    "·",
                    format!("{} of {total} checks pass", total - failures.len()),
                ),
                Status::Failing { .. } => ("·", "not yet".to_owned()),
                Status::Unknown if checks.build_error.is_some() => ("?", "not built".to_owned()),
                Status::Unknown => ("?", "no checks".to_owned()),
            };
            done += usize::from(mark == "✓");
            println!("  {mark} {:width$}  {what}", e.name);
        }
    }
    match checks.build_error {
        Some(_) => println!("Nothing could be checked: the exercises do not compile."),
        None => println!("{done} of {} done.", all(chapters).count()),
    }
}

/// The verdict on one exercise in a few lines; true when all its checks pass.
pub fn print_verdict(exercise: &Exercise, checks: &Checks) -> bool {
    let name = &exercise.name;
    if let Some(error) = &checks.build_error {
        println!("✗ {name}: the exercises do not compile");
        println!("  {}", error.first);
        if error.count > 1 {
            println!(
                "  (and {} more errors; all of them: cargo test -p exercises --features check --no-run)",
                error.count - 1
            );
        }
        return false;
    }
    match status(checks, exercise) {
        Status::Done(n) => {
            match n {
                1 => println!("✓ {name}: its check passes"),
                n => println!("✓ {name}: all {n} checks pass"),
            }
            return true;
        }
        Status::Unknown => println!(
            "? {name}: no checks ran (exercises/tests/{}.rs needs a `mod {name}`)",
            exercise.chapter
        ),
        Status::Failing { failures, total } => {
            if failures.iter().all(|(_, f)| is_todo(f)) {
                let stub = exercise.stub();
                println!(
                    "✗ {name}: not written yet: replace the todo!()s in {}",
                    stub.display()
                );
                print_todos(&failures);
            } else {
                match total {
                    1 => println!("✗ {name}: its check fails"),
                    _ => println!("✗ {name}: {} of {total} checks fail", failures.len()),
                }
                print_failures(&failures);
            }
        }
    }
    println!(
        "  stuck? cargo run -p learn -- hint {}/{name}",
        exercise.chapter
    );
    false
}

/// One line per failed check (the first few): test: message (at file:line).
fn print_failures(failures: &[(String, Failure)]) {
    for (test, failure) in failures.iter().take(SHOWN) {
        let at = failure
            .at
            .as_ref()
            .map(|a| format!(" (at {a})"))
            .unwrap_or_default();
        let mut lines = failure.message.iter();
        let first = lines.next().map_or("failed", String::as_str);
        println!("  {test}: {first}{at}");
        for line in lines.take(SHOWN) {
            println!("    {line}");
        }
    }
    if failures.len() > SHOWN {
        println!("  (and {} more)", failures.len() - SHOWN);
    }
}

/// The `todo!()`s the checks ran into, once each, in the file's order: `line 24: todo!("and")`.
fn print_todos(failures: &[(String, Failure)]) {
    let mut todos: Vec<(usize, &str)> = failures
        .iter()
        .map(|(_, f)| {
            let line =
                f.at.as_deref()
                    .and_then(|a| a.rsplit(':').next()?.parse().ok());
            let what = f.message[0].trim_start_matches("not written yet: ");
            (line.unwrap_or(0), what)
        })
        .collect();
    todos.sort();
    todos.dedup();
    for (line, what) in todos {
        println!("  line {line}: {what}");
    }
}

/// Whether the check stopped at a `todo!()` still in place.
fn is_todo(failure: &Failure) -> bool {
    failure
        .message
        .first()
        .is_some_and(|m| m.starts_with("not written yet"))
}
