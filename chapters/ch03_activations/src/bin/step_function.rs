//! The book's `step_function.py`: draws the step function (`step_function.png` under `--out`).

use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only("Draws the step function.");
        let chart = ch03_activations::activations::step_chart();
        ch03_activations::activations::save(&chart, &out, "step_function.png")
    })
}
