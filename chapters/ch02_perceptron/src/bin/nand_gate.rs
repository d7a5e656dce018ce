//! The NAND gate as a perceptron: prints its truth table.

use std::process::ExitCode;

use clap::Parser;

/// Prints the truth table of the NAND gate computed by a perceptron.
#[derive(Parser)]
#[command(version)]
struct Args {}

fn main() -> ExitCode {
    dlfs_cli::run(|| {
        Args::parse();
        ch02_perceptron::print_truth_table("NAND", ch02_perceptron::nand);
        Ok(())
    })
}
