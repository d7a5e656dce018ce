//! Draws the chapter's network diagram as SVG files (the page's figures): `--out DIR`.
use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_diagram::main(
        "Draws the book's 3-layer network with its weight notation (w⁽¹⁾₁₂) as SVG.",
        ch03_activations::diagrams::all,
    )
}
