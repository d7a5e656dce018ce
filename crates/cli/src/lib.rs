//! What every chapter binary shares: common flags and flag groups ([`DataArgs`], [`TrainArgs`]
//! with the book's defaults, [`SeedArg`], [`OutArg`]), value parsers for ranges ([`ranges`]),
//! one-line errors, progress bars.
//!
//! ```no_run
//! use clap::Parser;
//! #[derive(Parser)]
//! /// What this binary does.
//! struct Args {
//!     #[command(flatten)]
//!     common: dlfs_cli::SeedArg,
//! }
//! fn main() -> std::process::ExitCode {
//!     dlfs_cli::run(|| {
//!         let args = Args::parse();
//!         println!("seed: {}", args.common.seed);
//!         Ok(())
//!     })
//! }
//! ```

mod data_args;
pub mod ranges;
mod train_args;

pub use data_args::DataArgs;
pub use indicatif::ProgressBar;
pub use train_args::{Book, Length, TrainArgs, parse, parse_with};

use std::path::PathBuf;
use std::process::ExitCode;

use rand::SeedableRng;
use rand::rngs::StdRng;

/// Every program built on dlfs_cli (the chapters' binaries, the benchmarks) allocates through
/// mimalloc instead of the system's allocator (speed only, like the engine room).
/// A training step allocates and frees arrays of megabytes (a batch's feature maps are 7 MB);
/// glibc's malloc hands back memory the caches have lost (or fresh pages from the kernel),
/// mimalloc the block just freed, still warm. Measured on a 2-vCPU AMD EPYC with AVX-512, in
/// pairs of runs taking turns, the machine's noise being of the same size as the gain:
/// SimpleConvNet's epoch (`bench_convnet --iters 300`, five pairs) 3.16-3.90 s, median 3.63,
/// against 3.64-4.58, median 3.75; chapter 5's run (`bench`, six pairs) 2.55-2.88 s against
/// 2.83-3.25 s. Peak memory grows a little (chapter 7's 20 epochs 310 → 360 MB, chapter 5's
/// 285 → 322 MB). It lives here, not in the engine, so that a test binary of the core crates
/// can still install an allocator of its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tells mimalloc to keep the memory a program frees for its next allocations, instead of
/// handing it back to the kernel a while later ("purging"), which then has to map and zero
/// fresh pages when the next step allocates the same 7 MB again (the kernel's page zeroing was
/// 2% of SimpleConvNet's training time). Measured on the Intel machine, chapter 7's epoch,
/// runs taking turns (MIMALLOC_PURGE_DELAY=-1 in the environment against the default): 2.51,
/// 2.58, 2.59 s against 2.57, 2.63, 2.65 s; peak memory of two epochs 374 against 358 MB.
/// (An environment variable MIMALLOC_PURGE_DELAY still wins: mimalloc reads it first.)
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc's header (the crate names no constant for it).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options to a value its header allows (-1: never purge);
    // called on the main thread before the program starts others (it is not thread-safe).
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
    }
}

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

/// The command line of a binary whose only flag is `--out` (`about` is its `--help` text): the
/// book's one-figure scripts.
pub fn out_only(about: &'static str) -> OutArg {
    parse_about::<OutOnly>(about).out
}

/// The command line of a binary with no flags but `--help` and `--version`.
pub fn no_flags(about: &'static str) {
    parse_about::<NoFlags>(about);
}

#[derive(clap::Parser)]
#[command(version)]
struct OutOnly {
    #[command(flatten)]
    out: OutArg,
}

#[derive(clap::Parser)]
#[command(version)]
struct NoFlags {}

fn parse_about<A: clap::Parser>(about: &'static str) -> A {
    let mut cmd = A::command().about(about);
    let matches = cmd.get_matches_mut();
    A::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut cmd).exit())
}

