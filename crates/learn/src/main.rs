//! `cargo run -p learn`: the exercises' runner.
//!
//! Shows each chapter's exercises, done or not yet, and checks the next unfinished one; checks
//! one exercise, prints its hint, re-checks on every save, restores a stub, and verifies (for
//! CI) that every check fails on the stubs and passes on the solutions. Progress is what the
//! checks say when they run (`cargo test -p exercises --features check`), never a saved state.

mod cargo;
mod exercises;
mod hints;
mod verdict;
mod verify;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use cargo::{Checks, Select, run_checks};
use exercises::{Chapter, Exercise};

/// The exercises of dlfs: write the book's code yourself, checked as you go.
///
/// Each exercise is a file under exercises/src/chNN/ with todo!()s to replace. With no command,
/// shows every exercise (done or not yet) and checks the next one.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every chapter's exercises, done or not yet, then the verdict on the next one (the default)
    List,
    /// Check one exercise: what was expected and what came back (default: the next unfinished)
    Check { name: Option<String> },
    /// Print an exercise's hint (default: the next unfinished)
    Hint { name: Option<String> },
    /// Check again on every save under exercises/src, moving on when an exercise passes
    Watch,
    /// Restore an exercise's file as it was given (from git); your version is kept aside
    Reset { name: String },
    /// What CI runs: every check fails on the stubs and passes with the solutions
    Verify,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("learn: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    let root = workspace_root()?;
    let chapters = exercises::chapters(&root)?;
    let ok = match args.command.unwrap_or(Command::List) {
        Command::List => {
            let checks = run_all(&root)?;
            verdict::print_list(&chapters, &checks);
            println!();
            check_next(&chapters, &checks)
        }
        Command::Check { name: None } => check_next(&chapters, &run_all(&root)?),
        Command::Check { name: Some(name) } => {
            let exercise = exercises::find(&chapters, &name)?;
            let filter = format!("{}::", exercise.name);
            let select = Select {
                solutions: false,
                chapter: Some(&exercise.chapter),
                filter: Some(&filter),
            };
            verdict::print_verdict(&exercise, &run_checks(&root, &select)?)
        }
        Command::Hint { name } => {
            let exercise = match name {
                Some(name) => exercises::find(&chapters, &name)?,
                None => next_or_done(&chapters, &run_all(&root)?)?,
            };
            let hint = hints::hint(&root, &exercise)?;
            let page = exercise.hints_page();
            println!("Hint for {} ({}):\n\n{hint}", exercise.name, page.display());
            true
        }
        Command::Watch => {
            watch::watch(&root, &chapters)?;
            true
        }
        Command::Reset { name } => {
            reset(&root, &exercises::find(&chapters, &name)?)?;
            true
        }
        Command::Verify => verify::verify(&root, &chapters)?,
    };
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The workspace this runner was built in (two folders above its own manifest), so it works
/// from any folder.
fn workspace_root() -> Result<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot find the workspace at {} (moved?)", root.display()))?;
    if !root.join("exercises/src").is_dir() {
        bail!("{} has no exercises/src", root.display());
    }
    Ok(root)
}

/// Every check of every chapter, on the learner's code.
fn run_all(root: &Path) -> Result<Checks> {
    let select = Select {
        solutions: false,
        chapter: None,
        filter: None,
    };
    run_checks(root, &select)
}

/// The verdict on the next unfinished exercise; true when there is none left.
fn check_next(chapters: &[Chapter], checks: &Checks) -> bool {
    match verdict::next_unfinished(chapters, checks) {
        Some(e) => {
            println!("Next: {} ({})", e.name, e.stub().display());
            verdict::print_verdict(&e, checks)
        }
        None if checks.build_error.is_some() => {
            let error = checks.build_error.as_ref().map_or("", |e| e.first.as_str());
            println!("✗ the exercises do not compile:\n  {error}");
            false
        }
        None => {
            println!("Every exercise passes. Well done!");
            true
        }
    }
}

/// The next unfinished exercise, or an error saying there is none.
fn next_or_done(chapters: &[Chapter], checks: &Checks) -> Result<Exercise> {
    match verdict::next_unfinished(chapters, checks) {
        Some(e) => Ok(e),
        None => bail!("no unfinished exercise; name one: cargo run -p learn -- hint NAME"),
    }
}

/// Restores the stub from the upstream branch (or, without one, from the last commit), after
/// keeping the learner's version in the temporary folder.
fn reset(root: &Path, exercise: &Exercise) -> Result<()> {
    let stub = exercise.stub();
    let path = stub.to_str().context("the exercise's path is not UTF-8")?;
    let upstream = git(root, &["rev-parse", "--abbrev-ref", "@{upstream}"]).ok();
    let from = upstream
        .filter(|u| git(root, &["cat-file", "-e", &format!("{}:{path}", u.trim())]).is_ok())
        .map_or_else(|| "HEAD".to_owned(), |u| u.trim().to_owned());
    let original = git(root, &["show", &format!("{from}:{path}")])?;
    let mine = std::fs::read_to_string(root.join(&stub)).unwrap_or_default();
    if mine == original {
        println!("{path} is already as given ({from}); nothing to do.");
        return Ok(());
    }
    let kept = std::env::temp_dir().join(format!("dlfs-learn-{}.rs", exercise.name));
    std::fs::write(&kept, &mine).with_context(|| format!("cannot write {}", kept.display()))?;
    std::fs::write(root.join(&stub), original).with_context(|| format!("cannot write {path}"))?;
    println!(
        "Reset {path} to its version in {from}; yours is kept in {}.",
        kept.display()
    );
    Ok(())
}

/// Runs git in the workspace and returns what it printed.
fn git(root: &Path, args: &[&str]) -> Result<String> {
    let out = Process::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git {}: {}",
            args.join(" "),
            err.lines().next().unwrap_or("failed")
        );
    }
    String::from_utf8(out.stdout).context("git printed something that is not UTF-8")
}
