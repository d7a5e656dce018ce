//! The book's `sigmoid.py`: draws the sigmoid (`sigmoid.png` under `--out`).

use std::process::ExitCode;

use clap::Parser;

/// Draws the sigmoid.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: dlfs_cli::OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let chart = ch03_activations::activations::sigmoid_chart();
        ch03_activations::activations::save(&chart, &args.out, "sigmoid.png")
    })
}
