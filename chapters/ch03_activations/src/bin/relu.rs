//! The book's `relu.py`: draws ReLU (`relu.png` under `--out`).

use std::process::ExitCode;

use clap::Parser;

/// Draws ReLU.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    out: dlfs_cli::OutArg,
}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let args = Args::parse();
        let chart = ch03_activations::activations::relu_chart();
        ch03_activations::activations::save(&chart, &args.out, "relu.png")
    })
}
