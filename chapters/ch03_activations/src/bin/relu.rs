//! The book's `relu.py`: draws ReLU (`relu.png` under `--out`).

use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only("Draws ReLU.");
        let chart = ch03_activations::activations::relu_chart();
        ch03_activations::activations::save(&chart, &out, "relu.png")
    })
}
