//! The NAND gate as a perceptron: prints its truth table.

use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        dlfs_cli::no_flags("Prints the truth table of the NAND gate computed by a perceptron.");
        ch02_perceptron::print_truth_table("NAND", ch02_perceptron::nand);
        Ok(())
    })
}
