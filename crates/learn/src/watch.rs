//! `learn watch`: check again on every save under `exercises/src`, and say how long the verdict
//! took from the moment the file was written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};

use crate::cargo::{Select, run_checks};
use crate::exercises::{Chapter, Exercise, all, by_stub};
use crate::verdict::{Status, next_unfinished, print_verdict, status};

/// Events closer together than this count as one save (editors write a file in several steps).
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Checks the next unfinished exercise, then each exercise whose file is saved (another file
/// saved checks the current one), moving on to the next one when the current one passes.
pub fn watch(root: &Path, chapters: &[Chapter]) -> Result<()> {
    // Files written after this were saved by the learner; the compiler's reads of older ones
    // make events too, which must not start a check of their own.
    let mut checked_at = SystemTime::now();
    let select = Select {
        solutions: false,
        chapter: None,
        filter: None,
    };
    let checks = run_checks(root, &select)?;
    let mut done: BTreeSet<String> = all(chapters)
        .filter(|e| matches!(status(&checks, e), Status::Done(_)))
        .map(|e| e.name.clone())
        .collect();
    let mut current = next_unfinished(chapters, &checks);
    match &current {
        Some(e) => {
            println!("Current exercise: {} ({})", e.name, e.stub().display());
            print_verdict(e, &checks);
        }
        None => println!("Every exercise passes."),
    }

    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, tx).context("cannot watch files")?;
    let src = root.join("exercises/src");
    debouncer
        .watcher()
        .watch(&src, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", src.display()))?;
    println!("\nWatching exercises/src: save a file to check it (Ctrl-C to stop).");

    while let Ok(events) = rx.recv() {
        // Everything saved since the last check, the newest last.
        let mut saved: Vec<PathBuf> = Vec::new();
        for events in std::iter::once(events).chain(rx.try_iter()) {
            let events = events.context("the file watcher failed")?;
            let paths = events.into_iter().map(|e| e.path);
            saved.extend(paths.filter(|p| is_source(p) && modified(p) > checked_at));
        }
        saved.sort_by_key(|p| modified(p));
        let Some(last) = saved.last() else { continue };
        let saved_at = modified(last);
        let Some(exercise) = by_stub(chapters, root, last).or_else(|| current.clone()) else {
            continue;
        };
        let shown = last.strip_prefix(root).unwrap_or(last);
        println!("\n{} saved: checking {}", shown.display(), exercise.name);
        checked_at = SystemTime::now();
        let passed = check(root, &exercise);
        let took = SystemTime::now()
            .duration_since(saved_at)
            .unwrap_or_default();
        println!("  (verdict {:.1} s after the save)", took.as_secs_f64());
        if passed {
            done.insert(exercise.name.clone());
        } else {
            done.remove(&exercise.name);
        }
        if passed && current.as_ref() == Some(&exercise) {
            current = all(chapters).find(|e| !done.contains(&e.name)).cloned();
            match &current {
                Some(e) => println!("Next: {} ({})", e.name, e.stub().display()),
                None => println!("That was the last one: every exercise passes."),
            }
        }
    }
    Ok(())
}

/// Runs one exercise's checks and prints the verdict (a cargo that cannot run is a verdict too,
/// not the end of the watch).
fn check(root: &Path, exercise: &Exercise) -> bool {
    let filter = format!("{}::", exercise.name);
    let select = Select {
        solutions: false,
        chapter: Some(&exercise.chapter),
        filter: Some(&filter),
    };
    match run_checks(root, &select) {
        Ok(checks) => print_verdict(exercise, &checks),
        Err(e) => {
            println!("✗ {}: {e:#}", exercise.name);
            false
        }
    }
}

/// A Rust file that still exists (editors' temporary files come and go).
fn is_source(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs") && path.is_file()
}

/// When the file was last written (now, if that cannot be read).
fn modified(path: &Path) -> SystemTime {
    path.metadata()
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| SystemTime::now())
}
