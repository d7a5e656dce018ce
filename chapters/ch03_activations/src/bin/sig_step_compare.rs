//! The book's `sig_step_compare.py`: draws the sigmoid and the step function on one chart (`sig_step_compare.png` under `--out`).

use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only("Draws the sigmoid and the step function on one chart.");
        let chart = ch03_activations::activations::sig_step_chart();
        ch03_activations::activations::save(&chart, &out, "sig_step_compare.png")
    })
}