/// Runs a binary's body and turns an error into one line on stderr and exit code 1.
///
/// The error chain is printed on one line (`error: reading x: no such file`), with no backtrace:
/// each layer of context says what was being done and the innermost what went wrong.
pub fn run(body: impl FnOnce() -> anyhow::Result<()>) -> ExitCode {
    keep_freed_memory();
    match body() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match flag_hint(&e) {
                Some(hint) => eprintln!("error: {e:#}: {hint}"),
                None => eprintln!("error: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// What to change on the command line after a library error (the library says what went wrong,
/// the binary which flag to change).
fn flag_hint(e: &anyhow::Error) -> Option<&'static str> {
    use dlfs::trainer::TrainError;
    Some(match e.downcast_ref::<TrainError>()? {
        TrainError::Diverged { .. } => "try a smaller --lr",
        TrainError::BatchTooLarge { .. } | TrainError::EmptyBatch => "choose another --batch-size",
    })
}

/// A progress bar that a training run moves, `len` steps long, with the running loss:
/// `TrainerConfig { monitor: dlfs_cli::progress("training", iters), .. }`.
pub fn progress(what: &str, len: usize) -> std::sync::Arc<dyn dlfs::trainer::Monitor> {
    let bar = progress_bar(len as u64, what);
    let style = indicatif::ProgressStyle::with_template(
        "{prefix:>12} [{bar:30}] {pos}/{len} {msg} ({eta} left)",
    )
    .expect("valid progress template")
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(what.to_string());
    bar.set_message("");
    std::sync::Arc::new(Progress {
        bar,
        recent: Default::default(),
    })
}

/// How many of the last losses the progress bar averages: one batch's loss jumps around.
pub const LOSS_WINDOW: usize = 50;

/// A [`dlfs::trainer::Monitor`] with a progress bar showing the mean loss of the last
/// [`LOSS_WINDOW`] updates; report lines print above it.
struct Progress {
    bar: indicatif::ProgressBar,
    recent: std::sync::Mutex<std::collections::VecDeque<f64>>,
}

impl dlfs::trainer::Monitor for Progress {
    fn step(&self, loss: f64) {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() == LOSS_WINDOW {
            recent.pop_front();
        }
        recent.push_back(loss);
        let mean = recent.iter().sum::<f64>() / recent.len() as f64;
        self.bar.set_message(format!("loss {mean:.4}"));
        self.bar.inc(1);
    }
    fn line(&self, line: &str) {
        self.bar.suspend(|| println!("{line}"));
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
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

/// A spinner on stderr while a slow step with no count runs (a numerical gradient); hidden
/// when stderr is not a terminal. Call `finish_and_clear` when the step is done.
pub fn spinner(what: &str) -> indicatif::ProgressBar {
    let spinner = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    spinner
}

/// A library enum that a flag chooses from by name (`--optimizer adam`, `--dataset fashion`):
/// the names are the command line's business, so they live here, not in the library's types.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every value, in the order `--help` lists them.
    const ALL: &'static [Self];
    /// The value's name on the command line.
    fn flag_name(self) -> &'static str;
}

/// The value parser of a [`Choice`] flag: `#[arg(long, value_parser = choice::<T>())]`; a
/// wrong name is refused by clap with the list of the right ones.
pub fn choice<T: Choice>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    let names = T::ALL.iter().map(|v| v.flag_name());
    clap::builder::PossibleValuesParser::new(names).map(|name| {
        *T::ALL
            .iter()
            .find(|v| v.flag_name() == name)
            .expect("clap only lets the listed names through")
    })
}

impl Choice for dataset::DatasetKind {
    const ALL: &'static [Self] = &[Self::Mnist, Self::Fashion];
    fn flag_name(self) -> &'static str {
        match self {
            Self::Mnist => "mnist",
            Self::Fashion => "fashion",
        }
    }
}

impl Choice for dlfs::optimizer::OptimizerKind {
    const ALL: &'static [Self] = &Self::ALL;
    fn flag_name(self) -> &'static str {
        use dlfs::optimizer::OptimizerKind::*;
        match self {
            Sgd => "sgd",
            Momentum => "momentum",
            Nesterov => "nesterov",
            AdaGrad => "adagrad",
            RmsProp => "rmsprop",
            Adam => "adam",
        }
    }
}

impl Choice for dlfs::net::Activation {
    const ALL: &'static [Self] = &[Self::Relu, Self::Sigmoid];
    fn flag_name(self) -> &'static str {
        match self {
            Self::Relu => "relu",
            Self::Sigmoid => "sigmoid",
        }
    }
}
