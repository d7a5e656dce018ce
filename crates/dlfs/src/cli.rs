//! What every chapter binary shares: common flags, one-line errors, progress bars.
//!
//! ```no_run
//! use clap::Parser;
//! #[derive(Parser)]
//! /// What this binary does.
//! struct Args {
//!     #[command(flatten)]
//!     common: dlfs::cli::SeedArg,
//! }
//! fn main() -> std::process::ExitCode {
//!     dlfs::cli::run(|| {
//!         let args = Args::parse();
//!         println!("seed: {}", args.common.seed);
//!         Ok(())
//!     })
//! }
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use rand::SeedableRng;
use rand::rngs::StdRng;

/// `--seed N`: every random draw of a run comes from one generator seeded with it, so two runs
/// with the same seed print the same numbers and draw the same figures.
#[derive(Debug, Clone, clap::Args)]
pub struct SeedArg {
    /// Seed of the random number generator (same seed, same numbers and figures)
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

impl SeedArg {
    /// The run's random number generator.
    pub fn rng(&self) -> StdRng {
        StdRng::seed_from_u64(self.seed)
    }
}

/// `--out DIR`: where a binary writes its figures.
#[derive(Debug, Clone, clap::Args)]
pub struct OutArg {
    /// Folder for the figures this run draws (created if missing)
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

impl OutArg {
    /// The path of figure `name` under `--out`, creating the folder.
    pub fn path(&self, name: &str) -> anyhow::Result<PathBuf> {
        std::fs::create_dir_all(&self.out).map_err(|e| {
            anyhow::anyhow!(
                "cannot create the output folder {}: {e} (choose another with --out DIR)",
                self.out.display()
            )
        })?;
        Ok(self.out.join(name))
    }
}

/// Runs a binary's body and turns an error into one line on stderr and exit code 1.
///
/// The error chain is printed on one line (`error: reading x: no such file`), with no backtrace:
/// each layer of context says what was being done and the innermost what went wrong.
pub fn run(body: impl FnOnce() -> anyhow::Result<()>) -> ExitCode {
    match body() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A progress bar on stderr for `len` steps of `what` (hidden when stderr is not a terminal,
/// so logs and CI stay clean: long runs also print one line per epoch).
pub fn progress_bar(len: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style =
        indicatif::ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} ({eta} left)")
            .expect("valid progress template")
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}
