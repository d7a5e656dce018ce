//! Chapter 2: the AND, NAND, OR and XOR gates as perceptrons.
//!
//! Prints the four truth tables and draws one figure with each gate's decision line and
//! regions. Expected output starts with:
//!
//! ```text
//! AND(0, 0) = 0
//! AND(1, 0) = 0
//! AND(0, 1) = 0
//! AND(1, 1) = 1
//! ```

use std::process::ExitCode;

use ch02_perceptron::{and, nand, or, print_truth_table, xor};
fn main() -> ExitCode {
    dlfs_cli::run(|| {
        let out = dlfs_cli::out_only(
            "The logic gates of chapter 2 as perceptrons: truth tables and decision regions.",
        );
        for (name, gate) in [
            ("AND", and as fn(f64, f64) -> u8),
            ("NAND", nand),
            ("OR", or),
            ("XOR", xor),
        ] {
            print_truth_table(name, gate);
            println!();
        }
        let path = out.path("perceptron_gates.png")?;
        ch02_perceptron::figure::gates_figure().save(&path)?;
        println!("wrote {}", path.display());
        Ok(())
    })
}
