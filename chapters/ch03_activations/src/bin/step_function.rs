//! The book's `step_function.py`: draws the step function (`step_function.png` under `--out`).

use std::process::ExitCode;

use clap::Parser;

/// Draws the step function.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: dlfs_cli::OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let chart = ch03_activations::activations::step_chart();
        ch03_activations::activations::save(&chart, &args.out, "step_function.png")
    })
}
