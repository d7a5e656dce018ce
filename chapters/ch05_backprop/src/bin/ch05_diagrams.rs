//! Draws the chapter's computational graphs as SVG files (the page's figures): `--out DIR`.
use std::process::ExitCode;

fn main() -> ExitCode {
    dlfs_diagram::main(
        "Draws the apple, apple-and-orange, sigmoid, Affine and Softmax-with-Loss graphs as SVG; the shopping graphs carry the values MulLayer and AddLayer compute.",
        ch05_backprop::diagrams::all,
    )
}
