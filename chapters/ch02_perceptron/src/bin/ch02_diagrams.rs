//! Draws the chapter's perceptron diagrams as SVG files (the page's figures): `--out DIR`.
use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_diagram::main(
        "Draws a perceptron (with the AND gate's weights) and XOR's two layers with the truth table the chapter's gates compute, as SVG.",
        ch02_perceptron::diagrams::all,
    )
}
