//! The book's `sigmoid.py`: draws the sigmoid (`sigmoid.png` under `--out`).

use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only("Draws the sigmoid.");
        let chart = ch03_activations::activations::sigmoid_chart();
        ch03_activations::activations::save(&chart, &out, "sigmoid.png")
    })
}
