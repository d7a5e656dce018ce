//! The book's `sig_step_compare.py`: draws the sigmoid and the step function on one chart (`sig_step_compare.png` under `--out`).

use std::process::ExitCode;

use clap::Parser;

/// Draws the sigmoid and the step function on one chart.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: dlfs_cli::OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let chart = ch03_activations::activations::sig_step_chart();
        ch03_activations::activations::save(&chart, &args.out, "sig_step_compare.png")
    })
}
